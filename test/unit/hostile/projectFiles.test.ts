/**
 * Issue 19 #1 and #10: files from a cloned repository are read as hostile input. A Directory.Build.props or a
 * project that is a link to /dev/zero, a FIFO, or a file of megabytes is refused with a reason (it used to hang
 * the server and grow past 9 GB); a project outside the workspace is never read, named by `../../outside` or
 * reached through a symbolic link. Each case runs in a child process with a deadline, so a regression fails
 * instead of hanging the test run.
 */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readBoundedFile, MAX_SMALL_FILE_BYTES } from '../../../server/src/host/io/boundedRead';
import { isInsideBoundary } from '../../../server/src/host/project/projectLocator';
import { readProjectForDockerfile } from '../../../server/src/host/project/readProject';
import { removeTrees, writeTree } from '../../helpers/tempTree';

afterEach(removeTrees);

const WEB = '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>';
const OUTSIDE = '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net6.0</TargetFramework></PropertyGroup></Project>';

const tree = (files: Record<string, string>): string => writeTree('ddf-hostile-', files);

/**
 * Reads the project of `dockerfile` in a child process (tsx), so a read that blocks (a FIFO) or never ends
 * (/dev/zero) is killed at the deadline and reported, instead of hanging this test.
 */
function readInChild(dockerfile: string, text: string, root: string): { facts: { targetVersion?: string } | undefined; problems: string[] } {
  const script = `
    const { readProjectForDockerfile } = require(${JSON.stringify(path.resolve(__dirname, '../../../server/src/host/project/readProject.ts'))});
    const read = readProjectForDockerfile(${JSON.stringify(dockerfile)}, ${JSON.stringify(text)}, { root: ${JSON.stringify(root)} });
    process.stdout.write(JSON.stringify({ facts: read.facts, problems: read.problems }));`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 15_000, maxBuffer: 1024 * 1024 });
  assert.equal(child.signal, null, `reading the project did not finish in 15 s (killed by ${child.signal}): it blocked or read without end`);
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as { facts: { targetVersion?: string } | undefined; problems: string[] };
}

describe('files from the repository: regular files only, with a size cap', () => {
  test('readBoundedFile refuses devices, FIFOs and folders with a reason, and files over the cap', () => {
    const root = tree({ 'ok.txt': 'hello', 'big.txt': 'x'.repeat(MAX_SMALL_FILE_BYTES + 1) });
    execFileSync('mkfifo', [path.join(root, 'fifo')]);
    symlinkSync('/dev/zero', path.join(root, 'zero'));
    const ok = readBoundedFile(path.join(root, 'ok.txt'));
    assert.ok(ok.ok && ok.bytes.toString() === 'hello');
    const reasons = Object.fromEntries(['fifo', 'zero', 'big.txt', '.', 'missing'].map((name) => {
      const read = readBoundedFile(path.join(root, name));
      assert.equal(read.ok, false, name);
      return [name, read.ok ? '' : read.reason];
    }));
    assert.match(reasons.fifo!, /FIFO/);
    assert.match(reasons.zero!, /character device/);
    assert.match(reasons['big.txt']!, /over the 1\.0 MB limit/);
    assert.match(reasons['.']!, /folder/);
    assert.match(reasons.missing!, /does not exist/);
  });

  for (const [name, make] of [
    ['a link to /dev/zero', (file: string) => symlinkSync('/dev/zero', file)],
    ['a FIFO', (file: string) => execFileSync('mkfifo', [file])],
    ['a link to a FIFO', (file: string) => (execFileSync('mkfifo', [`${file}.fifo`]), symlinkSync(`${file}.fifo`, file))],
    ['a 5 MB file', (file: string) => writeFileSync(file, `<Project>${' '.repeat(5 * 1024 * 1024)}</Project>`)],
  ] as const) {
    test(`Directory.Build.props that is ${name}: the project is still read, the props file is named as unreadable`, () => {
      const root = tree({ 'app/App.csproj': WEB, 'app/Dockerfile': 'FROM x' });
      make(path.join(root, 'app', 'Directory.Build.props'));
      const read = readInChild(path.join(root, 'app/Dockerfile'), 'FROM x', root);
      assert.equal(read.facts?.targetVersion, '10.0');
      assert.equal(read.problems.length, 1, read.problems.join('\n'));
      assert.match(read.problems[0]!, /^Directory\.Build\.props (could not be|was not) read: /);
    });

    test(`a project file that is ${name} named by dotnet publish is never read`, () => {
      const root = tree({ 'app/Dockerfile': '' });
      make(path.join(root, 'app', 'App.csproj'));
      const read = readInChild(path.join(root, 'app/Dockerfile'), 'RUN dotnet publish App.csproj', root);
      assert.equal(read.facts, undefined);
    });
  }
});

describe('never outside the workspace', () => {
  test('`dotnet publish ../../../../outside/X.csproj` does not read a project above the workspace', () => {
    const top = tree({ 'outside/X.csproj': OUTSIDE, 'ws/a/b/c/Dockerfile': '' });
    const root = path.join(top, 'ws');
    const dockerfile = path.join(root, 'a/b/c/Dockerfile');
    const text = 'RUN dotnet publish ../../../../outside/X.csproj -c Release -o /app';
    assert.equal(readProjectForDockerfile(dockerfile, text, { root }).projectFile, undefined);
    const { searched: _searched, ...read } = readProjectForDockerfile(dockerfile, text, { root });
    assert.deepEqual(read, { facts: undefined, files: [], problems: [] });
    // Without a workspace the search stays within the three folders above the Dockerfile.
    assert.equal(readProjectForDockerfile(dockerfile, text).projectFile, undefined);
    // Inside the workspace the same shape of reference works.
    mkdirSync(path.join(root, 'src'));
    writeFileSync(path.join(root, 'src/X.csproj'), WEB);
    assert.equal(readProjectForDockerfile(dockerfile, 'FROM mcr.microsoft.com/dotnet/sdk:10.0\nRUN dotnet publish ../../../src/X.csproj', { root }).projectFile, path.join(root, 'src/X.csproj'));
  });

  test('a link inside the workspace to a project outside it is not read', () => {
    const top = tree({ 'outside/X.csproj': OUTSIDE, 'ws/app/Dockerfile': '' });
    const root = path.join(top, 'ws');
    symlinkSync(path.join(top, 'outside/X.csproj'), path.join(root, 'app/X.csproj'));
    symlinkSync(path.join(top, 'outside'), path.join(root, 'linked'));
    const dockerfile = path.join(root, 'app/Dockerfile');
    assert.equal(readProjectForDockerfile(dockerfile, 'FROM x', { root }).projectFile, undefined);
    assert.equal(readProjectForDockerfile(dockerfile, 'FROM mcr.microsoft.com/dotnet/sdk:10.0\nRUN dotnet publish ../linked/X.csproj', { root }).projectFile, undefined);
    assert.equal(isInsideBoundary(path.join(root, 'app/X.csproj'), root), false);
  });

  test('Directory.Build.props above the workspace, or linked from outside it, is not read', () => {
    const top = tree({ 'Directory.Build.props': '<Project><PropertyGroup><TargetFramework>net6.0</TargetFramework></PropertyGroup></Project>', 'ws/app/App.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web" />', 'ws/app/Dockerfile': '' });
    const root = path.join(top, 'ws');
    const read = readProjectForDockerfile(path.join(root, 'app/Dockerfile'), 'FROM x', { root });
    assert.equal(read.facts?.targetVersion, undefined, 'the props file above the workspace was read');
    assert.deepEqual(read.files, [path.join(root, 'app/App.csproj')]);
    symlinkSync(path.join(top, 'Directory.Build.props'), path.join(root, 'app/Directory.Build.props'));
    const linked = readProjectForDockerfile(path.join(root, 'app/Dockerfile'), 'FROM x', { root });
    assert.equal(linked.facts?.targetVersion, undefined);
    assert.deepEqual(linked.problems, ['Directory.Build.props was not read: it is a link to a file outside the workspace']);
  });

  test('a link that stays inside the workspace is followed', () => {
    const root = tree({ 'real/App.csproj': WEB, 'app/Dockerfile': '' });
    symlinkSync(path.join(root, 'real/App.csproj'), path.join(root, 'app/App.csproj'));
    assert.equal(readProjectForDockerfile(path.join(root, 'app/Dockerfile'), 'FROM x', { root }).facts?.targetVersion, '10.0');
  });
});
