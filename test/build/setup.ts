/**
 * What the build oracle needs on the machine, installed by the test itself: buildah (the builder), busybox-static
 * (the /bin/sh of the stand-in images with a shell), gcc and libc6-dev (to compile the static stand-in programs).
 * As root (CI, the dev machines) missing packages are installed with apt-get; otherwise the test fails with the
 * command to run. buildah runs with its own storage under test/build/.cache (ignored by git), the vfs driver and
 * chroot isolation, never pulls (`--pull=never`) and talks to no registry.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { check, run, type Ran } from './run';

export const CACHE = path.resolve(__dirname, '.cache');

/**
 * buildah's storage: on tmpfs (/dev/shm) where there is one, else in CACHE. vfs copies every layer of every step, and
 * on this VM's disk that makes a build half again as slow. One folder per checkout, so two checkouts' runs never
 * remove each other's containers. ORACLE_STORAGE overrides.
 */
const STORAGE_BASE =
  process.env.ORACLE_STORAGE ??
  (isWritableFolder('/dev/shm') ? path.join('/dev/shm', `dotnet-dockerfile-oracle-${createHash('sha256').update(CACHE).digest('hex').slice(0, 12)}`) : path.join(CACHE, 'buildah'));
const STORAGE = path.join(STORAGE_BASE, 'storage');
const RUN_ROOT = path.join(STORAGE_BASE, 'run');
/** buildah's temporary files (bundles, layer copies), beside the storage rather than in /var/tmp. */
const TEMP = path.join(STORAGE_BASE, 'tmp');

function isWritableFolder(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK);
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

const PACKAGES = ['buildah', 'busybox-static', 'gcc', 'libc6-dev'];

function has(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

function installed(pkg: string): boolean {
  const status = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return status.status === 0 && status.stdout.includes('install ok installed');
}

/** Packages of PACKAGES not installed (dpkg asked; a buildah or gcc found on PATH from elsewhere counts too). */
function missingPackages(): string[] {
  return PACKAGES.filter((pkg) => {
    if (pkg === 'buildah' || pkg === 'gcc') return !has(pkg) && !installed(pkg);
    return !installed(pkg);
  });
}

let ready = false;

/** Installs what is missing, or throws saying how to; never returns with a tool missing. */
export function ensureTools(): void {
  if (ready) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    throw new Error('The build oracle runs buildah with chroot isolation and the vfs driver, which need root: run `npm run test:build` as root (CI does).');
  }
  const missing = missingPackages();
  if (missing.length) {
    const apt = (args: string[]): void => {
      const result = spawnSync('apt-get', args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 600_000 });
      if (result.status !== 0) throw new Error(`\`apt-get ${args.join(' ')}\` failed (${result.status ?? result.signal}); the build oracle needs ${missing.join(', ')}:\n${result.stderr}${result.stdout.slice(-2000)}`);
    };
    apt(['update']);
    apt(['install', '-y', ...missing]);
    const still = missingPackages();
    if (still.length) throw new Error(`apt-get installed nothing for ${still.join(', ')}; install them by hand: apt-get install -y ${still.join(' ')}`);
  }
  if (!existsSync('/bin/busybox')) throw new Error('busybox-static is installed but /bin/busybox is missing: reinstall it (apt-get install --reinstall busybox-static).');
  for (const folder of [STORAGE, RUN_ROOT, TEMP]) mkdirSync(folder, { recursive: true });
  ready = true;
}

/** buildah with the oracle's own storage; every call has a time limit. */
export function buildah(args: readonly string[], timeoutMs = 60_000, cwd?: string): Promise<Ran> {
  return run('buildah', ['--root', STORAGE, '--runroot', RUN_ROOT, '--storage-driver', 'vfs', ...args], {
    timeoutMs,
    cwd,
    env: { ...process.env, BUILDAH_ISOLATION: 'chroot', BUILDAH_LAYERS: 'false', TMPDIR: TEMP },
  });
}

/** Containers and untagged images left by an earlier run that was killed: the stand-ins (tagged) stay. */
export async function clearLeftovers(): Promise<void> {
  check(await buildah(['rm', '--all']));
  check(await buildah(['rmi', '--prune', '--force']));
}
