/**
 * The build context as far as the Dockerfile and the host's facts tell it: which folder `docker build` most likely
 * sends (the Dockerfile's own, unless its COPY sources are written from a parent folder: Visual Studio's layout
 * copies `src/App/App.csproj` from the solution folder), which `.dockerignore` applies there (BuildKit prefers
 * `<Dockerfile>.dockerignore` beside the Dockerfile), and whether it keeps the projects' `bin/` and `obj/` out.
 *
 * `.dockerignore` patterns are read as BuildKit's pattern matcher reads them: Go `filepath.Match` syntax per path
 * segment plus `**`, a leading `!` re-includes, the last matching pattern wins, and a pattern that matches a folder
 * excludes everything under it.
 */
import type { BuildContextFacts } from '../context';
import type { DockerfileModel } from './model';
import { copyOperands, flagNamed } from './instructionFields';

export interface BuildContextDecision {
  /** The folder taken as the build context (a file URI without trailing slash). */
  readonly folder: string;
  /** The `.dockerignore` that applies: its URI and text; undefined when there is none. */
  readonly ignore: { readonly uri: string; readonly text: string } | undefined;
  /** The project folders the COPY sources name, relative to the context (`''` for the context itself). */
  readonly projectFolders: readonly string[];
  /** Every place looked at, for the message. */
  readonly searched: readonly string[];
}

const PROJECT_FILE = /\.(?:cs|fs|vb)proj$/i;
/** Cap on the patterns read from a `.dockerignore` (the host caps its size too), and on one pattern's length. */
const MAX_PATTERNS = 2_000;
const MAX_PATTERN_LENGTH = 1_024;
/** Project folders judged, and how deep one may be (a hostile COPY can name thousands). */
const MAX_PROJECT_FOLDERS = 20;
const MAX_FOLDER_DEPTH = 32;

function dirname(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/'));
}

function cleanSource(source: string): string {
  let path = source.replace(/\\/g, '/');
  while (path.startsWith('./')) path = path.slice(2);
  return path.replace(/^\/+/, '');
}

/** The COPY/ADD sources read from the build context (not `--from`), cleaned (`./src/A` → `src/A`). */
export function contextSources(model: DockerfileModel): string[] {
  const sources: string[] = [];
  for (const instruction of model.syntax.instructions) {
    if (instruction.name !== 'COPY' && instruction.name !== 'ADD') continue;
    if (flagNamed(instruction, 'from')) continue;
    for (const source of copyOperands(instruction, model.syntax.escape).sources) sources.push(cleanSource(source));
  }
  return sources;
}

/** Decides the build context and its `.dockerignore` from the host's facts. */
export function decideBuildContext(model: DockerfileModel, facts: BuildContextFacts): BuildContextDecision {
  // The host's first folder is the Dockerfile's own (its URIs are spelled alike; the editor's may encode differently).
  const dockerfileFolder = facts.folders[0]?.uri ?? dirname(model.document.uri);
  const sources = contextSources(model);
  let chosen = facts.folders[0];
  let decided = false;
  // Written from a parent: the sources start with the path from there to the Dockerfile (`src/Api/Api.csproj`).
  for (const folder of facts.folders) {
    if (folder.uri === dockerfileFolder || !dockerfileFolder.startsWith(`${folder.uri}/`)) continue;
    const relative = decodeURIComponent(dockerfileFolder.slice(folder.uri.length + 1));
    if (sources.some((source) => source === relative || source.startsWith(`${relative}/`))) {
      chosen = folder;
      decided = true;
      break;
    }
  }
  // Else the nearest folder that has the folder a source starts with (`Shared/Shared.csproj` from the solution folder).
  if (!decided) {
    const firstSegments = new Set(sources.filter((s) => s.includes('/')).map((s) => s.slice(0, s.indexOf('/'))).filter((s) => s !== '..' && s !== '.' && !/[*?[]/.test(s)));
    const found = firstSegments.size > 0 ? facts.folders.find((folder) => folder.subfolders?.some((name) => firstSegments.has(name))) : undefined;
    if (found) chosen = found;
  }
  const folder = chosen?.uri ?? dockerfileFolder;
  const dockerfileName = model.document.uri.slice(model.document.uri.lastIndexOf('/') + 1);
  const searched = [`${dockerfileFolder}/${dockerfileName}.dockerignore`, ...facts.folders.map((f) => `${f.uri}/.dockerignore`)];
  const ignore =
    facts.dockerfileIgnore !== undefined ? { uri: `${dockerfileFolder}/${dockerfileName}.dockerignore`, text: facts.dockerfileIgnore }
    : chosen?.dockerignore !== undefined ? { uri: `${folder}/.dockerignore`, text: chosen.dockerignore }
    : undefined;
  const projectFolders = [...new Set(sources.filter((s) => PROJECT_FILE.test(s) && !/[*?[]/.test(s)).map((s) => (s.includes('/') ? s.slice(0, s.lastIndexOf('/')) : '')))]
    .filter((folder) => folder.split('/').length <= MAX_FOLDER_DEPTH)
    .slice(0, MAX_PROJECT_FOLDERS);
  return { folder, ignore, projectFolders: projectFolders.length > 0 ? projectFolders : [''], searched };
}

interface Pattern {
  readonly exclude: boolean;
  readonly regex: RegExp;
}

/** The patterns of a `.dockerignore` text (comments and blank lines skipped). */
export function readIgnorePatterns(text: string): Pattern[] {
  const patterns: Pattern[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (patterns.length >= MAX_PATTERNS) break;
    let pattern = line.trim();
    if (pattern === '' || pattern.startsWith('#')) continue;
    let exclude = true;
    if (pattern.startsWith('!')) {
      exclude = false;
      pattern = pattern.slice(1).trim();
    }
    if (pattern.length > MAX_PATTERN_LENGTH) continue;
    pattern = cleanPattern(pattern);
    if (pattern === '') continue;
    const regex = patternRegex(pattern);
    if (regex) patterns.push({ exclude, regex });
  }
  return patterns;
}

/**
 * filepath.Clean, then no leading `/` (BuildKit matches paths relative to the context). Runs of `**` segments and of
 * `*` inside a segment mean what one does: they are collapsed, so no pattern makes the matcher backtrack for long.
 */
function cleanPattern(pattern: string): string {
  const parts: string[] = [];
  for (const raw of pattern.replace(/\\/g, '/').split('/')) {
    const part = raw === '**' ? raw : raw.replace(/\*{2,}/g, '*');
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else if (part === '**' && parts[parts.length - 1] === '**') continue;
    else parts.push(part);
  }
  return parts.join('/');
}

/** Go's filepath.Match per segment, and `**` for any number of segments (BuildKit's patternmatcher). */
function patternRegex(pattern: string): RegExp | undefined {
  let source = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        // `**/` matches zero or more folders; a trailing `**` anything.
        if (pattern[i + 1] === '/') {
          i++;
          source += '(?:.*/)?';
        } else source += '.*';
      } else source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) return undefined;
      let body = pattern.slice(i + 1, close);
      if (body.startsWith('^')) body = `^${body.slice(1)}`;
      source += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else if (c === '\\' && i + 1 < pattern.length) {
      source += escapeRegex(pattern[++i]!);
    } else {
      source += escapeRegex(c);
    }
  }
  try {
    return new RegExp(`${source}$`);
  } catch {
    return undefined;
  }
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/** Whether `path` (relative to the context) is left out: its own match or a parent folder's, the last pattern winning. */
export function isIgnored(patterns: readonly Pattern[], path: string): boolean {
  const segments = path.split('/');
  const prefixes: string[] = [];
  for (let i = 1; i <= segments.length; i++) prefixes.push(segments.slice(0, i).join('/'));
  let ignored = false;
  for (const pattern of patterns) {
    if (prefixes.some((prefix) => pattern.regex.test(prefix))) ignored = pattern.exclude;
  }
  return ignored;
}

/** The build output folders a `.dockerignore` lets through, for the project folders given (`src/App/bin`). */
export function buildOutputLetThrough(text: string, projectFolders: readonly string[]): string[] {
  const patterns = readIgnorePatterns(text);
  const through: string[] = [];
  for (const folder of projectFolders) {
    for (const output of ['bin', 'obj']) {
      const path = folder === '' ? output : `${folder}/${output}`;
      if (!isIgnored(patterns, `${path}/Debug/App.dll`)) through.push(`${path}/`);
    }
  }
  return through;
}
