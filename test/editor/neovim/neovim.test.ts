/**
 * Another real editor: Neovim (Debian's 0.7, installed here with apt-get when missing), headless, configured with
 * exactly the README's snippet (editors/neovim.lua, which starts `dotnet-dockerfile-ls --stdio` from the PATH; the
 * PATH here leads to this checkout's built server). driver.lua opens a Dockerfile, waits for our diagnostics,
 * completes inside a tag, applies the exec-form code action and reports the buffer text.
 *   npm run test:neovim
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const driver = path.join(__dirname, 'driver.lua');
const editorConfig = path.join(repoRoot, 'editors', 'neovim.lua');

const DOCKERFILE = [
  'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN dotnet publish -c Release -o /app',
  '',
  'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled',
  'WORKDIR /app',
  'COPY --from=build /app .',
  'CMD dotnet App.dll',
].join('\n');

function log(message: string): void {
  process.stderr.write(`[neovim test] ${message}\n`);
}

/** Neovim on the PATH, installed from Debian when missing (as CI does); throws with what to do otherwise. */
function ensureNeovim(): string {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0) return probe.stdout.split('\n')[0] ?? 'nvim';
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) throw new Error('Neovim 0.7+ is needed: install it (`nvim` on the PATH)');
  if (process.getuid?.() !== 0) throw new Error('Neovim is missing and installing it needs root: sudo apt-get install -y neovim');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'neovim'], { stdio: ['ignore', 2, 2], env }).status === 0;
  log('installing neovim with apt-get…');
  if (!install()) {
    spawnSync('apt-get', ['update', '-q'], { stdio: ['ignore', 2, 2], env });
    if (!install()) throw new Error('apt-get install neovim failed (see above)');
  }
  return spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? 'nvim';
}

interface DriverResult {
  readonly exit: number;
  readonly error?: string;
  readonly steps: string[];
  readonly filetype?: string;
  readonly client?: string;
  readonly diagnostics?: { line: number; code: string; message: string }[];
  readonly completion?: string[];
  readonly actions?: string[];
  readonly text?: string;
  readonly after?: { line: number; code: string }[];
}

const folders: string[] = [];
let result: DriverResult;

before(async () => {
  log(ensureNeovim());
  if (!existsSync(path.join(repoRoot, 'dist', 'server.js'))) {
    assert.equal(spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { stdio: ['ignore', 2, 2] }).status, 0, 'build');
  }
  const home = mkdtempSync(path.join(os.tmpdir(), 'ddf-nvim-'));
  folders.push(home);
  const workspace = path.join(home, 'app');
  const bin = path.join(home, 'bin');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(bin);
  writeFileSync(path.join(workspace, 'Dockerfile'), `${DOCKERFILE}\n`);
  // What `npm install -g dotnet-dockerfile` puts on the PATH, pointing at this checkout's build.
  const shim = path.join(bin, 'dotnet-dockerfile-ls');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${path.join(repoRoot, 'server', 'bin', 'dotnet-dockerfile-ls.js')}" "$@"\n`);
  chmodSync(shim, 0o755);
  const resultFile = path.join(home, 'result.json');
  const env = {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_STATE_HOME: path.join(home, 'state'),
    DOTNET_DOCKERFILE_CACHE: path.join(home, 'cache'),
    DDF_EDITOR_CONFIG: editorConfig,
    DDF_DOCKERFILE: path.join(workspace, 'Dockerfile'),
    DDF_RESULT: resultFile,
  };
  const started = Date.now();
  const status = await new Promise<number | null>((resolve) => {
    const child = spawn('nvim', ['--headless', '-n', '-i', 'NONE', '-u', driver], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      log(`no answer within 90 s, stopping Neovim; it said: ${output}`);
      child.kill('SIGKILL');
    }, 90_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (output.trim()) log(`Neovim said: ${output.trim()}`);
      resolve(code);
    });
  });
  log(`Neovim session ${Date.now() - started} ms, exit ${status}`);
  assert.ok(existsSync(resultFile), `the driver wrote no result (exit ${status})`);
  result = JSON.parse(readFileSync(resultFile, 'utf8')) as DriverResult;
});

after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('Neovim with the README configuration', () => {
  test('the session ran to its end', () => {
    assert.equal(result.error, undefined, result.error);
    assert.equal(result.exit, 0, `stopped after ${result.steps.join(', ')}: ${JSON.stringify(result)}`);
    assert.equal(result.filetype, 'dockerfile');
    assert.equal(result.client, 'dotnet-dockerfile');
  });

  test('our diagnostics: the shell-form CMD on the chiseled image, on its line', () => {
    const cmdLine = DOCKERFILE.split('\n').findIndex((l) => l.startsWith('CMD '));
    assert.ok(result.diagnostics?.some((d) => d.code === 'shell-form-without-shell' && d.line === cmdLine), JSON.stringify(result.diagnostics));
  });

  test('completion inside `aspnet:10.0-` offers the OS parts that exist', () => {
    const labels = result.completion ?? [];
    // segment by segment: after `10.0-` come the OSes of aspnet 10.0 (and no Debian: 10.0 has none)
    for (const os of ['noble', 'resolute', 'azurelinux3.0']) assert.ok(labels.includes(os), `${os} in ${labels.join(', ')}`);
    assert.ok(!labels.some((l) => /bookworm/.test(l)), labels.join(', '));
  });

  test('the exec-form code action rewrites the CMD, and the error goes away', () => {
    assert.ok(result.actions?.some((t) => t.startsWith('Rewrite in exec form')), JSON.stringify(result.actions));
    assert.equal(result.text, DOCKERFILE.replace('CMD dotnet App.dll', 'ENTRYPOINT ["dotnet", "App.dll"]'));
    assert.ok(!result.after?.some((d) => d.code === 'shell-form-without-shell'));
  });
});
