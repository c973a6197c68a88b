/**
 * Writes a fixed file back over the file it was read from, only when that loses nothing:
 *
 * - through a symbolic link, the link's real target is replaced (the link stays a link), and only when that
 *   target lies inside `boundary` (a link in a cloned repository must not make `--fix` write outside it);
 * - a read-only file is left alone (also for root, who could write it anyway): read-only means "do not change";
 * - a file with several hard links is left alone: an atomic replace would give this name a new file and leave
 *   the other names on the old one (splitting them), and writing in place is not atomic (a crash mid-write
 *   loses the file). We skip and say so; the user fixes it by hand or breaks the links first;
 * - the owner and mode are kept (when the owner cannot be kept, nothing is written);
 * - right before the rename the file is compared with what was read (content, size, modification time,
 *   inode): an edit made while lint ran is never overwritten. What remains is the instant between that check
 *   and the rename, which no rename-based write can close.
 *
 * Either `{ written: true }` or the reason nothing was written, in words for the user.
 */
import { accessSync, chmodSync, chownSync, closeSync, constants, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import path from 'node:path';
import { readBoundedFile } from './boundedRead';

export type ReplaceOutcome = { readonly written: true } | { readonly written: false; readonly reason: string };

export interface ReadSnapshot {
  /** The bytes as they were read. */
  readonly bytes: Buffer;
  /** The file's stats at that read (of the link's target, as `fstat` on the opened file gives them). */
  readonly stats: Stats;
}

function isWithin(file: string, folder: string): boolean {
  return file === folder || file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.ino === b.ino && a.dev === b.dev && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

function canWrite(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why the file read as `snapshot` must not be replaced, or undefined when it may be. */
function refusal(real: string, current: Stats, snapshot: ReadSnapshot): string | undefined {
  if (!current.isFile()) return 'it is no longer a regular file';
  if ((current.mode & 0o222) === 0) return 'it is read-only';
  if (!canWrite(real)) return 'you have no permission to write it';
  if (!canWrite(path.dirname(real))) return `its folder ${path.dirname(real)} is not writable (the fixed file is written beside it, then renamed)`;
  if (current.nlink > 1) return `it has ${current.nlink} hard links; replacing it would split them, and writing in place is not atomic`;
  if (!sameFile(current, snapshot.stats)) return 'it changed while lint ran; run lint --fix again';
  return undefined;
}

/** Replaces `file` (read as `snapshot`) with `content` if nothing is lost by it; see the header. */
export function replaceIfUnchanged(file: string, snapshot: ReadSnapshot, content: Buffer, boundary: string): ReplaceOutcome {
  let real: string;
  let realBoundary: string;
  try {
    real = realpathSync.native(file);
    realBoundary = realpathSync.native(boundary);
  } catch (error) {
    return { written: false, reason: `its real path cannot be resolved (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!isWithin(real, realBoundary)) return { written: false, reason: `it is a link to ${real}, outside ${boundary}` };
  const before = refusal(real, statSync(real), snapshot);
  if (before) return { written: false, reason: before };

  const folder = path.dirname(real);
  const temporary = path.join(folder, `.${path.basename(real)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  let fd: number | undefined;
  try {
    const mode = snapshot.stats.mode & 0o7777;
    fd = openSync(temporary, 'wx', mode);
    let written = 0;
    while (written < content.length) written += writeSync(fd, content, written, content.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    chmodSync(temporary, mode); // openSync applied the umask
    const uid = process.getuid?.();
    const gid = process.getgid?.();
    if ((uid !== undefined && uid !== snapshot.stats.uid) || (gid !== undefined && gid !== snapshot.stats.gid)) {
      try {
        chownSync(temporary, snapshot.stats.uid, snapshot.stats.gid);
      } catch {
        unlinkSync(temporary);
        return { written: false, reason: `its owner (${snapshot.stats.uid}:${snapshot.stats.gid}) could not be kept` };
      }
    }
    // The last look before the rename: the same file, and the very bytes that were read.
    const again = readBoundedFile(real, Math.max(snapshot.bytes.length, 1));
    const now = statSync(real);
    const changed = !again.ok || !again.bytes.equals(snapshot.bytes) ? 'it changed while lint ran; run lint --fix again' : refusal(real, now, snapshot);
    if (changed) {
      unlinkSync(temporary);
      return { written: false, reason: changed };
    }
    renameSync(temporary, real);
    return { written: true };
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temporary);
    } catch {
      // already gone
    }
    throw error;
  }
}
