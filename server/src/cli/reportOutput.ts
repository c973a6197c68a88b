/**
 * `--output <file>`: where the report goes. A regular file (or a new one) is replaced atomically, through a
 * symbolic link to its real target (the link stays a link). Anything else is written as a stream, the way a
 * shell's `>` writes it: a FIFO, a character device, a socket. Renaming a temporary file over `/dev/full`
 * replaced the device with a regular file when run as root, and `-o /dev/stdout` failed for a normal user
 * (no right to create a temporary file in /dev).
 *
 * `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N` name a descriptor this process already has:
 * the report is written to that descriptor, never reopened (reopening truncates a file the shell opened for
 * appending with `>>`).
 */
import { closeSync, openSync, realpathSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../host/io/atomicWrite';

/** Where the report goes instead of a file: standard output (the normal report stream) or another descriptor. */
export type ReportTarget = { readonly kind: 'stdout' } | { readonly kind: 'written' };

/** The descriptor a path names when it is one of this process's own (`/dev/stdout`, `/dev/fd/3`), else undefined. */
export function ownDescriptor(file: string): number | undefined {
  const named: Record<string, number> = { '/dev/stdin': 0, '/dev/stdout': 1, '/dev/stderr': 2 };
  if (file in named) return named[file];
  const match = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d{1,4})$/.exec(file);
  return match ? Number(match[1]) : undefined;
}

/** Writes all of `bytes` to a descriptor, waiting out a full non-blocking pipe (EAGAIN) instead of failing. */
function writeAll(fd: number, bytes: Buffer): void {
  let written = 0;
  let waits = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(fd, bytes, written, bytes.length - written);
      waits = 0;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || ++waits > 10_000) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1); // the reader is slow: wait 1 ms
    }
  }
}

/**
 * Writes the report to `file` (resolved against `cwd`). Returns `stdout` when the file is this process's
 * standard output, so the caller prints the report as it would without `--output`. Throws with the reason.
 */
export function writeReport(file: string, report: string, cwd: string = process.cwd()): ReportTarget {
  const target = path.resolve(cwd, file);
  const bytes = Buffer.from(report, 'utf8');
  const own = ownDescriptor(target);
  if (own === 1) return { kind: 'stdout' };
  if (own !== undefined) {
    writeAll(own, bytes);
    return { kind: 'written' };
  }
  // Follows links (a link to a FIFO is a FIFO); a new file, or a dangling link, is created atomically.
  const isRegular = statSync(target, { throwIfNoEntry: false })?.isFile() ?? true;
  if (!isRegular) {
    // A stream: opened for writing as `>` opens it (a FIFO waits for its reader), never renamed over.
    const fd = openSync(target, 'w');
    try {
      writeAll(fd, bytes);
    } finally {
      closeSync(fd);
    }
    return { kind: 'written' };
  }
  writeFileAtomic(realPathOr(target), bytes); // the file a link points to is replaced, not the link
  return { kind: 'written' };
}

function realPathOr(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
