// The folder `npm start` opens in the editor: a copy of samples/ in test/editor/.cache/playground (gitignored), so
// trying things in the browser editor (which saves as you type) never changes the tracked samples. The copy is
// made once and kept between starts (your experiments stay); `npm start -- --fresh` starts over from samples/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the copy lives: inside the editor cache, which git ignores. */
export const defaultPlayground = path.join(root, 'test', 'editor', '.cache', 'playground');

/**
 * @param {{ fresh?: boolean, samples?: string, playground?: string }} [options]
 * @returns {{ folder: string, created: boolean }}
 */
export function preparePlayground({ fresh = false, samples = path.join(root, 'samples'), playground = defaultPlayground } = {}) {
  if (fresh) fs.rmSync(playground, { recursive: true, force: true });
  if (fs.existsSync(playground)) return { folder: playground, created: false };
  const source = fs.existsSync(samples) && fs.readdirSync(samples).length > 0 ? samples : path.join(root, 'test', 'editor', 'fixtures', 'workspace');
  fs.mkdirSync(path.dirname(playground), { recursive: true });
  fs.cpSync(source, playground, { recursive: true });
  return { folder: playground, created: true };
}
