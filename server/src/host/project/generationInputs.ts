/**
 * What the Dockerfile generator needs from disk for a project: its facts; the build context (the folder that holds
 * the project, every project it references, transitively, and the MSBuild and NuGet files restore reads, never
 * above the workspace); the files restore needs, relative to that context; and where the Dockerfile and the
 * .dockerignore go. The CLI's `init`, the editor's command and the code action in an empty Dockerfile use it.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ProjectFacts } from '../../service/context';
import { readProjectFile } from './readProject';

export interface GenerationInputs {
  /** The project file (absolute). */
  readonly projectFile: string;
  /** Its facts; `projectFile` is relative to the build context, for the generated comments. */
  readonly facts: ProjectFacts;
  /** The build context (absolute). */
  readonly contextDir: string;
  /** The project, relative to the context, `/`-separated. */
  readonly projectPath: string;
  /** What restore reads besides the project, relative to the context. */
  readonly restoreFiles: readonly string[];
}

export type Gathered = { readonly ok: true; readonly inputs: GenerationInputs } | { readonly ok: false; readonly error: string };

/** A solution rarely has more; a reference graph larger than this is not followed further. */
const MAX_PROJECTS = 256;
/** Files MSBuild imports from the folders above a project (the nearest of each name). */
const IMPORTED_ABOVE = ['Directory.Build.props', 'Directory.Build.targets', 'Directory.Packages.props'];
const PROJECT_EXTENSION = /\.(?:cs|fs|vb)proj$/i;

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function isWithin(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The entry of a folder whose name matches, whatever its case (`nuget.config`, `NuGet.Config`). */
function entryNamed(folder: string, name: string): string | undefined {
  try {
    const found = readdirSync(folder).find((entry) => entry.toLowerCase() === name.toLowerCase());
    return found && isFile(path.join(folder, found)) ? path.join(folder, found) : undefined;
  } catch {
    return undefined;
  }
}

/** The folder and those above it, up to `root` (included), nearest first. */
function foldersUp(folder: string, root: string): string[] {
  const folders: string[] = [];
  for (let current = folder; isWithin(current, root); current = path.dirname(current)) {
    folders.push(current);
    if (current === root || path.dirname(current) === current) break;
  }
  return folders;
}

function commonFolder(folders: readonly string[]): string {
  let common = folders[0]!;
  for (const folder of folders.slice(1)) while (!isWithin(folder, common)) common = path.dirname(common);
  return common;
}

const toPosix = (relative: string): string => relative.split(path.sep).join('/');

/**
 * The generation inputs of a project. `root` is the workspace: no file above it is read, and a project that
 * references one outside it is refused (a Docker build context cannot reach it).
 */
export function gatherGenerationInputs(projectFile: string, root: string): Gathered {
  const file = path.resolve(projectFile);
  const workspace = path.resolve(root);
  if (!isWithin(file, workspace)) return { ok: false, error: `${projectFile} is outside the workspace (${workspace}).` };
  if (!PROJECT_EXTENSION.test(file)) return { ok: false, error: `${projectFile} is not a project file (.csproj, .fsproj or .vbproj).` };
  if (!isFile(file)) return { ok: false, error: `${projectFile} does not exist or is not a file.` };
  const first = readProjectFile(file, workspace);
  if (!first.facts) return { ok: false, error: `${projectFile} cannot be read.` };

  // The project and every project it references, transitively, each read once.
  const projects = new Map<string, ProjectFacts | undefined>([[file, first.facts]]);
  // Only what lies in the workspace: the build context cannot hold anything above it.
  const msbuildFiles = new Set(first.files.filter((f) => f !== file && isWithin(f, workspace)));
  const queue = [file];
  while (queue.length > 0) {
    const current = queue.shift()!;
    const facts = projects.get(current);
    for (const reference of facts?.projectReferences ?? []) {
      const target = path.resolve(path.dirname(current), reference);
      if (projects.has(target)) continue;
      if (!isWithin(target, workspace)) {
        return { ok: false, error: `${path.relative(workspace, current) || current} references ${reference}, outside the workspace: a Docker build context cannot reach it. Open the folder that holds every project.` };
      }
      if (projects.size >= MAX_PROJECTS || !isFile(target)) continue; // a missing reference fails the same way on the host
      const read = readProjectFile(target, workspace);
      projects.set(target, read.facts);
      for (const imported of read.files) if (imported !== target && isWithin(imported, workspace)) msbuildFiles.add(imported);
      queue.push(target);
    }
  }

  // The nearest Directory.*.props/targets above each project, and every NuGet.config on the way up: restore reads them.
  const restoreInputs = new Set<string>(msbuildFiles);
  for (const project of projects.keys()) {
    const above = foldersUp(path.dirname(project), workspace);
    for (const name of IMPORTED_ABOVE) {
      for (const folder of above) {
        const found = entryNamed(folder, name);
        if (found) {
          restoreInputs.add(found);
          break;
        }
      }
    }
    for (const folder of above) {
      const config = entryNamed(folder, 'NuGet.config');
      if (config) restoreInputs.add(config);
    }
  }
  const contextDir = commonFolder([...projects.keys(), ...restoreInputs].map((f) => path.dirname(f)));
  const globalJson = entryNamed(contextDir, 'global.json');
  if (globalJson) restoreInputs.add(globalJson);
  for (const project of projects.keys()) {
    const lock = entryNamed(path.dirname(project), 'packages.lock.json');
    if (lock) restoreInputs.add(lock);
  }
  const relative = (f: string): string => toPosix(path.relative(contextDir, f));
  const projectPath = relative(file);
  const restoreFiles = [...new Set([...[...projects.keys()].filter((p) => p !== file), ...restoreInputs])].map(relative).sort();
  return { ok: true, inputs: { projectFile: file, facts: { ...first.facts, projectFile: projectPath }, contextDir, projectPath, restoreFiles } };
}

/** Where the generated files go: the Dockerfile next to the project (or at `output`), the .dockerignore at the context. */
export interface PlannedFiles {
  readonly dockerfile: string;
  readonly dockerignore: string;
  /** The Dockerfile relative to the build context, for the `docker build -f` in its header. */
  readonly dockerfilePath: string;
}

/** `output`: a folder (existing, or written with a trailing separator) gets a `Dockerfile`; anything else is the file. */
export function planFiles(inputs: GenerationInputs, output?: string): PlannedFiles {
  let dockerfile = path.join(path.dirname(inputs.projectFile), 'Dockerfile');
  if (output !== undefined) {
    const resolved = path.resolve(output);
    let folder = /[\\/]$/.test(output);
    try {
      folder ||= statSync(resolved).isDirectory();
    } catch {
      // a new file
    }
    dockerfile = folder ? path.join(resolved, 'Dockerfile') : resolved;
  }
  return { dockerfile, dockerignore: path.join(inputs.contextDir, '.dockerignore'), dockerfilePath: toPosix(path.relative(inputs.contextDir, dockerfile)) };
}
