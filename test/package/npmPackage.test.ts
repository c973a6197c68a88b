/**
 * The npm package as a user gets it: `npm pack`, then `npm install --offline` of the tarball into an empty folder
 * (offline proves it needs no dependency: dist/ is bundled), then the installed `dotnet-dockerfile` lints a
 * Dockerfile and prints its version, and the installed `dotnet-dockerfile-ls` answers a real LSP session over
 * stdio: initialize, didOpen, publishDiagnostics.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { realCatalog } from '../helpers/service';

const repoRoot = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string>; dependencies?: object };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const folders: string[] = [];
const temp = (prefix: string): string => {
  const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
  folders.push(folder);
  return folder;
};

let tarball = '';
let packedFiles: string[] = [];
let prefix = '';
let bin = (name: string): string => name;
const cache = temp('ddf-pkg-cache-');
const env = { ...process.env, DOTNET_DOCKERFILE_CACHE: cache, DOTNET_DOCKERFILE_TODAY: '2026-09-01', NODE_PATH: '' };

function run(command: string, args: readonly string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

before(() => {
  for (const file of ['dist/cli.js', 'dist/server.js', 'dist/server-main.js', 'dist/dotnet-images.catalog']) {
    if (!existsSync(path.join(repoRoot, file))) assert.equal(spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { stdio: 'inherit' }).status, 0);
  }
  const packs = temp('ddf-pack-');
  // --ignore-scripts: pack what `npm run build` made, without building again
  const packed = run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', packs], repoRoot);
  assert.equal(packed.status, 0, packed.stderr);
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(packs, info!.filename);
  packedFiles = info!.files.map((f) => f.path).sort();
  prefix = temp('ddf-install-');
  const installed = run(npm, ['install', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], prefix);
  assert.equal(installed.status, 0, `npm install --offline of the tarball failed:\n${installed.stdout}${installed.stderr}`);
  bin = (name) => path.join(prefix, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
});

after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('the npm package', () => {
  test('holds the bundles, the bins, the catalog, README, CHANGELOG and LICENSE, and nothing else', () => {
    assert.deepEqual(packedFiles, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/dotnet-images.catalog',
      'dist/server-main.js',
      'dist/server.js',
      'package.json',
      'server/bin/dotnet-dockerfile-ls.js',
      'server/bin/dotnet-dockerfile.js',
    ]);
    assert.equal(pkg.dependencies, undefined, 'everything is bundled: no runtime dependencies');
  });

  test('installs offline into an empty folder with nothing but itself', () => {
    assert.deepEqual(readdirSync(path.join(prefix, 'node_modules')).filter((e) => !e.startsWith('.')), [pkg.name]);
    for (const name of Object.keys(pkg.bin)) assert.ok(existsSync(bin(name)), `${name} is on the path of the install`);
  });

  test('dotnet-dockerfile --version: the version and the catalog date', () => {
    const result = run(bin('dotnet-dockerfile'), ['--version'], prefix);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, `${pkg.version}\n.NET image catalog: ${realCatalog().date} (bundled)\n`);
  });

  test('dotnet-dockerfile lint finds the shell-form CMD on a chiseled image', () => {
    const project = temp('ddf-pkg-project-');
    writeFileSync(path.join(project, 'Dockerfile'), 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nCMD dotnet app.dll\n');
    const result = run(bin('dotnet-dockerfile'), ['lint'], project);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^Dockerfile:2:1: error: .*\[shell-form-without-shell\]$/m);
  });

  test('dotnet-dockerfile-ls: --version, --help, and the usage (exit 2, stderr) without a transport', () => {
    assert.deepEqual(run(bin('dotnet-dockerfile-ls'), ['--version'], prefix), { status: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const help = run(bin('dotnet-dockerfile-ls'), ['--help'], prefix);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^usage: dotnet-dockerfile-ls --stdio \| --node-ipc/);
    const bare = run(bin('dotnet-dockerfile-ls'), [], prefix);
    assert.equal(bare.status, 2);
    assert.equal(bare.stdout, '');
    assert.match(bare.stderr, /no transport given\nusage: dotnet-dockerfile-ls --stdio/);
  });

  test('dotnet-dockerfile-ls --stdio: initialize, didOpen, publishDiagnostics', async () => {
    const child = spawn(bin('dotnet-dockerfile-ls'), ['--stdio'], { env, stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const uri = pathToFileURL(path.join(temp('ddf-pkg-lsp-'), 'Dockerfile')).href;
      const published = new Promise<PublishDiagnosticsParams>((resolve) =>
        connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
          if (p.uri === uri) resolve(p);
        }),
      );
      connection.listen();
      const init = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as { serverInfo?: { name: string }; capabilities: { completionProvider?: unknown } };
      assert.equal(init.serverInfo?.name, 'dotnet-dockerfile-ls');
      assert.ok(init.capabilities.completionProvider);
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nCMD dotnet app.dll\n' },
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no diagnostics within 10 s; stderr: ${stderr}`)), 10_000)));
      const diagnostics = await Promise.race([published, timeout]).finally(() => clearTimeout(timer));
      assert.ok(diagnostics.diagnostics.some((d) => d.code === 'shell-form-without-shell' && d.range.start.line === 1), JSON.stringify(diagnostics));
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
