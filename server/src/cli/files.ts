/**
 * Turns command-line arguments (files, folders, globs) into the Dockerfiles to lint. A folder is walked
 * for files named like Dockerfiles; a glob matches any file; a file named explicitly is always linted.
 * `node_modules` and `.git` are never entered; symbolic links to folders are not followed (no loops).
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { compileGlob, globBase, GlobError, isGlob } from './glob';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/** `Dockerfile`, `Dockerfile.*`, `*.dockerfile`, `Containerfile`, `Containerfile.*` (not BuildKit's `Dockerfile.dockerignore`). */
export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower.endsWith('.dockerignore')) return false;
  return (
    lower === 'dockerfile' ||
    lower === 'containerfile' ||
    lower.startsWith('dockerfile.') ||
    lower.startsWith('containerfile.') ||
    (lower.endsWith('.dockerfile') && lower.length > '.dockerfile'.length)
  );
}

export interface FoundFiles {
  /** Absolute paths, sorted, without duplicates. */
  readonly files: string[];
  /** Arguments that named nothing: each is a usage error. */
  readonly errors: string[];
}

function entries(folder: string): Dirent[] {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Every file below `folder` (skipping node_modules/.git), as absolute paths. */
function* walk(folder: string): Generator<string> {
  for (const entry of entries(folder).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) yield* walk(full);
    } else if (entry.isFile()) {
      yield full;
    } else if (entry.isSymbolicLink()) {
      try {
        if (statSync(full).isFile()) yield full;
      } catch {
        // a dangling link
      }
    }
  }
}

function toSlashes(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Finds the files the arguments name, relative to `cwd`. `ignored(file)` filters files found by
 * walking or globbing (files named explicitly are kept).
 */
export function findDockerfiles(args: readonly string[], cwd: string, ignored: (file: string) => boolean = () => false): FoundFiles {
  const files = new Set<string>();
  const errors: string[] = [];
  for (const arg of args.length > 0 ? args : ['.']) {
    if (isGlob(arg)) {
      const absoluteGlob = path.isAbsolute(arg);
      let pattern;
      try {
        pattern = compileGlob(toSlashes(absoluteGlob ? arg : path.posix.normalize(toSlashes(arg))));
      } catch (error) {
        if (!(error instanceof GlobError)) throw error;
        errors.push(`${arg}: ${error.message}`);
        continue;
      }
      const base = path.resolve(cwd, globBase(toSlashes(arg)));
      let matched = 0;
      for (const file of walk(base)) {
        const candidate = absoluteGlob ? toSlashes(file) : toSlashes(path.relative(cwd, file));
        if (pattern.test(candidate) && !ignored(file)) {
          files.add(file);
          matched++;
        }
      }
      if (matched === 0) errors.push(`no file matches ${arg}`);
      continue;
    }
    const full = path.resolve(cwd, arg);
    let isFolder: boolean;
    try {
      isFolder = statSync(full).isDirectory();
    } catch {
      errors.push(`${arg}: no such file or folder`);
      continue;
    }
    if (!isFolder) {
      files.add(full);
      continue;
    }
    for (const file of walk(full)) if (isDockerfileName(path.basename(file)) && !ignored(file)) files.add(file);
  }
  return { files: [...files].sort(), errors };
}
