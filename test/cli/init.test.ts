/**
 * `dotnet-dockerfile init` as a real process on project folders written to temporary folders: what it writes for
 * each kind of project (and that `lint` finds nothing in it), where it writes (next to the project, `--output`, the
 * .dockerignore at the build context), that it never replaces a file without `--force`, and its errors.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cleanUp, runCli, workspace } from './helpers';

after(cleanUp);

const project = (sdk: string, properties: string, items = ''): string =>
  `<Project Sdk="${sdk}">\n  <PropertyGroup>\n${properties}\n  </PropertyGroup>\n${items ? `  <ItemGroup>\n${items}\n  </ItemGroup>\n` : ''}</Project>\n`;
const tfm = '    <TargetFramework>net10.0</TargetFramework>';
const exe = '    <OutputType>Exe</OutputType>';

/** Kinds of projects `dotnet new` and real solutions have, each in its own folder with a .git (the workspace). */
const KINDS: Readonly<Record<string, { files: Record<string, string>; project: string; final: RegExp }>> = {
  'web app (dotnet new web)': { files: { 'Web/Web.csproj': project('Microsoft.NET.Sdk.Web', tfm), 'Web/Program.cs': '' }, project: 'Web', final: /aspnet:10\.0-noble-chiseled-composite-extra/ },
  'worker (dotnet new worker)': { files: { 'Worker/Worker.csproj': project('Microsoft.NET.Sdk.Worker', tfm) }, project: 'Worker', final: /runtime:10\.0-noble-chiseled-extra/ },
  'console app (dotnet new console)': { files: { 'Tool/Tool.csproj': project('Microsoft.NET.Sdk', `${exe}\n${tfm}`) }, project: 'Tool', final: /runtime:10\.0-noble-chiseled-extra/ },
  'console app with invariant globalization': {
    files: { 'Tool/Tool.csproj': project('Microsoft.NET.Sdk', `${exe}\n${tfm}\n    <InvariantGlobalization>true</InvariantGlobalization>`) },
    project: 'Tool',
    final: /runtime:10\.0-noble-chiseled AS final/,
  },
  'Native AOT API (dotnet new webapiaot)': {
    files: { 'Aot/Aot.csproj': project('Microsoft.NET.Sdk.Web', `${tfm}\n    <PublishAot>true</PublishAot>\n    <InvariantGlobalization>true</InvariantGlobalization>`) },
    project: 'Aot',
    final: /runtime-deps:10\.0-noble-chiseled AS final/,
  },
  'F# console app': { files: { 'App/App.fsproj': project('Microsoft.NET.Sdk', `${exe}\n${tfm}`), 'App/Program.fs': '' }, project: 'App/App.fsproj', final: /runtime:10\.0-noble-chiseled-extra/ },
  'ContainerFamily alpine': {
    files: { 'Api/Api.csproj': project('Microsoft.NET.Sdk.Web', `${tfm}\n    <ContainerFamily>alpine</ContainerFamily>`) },
    project: 'Api',
    final: /aspnet:10\.0-alpine-extra/,
  },
  'several projects in one solution, with Directory.Build.props and NuGet.config': {
    files: {
      'Shop.sln': '',
      'Directory.Build.props': '<Project><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>\n',
      'NuGet.config': '<configuration />\n',
      'src/Shop.Api/Shop.Api.csproj': project('Microsoft.NET.Sdk.Web', '    <AssemblyName>Contoso.Shop</AssemblyName>', '    <ProjectReference Include="..\\Shop.Core\\Shop.Core.csproj" />'),
      'src/Shop.Core/Shop.Core.csproj': project('Microsoft.NET.Sdk', '    <Nullable>enable</Nullable>', '    <ProjectReference Include="../Shop.Data/Shop.Data.fsproj" />'),
      'src/Shop.Data/Shop.Data.fsproj': project('Microsoft.NET.Sdk', '    <Nullable>enable</Nullable>'),
      'src/Shop.Worker/Shop.Worker.csproj': project('Microsoft.NET.Sdk.Worker', ''),
    },
    project: 'src/Shop.Api',
    final: /aspnet:10\.0-noble-chiseled-composite-extra/,
  },
};

function repository(files: Record<string, string>): string {
  const root = workspace(files);
  mkdirSync(path.join(root, '.git'));
  return root;
}

describe('dotnet-dockerfile init', () => {
  for (const [name, kind] of Object.entries(KINDS)) {
    test(`${name}: writes a Dockerfile and a .dockerignore that lint finds nothing in`, () => {
      const root = repository(kind.files);
      const init = runCli(['init', kind.project], root);
      assert.equal(init.status, 0, init.stderr);
      assert.equal(init.stderr, '', 'no note: nothing to say about what it wrote');
      const projectFolder = kind.project.endsWith('proj') ? path.dirname(kind.project) : kind.project;
      const dockerfile = readFileSync(path.join(root, projectFolder, 'Dockerfile'), 'utf8');
      assert.match(dockerfile, kind.final);
      assert.ok(existsSync(path.join(root, '.dockerignore')) || existsSync(path.join(root, projectFolder, '.dockerignore')));
      const lint = runCli(['lint', path.join(projectFolder, 'Dockerfile'), '--fail-on', 'hint'], root);
      assert.equal(lint.status, 0, lint.stdout + lint.stderr);
      assert.match(lint.stdout, /1 Dockerfile checked, no problems/);
    });
  }

  test('a solution: restore reads the referenced projects (transitively) and the files above them; the context is the solution folder', () => {
    const root = repository(KINDS['several projects in one solution, with Directory.Build.props and NuGet.config']!.files);
    const init = runCli(['init', 'src/Shop.Api/Shop.Api.csproj'], root);
    assert.equal(init.status, 0, init.stderr);
    assert.equal(
      init.stdout,
      'wrote src/Shop.Api/Dockerfile (src/Shop.Api/Shop.Api.csproj: mcr.microsoft.com/dotnet/sdk:10.0-noble → mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-composite-extra)\n' +
        'wrote .dockerignore\n' +
        'build it from .: docker build -f src/Shop.Api/Dockerfile -t contoso.shop .\n',
    );
    const dockerfile = readFileSync(path.join(root, 'src/Shop.Api/Dockerfile'), 'utf8');
    const copies = dockerfile.split('\n').filter((line) => line.startsWith('COPY ['));
    assert.deepEqual(copies, [
      'COPY ["Directory.Build.props", "NuGet.config", "./"]',
      'COPY ["src/Shop.Api/Shop.Api.csproj", "src/Shop.Api/"]',
      'COPY ["src/Shop.Core/Shop.Core.csproj", "src/Shop.Core/"]',
      'COPY ["src/Shop.Data/Shop.Data.fsproj", "src/Shop.Data/"]',
    ]);
    assert.match(dockerfile, /ENTRYPOINT \["dotnet", "Contoso\.Shop\.dll"\]/);
    assert.match(readFileSync(path.join(root, '.dockerignore'), 'utf8'), /^\*\*\/bin\/$/m);
  });

  test('never replaces a file without --force; --force replaces both', () => {
    const root = repository({ 'Web/Web.csproj': project('Microsoft.NET.Sdk.Web', tfm), 'Web/Dockerfile': 'FROM scratch\n' });
    const refused = runCli(['init', 'Web'], root);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /Web\/Dockerfile already exists: nothing was written\. Use --force to replace it\./);
    assert.equal(readFileSync(path.join(root, 'Web/Dockerfile'), 'utf8'), 'FROM scratch\n');
    assert.equal(existsSync(path.join(root, 'Web/.dockerignore')), false, 'not even the .dockerignore');
    const forced = runCli(['init', 'Web', '--force'], root);
    assert.equal(forced.status, 0, forced.stderr);
    assert.match(readFileSync(path.join(root, 'Web/Dockerfile'), 'utf8'), /^# syntax=docker\/dockerfile:1/);
  });

  test('--output puts the Dockerfile elsewhere (a folder or a file); the header says how to build it', () => {
    const root = repository({ 'Web/Web.csproj': project('Microsoft.NET.Sdk.Web', tfm) });
    const toFolder = runCli(['init', 'Web/Web.csproj', '--output', 'deploy/'], root);
    assert.equal(toFolder.status, 0, toFolder.stderr);
    assert.match(readFileSync(path.join(root, 'deploy/Dockerfile'), 'utf8'), /docker build -f \.\.\/deploy\/Dockerfile -t web \./);
    const toFile = runCli(['init', 'Web', '-o', 'Web/web.dockerfile', '--force'], root);
    assert.equal(toFile.status, 0, toFile.stderr);
    assert.match(readFileSync(path.join(root, 'Web/web.dockerfile'), 'utf8'), /docker build -f web\.dockerfile -t web \./);
  });

  test('the one project of the current folder when none is named', () => {
    const root = repository({ 'Api/Api.csproj': project('Microsoft.NET.Sdk.Web', tfm) });
    const result = runCli(['init'], path.join(root, 'Api'));
    assert.equal(result.status, 0, result.stderr);
    assert.ok(existsSync(path.join(root, 'Api/Dockerfile')));
  });

  test('errors say what to do, and nothing is written', () => {
    const root = repository({
      'Two/A.csproj': project('Microsoft.NET.Sdk.Web', tfm),
      'Two/B.csproj': project('Microsoft.NET.Sdk.Web', tfm),
      'Lib/Lib.csproj': project('Microsoft.NET.Sdk', tfm),
      'Old/Old.csproj': project('Microsoft.NET.Sdk.Web', '    <TargetFramework>net6.0</TargetFramework>'),
      'Out/Out.csproj': project('Microsoft.NET.Sdk.Web', tfm, '    <ProjectReference Include="../../../elsewhere/X.csproj" />'),
      'All.sln': '',
      'Empty/readme.md': '',
    });
    const expect = (args: string[], cwd: string, message: RegExp): void => {
      const result = runCli(['init', ...args], cwd);
      assert.equal(result.status, 2, result.stdout);
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
    };
    expect([], root, /no project file in the current folder \(looked for \*\.csproj, \*\.fsproj, \*\.vbproj\)\. Name one: dotnet-dockerfile init src\/App\/App\.csproj/);
    expect(['Two'], root, /2 project files in Two \(A\.csproj, B\.csproj\): name the one to containerize/);
    expect(['All.sln'], root, /All\.sln is a solution: name the project of the app to containerize/);
    expect(['Lib'], root, /Lib\.csproj builds a library \(OutputType Library\), not an app/);
    expect(['Old'], root, /targets \.NET 6\.0, which is out of support/);
    expect(['Out'], root, /references \.\.\/\.\.\/\.\.\/elsewhere\/X\.csproj, outside the workspace: a Docker build context cannot reach it/);
    expect(['Nope/Nope.csproj'], root, /Nope\/Nope\.csproj does not exist/);
    expect(['Empty'], root, /no project file in Empty/);
    expect(['a', 'b'], root, /init takes one project/);
    for (const folder of ['Two', 'Lib', 'Old', 'Out']) assert.equal(existsSync(path.join(root, folder, 'Dockerfile')), false, folder);
  });

  test('a file it cannot write is an error that names it', () => {
    const root = repository({ 'Web/Web.csproj': project('Microsoft.NET.Sdk.Web', tfm) });
    writeFileSync(path.join(root, 'blocker'), '');
    const result = runCli(['init', 'Web', '--output', 'blocker/sub/Dockerfile'], root);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /cannot write blocker\/sub\/Dockerfile/);
  });
});
