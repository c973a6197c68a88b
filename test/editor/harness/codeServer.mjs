// Starts code-server (for people and UI tests) and the raw VS Code server inside it (for extension-host tests),
// each with its own profile folders so nothing touches ~/.config, ~/.local or the user's VS Code.
/* global fetch -- node >= 18 has it; the lint config lists only the older node globals */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** User settings for every profile we create: quiet, offline, no trust prompt, fast hovers. */
export const baseSettings = JSON.parse(fs.readFileSync(path.join(here, 'settings.json'), 'utf8'));

/**
 * Profile folders under `dir`: user data, extensions, TMPDIR and XDG dirs, a config file, user settings.
 * code-server writes ~/.config/code-server/config.yaml and its sockets to $TMPDIR unless told otherwise.
 * @param {string} dir
 * @param {Record<string, unknown>} [settings] extra user settings
 * @param {{ fresh?: boolean }} [options] fresh (default): empty `dir` first; tests want that, `npm start` keeps state
 */
export function createProfile(dir, settings = {}, { fresh = true } = {}) {
  if (fresh) fs.rmSync(dir, { recursive: true, force: true });
  const p = {
    dir,
    userData: path.join(dir, 'user-data'),
    extensions: path.join(dir, 'extensions'),
    tmp: path.join(dir, 'tmp'),
    xdg: path.join(dir, 'xdg'),
    config: path.join(dir, 'config.yaml'),
  };
  for (const d of [path.join(p.userData, 'User'), p.extensions, p.tmp, p.xdg]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(p.userData, 'User', 'settings.json'), JSON.stringify({ ...baseSettings, ...settings }, null, 2));
  fs.writeFileSync(p.config, 'auth: none\ncert: false\n');
  return p;
}

/** Environment for a server process of this profile: node 24 first on PATH, private TMPDIR/XDG, no gallery. */
export function profileEnv(profile, node24) {
  return {
    ...process.env,
    PATH: `${node24.bin}${path.delimiter}${process.env.PATH ?? ''}`,
    TMPDIR: profile.tmp,
    XDG_CONFIG_HOME: path.join(profile.xdg, 'config'),
    XDG_DATA_HOME: path.join(profile.xdg, 'data'),
    XDG_CACHE_HOME: path.join(profile.xdg, 'cache'),
    // an empty gallery: no marketplace lookups (they would only time out here)
    EXTENSIONS_GALLERY: '{}',
  };
}

/** Installs a VSIX into the profile with code-server's CLI (the same code path as a user's install). */
export function installVsix(profile, node24, codeServer, vsix) {
  const r = spawnSync(
    node24.node,
    [codeServer, '--config', profile.config, '--user-data-dir', profile.userData, '--extensions-dir', profile.extensions, '--install-extension', vsix, '--force'],
    { env: profileEnv(profile, node24), encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`installing ${vsix} into code-server failed:\n${r.stdout}${r.stderr}`);
  return r.stdout.trim();
}

/** A port nobody listens on now: `preferred` when free, else one the OS picks. */
export async function freePort(preferred = 0) {
  const tryListen = (port) =>
    new Promise((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(0));
      server.listen(port, '127.0.0.1', () => {
        const { port: got } = /** @type {net.AddressInfo} */ (server.address());
        server.close(() => resolve(got));
      });
    });
  return (preferred && (await tryListen(preferred))) || tryListen(0);
}

/** Polls `url` until it answers 2xx; throws after `timeoutMs`. */
export async function waitForHttp(url, timeoutMs = 60000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Spawns a server in its own process group (so stop() also ends the extension host and language server it forks),
 * logging to `logFile`.
 */
function spawnServer(node24, args, env, logFile) {
  const out = fs.openSync(logFile, 'w');
  const child = spawn(node24.node, args, { env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  return { child, stop, logFile };
}

/**
 * code-server with the profile's extensions, no auth, on 127.0.0.1:port, opening `folder`.
 * @returns {{ child: import('node:child_process').ChildProcess, stop: () => void, logFile: string, url: string }}
 */
export function startCodeServer({ profile, node24, codeServer, port, folder }) {
  const args = [
    codeServer, '--config', profile.config, '--user-data-dir', profile.userData, '--extensions-dir', profile.extensions,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', folder,
  ];
  const server = spawnServer(node24, args, profileEnv(profile, node24), path.join(profile.dir, 'code-server.log'));
  return { ...server, url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}` };
}

/**
 * The raw VS Code server (code-server's CLI rejects unknown flags) with --enable-smoke-test-driver, which makes the
 * workbench honour `?payload=` (extensionDevelopmentPath, extensionTestsPath) and expose codeAutomationExit.
 */
export function startTestServer({ profile, node24, serverMain, port }) {
  const args = [
    serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
    '--accept-server-license-terms', '--disable-telemetry', '--enable-smoke-test-driver', '--disable-workspace-trust',
    '--user-data-dir', profile.userData, '--server-data-dir', profile.userData, '--extensions-dir', profile.extensions,
  ];
  // the raw web workbench keeps user settings in the browser; machine settings on the server are what it reads
  const machine = path.join(profile.userData, 'data', 'Machine');
  fs.mkdirSync(machine, { recursive: true });
  fs.copyFileSync(path.join(profile.userData, 'User', 'settings.json'), path.join(machine, 'settings.json'));
  return spawnServer(node24, args, profileEnv(profile, node24), path.join(profile.dir, 'vscode-server.log'));
}
