/** The Dockerfiles Microsoft wrote (test/fixtures/microsoft) that tests run whole features over. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { microsoftCorpusFolder } from './fixtureFolders';

export const corpusFolder = microsoftCorpusFolder;

/**
 * Every file named like a Dockerfile, in a stable order. BuildKit's parser cases live in their own folder
 * (test/fixtures/buildkit-parser): they are about syntax, and the negative ones do not even parse.
 */
export function corpusDockerfiles(folder: string = corpusFolder, out: string[] = []): string[] {
  for (const entry of readdirSync(folder).sort()) {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) {
      corpusDockerfiles(full, out);
    } else if (/dockerfile/i.test(entry)) out.push(full);
  }
  return out;
}
