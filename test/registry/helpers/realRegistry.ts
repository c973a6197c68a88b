/**
 * A real OCI registry on loopback for tests: Debian's `docker-registry` (the CNCF distribution reference
 * registry), started with a temporary config (127.0.0.1:<free port>, filesystem storage in a temp folder,
 * no auth) and seeded with `skopeo copy` from a hand-made OCI layout. Installs both with apt when missing
 * (as root); `registryUnavailable()` says why that is impossible, for the only allowed skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SEED_REF, writeMinimalOciLayout } from './ociLayout';

const PACKAGES = ['docker-registry', 'skopeo'];
const BINARIES = ['/usr/bin/docker-registry', '/usr/bin/skopeo'];

function log(message: string): void {
  process.stderr.write(`[registry test] ${message}\n`);
}

/** Installs docker-registry and skopeo with apt if missing. Returns a reason when that is impossible, else undefined. */
export function registryUnavailable(): string | undefined {
  if (BINARIES.every((binary) => existsSync(binary))) return undefined;
  if (process.platform !== 'linux') return `docker-registry and skopeo come from Debian packages; this is ${process.platform}`;
  if (!existsSync('/usr/bin/apt-get')) return 'docker-registry and skopeo are missing and there is no apt-get to install them';
  if (process.getuid?.() !== 0) return `docker-registry and skopeo are missing and installing them needs root (run: sudo apt-get install -y ${PACKAGES.join(' ')})`;
  log(`installing ${PACKAGES.join(' ')} with apt-get (once per machine)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Progress goes to stderr so the test runner's own output stays readable.
  const update = spawnSync('apt-get', ['update', '-q'], { stdio: ['ignore', 2, 2], env });
  if (update.status !== 0) return `apt-get update failed (exit ${update.status ?? 'signal'})`;
  const install = spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...PACKAGES], { stdio: ['ignore', 2, 2], env });
  if (install.status !== 0) return `apt-get install ${PACKAGES.join(' ')} failed (exit ${install.status ?? 'signal'})`;
  return BINARIES.every((binary) => existsSync(binary)) ? undefined : 'apt-get reported success but the binaries are missing';
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForRegistry(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}: ${output()}`);
    try {
      const response = await fetch(`${url}/v2/`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`docker-registry did not answer on ${url} within 15 s: ${output()}`);
}

export interface RealRegistry {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Pushes the seed image to `repository:tag` for every pair, one after another. */
  push(images: readonly { repository: string; tag: string }[]): Promise<void>;
  stop(): Promise<void>;
}

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr}`))));
  });
}

export async function startRealRegistry(): Promise<RealRegistry> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ddf-registry-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = path.join(folder, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: error',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${path.join(folder, 'storage')}`,
      'http:',
      `  addr: 127.0.0.1:${port}`,
      '',
    ].join('\n'),
  );
  const layout = path.join(folder, 'layout');
  writeMinimalOciLayout(layout);
  const child = spawn('/usr/bin/docker-registry', ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitForRegistry(url, child, () => output);
  } catch (error) {
    child.kill();
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    async push(images) {
      // One at a time: every seed image shares the same blobs, and concurrent uploads of one blob race in the
      // registry's filesystem storage ("digest invalid", "blob unknown to registry"). A failed push is retried once.
      for (const image of images) {
        const args = [
          'copy',
          '--quiet',
          '--insecure-policy',
          '--dest-tls-verify=false',
          `oci:${layout}:${SEED_REF}`,
          `docker://127.0.0.1:${port}/${image.repository}:${image.tag}`,
        ];
        await run('/usr/bin/skopeo', args).catch(() => run('/usr/bin/skopeo', args));
      }
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
