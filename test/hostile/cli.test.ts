/**
 * Issue 19 against the BUILT CLI (`node dist/cli.js`): files from a cloned repository that hang or eat memory
 * (#1), a bad project that used to abort the whole run (#9), a project outside the workspace (#10),
 * `lint --fix` that lost content (#6), `--output` that renamed over devices (#7), and a ReDoS glob (#8). Each
 * run has a deadline (a hang fails, never blocks), a time and a memory budget, and no stack trace on stderr.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { removeTrees, writeTree } from '../helpers/tempTree';
import { assertCliBudget, runCli } from './harness';

after(removeTrees);

const workspace = (files: Record<string, string>): string => writeTree('ddf-hostile-cli-', files);

/** Shell-form CMD on a chiseled image: an error whose safe fix rewrites the line. */
const FIXABLE = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nWORKDIR /app\nCMD dotnet App.dll\n';
const FIXED = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nWORKDIR /app\nENTRYPOINT ["dotnet", "App.dll"]\n';
const CLEAN = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nWORKDIR /app\nENTRYPOINT ["dotnet", "App.dll"]\n';
const NET8_PROJECT = '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>';

interface JsonReport {
  files: { path: string; fixed: boolean; problems: { ruleId: string; message: string }[] }[];
}
const report = (stdout: string): JsonReport => JSON.parse(stdout) as JsonReport;

/** Every folder above `file` lets other users through, and the file is readable: else `nobody` cannot run the CLI at all. */
function assertReadableByOthers(file: string): void {
  assert.ok((statSync(file).mode & 0o004) !== 0, `${file} is not readable by other users`);
  for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
    assert.ok((statSync(folder).mode & 0o001) !== 0, `${folder} does not let other users through (chmod o+x): this test runs the CLI as user nobody`);
    if (path.dirname(folder) === folder) break;
  }
}

describe('#1 files read from the repository: regular files only, with a size cap', () => {
  for (const [name, make] of [
    ['a link to /dev/zero', (file: string) => symlinkSync('/dev/zero', file)],
    ['a FIFO', (file: string) => execFileSync('mkfifo', [file])],
    ['a link to /dev/tty', (file: string) => symlinkSync('/dev/tty', file)],
  ] as const) {
    test(`.dotnet-dockerfile.json that is ${name}: a clear error, no hang`, () => {
      const root = workspace({ Dockerfile: CLEAN });
      make(path.join(root, '.dotnet-dockerfile.json'));
      const run = runCli(['lint'], root);
      assertCliBudget(run, name);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /\.dotnet-dockerfile\.json: cannot read the config file \(it is a (character device|FIFO \(named pipe\)), not a regular file/);
    });

    test(`Directory.Build.props that is ${name}: the Dockerfile is linted, the file is named`, () => {
      const root = workspace({ 'app/Dockerfile': CLEAN, 'app/App.csproj': NET8_PROJECT });
      make(path.join(root, 'app/Directory.Build.props'));
      const run = runCli(['lint', '--format', 'json', '--fail-on', 'error'], root);
      assertCliBudget(run, name);
      assert.match(run.stderr, /app\/Dockerfile: Directory\.Build\.props (could not be|was not) read: /);
      // The project itself was still read: net8.0 on a 10.0 image is reported.
      assert.ok(report(run.stdout).files[0]!.problems.some((p) => p.ruleId === 'project-version-mismatch'), run.stdout);
    });
  }

  test('a FIFO named Dockerfile given explicitly, and a 5 MB Dockerfile: refused with the reason, the others linted', () => {
    const root = workspace({ 'ok/Dockerfile': FIXABLE, 'big/Dockerfile': `FROM x\n${'# padding\n'.repeat(520_000)}` });
    mkdirSync(path.join(root, 'fifo'));
    execFileSync('mkfifo', [path.join(root, 'fifo/Dockerfile')]);
    const run = runCli(['lint', '--format', 'json', 'ok/Dockerfile', 'big/Dockerfile', 'fifo/Dockerfile'], root);
    assertCliBudget(run, 'FIFO and big Dockerfile');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /fifo\/Dockerfile: cannot read \(it is a FIFO/);
    assert.match(run.stderr, /big\/Dockerfile: cannot read \(it is 5\.0 MB, over the 4\.0 MB limit/);
    assert.deepEqual(report(run.stdout).files.map((f) => f.path), ['ok/Dockerfile']);
  });
});

describe('#9 one bad project never breaks the run', () => {
  const bad: Record<string, string> = {
    'an out-of-range character reference': '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework><Description>&#x110000;</Description></PropertyGroup></Project>',
    '$(P)$(P) doubling 40 deep': `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework><P0>x</P0>${Array.from({ length: 40 }, (_, i) => `<P${i + 1}>$(P${i})$(P${i})</P${i + 1}>`).join('')}</PropertyGroup></Project>`,
    '`$(` 100,000 times': `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework><X>${'$('.repeat(100_000)}</X></PropertyGroup></Project>`,
  };
  for (const [name, project] of Object.entries(bad)) {
    test(`${name}: the project is read as far as it can be, every file is reported`, () => {
      const root = workspace({ 'a/Dockerfile': CLEAN, 'a/A.csproj': project, 'b/Dockerfile': FIXABLE });
      const run = runCli(['lint', '--format', 'json'], root);
      assertCliBudget(run, name, 5000);
      const files = report(run.stdout).files;
      assert.deepEqual(files.map((f) => f.path), ['a/Dockerfile', 'b/Dockerfile']);
      assert.ok(files[0]!.problems.some((p) => p.ruleId === 'project-version-mismatch'), 'net8.0 was still read from the bad project');
      assert.ok(files[1]!.problems.some((p) => p.ruleId === 'shell-form-without-shell'));
    });
  }

  test('a project that cannot be read is named, and the other files are reported', () => {
    const root = workspace({ 'a/Dockerfile': 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\nRUN dotnet publish A.csproj\n', 'b/Dockerfile': FIXABLE });
    writeFileSync(path.join(root, 'a/A.csproj'), `<Project>${' '.repeat(2 * 1024 * 1024)}</Project>`);
    const run = runCli(['lint', '--format', 'json'], root);
    assertCliBudget(run, 'an unreadable project');
    assert.match(run.stderr, /a\/Dockerfile: A\.csproj could not be read: it is 2\.0 MB, over the 1\.0 MB limit/);
    assert.equal(report(run.stdout).files.length, 2);
  });
});

describe('#10 a project outside the workspace is never read', () => {
  test('through `dotnet publish ../../../../outside/X.csproj` and through a link', () => {
    const top = writeTree('ddf-hostile-outside-', { 'outside/X.csproj': NET8_PROJECT, 'ws/a/b/c/Dockerfile': 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\nRUN dotnet publish ../../../../outside/X.csproj\n', 'ws/d/Dockerfile': 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\n' });
    symlinkSync(path.join(top, 'outside/X.csproj'), path.join(top, 'ws/d/X.csproj'));
    const run = runCli(['lint', '--format', 'json', '--fail-on', 'hint'], path.join(top, 'ws'));
    assertCliBudget(run, 'outside');
    for (const file of report(run.stdout).files) assert.ok(!file.problems.some((p) => p.ruleId === 'project-version-mismatch'), `${file.path} read the project outside: ${JSON.stringify(file.problems)}`);
    assert.doesNotMatch(run.stderr, /X\.csproj/, 'the link to the outside project is not followed, not even to complain about it');
  });
});

describe('#6 lint --fix writes back only what it can, byte for byte', () => {
  test('a file that is not UTF-8 is left alone, byte for byte, and the run says so', () => {
    const root = workspace({});
    const bytes = Buffer.concat([Buffer.from('FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\n# caf'), Buffer.from([0xe9, 0xff]), Buffer.from('\nCMD dotnet App.dll\n')]);
    writeFileSync(path.join(root, 'Dockerfile'), bytes);
    const run = runCli(['lint', '--fix', '--format', 'json'], root);
    assertCliBudget(run, 'not UTF-8');
    assert.ok(readFileSync(path.join(root, 'Dockerfile')).equals(bytes), 'the bytes changed');
    assert.match(run.stderr, /Dockerfile: not fixed: it is not valid UTF-8/);
    assert.equal(report(run.stdout).files[0]!.fixed, false);
    assert.ok(report(run.stdout).files[0]!.problems.some((p) => p.ruleId === 'shell-form-without-shell'), 'the problem is still reported');
  });

  test('a BOM and CRLF line ends survive a fix', () => {
    const root = workspace({ Dockerfile: `\uFEFF${FIXABLE.replace(/\n/g, '\r\n')}` });
    const run = runCli(['lint', '--fix'], root);
    assertCliBudget(run, 'BOM');
    assert.equal(readFileSync(path.join(root, 'Dockerfile'), 'utf8'), `\uFEFF${FIXED.replace(/\n/g, '\r\n')}`);
  });

  test('through a symbolic link, the real target is fixed and the link stays a link', () => {
    const root = workspace({ 'real/Dockerfile.prod': FIXABLE });
    symlinkSync(path.join(root, 'real/Dockerfile.prod'), path.join(root, 'Dockerfile'));
    const run = runCli(['lint', '--fix', 'Dockerfile'], root);
    assertCliBudget(run, 'symlink');
    assert.ok(lstatSync(path.join(root, 'Dockerfile')).isSymbolicLink());
    assert.equal(readFileSync(path.join(root, 'real/Dockerfile.prod'), 'utf8'), FIXED);
  });

  test('a link to a file outside the workspace is not written through', () => {
    const outside = writeTree('ddf-hostile-target-', { 'Dockerfile.outside': FIXABLE });
    const root = workspace({});
    symlinkSync(path.join(outside, 'Dockerfile.outside'), path.join(root, 'Dockerfile'));
    const run = runCli(['lint', '--fix', 'Dockerfile'], root);
    assertCliBudget(run, 'link outside');
    assert.equal(readFileSync(path.join(outside, 'Dockerfile.outside'), 'utf8'), FIXABLE);
    assert.match(run.stderr, /Dockerfile: not fixed: it is a link to .*Dockerfile\.outside, outside /);
  });

  test('a read-only file is skipped and reported, not "fixed" (also for root)', () => {
    const root = workspace({ Dockerfile: FIXABLE });
    chmodSync(path.join(root, 'Dockerfile'), 0o444);
    const run = runCli(['lint', '--fix', '--format', 'json'], root);
    assertCliBudget(run, 'read-only');
    assert.equal(readFileSync(path.join(root, 'Dockerfile'), 'utf8'), FIXABLE);
    assert.equal(statSync(path.join(root, 'Dockerfile')).mode & 0o777, 0o444);
    assert.equal(report(run.stdout).files[0]!.fixed, false);
    assert.match(run.stderr, /Dockerfile: not fixed: it is read-only/);
    assert.equal(run.status, 1, 'the problem is still there, so the run fails on it');
  });

  test('a file with hard links is skipped (the links stay one file) and reported', () => {
    const root = workspace({ Dockerfile: FIXABLE });
    linkSync(path.join(root, 'Dockerfile'), path.join(root, 'Dockerfile.copy'));
    const run = runCli(['lint', '--fix', 'Dockerfile'], root);
    assertCliBudget(run, 'hard links');
    assert.match(run.stderr, /Dockerfile: not fixed: it has 2 hard links/);
    assert.equal(statSync(path.join(root, 'Dockerfile')).ino, statSync(path.join(root, 'Dockerfile.copy')).ino);
    assert.equal(readFileSync(path.join(root, 'Dockerfile'), 'utf8'), FIXABLE);
  });

  test('an ordinary file is still fixed, keeps its mode, and leaves no temporary file', () => {
    const root = workspace({ Dockerfile: FIXABLE });
    chmodSync(path.join(root, 'Dockerfile'), 0o640);
    const run = runCli(['lint', '--fix'], root);
    assertCliBudget(run, 'ordinary fix');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(path.join(root, 'Dockerfile'), 'utf8'), FIXED);
    assert.equal(statSync(path.join(root, 'Dockerfile')).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(root).filter((f) => f !== '.no-cache'), ['Dockerfile']);
  });
});

describe('#7 --output writes to special files as streams', () => {
  test('-o /dev/full: the write fails with the reason, and /dev/full is still a device', () => {
    const root = workspace({ Dockerfile: FIXABLE });
    const run = runCli(['lint', '-o', '/dev/full'], root);
    assertCliBudget(run, '/dev/full');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot write \/dev\/full: .*ENOSPC/);
    assert.ok(statSync('/dev/full').isCharacterDevice());
  });

  test('-o /dev/stdout works for a normal user', () => {
    const root = workspace({ Dockerfile: FIXABLE });
    chmodSync(root, 0o755);
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    if (process.getuid?.() === 0) assertReadableByOthers(path.resolve(__dirname, '..', '..', 'dist', 'cli.js'));
    const run = runCli(['lint', '--format', 'json', '-o', '/dev/stdout'], root, { ...asUser, env: { DOTNET_DOCKERFILE_CACHE: '/tmp/ddf-hostile-nobody-cache' } });
    assertCliBudget(run, '/dev/stdout');
    assert.equal(run.status, 1, run.stderr);
    assert.equal(report(run.stdout).files[0]!.path, 'Dockerfile');
  });

  test('-o a FIFO: the reader gets the report, the FIFO stays a FIFO', async () => {
    const root = workspace({ Dockerfile: FIXABLE });
    const fifo = path.join(root, 'report.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let received = '';
    reader.stdout.on('data', (chunk: Buffer) => void (received += chunk.toString()));
    const closed = new Promise<void>((resolve) => reader.on('close', () => resolve()));
    const run = runCli(['lint', '--format', 'json', '-o', fifo], root);
    await closed;
    assertCliBudget(run, 'FIFO');
    assert.equal(report(received).files[0]!.path, 'Dockerfile');
    assert.ok(statSync(fifo).isFIFO());
  });

  test('-o a link to a file: the file gets the report, the link stays', () => {
    const root = workspace({ Dockerfile: FIXABLE, 'reports/last.json': '' });
    symlinkSync(path.join(root, 'reports/last.json'), path.join(root, 'report.json'));
    const run = runCli(['lint', '--format', 'json', '-o', 'report.json'], root);
    assertCliBudget(run, 'link');
    assert.ok(lstatSync(path.join(root, 'report.json')).isSymbolicLink());
    assert.equal(report(readFileSync(path.join(root, 'reports/last.json'), 'utf8')).files[0]!.path, 'Dockerfile');
  });
});

describe('#8 a glob in a config is matched in linear time', () => {
  for (const depth of [12, 14, 24]) {
    test(`${depth} \`**/\` segments against a Dockerfile 19 folders deep`, () => {
      const deep = `${Array.from({ length: 19 }, (_, i) => `d${i}`).join('/')}/Dockerfile`;
      const root = workspace({ [deep]: CLEAN, '.dotnet-dockerfile.json': JSON.stringify({ ignore: [`${'**/'.repeat(depth)}nothing/Dockerfile`] }) });
      const run = runCli(['lint', '--format', 'json'], root);
      assertCliBudget(run, `${depth} globstars`, 5000);
      assert.equal(report(run.stdout).files.length, 1);
    });
  }
});
