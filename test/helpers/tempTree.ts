/** Temporary folders of files for tests that need a real file system (the CLI, project reading). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const created: string[] = [];

/** Writes `files` (relative path → content) under a new temporary folder named after `prefix` and returns its path. */
export function writeTree(prefix: string, files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(root);
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return root;
}

/** Removes every folder `writeTree` made in this process. */
export function removeTrees(): void {
  for (const folder of created.splice(0)) rmSync(folder, { recursive: true, force: true });
}
