/**
 * Runs the BUILT CLI (`node dist/cli.js`) as a real process on temporary folders. Each run gets an empty
 * cache folder so a refreshed catalog of the machine's user never leaks into a test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeTrees, writeTree } from '../helpers/tempTree';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const cliPath = path.join(repoRoot, 'dist', 'cli.js');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let built = false;
/** `npm test` builds first; a single test file run builds once when dist/cli.js is missing. */
function ensureBuilt(): void {
  if (built || existsSync(cliPath)) {
    built = true;
    return;
  }
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error('the build failed; run `npm run build` to see why');
  built = true;
}

const emptyCache = mkdtempSync(path.join(os.tmpdir(), 'ddf-cli-cache-'));

export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): CliResult {
  ensureBuilt();
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, DOTNET_DOCKERFILE_CACHE: emptyCache, ...env },
    timeout: 60000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const folders: string[] = [emptyCache];

/** Writes `files` (relative path → content) under a new temporary folder and returns its path. */
export function workspace(files: Record<string, string>): string {
  return writeTree('ddf-cli-', files);
}

export function cleanUp(): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  removeTrees();
}
