/**
 * Writes a file so that readers see either the old content or the new, never a half-written file:
 * write a temporary file in the same folder (same file system, so the rename is atomic), flush it,
 * keep the original's mode, then rename it over the target. On any failure the temporary file is removed.
 */
import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync, chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface AtomicWriteOptions {
  /** Create the folder when it does not exist (for caches). */
  readonly createFolder?: boolean;
}

export function writeFileAtomic(file: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const folder = path.dirname(file);
  if (options.createFolder) mkdirSync(folder, { recursive: true });
  let mode: number | undefined;
  try {
    mode = statSync(file).mode & 0o7777;
  } catch {
    mode = undefined; // a new file: default mode
  }
  // A random name is enough ('wx' never opens an existing file); not crypto's: the server's loader writes with this
  // module and must not load node:crypto on the start path.
  const temporary = path.join(folder, `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'wx', mode ?? 0o666);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    // openSync applies the umask; set the original mode exactly.
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, file);
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
