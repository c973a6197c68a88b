/**
 * Reading the project a Dockerfile builds: the tolerant MSBuild reader, property evaluation (conditions,
 * Directory.Build.props, `$(...)`), the facts, and which project file belongs to a Dockerfile.
 * Project trees are written to a temporary folder per test.
 */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs, { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readMsbuildXml } from '../../server/src/service/msbuild/msbuildXml';
import { evaluateCondition, evaluateProperties } from '../../server/src/service/msbuild/msbuildProperties';
import { projectFactsFrom, targetFrameworkVersion } from '../../server/src/service/msbuild/projectFacts';
import { searchDockerfileText } from '../../server/src/host/project/dockerfileSearch';
import { readProjectFile, readProjectForDockerfile } from '../../server/src/host/project/readProject';
import { ProjectFactsStore } from '../../server/src/lsp/projectFactsStore';
import { pathToFileURL } from 'node:url';
import { removeTrees, writeTree } from '../helpers/tempTree';

afterEach(removeTrees);

const tree = (files: Record<string, string>): string => writeTree('ddf-project-', files);

const WEB_PROJECT = `<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <InvariantGlobalization>false</InvariantGlobalization>
    <ContainerFamily>noble-chiseled</ContainerFamily>
  </PropertyGroup>
</Project>`;

describe('the MSBuild reader', () => {
  test('reads the SDK, properties with their group condition, and framework references', () => {
    const doc = readMsbuildXml(`<?xml version="1.0" encoding="utf-8"?>
<!-- <TargetFramework>net6.0</TargetFramework> in a comment is not a property -->
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup Condition="'$(Configuration)' == 'Release'">
    <PublishAot>true</PublishAot>
  </PropertyGroup>
  <PropertyGroup>
    <TargetFramework>net9.0</TargetFramework>
    <Description>A &amp; B &lt;ok&gt;</Description>
    <Empty />
  </PropertyGroup>
  <ItemGroup><FrameworkReference Include="Microsoft.AspNetCore.App" /></ItemGroup>
</Project>`);
    assert.deepEqual(doc.sdks, ['Microsoft.NET.Sdk']);
    assert.deepEqual(doc.frameworkReferences, ['Microsoft.AspNetCore.App']);
    assert.deepEqual(
      doc.properties.map((p) => [p.name, p.value, p.condition]),
      [
        ['PublishAot', 'true', "'$(Configuration)' == 'Release'"],
        ['TargetFramework', 'net9.0', undefined],
        ['Description', 'A & B <ok>', undefined],
      ],
    );
  });

  test('never throws on a half-typed file and keeps what it could read', () => {
    const doc = readMsbuildXml('<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net10.0</TargetFramework><PublishAot>tr');
    assert.deepEqual(doc.sdks, ['Microsoft.NET.Sdk.Web']);
    assert.deepEqual(doc.properties.map((p) => p.name), ['TargetFramework']);
    for (const garbage of ['', '<', '<<<>>>', '<Project', '</Project></Project>', '<!-- open comment']) {
      assert.doesNotThrow(() => readMsbuildXml(garbage), garbage);
    }
  });

  test('reads <Sdk Name> elements and Import Sdk attributes', () => {
    const doc = readMsbuildXml('<Project><Sdk Name="Microsoft.NET.Sdk.Web" /><Import Project="Sdk.props" Sdk="Aspire.AppHost.Sdk/9.0.0" /></Project>');
    assert.deepEqual(doc.sdks, ['Microsoft.NET.Sdk.Web', 'Aspire.AppHost.Sdk']);
  });
});

describe('property evaluation', () => {
  test('conditions are decided for simple comparisons, as a Release publish sees them', () => {
    const known = new Map([['targetframework', 'net10.0']]);
    assert.equal(evaluateCondition("'$(Configuration)' == 'Release'", known), true);
    assert.equal(evaluateCondition("'$(Configuration)|$(Platform)'=='Debug|AnyCPU'", known), false);
    assert.equal(evaluateCondition("'$(TargetFramework)' != '' and '$(RuntimeIdentifier)' == ''", known), true);
    assert.equal(evaluateCondition("Exists('foo.props')", known), undefined);
    assert.equal(evaluateCondition("'$(A)' == 'x' or '$(B)' == 'y'", known), undefined);
  });

  test('later values win, $(Name) expands, and what cannot be known is forgotten', () => {
    const values = evaluateProperties([
      readMsbuildXml('<Project><PropertyGroup><Tfm>net8.0</Tfm><TargetFramework>$(Tfm)</TargetFramework><RuntimeIdentifier>linux-x64</RuntimeIdentifier></PropertyGroup></Project>'),
      readMsbuildXml('<Project><PropertyGroup><RuntimeIdentifier>$([System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier)</RuntimeIdentifier></PropertyGroup><PropertyGroup Condition="\'$(Configuration)\'==\'Debug\'"><TargetFramework>net6.0</TargetFramework></PropertyGroup></Project>'),
    ]);
    assert.equal(values.get('targetframework'), 'net8.0');
    assert.equal(values.has('runtimeidentifier'), false);
  });

  test('target framework monikers', () => {
    assert.equal(targetFrameworkVersion('net10.0'), '10.0');
    assert.equal(targetFrameworkVersion('net8.0-windows10.0.19041'), '8.0');
    assert.equal(targetFrameworkVersion('netcoreapp3.1'), '3.1');
    assert.equal(targetFrameworkVersion('net48'), undefined);
    assert.equal(targetFrameworkVersion('netstandard2.0'), undefined);
    assert.equal(targetFrameworkVersion('net4.8'), undefined);
  });
});

describe('project facts', () => {
  test('a web project with a container family', () => {
    const facts = projectFactsFrom('Web.csproj', [readMsbuildXml(WEB_PROJECT)]);
    assert.deepEqual(facts, {
      projectFile: 'Web.csproj',
      targetVersion: '10.0',
      isWeb: true,
      publishAot: false,
      selfContained: false,
      invariantGlobalization: false,
      runtimeIdentifier: undefined,
      containerFamily: 'noble-chiseled',
      projectFileName: 'Web.csproj',
      assemblyName: 'Web',
      publishRuntimeIdentifier: undefined,
      runtimeIdentifiers: [],
      containerBaseImage: undefined,
      outputType: 'Exe',
      sdk: 'Microsoft.NET.Sdk.Web',
      targetFramework: 'net10.0',
      multiTargeted: false,
      projectReferences: [],
    });
  });

  test('the assembly name, output type, references and container settings a Dockerfile depends on', () => {
    const facts = projectFactsFrom('src/Api/Api.csproj', [
      readMsbuildXml(`<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup>
        <OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework>
        <AssemblyName>$(MSBuildProjectName).Host</AssemblyName><RuntimeIdentifier>linux-musl-x64</RuntimeIdentifier>
        <ContainerBaseImage>mcr.microsoft.com/dotnet/runtime:10.0-alpine</ContainerBaseImage>
      </PropertyGroup><ItemGroup><ProjectReference Include="..\\Lib\\Lib.csproj" /><ProjectReference Include="../Core/Core.fsproj" /></ItemGroup></Project>`),
    ]);
    assert.equal(facts.projectFileName, 'Api.csproj');
    assert.equal(facts.assemblyName, 'Api.Host');
    assert.equal(facts.outputType, 'Exe');
    assert.equal(facts.publishRuntimeIdentifier, 'linux-musl-x64');
    assert.equal(facts.containerBaseImage, 'mcr.microsoft.com/dotnet/runtime:10.0-alpine');
    assert.deepEqual(facts.projectReferences, ['../Lib/Lib.csproj', '../Core/Core.fsproj']);
    // Without AssemblyName the project file's name is the app's name; the base SDK builds a library unless told.
    const library = projectFactsFrom('Lib.fsproj', [readMsbuildXml('<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net9.0</TargetFramework></PropertyGroup></Project>')]);
    assert.equal(library.assemblyName, 'Lib');
    assert.equal(library.outputType, 'Library');
    const worker = projectFactsFrom('W.csproj', [readMsbuildXml('<Project Sdk="Microsoft.NET.Sdk.Worker" />')]);
    assert.equal(worker.outputType, 'Exe');
    assert.equal(worker.isWeb, false);
  });

  test('AOT implies self-contained; TargetFrameworks takes the newest; RuntimeIdentifiers the first', () => {
    const facts = projectFactsFrom('Tool.csproj', [
      readMsbuildXml(`<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup>
        <TargetFrameworks>net8.0;net10.0;net9.0</TargetFrameworks><PublishAot>True</PublishAot>
        <RuntimeIdentifiers>linux-musl-x64;linux-x64</RuntimeIdentifiers><InvariantGlobalization>true</InvariantGlobalization>
      </PropertyGroup></Project>`),
    ]);
    assert.equal(facts.targetVersion, '10.0');
    assert.equal(facts.publishAot, true);
    assert.equal(facts.selfContained, true);
    assert.equal(facts.isWeb, false);
    assert.equal(facts.runtimeIdentifier, 'linux-musl-x64');
    assert.equal(facts.invariantGlobalization, true);
  });

  test('Directory.Build.props sets properties the project inherits and may override', () => {
    const root = tree({
      'Directory.Build.props': '<Project><PropertyGroup><TargetFramework>net9.0</TargetFramework><SelfContained>true</SelfContained></PropertyGroup></Project>',
      'src/Directory.Build.props': `<Project><Import Project="$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../'))" />
        <PropertyGroup><ContainerFamily>alpine</ContainerFamily></PropertyGroup></Project>`,
      'src/Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><FrameworkReference Include="Microsoft.AspNetCore.App" /></ItemGroup><PropertyGroup><SelfContained>false</SelfContained></PropertyGroup></Project>',
    });
    const read = readProjectFile(path.join(root, 'src/Api/Api.csproj'), root);
    assert.deepEqual(read.files, [path.join(root, 'Directory.Build.props'), path.join(root, 'src/Directory.Build.props'), path.join(root, 'src/Api/Api.csproj')]);
    assert.equal(read.facts?.targetVersion, '9.0');
    assert.equal(read.facts?.containerFamily, 'alpine');
    assert.equal(read.facts?.selfContained, false);
    assert.equal(read.facts?.isWeb, true);
  });
});

/** The project file the search finds for a Dockerfile (as the server and the CLI look for it). */
function located(dockerfile: string, text: string, options: { root?: string } = {}): string | undefined {
  return readProjectForDockerfile(dockerfile, text, options).projectFile;
}

describe('which project a Dockerfile builds', () => {
  test('the one project next to the Dockerfile', () => {
    const root = tree({ 'app/App.csproj': WEB_PROJECT, 'app/Dockerfile': '' });
    assert.equal(located(path.join(root, 'app/Dockerfile'), 'FROM x'), path.join(root, 'app/App.csproj'));
  });

  test('the project `dotnet publish` names, resolved against the build context', () => {
    const root = tree({ 'src/Api/Api.csproj': WEB_PROJECT, 'src/Worker/Worker.csproj': '<Project Sdk="Microsoft.NET.Sdk" />', Dockerfile: '' });
    const text = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nWORKDIR /src\nCOPY . .\nRUN dotnet publish "/src/src/Worker/Worker.csproj" -c Release -o /app\n';
    assert.equal(located(path.join(root, 'Dockerfile'), text, { root }), path.join(root, 'src/Worker/Worker.csproj'));
  });

  test('the one project the Dockerfile copies (Visual Studio layout: Dockerfile in the project, context at the solution)', () => {
    const root = tree({ 'Web/Web.csproj': WEB_PROJECT, 'Lib/Lib.csproj': '<Project Sdk="Microsoft.NET.Sdk" />', 'Web/sub/Dockerfile': '' });
    const text = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nCOPY ["Web/Web.csproj", "Web/"]\nRUN dotnet restore\n';
    assert.equal(located(path.join(root, 'Web/sub/Dockerfile'), text, { root }), path.join(root, 'Web/Web.csproj'));
  });

  test('a project in a parent folder, but never above the workspace root or past three levels', () => {
    const root = tree({ 'App.csproj': WEB_PROJECT, 'a/b/c/d/Dockerfile': '', 'ws/deploy/Dockerfile': '' });
    assert.equal(located(path.join(root, 'a/b/Dockerfile'), ''), path.join(root, 'App.csproj'));
    // A workspace opened at the file system root (its path ends with the separator) still lets the search go up.
    assert.equal(located(path.join(root, 'a/b/Dockerfile'), '', { root: path.parse(root).root }), path.join(root, 'App.csproj'));
    assert.equal(located(path.join(root, 'a/b/c/d/Dockerfile'), ''), undefined);
    assert.equal(located(path.join(root, 'ws/deploy/Dockerfile'), '', { root: path.join(root, 'ws') }), undefined);
  });

  test('several projects and nothing to choose by: no project rather than a wrong one', () => {
    const root = tree({ 'One.csproj': WEB_PROJECT, 'Two.csproj': WEB_PROJECT, Dockerfile: '' });
    assert.equal(located(path.join(root, 'Dockerfile'), 'FROM x'), undefined);
    assert.equal(readProjectForDockerfile(path.join(root, 'Dockerfile'), 'FROM x').facts, undefined);
  });

  test('the one real project among 99 copied paths that do not exist; a folder is not a project', () => {
    const root = tree({ 'src/Api/Api.csproj': WEB_PROJECT, 'src/Folder.csproj/keep': '', Dockerfile: '' });
    const missing = Array.from({ length: 97 }, (_, i) => `COPY src/Gone${i}/Gone${i}.csproj src/Gone${i}/`).join('\n');
    const text = `FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\n${missing}\nCOPY src/Folder.csproj ./\nCOPY src/Api/Api.csproj src/Api/\n`;
    assert.equal(located(path.join(root, 'Dockerfile'), text, { root }), path.join(root, 'src/Api/Api.csproj'));
  });

  test('near the file system root, a folder that the listing above it does not show is never read', (t) => {
    // The search's top folders include the root itself (`/`, `C:\\`), which already ends with a separator.
    const root = path.parse(process.cwd()).root;
    const dockerfile = path.join(root, `ddf-missing-${process.pid}`, 'a', 'b', 'Dockerfile');
    const text = `FROM mcr.microsoft.com/dotnet/sdk:10.0\nRUN dotnet test ../../../ddf-nowhere-${process.pid}/Api.Tests/Api.Tests.csproj\n`;
    const reads = t.mock.method(fs, 'readdirSync');
    assert.equal(located(dockerfile, text), undefined);
    assert.deepEqual(reads.mock.calls.map((call) => String(call.arguments[0])), [root]);
  });

  test('a project reached through a symbolic link counts; a dangling link does not', (t) => {
    const root = tree({ 'real/Api.csproj': WEB_PROJECT, 'app/Dockerfile': '' });
    try {
      symlinkSync(path.join(root, 'real/Api.csproj'), path.join(root, 'app/Api.csproj'));
      symlinkSync(path.join(root, 'real/Nowhere.csproj'), path.join(root, 'app/Dangling.csproj'));
    } catch (error) {
      t.diagnostic(`symbolic links are not available here: ${String(error)}`);
      return assert.ok(process.platform === 'win32', 'symbolic links must work on this platform');
    }
    assert.equal(located(path.join(root, 'app/Dockerfile'), 'FROM x', { root }), path.join(root, 'app/Api.csproj'));
  });

  test('reading project paths stays linear on pathological text (it runs on every request)', () => {
    const texts = ['x'.repeat(1_000_000), `${'y'.repeat(1_000_000)}${'/.csproj'.repeat(5000)}`, `RUN dotnet publish ${'a.csproj '.repeat(100_000)}`];
    for (const text of texts) {
      const started = performance.now();
      searchDockerfileText(text);
      assert.ok(performance.now() - started < 2000, `${text.slice(0, 20)}… took ${Math.round(performance.now() - started)} ms`);
    }
  });

  test('project paths a Dockerfile names: the published one first, then the copied ones', () => {
    const paths = (text: string): string[] => searchDockerfileText(text).map((c) => c.path);
    const found = paths('FROM mcr.microsoft.com/dotnet/sdk:10.0\nCOPY ["src/Api/Api.csproj", "src/Api/"]\nCOPY Lib/Lib.csproj Lib/\nRUN dotnet publish src/Api/Api.csproj -c Release\n');
    assert.equal(found[0], 'src/Api/Api.csproj');
    assert.ok(found.includes('Lib/Lib.csproj'), found.join(', '));
    assert.ok(!paths('FROM x\nCOPY App.csproj.user ./\n').includes('App.csproj.user'));
    // Lower-cased, `İ` is two code units: offsets taken from a lower-cased copy would cut the paths after it.
    assert.equal(paths('FROM mcr.microsoft.com/dotnet/sdk:10.0\nLABEL owner=İİİİ\nRUN dotnet publish src/Api/Api.csproj -c Release\n')[0], 'src/Api/Api.csproj');
  });
});

describe('the server store', () => {
  test('caches per folder and forgets when a project file changes', () => {
    const root = tree({ 'App.csproj': WEB_PROJECT, Dockerfile: '' });
    const store = new ProjectFactsStore(() => [root]);
    const document = { uri: pathToFileURL(path.join(root, 'Dockerfile')).href, getText: () => 'FROM x' };
    assert.equal(store.get(document)?.targetVersion, '10.0');
    writeFileSync(path.join(root, 'App.csproj'), WEB_PROJECT.replace('net10.0', 'net8.0'));
    assert.equal(store.get(document)?.targetVersion, '10.0', 'cached until told');
    assert.equal(store.filesChanged([pathToFileURL(path.join(root, 'README.md')).href]), false);
    assert.equal(store.filesChanged([pathToFileURL(path.join(root, 'App.csproj')).href]), true);
    assert.equal(store.get(document)?.targetVersion, '8.0');
    assert.equal(store.get({ uri: 'untitled:Untitled-1', getText: () => '' }), undefined);
  });
});
