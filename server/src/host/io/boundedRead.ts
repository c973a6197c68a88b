/**
 * Reads a file from a user's repository, which is hostile until bounded: a cloned repository can hold a
 * symbolic link to /dev/zero or /dev/tty, a FIFO, or a file of gigabytes where a 2 KB project file belongs,
 * and a plain `readFileSync` then hangs or eats memory without end. So: regular files only (a link is
 * followed, but only to a regular file), never more than a cap, and a reason in words when the answer is no.
 *
 * The file is checked with stat before it is opened (opening a device can itself have effects), opened
 * non-blocking (a FIFO swapped in between never blocks the open), and checked again on the open descriptor
 * (what is read is what was checked). The read stops at the cap even if the file grows meanwhile.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** Project files, Directory.Build.props and the CLI's config: real ones are a few KB. */
export const MAX_SMALL_FILE_BYTES = 1024 * 1024;
/**
 * Dockerfiles the CLI reads, and the documents the language server analyses (lsp/documentLimit.ts): the
 * largest real Dockerfiles are tens of KB; 4 MB keeps every request of ours well inside its time budget.
 */
export const MAX_DOCKERFILE_BYTES = 4 * 1024 * 1024;

export type BoundedRead =
  | { readonly ok: true; readonly bytes: Buffer; readonly stats: Stats }
  | { readonly ok: false; readonly reason: string };

/** What a file that is not a regular file is, for messages. */
export function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb).toLocaleString('en-US')} MB`;
}

function notRegular(stats: Stats): string | undefined {
  return stats.isFile() ? undefined : `it is ${fileKind(stats)}, not a regular file (or a link to one)`;
}

function tooBig(size: number, maxBytes: number): string | undefined {
  return size > maxBytes ? `it is ${megabytes(size)}, over the ${megabytes(maxBytes)} limit for this kind of file` : undefined;
}

/** Reads at most `maxBytes` of a regular file; never blocks on a FIFO or device and never reads past the cap. */
export function readBoundedFile(file: string, maxBytes: number = MAX_SMALL_FILE_BYTES): BoundedRead {
  let before: Stats;
  try {
    before = statSync(file);
  } catch (error) {
    return { ok: false, reason: describeError(error) };
  }
  const refused = notRegular(before) ?? tooBig(before.size, maxBytes);
  if (refused) return { ok: false, reason: refused };
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, reason: describeError(error) };
  }
  try {
    const stats = fstatSync(fd);
    const changed = notRegular(stats) ?? tooBig(stats.size, maxBytes);
    if (changed) return { ok: false, reason: changed };
    // One byte more than the cap tells a file that grew past it since the stat from one that did not.
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) return { ok: false, reason: `it grew past the ${megabytes(maxBytes)} limit while it was read` };
    return { ok: true, bytes: buffer.subarray(0, length), stats };
  } catch (error) {
    return { ok: false, reason: describeError(error) };
  } finally {
    closeSync(fd);
  }
}

/** Reads a bounded regular file as UTF-8 text (invalid bytes become U+FFFD: fine for files we only read). */
export function readBoundedText(file: string, maxBytes: number = MAX_SMALL_FILE_BYTES): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string } {
  const read = readBoundedFile(file, maxBytes);
  return read.ok ? { ok: true, text: read.bytes.toString('utf8') } : read;
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return error instanceof Error ? error.message : String(error);
}
