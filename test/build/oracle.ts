/**
 * The build oracle: builds a Dockerfile with buildah against the stand-in images, starts the image's configured
 * command (as `docker run` would), runs its HEALTHCHECK, and lists the files the Dockerfile added to its base image.
 * Every step has a time limit. Counts what it built and started, for the summary line.
 */
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Ran } from './run';
import { buildah, CACHE } from './setup';
import { standInPrograms } from './standins/images';

/** A file of the build context: text, or the stand-in program that prints its arguments (executable). */
export type ContextFile = string | { readonly program: true };

export type BuildFailure = 'image-missing' | 'run-failed' | 'copy-failed' | 'build-failed' | 'timeout';

export type Built =
  | { readonly ok: true; readonly image: string; readonly log: string; readonly runOutputs: readonly (readonly string[])[] }
  | { readonly ok: false; readonly failure: BuildFailure; readonly message: string; readonly log: string };

export interface Started {
  /** The command run: ENTRYPOINT and CMD combined as Docker does, or the HEALTHCHECK test. */
  readonly command: readonly string[];
  readonly ok: boolean;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** What the stand-in program printed: its arguments (the last JSON array line on stdout), if it ran. */
  readonly argv: readonly string[] | undefined;
}

export const counts = { built: 0, buildFailed: 0, started: 0, startFailed: 0 };

const BUILD_TIME_LIMIT = 120_000;
const START_TIME_LIMIT = 30_000;

/** The argument arrays the stand-in programs printed, in order: each a line that is a JSON array of strings. */
export function printedArgv(output: string): string[][] {
  const found: string[][] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('[') || !line.endsWith(']')) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) found.push(value as string[]);
    } catch {
      // A line of the build log that only looks like an array.
    }
  }
  return found;
}

function classify(ran: Ran): { failure: BuildFailure; message: string } {
  const message = ran.stderr.trim().split('\n').filter((line) => /error|Error/.test(line)).join('\n') || ran.stderr.trim() || `exit ${ran.code}`;
  if (ran.timedOut) return { failure: 'timeout', message };
  if (/image not known|pull policy|repository .* not found/i.test(ran.stderr)) return { failure: 'image-missing', message };
  if (/building at STEP "RUN/.test(ran.stderr)) return { failure: 'run-failed', message };
  if (/building at STEP "(COPY|ADD)/.test(ran.stderr)) return { failure: 'copy-failed', message };
  return { failure: 'build-failed', message };
}

/** Builds `dockerfile` with `context` as its build context; the image is untagged (remove it with `removeImage`). */
export async function build(dockerfile: string, context: Readonly<Record<string, ContextFile>>): Promise<Built> {
  const work = path.join(CACHE, 'contexts');
  mkdirSync(work, { recursive: true });
  const folder = mkdtempSync(path.join(work, 'build-'));
  try {
    const { runtime } = await standInPrograms();
    for (const [relative, content] of Object.entries(context)) {
      const file = path.join(folder, relative);
      mkdirSync(path.dirname(file), { recursive: true });
      if (typeof content === 'string') writeFileSync(file, content);
      else {
        copyFileSync(runtime, file);
        chmodSync(file, 0o755);
      }
    }
    // The Dockerfile and the image id stay outside the context: a `COPY . .` must not copy them (the fixed file's
    // text differs from the reference's, and would make their images differ).
    const outside = `${folder}.files`;
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'Dockerfile.oracle'), dockerfile);
    const idFile = path.join(outside, '.image-id');
    const ran = await buildah(
      ['build', '--pull=never', '--isolation', 'chroot', '--format', 'docker', '--layers=false', '--iidfile', idFile, '-f', path.join(outside, 'Dockerfile.oracle'), folder],
      BUILD_TIME_LIMIT,
    );
    const log = `${ran.stdout}\n${ran.stderr}`;
    if (ran.code !== 0) {
      counts.buildFailed++;
      return { ok: false, ...classify(ran), log };
    }
    counts.built++;
    const image = readFileSync(idFile, 'utf8').trim().replace(/^sha256:/, '');
    return { ok: true, image, log, runOutputs: printedArgv(ran.stdout) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(`${folder}.files`, { recursive: true, force: true });
  }
}

interface ImageConfig {
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Shell?: string[] | null;
  WorkingDir?: string;
  User?: string;
  Env?: string[] | null;
  Healthcheck?: { Test?: string[] | null } | null;
}

interface Inspected {
  readonly config: ImageConfig;
  readonly diffIds: readonly string[];
}

const inspected = new Map<string, Promise<Inspected>>();

/** The image's Docker config and layers (asked once per image: an image id names one content). */
export function inspect(image: string): Promise<Inspected> {
  let result = inspected.get(image);
  if (!result) {
    result = (async () => {
      const ran = await buildah(['inspect', '--type', 'image', image]);
      if (ran.code !== 0) throw new Error(`buildah inspect ${image}: ${ran.stderr}`);
      const parsed = JSON.parse(ran.stdout) as { Docker?: { config?: ImageConfig; rootfs?: { diff_ids?: string[] } } };
      return { config: parsed.Docker?.config ?? {}, diffIds: parsed.Docker?.rootfs?.diff_ids ?? [] };
    })();
    inspected.set(image, result);
  }
  return result;
}

/** Runs `fn` with a new container of `image`, removed afterwards. */
async function withContainer<T>(image: string, fn: (container: string) => Promise<T>): Promise<T> {
  const from = await buildah(['from', '--pull=never', image]);
  if (from.code !== 0) throw new Error(`buildah from ${image}: ${from.stderr}`);
  const container = from.stdout.trim();
  try {
    return await fn(container);
  } finally {
    await buildah(['rm', container]);
  }
}

/** Runs `command` in `container` with the image's user and working folder (buildah takes the environment from the image). */
async function runIn(container: string, config: ImageConfig, command: readonly string[]): Promise<Started> {
  if (command.length === 0) return { command, ok: false, code: null, stdout: '', stderr: 'the image has no ENTRYPOINT or CMD: nothing to start', argv: undefined };
  const args = ['run', '--isolation', 'chroot'];
  if (config.User) args.push('--user', config.User);
  if (config.WorkingDir) args.push('--workingdir', config.WorkingDir);
  let ran = await buildah([...args, container, '--', ...command], START_TIME_LIMIT);
  // Exit 0 and not a byte of output: buildah dropped it (see dotnet.c); the stand-ins always print. Once more.
  for (let again = 0; again < 2 && ran.code === 0 && ran.stdout === '' && ran.stderr === ''; again++) ran = await buildah([...args, container, '--', ...command], START_TIME_LIMIT);
  const argv = printedArgv(ran.stdout).at(-1);
  return { command, ok: ran.code === 0, code: ran.code, stdout: ran.stdout, stderr: ran.stderr, argv };
}

/**
 * The command `docker run` starts: ENTRYPOINT followed by CMD. Shell forms are already `["/bin/sh", "-c", "..."]`
 * (or the SHELL) in the config, and a Dockerfile's ENTRYPOINT has already reset an inherited CMD when the image
 * was built, so the command is their concatenation.
 */
function startCommand(config: ImageConfig): string[] {
  return [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
}

/** The HEALTHCHECK as the engine runs it: `CMD` execs its array, `CMD-SHELL` runs its text with the shell. */
function healthcheckCommand(config: ImageConfig): string[] | undefined {
  const test = config.Healthcheck?.Test ?? [];
  if (test.length === 0 || test[0] === 'NONE') return undefined;
  const shell = config.Shell?.length ? config.Shell : ['/bin/sh', '-c'];
  return test[0] === 'CMD-SHELL' ? [...shell, test.slice(1).join(' ')] : test.slice(1);
}

function count(started: Started): Started {
  if (started.ok) counts.started++;
  else counts.startFailed++;
  return started;
}

/** Starts the image's configured command in a new container. */
export async function start(image: string): Promise<Started> {
  const { config } = await inspect(image);
  return count(await withContainer(image, (container) => runIn(container, config, startCommand(config))));
}

/** Runs the image's HEALTHCHECK once in a new container; undefined when it has none. */
export async function healthcheck(image: string): Promise<Started | undefined> {
  const { config } = await inspect(image);
  const command = healthcheckCommand(config);
  return command ? withContainer(image, (container) => runIn(container, config, command)) : undefined;
}

export interface ImageRun {
  readonly start: Started;
  readonly health: Started | undefined;
  /** What the image adds to its stand-in base (see `addedFiles`), when asked for. */
  readonly files: readonly string[] | undefined;
}

/** `start`, `healthcheck` and (with `standIns`) `addedFiles` in one container: a third of the buildah calls. */
export async function observeImage(image: string, standIns: ReadonlyMap<string, string> | undefined): Promise<ImageRun> {
  const { config } = await inspect(image);
  return withContainer(image, async (container) => {
    const files = standIns ? await addedFilesOf(image, container, standIns) : undefined;
    const started = count(await runIn(container, config, startCommand(config)));
    const command = healthcheckCommand(config);
    const health = command ? await runIn(container, config, command) : undefined;
    return { start: started, health, files };
  });
}

/** Paths the runtime puts into a container (mount points), not the Dockerfile. */
const RUNTIME_PATHS = new Set(['/etc/hosts', '/etc/hostname', '/etc/resolv.conf', '/run', '/run/.containerenv', '/proc', '/sys', '/dev']);

/**
 * `path → kind and content` of every file in the container: `d`, `f <sha256> <x or ->`, `l <target>`. Not the owner:
 * a chiseled image runs as app and its sibling with a shell as root, so `WORKDIR /app` alone gives them different
 * owners; what the fix must keep is which files exist and what they hold.
 */
async function listFiles(container: string): Promise<Map<string, string>> {
  const mounted = await buildah(['mount', container]);
  if (mounted.code !== 0) throw new Error(`buildah mount: ${mounted.stderr}`);
  const root = mounted.stdout.trim();
  const files = new Map<string, string>();
  const walk = (relative: string): void => {
    for (const name of readdirSync(path.join(root, relative))) {
      const inImage = `${relative}/${name}`;
      if (RUNTIME_PATHS.has(inImage)) continue;
      const full = path.join(root, inImage);
      const stat = lstatSync(full);
      if (stat.isDirectory()) {
        files.set(inImage, 'd');
        walk(inImage);
      } else if (stat.isSymbolicLink()) files.set(inImage, `l ${readlinkSync(full)}`);
      else if (stat.isFile()) files.set(inImage, `f ${createHash('sha256').update(readFileSync(full)).digest('hex').slice(0, 16)} ${stat.mode & 0o111 ? 'x' : '-'}`);
      else files.set(inImage, 'other');
    }
  };
  walk('');
  await buildah(['umount', container]);
  return files;
}

const baseListings = new Map<string, Promise<Map<string, string>>>();

/**
 * What the Dockerfile changed in the file system of the stand-in it is built on: `+ path kind` for what it added
 * or changed, `- path` for what it removed, sorted. The stand-ins have one layer, so the image's first layer names
 * its base. Comparing these lists compares two builds on different bases (a chiseled image and its sibling with a shell).
 */
async function addedFilesOf(image: string, container: string, standIns: ReadonlyMap<string, string>): Promise<string[]> {
  const { diffIds } = await inspect(image);
  const baseImage = standIns.get(diffIds[0] ?? '');
  if (!baseImage) throw new Error(`image ${image} is not built on a stand-in (first layer ${diffIds[0]})`);
  let base = baseListings.get(baseImage);
  if (!base) baseListings.set(baseImage, (base = withContainer(baseImage, listFiles)));
  const [before, after] = [await base, await listFiles(container)];
  const changes: string[] = [];
  for (const [file, kind] of after) if (before.get(file) !== kind) changes.push(`+ ${file} ${kind}`);
  for (const file of before.keys()) if (!after.has(file)) changes.push(`- ${file}`);
  return changes.sort();
}

export function addedFiles(image: string, standIns: ReadonlyMap<string, string>): Promise<string[]> {
  return withContainer(image, (container) => addedFilesOf(image, container, standIns));
}

/** The first layer of each stand-in, to find which stand-in an image is built on. */
export async function standInLayers(references: readonly string[]): Promise<Map<string, string>> {
  const layers = new Map<string, string>();
  for (const reference of references) {
    const { diffIds } = await inspect(reference);
    if (diffIds[0]) layers.set(diffIds[0], reference);
  }
  return layers;
}

export async function removeImage(image: string): Promise<void> {
  inspected.delete(image);
  await buildah(['rmi', '--force', image]);
}
