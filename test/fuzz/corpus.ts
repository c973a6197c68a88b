/**
 * Real Dockerfiles for the fuzzer to mutate: every file of test/fixtures (Microsoft's Dockerfiles and BuildKit's
 * parser cases), or of DOTNET_DOCKERFILE_CORPUS. Plus one generated file, so mutations also hit long, regular files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { generateDockerfile } from '../bench/generate';
import { fixturesFolder } from '../helpers/fixtureFolders';

export const corpusRoot = process.env.DOTNET_DOCKERFILE_CORPUS ?? fixturesFolder;

/** Files that describe the corpus, its licenses or expected results rather than Dockerfiles. */
const NOT_DOCKERFILES = /\.(md|tsv|json)$|^LICENSE/i;
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
