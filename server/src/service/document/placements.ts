/**
 * What each COPY and ADD puts where: its sources (from the build context, or from another stage or image) and the
 * absolute path it writes to, with the WORKDIR and the variables the stage knows at that point applied. Read once
 * per build model. Two facts come from it: which file of the build context a path inside the image came from (to
 * find the project a `dotnet publish` builds), and where another stage's output lands in the final stage.
 *
 * Paths inside the image are absolute and normalized (`/src/Api/Api.csproj`); paths in the build context are
 * relative, `/`-separated, without `./` (`src/Api/Api.csproj`; `''` is the context itself).
 */
import type { Instruction } from '../syntax/model';
import type { Stage } from './stages';
import type { StageFacts } from './stageFacts';
import type { DockerfileModel } from './model';
import { copyOperands, flagNamed } from './instructionFields';
import { normalizePath } from './environment';
import { evaluateWord } from '../shell/expansion';

export interface Placement {
  readonly instruction: Instruction;
  /** The stage the COPY/ADD is written in. */
  readonly stage: Stage;
  /** `context`: from the build context; `stage`: `--from=<stage>`; `other`: an image, a URL, a heredoc, a value we cannot read. */
  readonly origin: 'context' | 'stage' | 'other';
  /** The stage of `--from`, when it names one. */
  readonly fromStage: Stage | undefined;
  /**
   * The sources, variables applied; undefined where one cannot be read. From the context: relative and normalized
   * (a `..` that leaves the context is dropped, as BuildKit does); from a stage: absolute.
   */
  readonly sources: readonly (string | undefined)[];
  /** Where it writes (absolute); undefined when the WORKDIR or a variable cannot be known. */
  readonly destination: string | undefined;
  /** True when the destination is a folder the sources go into (`dir/`, `.`, several sources, a wildcard). */
  readonly intoFolder: boolean;
}

const WILDCARD = /[*?[]/;
const URL = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Already relative and normal: no `.`, `..` or empty segment, no backslash (most COPY sources are). */
const NORMAL_CONTEXT_PATH = /^(?!\.\.?(?:\/|$))[^/\\]+(?:\/(?!\.\.?(?:\/|$))[^/\\]+)*$/;
/** Files whose names end like this are files, not folders (a folder may have a dot too: `App.Cli`). */
export const PROJECT_FILE = /\.(?:cs|fs|vb)proj$/i;
/** Other names a .NET build copies that are files: they never hold a path below them. */
const OTHER_FILE = /\.(?:props|targets|sln|slnx|slnf|json|config|xml|ico|txt|md|sh|ps1|cmd|yml|yaml|lock|snk|pfx|editorconfig|globalconfig|ruleset|cs|fs|vb)$/i;

/** `src/./Api/` → `src/Api`; `../x` → `x` (nothing of a build context lies above it); `.` → `''`. */
export function normalizeContextPath(path: string): string {
  if (NORMAL_CONTEXT_PATH.test(path)) return path;
  return normalizePath(`/${path.replace(/\\/g, '/')}`).slice(1);
}

/** `/a/b` inside `/a`: `b`; `/a` inside `/a`: `''`; undefined when not inside. */
export function relativeInside(path: string, folder: string): string | undefined {
  if (path === folder) return '';
  const prefix = folder === '/' ? '/' : `${folder}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
}

export function joinPath(folder: string, rest: string): string {
  if (rest === '') return folder;
  if (folder === '') return rest;
  return folder.endsWith('/') ? folder + rest : `${folder}/${rest}`;
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? (path.startsWith('/') ? '/' : '') : path.slice(0, slash);
}

/** The COPY/ADD instructions of one stage (not the stages it is built FROM), in document order. */
export function placementsOfStage(model: DockerfileModel, stage: Stage, facts: (stage: Stage) => StageFacts): Placement[] {
  const placements: Placement[] = [];
  const escape = model.syntax.escape;
  const stageFacts = facts(stage);
  let at = 0;
  // Variables are looked up only for the rare word that has one (a closure per COPY costs more than the COPY).
  const lookup = (name: string): string | undefined => {
    const values = stageFacts.lookupAt(at);
    return (values.env(name) ?? values.arg(name))?.value;
  };
  const evaluate = (word: string): string | undefined => (word.includes('$') ? evaluateWord(word, escape, lookup) : word);
  for (const instruction of stage.instructions) {
    if (instruction.name !== 'COPY' && instruction.name !== 'ADD') continue;
    at = instruction.span.start;
    const from = flagNamed(instruction, 'from')?.value;
    const fromStage = from === undefined ? undefined : model.stages.stageByName(from);
    const origin: Placement['origin'] = from === undefined ? (instruction.heredocs.length > 0 ? 'other' : 'context') : fromStage && fromStage !== stage ? 'stage' : 'other';
    const operands = copyOperands(instruction, escape);
    const written = operands.destination === undefined ? undefined : evaluate(operands.destination);
    const workdir = written === undefined || written.startsWith('/') ? undefined : stageFacts.environmentAt(at).workdir;
    // Without its trailing slash the path is usually normal already, and normalizePath returns it as it is.
    const trimmed = written !== undefined && written.length > 1 && written.endsWith('/') ? written.slice(0, -1) : written;
    const destination = trimmed === undefined ? undefined : trimmed.startsWith('/') ? normalizePath(trimmed) : workdir === undefined ? undefined : normalizePath(trimmed === '.' ? workdir : `${workdir}/${trimmed}`);
    const sources: (string | undefined)[] = [];
    for (const source of operands.sources) {
      const value = evaluate(source);
      if (value === undefined || URL.test(value)) sources.push(undefined); // a URL (ADD) is no file of ours
      else sources.push(origin === 'stage' ? normalizePath(value.startsWith('/') ? value : `/${value}`) : normalizeContextPath(value));
    }
    const intoFolder =
      written === undefined || written.endsWith('/') || written === '.' || written === '..' || written.endsWith('/.') || sources.length > 1 || operands.sources.some((s) => WILDCARD.test(s));
    placements.push({ instruction, stage, origin, fromStage: origin === 'stage' ? fromStage : undefined, sources, destination, intoFolder });
  }
  return placements;
}

/** Does the name match a `COPY` wildcard (`*`, `?`; `[...]` is taken as any one character)? */
function matchesWildcard(name: string, pattern: string): boolean {
  // Linear: `*` never spans a `/`, and the name is one segment.
  let p = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    if (p < pattern.length && pattern[p] === '[') {
      const close = pattern.indexOf(']', p);
      if (close > p) {
        p = close + 1;
        n++;
        continue;
      }
    }
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * Where an image path came from in the build context, through one placement: a file copied as itself, a file
 * copied into a folder, a wildcard's match, or a path under a copied folder. undefined when the placement does
 * not write that path.
 */
export function contextSourceOf(placement: Placement, imagePath: string): string | undefined {
  const destination = placement.destination;
  if (placement.origin !== 'context' || destination === undefined) return undefined;
  for (const source of placement.sources) {
    if (source === undefined) continue;
    const name = baseName(source);
    if (WILDCARD.test(source)) {
      // `COPY src/Api/*.csproj ./Api/`: only a wildcard in the last segment can be followed.
      const folder = parentOf(source);
      if (WILDCARD.test(folder)) continue;
      const inside = relativeInside(imagePath, destination);
      if (inside !== undefined && inside !== '' && !inside.includes('/') && matchesWildcard(inside, name)) return joinPath(folder, inside);
      if (inside === '') return folder; // the folder the matches went into
      continue;
    }
    if (PROJECT_FILE.test(name)) {
      const target: string = placement.intoFolder ? joinPath(destination, name) : destination;
      if (imagePath === target) return source;
      if (imagePath === parentOf(target)) return parentOf(source); // the folder the project went into
      continue;
    }
    if (OTHER_FILE.test(name)) continue;
    // A folder (or a file we do not care about): its content goes into the destination.
    const inside = relativeInside(imagePath, destination);
    if (inside !== undefined) return joinPath(source, inside);
  }
  return undefined;
}
