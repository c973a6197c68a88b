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

/** The highest .NET version among `TargetFrameworks` (a multi-targeted app is usually containerized on its newest). */
function highestVersion(list: string): string | undefined {
  const versions = list
    .split(';')
    .map(targetFrameworkVersion)
    .filter((v): v is string => v !== undefined);
  return versions.sort((a, b) => versionNumber(b) - versionNumber(a))[0];
}

function bool(values: PropertyValues, name: string): boolean | undefined {
  const value = values.get(name.toLowerCase())?.trim().toLowerCase();
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

function text(values: PropertyValues, name: string): string | undefined {
  const value = values.get(name.toLowerCase())?.trim();
  return value ? value : undefined;
}

/**
 * Facts of a project from its documents in import order (Directory.Build.props first, the .csproj last).
 * `selfContained` is also true for `PublishAot`: a native AOT app carries its runtime, whatever the property says.
 */
export function projectFactsFrom(projectFile: string, documents: readonly MsbuildDocument[]): ProjectFacts {
  const values = evaluateProperties(documents);
  const project = documents[documents.length - 1];
  const sdks = documents.flatMap((d) => d.sdks).map((s) => s.toLowerCase());
  const frameworks = documents.flatMap((d) => d.frameworkReferences).map((f) => f.toLowerCase());
  const tfm = text(values, 'TargetFramework');
  const tfms = text(values, 'TargetFrameworks');
  const publishAot = bool(values, 'PublishAot') === true;
  const rids = text(values, 'RuntimeIdentifiers');
  return {
    projectFile,
    targetVersion: tfm !== undefined ? targetFrameworkVersion(tfm) : tfms !== undefined ? highestVersion(tfms) : undefined,
    isWeb: (project !== undefined && sdks.includes('microsoft.net.sdk.web')) || frameworks.includes('microsoft.aspnetcore.app'),
    publishAot,
    selfContained: publishAot || bool(values, 'SelfContained') === true,
    invariantGlobalization: bool(values, 'InvariantGlobalization'),
    runtimeIdentifier: text(values, 'RuntimeIdentifier') ?? rids?.split(';').map((r) => r.trim()).find((r) => r.length > 0),
    containerFamily: text(values, 'ContainerFamily'),
  };
}
