/**
 * Which project files a Dockerfile builds, as paths in the build context, most certain first: the project whose
 * output the final stage runs, then the other projects `dotnet publish`, `dotnet build` and `dotnet restore` name
 * (or the folder they run in), then the project files COPY brings in. A path in the image is traced back through
 * the COPYs that put it there (Visual Studio's layout: `COPY ["src/Api/Api.csproj", "src/Api/"]`, `COPY . .`,
 * `WORKDIR "/src/src/Api"`, `dotnet publish "Api.csproj"` is `src/Api/Api.csproj` in the context).
 *
 * Pure: the host knows where the build context is (it tries the Dockerfile's folder and the folders above it) and
 * which candidates exist; it never reads outside the workspace.
 */
import type { Build } from './build';
import type { DotnetCommand } from './dotnetCommands';
import type { Stage } from './stages';
import { contextSourceOf, normalizeContextPath, PROJECT_FILE, type Placement } from './placements';
import { commandWorkdir, type PublishStep } from './publishing';
import { normalizePath } from './environment';
import { bounded } from '../texts/quote';

export type CandidateReason = 'published into the final stage' | 'published' | 'built' | 'restored' | 'copied';

export interface ProjectCandidate {
  /** Relative to the build context, `/`-separated, no `./` (`''` is the context folder itself). */
  readonly path: string;
  /** A folder: the one project file in it is meant. */
  readonly folder: boolean;
  readonly reason: CandidateReason;
  /** The Dockerfile's words it comes from, for "where it looked": `dotnet publish "Api.csproj"`. */
  readonly said: string;
  /** True when the path was traced through a COPY; false for a guess from the image path's tail. */
  readonly traced: boolean;
}

export interface ProjectSearch {
  readonly candidates: readonly ProjectCandidate[];
}

const VERB_REASON: Readonly<Record<string, CandidateReason>> = { publish: 'published', build: 'built', restore: 'restored' };
const REASON_ORDER: readonly CandidateReason[] = ['published into the final stage', 'published', 'built', 'restored', 'copied'];
/** A Dockerfile names a handful of projects; a pathological one gets no more candidates than this. */
const MAX_CANDIDATES = 128;
/** Path tails tried for an untraced image path (`/src/a/b/Api.csproj` → `a/b/Api.csproj`, `b/Api.csproj`, ...). */
const MAX_TAILS = 8;
const PROJECT_MENTION = /proj\b/i;
/** `dotnet` calls traced, the app's first: a real Dockerfile has a handful; a pathological one stays linear. */
const MAX_COMMANDS = 64;
/** COPY/ADD instructions looked at per traced path. */
const MAX_TRACE_STEPS = 4096;

export function projectSearchOf(build: Build): ProjectSearch {
  const found: ProjectCandidate[] = [];
  const publishing = build.publishing();
  const app = publishing.app;
  const stepByCommand = new Map<DotnetCommand, PublishStep>(publishing.steps.map((s) => [s.command, s]));
  const traced = build.dotnetCommands().filter((command) => VERB_REASON[command.verb] !== undefined);
  const commands = app ? [app.command, ...traced.filter((c) => c !== app.command)] : traced;
  for (const command of commands.slice(0, MAX_COMMANDS)) {
    const verbReason = VERB_REASON[command.verb]!;
    const step = stepByCommand.get(command);
    const reason = step && step === app ? 'published into the final stage' : verbReason;
    const workdir = commandWorkdir(command, build.runWorkdir(command));
    const project = command.project;
    if (project !== undefined && !PROJECT_FILE.test(project) && /\.(?:sln|slnx|slnf)$/i.test(project)) continue; // a solution names no one project
    const target = project === undefined ? workdir : project.startsWith('/') ? normalizePath(project) : workdir === undefined ? undefined : normalizePath(`${workdir}/${project}`);
    const folder = project === undefined || !PROJECT_FILE.test(project);
    const said = bounded(`dotnet ${command.verb}${project === undefined ? '' : ` ${project}`}`, 80);
    if (target !== undefined) {
      const sources = traceToContext(build, command.stage, command.instruction.span.start, target);
      for (const path of sources) found.push({ path, folder, reason, said, traced: true });
      if (sources.length === 0) for (const tail of tails(target)) found.push({ path: tail, folder, reason, said, traced: false });
    } else if (project !== undefined && !project.startsWith('/')) {
      // The working directory is unknown: the path as written, from the context, is the best guess.
      found.push({ path: normalizeContextPath(project), folder, reason, said, traced: false });
    }
  }
  for (const stage of build.model.stages.stages) {
    // Most stages copy no project file: look at their COPY lines before working out their placements.
    if (!stage.instructions.some((i) => (i.name === 'COPY' || i.name === 'ADD') && PROJECT_MENTION.test(i.args))) continue;
    for (const placement of build.placements(stage)) {
      if (placement.origin !== 'context') continue;
      for (const source of placement.sources) {
        if (source !== undefined && PROJECT_FILE.test(source) && !/[*?[]/.test(source)) {
          found.push({ path: source, folder: false, reason: 'copied', said: bounded(`${placement.instruction.keyword} ${source}`, 80), traced: true });
        }
      }
    }
  }
  // Most certain first; each path once, with its most certain reason.
  const ordered = found
    .map((candidate, order) => ({ candidate, order }))
    .sort((a, b) => rank(a.candidate) - rank(b.candidate) || a.order - b.order)
    .map((entry) => entry.candidate);
  const seen = new Set<string>();
  const candidates: ProjectCandidate[] = [];
  for (const candidate of ordered) {
    const key = `${candidate.folder ? 'd' : 'f'}:${candidate.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    candidates.push(candidate);
    if (candidates.length >= MAX_CANDIDATES) break;
  }
  return { candidates };
}

function rank(candidate: ProjectCandidate): number {
  // Traced paths before guesses of the same reason; project files before folders.
  return REASON_ORDER.indexOf(candidate.reason) * 4 + (candidate.traced ? 0 : 2) + (candidate.folder ? 1 : 0);
}

/**
 * The build-context paths an image path may have come from: each COPY/ADD before `offset` in the stage, or in the
 * stages it is built FROM, that wrote it, the latest first (a later `COPY . .` writes it again only if the context
 * has it there). Empty when no COPY from the context wrote it (a RUN made it, or it came from another stage).
 */
function traceToContext(build: Build, stage: Stage, offset: number, imagePath: string): string[] {
  const sources: string[] = [];
  const budget = { steps: MAX_TRACE_STEPS };
  for (const member of build.stage(stage).lineage()) {
    if (trace(build.placements(member), member === stage ? offset : Number.POSITIVE_INFINITY, imagePath, sources, budget)) break;
  }
  return sources;
}

/** Adds the context paths one stage's placements before `offset` wrote `imagePath` from, latest first; true to stop. */
function trace(placements: readonly Placement[], offset: number, imagePath: string, sources: string[], budget: { steps: number }): boolean {
  for (let i = placements.length - 1; i >= 0; i--) {
    if (--budget.steps < 0) return true;
    const placement = placements[i]!;
    if (placement.instruction.span.start >= offset) continue;
    if (placement.destination === undefined) continue;
    const source = contextSourceOf(placement, imagePath);
    if (source !== undefined) {
      if (!sources.includes(source)) sources.push(source);
      if (sources.length >= MAX_TAILS) return true;
    }
    // A COPY from another stage over the same path hides what the context put there before it.
    if (placement.origin !== 'context' && (placement.destination === imagePath || imagePath.startsWith(`${placement.destination}/`))) return true;
  }
  return false;
}

/** `/src/a/b/Api.csproj` → `src/a/b/Api.csproj`, `a/b/Api.csproj`, `b/Api.csproj`, `Api.csproj` (at most a few). */
function tails(imagePath: string): string[] {
  const segments = imagePath.split('/').filter((s) => s !== '');
  const result: string[] = [];
  for (let skip = 0; skip < segments.length && result.length < MAX_TAILS; skip++) result.push(segments.slice(skip).join('/'));
  if (segments.length === 0) result.push('');
  return result;
}
