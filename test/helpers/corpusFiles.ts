/** The Dockerfiles of the shared corpus (../shared/corpus) that tests run whole features over. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const corpusFolder = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus');

/**
 * Every file named like a Dockerfile, in a stable order. BuildKit's parser cases are left out: they are about
 * syntax, and the negative ones do not even parse.
 */
export function corpusDockerfiles(folder: string = corpusFolder, out: string[] = []): string[] {
  for (const entry of readdirSync(folder).sort()) {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== 'buildkit-parser') corpusDockerfiles(full, out);
    } else if (/dockerfile/i.test(entry)) out.push(full);
  }
  return out;
}
