/**
 * Builds the stand-in images from scratch (`buildah from scratch`, files copied into the mount, config, commit) and
 * tags them with the real names. Everything that goes into an image is hashed; an image whose label carries the
 * same hash is kept, so a second run builds nothing. The static programs are compiled once per source hash.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { check, run } from '../run';
import { buildah, CACHE } from '../setup';
import { standInFor, type StandIn } from './references';

const SOURCE = path.join(__dirname, 'dotnet.c');
const HASH_LABEL = 'org.dotnet-dockerfile.standin';
const APP_UID = 1654;

export interface StandInPrograms {
  /** The host: `dotnet` runs apps; by any other name it prints its arguments. */
  readonly runtime: string;
  /** The host and the SDK. */
  readonly sdk: string;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

let programs: Promise<StandInPrograms> | undefined;

/** The two static programs, compiled with gcc -static into the cache (once per source and compiler). */
export function standInPrograms(): Promise<StandInPrograms> {
  programs ??= (async () => {
    const gcc = check(await run('gcc', ['--version'], { timeoutMs: 10_000 })).stdout.split('\n')[0] ?? '';
    const folder = path.join(CACHE, 'programs', sha256(readFileSync(SOURCE) + gcc).slice(0, 16));
    const runtime = path.join(folder, 'dotnet-runtime');
    const sdk = path.join(folder, 'dotnet-sdk');
    if (!existsSync(runtime) || !existsSync(sdk)) {
      mkdirSync(folder, { recursive: true });
      for (const [out, defines] of [[`${runtime}.tmp`, []], [`${sdk}.tmp`, ['-DSTANDIN_SDK']]] as const) {
        check(await run('gcc', ['-static', '-O2', '-Wall', ...defines, '-o', out, SOURCE], { timeoutMs: 120_000 }));
      }
      // Renamed only when both compiled, so a half-done cache is never taken for a done one.
      renameSync(`${runtime}.tmp`, runtime);
      renameSync(`${sdk}.tmp`, sdk);
    }
    return { runtime, sdk };
  })();
  return programs;
}

/** The package manager of a full image: `update` and friends do nothing; `install` puts each package's program in /usr/bin. */
function packageManagerScript(name: string): string {
  return `#!/bin/sh
# Stand-in ${name} for the build oracle: there is no network. \`install\` puts a program named after each
# package in /usr/bin (it prints its arguments); the other operations do nothing.
operation=
for argument in "$@"; do
  case "$argument" in
    -*) ;;
    *)
      if [ -z "$operation" ]; then operation=$argument
      elif [ "$operation" = install ] || [ "$operation" = add ]; then
        package=\${argument%%=*}
        cp /usr/lib/standin/program "/usr/bin/$package" || exit 100
        echo "Setting up $package"
      fi ;;
  esac
done
case "$operation" in
  update|upgrade|install|add|clean|remove|purge|autoremove|del|makecache) exit 0 ;;
  *) echo "E: Invalid operation $operation" >&2; exit 100 ;;
esac
`;
}

/** The image config the real image of this kind has, as far as a Dockerfile can observe it. */
function configOf(standIn: StandIn): { env: string[]; user?: string; entrypoint?: string[]; cmd?: string[] } {
  const env = [
    'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    `APP_UID=${APP_UID}`,
    'ASPNETCORE_HTTP_PORTS=8080',
    'DOTNET_RUNNING_IN_CONTAINER=true',
  ];
  if (!standIn.globalization) env.push('DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true');
  if (standIn.family !== 'runtime-deps') env.push(`DOTNET_VERSION=${standIn.version}.0`);
  if (standIn.family === 'aspnet' || standIn.family === 'sdk') env.push(`ASPNET_VERSION=${standIn.version}.0`);
  if (standIn.family === 'sdk') env.push(`DOTNET_SDK_VERSION=${standIn.version}.100`, 'DOTNET_NOLOGO=true', 'NUGET_XMLDOC_MODE=skip');
  if (!standIn.shellless) return { env };
  const hasHost = standIn.family === 'runtime' || standIn.family === 'aspnet';
  return { env, user: String(APP_UID), ...(hasHost ? { entrypoint: ['/usr/bin/dotnet'], cmd: ['--info'] } : {}) };
}

interface Layout {
  readonly key: string;
  readonly write: (root: string) => void;
  readonly config: ReturnType<typeof configOf>;
}

/** Every applet of busybox as its path (`bin/sh`, `usr/bin/wget`, ...), linked to /bin/busybox in the images. */
function busyboxApplets(): string[] {
  const listed = spawnSync('/bin/busybox', ['--list-full'], { encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`/bin/busybox --list-full failed: ${listed.stderr}`);
  return listed.stdout.split('\n').filter((line) => line.trim() !== '');
}

/** What goes into the image (as a function writing into its mount) and a key that changes when any of it does. */
function layoutOf(standIn: StandIn, tools: StandInPrograms): Layout {
  const config = configOf(standIn);
  const host = standIn.family === 'sdk' ? tools.sdk : standIn.family === 'runtime-deps' ? undefined : tools.runtime;
  const shell = !standIn.shellless;
  const applets = shell ? busyboxApplets() : [];
  const key = sha256(
    JSON.stringify({ config, shell, packageManager: shell ? standIn.packageManager : undefined, applets, version: 2 }) +
      (host ? sha256(readFileSync(host)) : '') +
      (shell ? sha256(readFileSync('/bin/busybox')) + sha256(readFileSync(tools.runtime)) : ''),
  );
  const write = (root: string): void => {
    const dir = (relative: string, mode = 0o755, uid = 0): void => {
      const full = path.join(root, relative);
      mkdirSync(full, { recursive: true });
      chmodSync(full, mode);
      chownSync(full, uid, uid);
    };
    const file = (relative: string, content: string | Buffer, mode = 0o644): void => {
      const full = path.join(root, relative);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, content);
      chmodSync(full, mode);
    };
    for (const d of ['etc', 'usr/bin', 'usr/sbin', 'usr/lib', 'usr/share', 'var', 'bin', 'sbin']) dir(d);
    dir('tmp', 0o1777);
    dir('root', 0o700);
    dir('home/app', 0o750, APP_UID);
    file('etc/passwd', `root:x:0:0:root:/root:${shell ? '/bin/sh' : '/sbin/nologin'}\napp:x:${APP_UID}:${APP_UID}::/home/app:/usr/sbin/nologin\n`);
    file('etc/group', `root:x:0:\napp:x:${APP_UID}:\n`);
    if (host) {
      file('usr/share/dotnet/dotnet', readFileSync(host), 0o755);
      symlinkSync('/usr/share/dotnet/dotnet', path.join(root, 'usr/bin/dotnet'));
    }
    if (shell) {
      file('bin/busybox', readFileSync('/bin/busybox'), 0o755);
      for (const applet of applets) {
        const link = path.join(root, applet.replace(/^\//, ''));
        if (existsSync(link)) continue;
        mkdirSync(path.dirname(link), { recursive: true });
        symlinkSync('/bin/busybox', link);
      }
      file('usr/lib/standin/program', readFileSync(tools.runtime), 0o755);
      file(`usr/bin/${standIn.packageManager}`, packageManagerScript(standIn.packageManager), 0o755);
      dir('var/lib/apt/lists');
    }
  };
  return { key, write, config };
}

async function currentKey(reference: string): Promise<string | undefined> {
  const inspected = await buildah(['inspect', '--type', 'image', reference]);
  if (inspected.code !== 0) return undefined;
  const labels = (JSON.parse(inspected.stdout) as { Docker?: { config?: { Labels?: Record<string, string> } } }).Docker?.config?.Labels;
  return labels?.[HASH_LABEL];
}

async function buildImage(layout: Layout, references: readonly string[]): Promise<void> {
  const container = check(await buildah(['from', 'scratch'])).stdout.trim();
  try {
    const mount = check(await buildah(['mount', container])).stdout.trim();
    layout.write(mount);
    const { env, user, entrypoint, cmd } = layout.config;
    const args = ['config', '--label', `${HASH_LABEL}=${layout.key}`, '--os', 'linux', '--arch', 'amd64'];
    for (const e of env) args.push('--env', e);
    if (user) args.push('--user', user);
    if (entrypoint) args.push('--entrypoint', JSON.stringify(entrypoint));
    if (cmd) args.push('--cmd', JSON.stringify(cmd));
    check(await buildah([...args, container]));
    check(await buildah(['commit', '--quiet', '--format', 'docker', container, references[0]!], 120_000));
    for (const other of references.slice(1)) check(await buildah(['tag', references[0]!, other]));
  } finally {
    await buildah(['rm', container]);
  }
}

/**
 * Makes sure every reference names a current stand-in. References with the same content share one image.
 * Returns how many images were built (0 when the cache had them all).
 */
export async function ensureStandIns(references: readonly string[]): Promise<number> {
  const tools = await standInPrograms();
  const byKey = new Map<string, { layout: Layout; references: string[] }>();
  for (const reference of references) {
    const standIn = standInFor(reference);
    if ('unsupported' in standIn) throw new Error(`no stand-in image: ${standIn.unsupported}`);
    const layout = layoutOf(standIn, tools);
    const group = byKey.get(layout.key) ?? { layout, references: [] };
    group.references.push(standIn.reference);
    byKey.set(layout.key, group);
  }
  let built = 0;
  for (const { layout, references: names } of byKey.values()) {
    const stale: string[] = [];
    for (const name of names) if ((await currentKey(name)) !== layout.key) stale.push(name);
    if (stale.length === 0) continue;
    await buildImage(layout, stale);
    built++;
  }
  return built;
}
