/**
 * Reads what the build context of a Dockerfile may ignore: `<Dockerfile>.dockerignore` beside it, and the
 * `.dockerignore` of its folder and of each parent up to the workspace root (the context is one of them: the
 * service decides which from the Dockerfile's COPY sources). The server and the CLI hand the result to the service
 * as `buildContext` (missing-dockerignore needs it).
 *
 * Input from the user's repository is hostile until bounded: regular files only (no symlink, no device, no FIFO),
 * at most {@link MAX_DOCKERIGNORE_BYTES} each, never a folder above the workspace root, at most
 * {@link MAX_LEVELS} folders.
 */
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readSync, constants } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildContextFacts, ContextFolder } from '../service/context';

/** A `.dockerignore` is a few hundred bytes; one larger than this is not read. */
export const MAX_DOCKERIGNORE_BYTES = 64 * 1024;
/** Folders looked at: the Dockerfile's and its parents. */
export const MAX_LEVELS = 8;
/** Subfolder names listed per folder (a monorepo's root may have many; the COPY sources name a few). */
export const MAX_SUBFOLDERS = 500;

function folderUri(folder: string): string {
  return pathToFileURL(folder).href.replace(/\/$/, '');
}

/**
 * The text of a regular file of at most `maxBytes`, or undefined (missing, not a regular file, too large, unreadable).
 * Opened without following a symlink where the platform allows, and checked again on the open descriptor.
 */
export function readSmallRegularFile(file: string, maxBytes = MAX_DOCKERIGNORE_BYTES): string | undefined {
  let fd: number | undefined;
  try {
    const link = lstatSync(file, { throwIfNoEntry: false });
    if (!link || !link.isFile() || link.size > maxBytes) return undefined;
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, length);
      if (read === 0) break;
      length += read;
    }
    // Grew while we read: over the cap.
    if (length > maxBytes) return undefined;
    return buffer.subarray(0, length).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The names of a folder's subfolders (not following symlinks), at most {@link MAX_SUBFOLDERS}. */
function subfoldersOf(folder: string): string[] {
  try {
    const names: string[] = [];
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      names.push(entry.name);
      if (names.length >= MAX_SUBFOLDERS) break;
    }
    return names.sort();
  } catch {
    return [];
  }
}

/** Is `folder` the root or inside it? */
function within(folder: string, root: string): boolean {
  const relative = path.relative(root, folder);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The build context facts of the Dockerfile at `dockerfilePath`. `root` is the workspace folder that contains it;
 * without one only the Dockerfile's own folder is read.
 */
export function readBuildContext(dockerfilePath: string, root: string | undefined): BuildContextFacts {
  const dockerfileFolder = path.dirname(path.resolve(dockerfilePath));
  const top = root !== undefined && within(dockerfileFolder, path.resolve(root)) ? path.resolve(root) : dockerfileFolder;
  const folders: ContextFolder[] = [];
  for (let folder = dockerfileFolder, level = 0; level < MAX_LEVELS; level++) {
    folders.push({ uri: folderUri(folder), dockerignore: readSmallRegularFile(path.join(folder, '.dockerignore')), subfolders: subfoldersOf(folder) });
    if (folder === top) break;
    const parent = path.dirname(folder);
    if (parent === folder || !within(parent, top)) break;
    folder = parent;
  }
  const dockerfileIgnore = readSmallRegularFile(path.join(dockerfileFolder, `${path.basename(dockerfilePath)}.dockerignore`));
  return { folders, dockerfileIgnore };
}
