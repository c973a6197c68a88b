/**
 * Real Dockerfiles for the fuzzer to mutate: every file of the shared corpus (../shared/corpus, or
 * DOTNET_DOCKERFILE_CORPUS), BuildKit's parser cases included. Without the corpus the fuzzer still runs on
 * generated Dockerfiles, and says so.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { generateDockerfile } from '../bench/generate';

export const corpusRoot = process.env.DOTNET_DOCKERFILE_CORPUS ?? path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus');

/** Files that describe the corpus or hold expected results rather than Dockerfiles. */
const NOT_DOCKERFILES = /\.(md|tsv|json)$/i;
/** Larger files are fine for a parser but make a million fuzz cases take days; the bench covers big files. */
const MAX_BYTES = 64 * 1024;

export interface CorpusFile {
  readonly name: string;
  readonly text: string;
}

let cached: CorpusFile[] | undefined;

export function loadCorpus(): CorpusFile[] {
  if (cached) return cached;
  const files: CorpusFile[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder).sort()) {
      const full = path.join(folder, entry);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else if (!NOT_DOCKERFILES.test(entry) && stat.size <= MAX_BYTES) files.push({ name: path.relative(corpusRoot, full), text: readFileSync(full, 'utf8') });
    }
  };
  if (existsSync(corpusRoot)) walk(corpusRoot);
  // Always include one generated multi-stage file, so the mutations also hit long, regular files.
  files.push({ name: '(generated 100 lines)', text: generateDockerfile(100).text });
  cached = files;
  return files;
}
