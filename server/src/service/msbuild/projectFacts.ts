/**
 * Turns a project's MSBuild documents into the `ProjectFacts` the pure service receives.
 */
import type { ProjectFacts } from '../context';
import type { MsbuildDocument } from './msbuildXml';
import { evaluateProperties, type PropertyValues } from './msbuildProperties';

/** `net10.0` → `10.0`, `net8.0-windows` → `8.0`, `netcoreapp3.1` → `3.1`; undefined for .NET Framework / netstandard. */
export function targetFrameworkVersion(tfm: string): string | undefined {
  const match = /^net(coreapp)?(\d+)\.(\d+)(?:-.*)?$/i.exec(tfm.trim());
  if (!match) return undefined; // `net48`, `netstandard2.0`
  const major = Number(match[2]);
  // `net5.0` and later name .NET; `netcoreapp1.0`–`3.1` name .NET Core.
  if (!match[1] && major < 5) return undefined;
  return `${major}.${match[3]}`;
}

function versionNumber(version: string): number {
  const [major, minor] = version.split('.').map(Number);
  return (major ?? 0) * 1000 + (minor ?? 0);
}

/** The framework of the highest .NET version among `TargetFrameworks` (a multi-targeted app is usually containerized on its newest). */
function highestFramework(list: string): string | undefined {
  const frameworks = list
    .split(';')
    .map((tfm) => tfm.trim())
    .filter((tfm) => targetFrameworkVersion(tfm) !== undefined);
  return frameworks.sort((a, b) => versionNumber(targetFrameworkVersion(b)!) - versionNumber(targetFrameworkVersion(a)!))[0];
}

function bool(values: PropertyValues, name: string): boolean | undefined {
  const value = values.get(name.toLowerCase())?.trim().toLowerCase();
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

function text(values: PropertyValues, name: string): string | undefined {
  const value = values.get(name.toLowerCase())?.trim();
  return value ? value : undefined;
}

/** `src/Api/Api.csproj` or `C:\\x\\Api.csproj` → `Api.csproj`. */
function fileNameOf(projectFile: string): string {
  return projectFile.slice(Math.max(projectFile.lastIndexOf('/'), projectFile.lastIndexOf('\\')) + 1);
}

/** The properties MSBuild defines from the project file's own name, which `AssemblyName` and friends often use. */
function reservedProperties(fileName: string): MsbuildDocument {
  const dot = fileName.lastIndexOf('.');
  const name = dot > 0 ? fileName.slice(0, dot) : fileName;
  const property = (key: string, value: string) => ({ name: key, value: value.replace(/\$/g, '%24'), condition: undefined });
  return {
    sdks: [],
    properties: [property('MSBuildProjectName', name), property('MSBuildProjectFile', fileName), property('MSBuildProjectExtension', dot > 0 ? fileName.slice(dot) : '')],
    frameworkReferences: [],
    projectReferences: [],
  };
}

/** The SDKs that build an executable by default (the base `Microsoft.NET.Sdk` builds a library unless told). */
const EXE_SDKS = /^microsoft\.net\.sdk\.(web|worker)$|^aspire\.apphost\.sdk$/i;

/**
 * Facts of a project from its documents in import order (Directory.Build.props first, the .csproj last).
 * `selfContained` is also true for `PublishAot`: a native AOT app carries its runtime, whatever the property says.
 */
export function projectFactsFrom(projectFile: string, documents: readonly MsbuildDocument[]): ProjectFacts {
  const projectFileName = fileNameOf(projectFile);
  const values = evaluateProperties([reservedProperties(projectFileName), ...documents]);
  const project = documents[documents.length - 1];
  const sdks = documents.flatMap((d) => d.sdks).map((s) => s.toLowerCase());
  const frameworks = documents.flatMap((d) => d.frameworkReferences).map((f) => f.toLowerCase());
  const tfm = text(values, 'TargetFramework');
  const tfms = text(values, 'TargetFrameworks');
  const publishAot = bool(values, 'PublishAot') === true;
  const rids = text(values, 'RuntimeIdentifiers');
  const ridList = rids?.split(';').map((r) => r.trim()).filter((r) => r.length > 0) ?? [];
  const projectSdks = project?.sdks ?? [];
  const sdk = projectSdks.find((s) => /^microsoft\.net\.sdk/i.test(s)) ?? projectSdks[0];
  const highest = tfms !== undefined ? highestFramework(tfms) : undefined;
  const stem = projectFileName.replace(/\.[^.]*$/, '');
  return {
    projectFile,
    targetVersion: tfm !== undefined ? targetFrameworkVersion(tfm) : highest !== undefined ? targetFrameworkVersion(highest) : undefined,
    isWeb: (project !== undefined && sdks.includes('microsoft.net.sdk.web')) || frameworks.includes('microsoft.aspnetcore.app'),
    publishAot,
    selfContained: publishAot || bool(values, 'SelfContained') === true,
    invariantGlobalization: bool(values, 'InvariantGlobalization'),
    runtimeIdentifier: text(values, 'RuntimeIdentifier') ?? ridList[0],
    containerFamily: text(values, 'ContainerFamily'),
    projectFileName,
    assemblyName: text(values, 'AssemblyName') ?? stem,
    publishRuntimeIdentifier: text(values, 'RuntimeIdentifier'),
    runtimeIdentifiers: ridList,
    containerBaseImage: text(values, 'ContainerBaseImage'),
    outputType: text(values, 'OutputType') ?? (sdk === undefined ? undefined : EXE_SDKS.test(sdk) ? 'Exe' : /^microsoft\.net\.sdk$/i.test(sdk) ? 'Library' : undefined),
    sdk,
    targetFramework: tfm ?? highest,
    multiTargeted: tfm === undefined && highest !== undefined,
    projectReferences: documents.flatMap((d) => d.projectReferences).map((r) => r.replace(/\\/g, '/')),
  };
}
