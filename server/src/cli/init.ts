/**
 * `dotnet-dockerfile init [project]`: writes a Dockerfile (next to the project, or at `--output`) and a
 * .dockerignore (at the build context) for a .NET project, then lints what it wrote with the same rules as
 * `lint`. The project is the argument (a project file, or a folder with one project), else the one project in the
 * current folder. Existing files are never replaced without `--force`. The workspace, above which nothing is
 * read, is the git repository the project is in, else the current folder.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createDotnetDockerfileService } from '../service';
import type { CatalogIndex } from '../service/catalog/catalogIndex';
import { gatherGenerationInputs, planFiles } from '../host/project/generationInputs';
import { writeFileAtomic } from '../host/io/atomicWrite';
import type { CommandOutcome } from './catalogCommand';

export interface InitOptions {
  /** The project argument as given (a project file or a folder), or undefined for the current folder. */
  readonly project: string | undefined;
  readonly output: string | undefined;
  readonly force: boolean;
  readonly cwd: string;
  readonly catalog: CatalogIndex | undefined;
  readonly today?: () => string;
}

const PROJECT_FILE = /\.(?:cs|fs|vb)proj$/i;
const SOLUTION_FILE = /\.(?:sln|slnx|slnf)$/i;

function failed(message: string): CommandOutcome {
  return { exitCode: 2, output: '', errors: [message] };
}

function projectsIn(folder: string): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((entry) => PROJECT_FILE.test(entry.name) && (entry.isFile() || entry.isSymbolicLink()))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

/** The project file the argument names, or a message that says what to do. */
function resolveProject(argument: string | undefined, cwd: string): { file: string } | { error: string } {
  const target = path.resolve(cwd, argument ?? '.');
  const shown = argument ?? 'the current folder';
  let isFolder: boolean;
  try {
    isFolder = statSync(target).isDirectory();
  } catch {
    return { error: `${shown} does not exist. Name a project file: dotnet-dockerfile init src/App/App.csproj` };
  }
  if (!isFolder) {
    if (SOLUTION_FILE.test(target)) return { error: `${shown} is a solution: name the project of the app to containerize, e.g. dotnet-dockerfile init src/App/App.csproj` };
    if (!PROJECT_FILE.test(target)) return { error: `${shown} is not a project file (.csproj, .fsproj or .vbproj)` };
    return { file: target };
  }
  const projects = projectsIn(target);
  if (projects.length === 1) return { file: path.join(target, projects[0]!) };
  if (projects.length === 0) return { error: `no project file in ${shown} (looked for *.csproj, *.fsproj, *.vbproj). Name one: dotnet-dockerfile init src/App/App.csproj` };
  return { error: `${projects.length} project files in ${shown} (${projects.join(', ')}): name the one to containerize, e.g. dotnet-dockerfile init ${path.join(argument ?? '.', projects[0]!)}` };
}

/** The git repository the file is in, else `fallback`. */
function workspaceOf(file: string, fallback: string): string {
  for (let folder = path.dirname(file), depth = 0; depth < 64; depth++) {
    if (existsSync(path.join(folder, '.git'))) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return fallback;
}

function shown(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

export function runInit(options: InitOptions): CommandOutcome {
  const resolved = resolveProject(options.project, options.cwd);
  if ('error' in resolved) return failed(resolved.error);
  const inCwd = !path.relative(options.cwd, resolved.file).startsWith('..');
  const root = workspaceOf(resolved.file, inCwd ? options.cwd : path.dirname(resolved.file));
  const gathered = gatherGenerationInputs(resolved.file, root);
  if (!gathered.ok) return failed(gathered.error);
  const inputs = gathered.inputs;
  const planned = planFiles(inputs, options.output);
  const service = createDotnetDockerfileService({ catalog: options.catalog, ...(options.today ? { today: options.today } : {}) });
  const result = service.generateDockerfile({ project: inputs.facts, projectPath: inputs.projectPath, restoreFiles: inputs.restoreFiles, dockerfilePath: planned.dockerfilePath });
  if (!result.ok) return failed(result.error);

  const targets = [planned.dockerfile, planned.dockerignore];
  const existing = targets.filter((file) => existsSync(file));
  if (existing.length > 0 && !options.force) {
    return failed(`${existing.map((file) => shown(options.cwd, file)).join(' and ')} already ${existing.length === 1 ? 'exists' : 'exist'}: nothing was written. Use --force to replace ${existing.length === 1 ? 'it' : 'them'}.`);
  }
  const written: string[] = [];
  for (const [file, text] of [[planned.dockerfile, result.dockerfile], [planned.dockerignore, result.dockerignore]] as const) {
    try {
      writeFileAtomic(file, text, { createFolder: true });
      written.push(file);
    } catch (error) {
      const done = written.length > 0 ? ` (${written.map((f) => shown(options.cwd, f)).join(', ')} was written)` : '';
      return failed(`cannot write ${shown(options.cwd, file)}: ${error instanceof Error ? error.message : String(error)}${done}`);
    }
  }

  // What it wrote lints as `lint` would lint it (a target past its end of life says so here).
  const document = TextDocument.create(pathToFileURL(planned.dockerfile).href, 'dockerfile', 1, result.dockerfile);
  const problems = service.validate(service.parse(document), { project: inputs.facts });
  const lines = [
    `wrote ${shown(options.cwd, planned.dockerfile)} (${inputs.projectPath}: ${result.sdkImage} → ${result.finalImage})`,
    `wrote ${shown(options.cwd, planned.dockerignore)}`,
    `build it from ${shown(options.cwd, inputs.contextDir) || '.'}: ${result.dockerfile.split('\n').find((line) => line.includes('docker build'))?.replace(/^.*?: (docker build)/, '$1') ?? 'docker build .'}`,
  ];
  const notes = problems.map((d) => `note: ${shown(options.cwd, planned.dockerfile)}:${d.range.start.line + 1}: ${String(d.code)}: ${typeof d.message === 'string' ? d.message : d.message.value}`);
  return { exitCode: 0, output: `${lines.join('\n')}\n`, errors: notes };
}
