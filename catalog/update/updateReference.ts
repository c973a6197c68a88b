/**
 * `npm run catalog:update`: downloads what the catalog is made from, from where it is published, and regenerates
 * the catalog. All or nothing: every download is validated and the new reference folder and catalog are built
 * beside the old ones; only when everything worked do they replace catalog/reference and catalog/dotnet-images.json.
 *
 * Sources (base URLs overridable, for the tests' loopback server and for mirrors):
 *   - dotnet/dotnet-docker, branches main and nightly: the head commit from the GitHub API
 *     (`<api>/repos/dotnet/dotnet-docker/commits/<branch>`), then at that commit from raw.githubusercontent.com:
 *     manifest.json (+ manifest.samples.json on main) and the variables files they include;
 *   - the .NET release metadata index (builds.dotnet.microsoft.com/dotnet/release-metadata/releases-index.json).
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { httpGet } from '../../server/src/host/registry/httpGet';
import { writeFileAtomic } from '../../server/src/host/io/atomicWrite';
import { loadCatalogFromJson } from '../../server/src/service/catalog/loadCatalog';
import { parseReleaseIndex, type ReleaseIndexEntry } from '../../server/src/service/catalog/releaseIndex';
import { generateCatalog } from '../generateCatalog';
import { readTsv, type SourcesFile } from '../referenceData';
import { carryFixedPatterns, carryFloatingHistory } from './history';
import { formatTsv, manifestRows, manifestSchema, TAG_TSV_COLUMNS, variablesFileSchema, type TagRow } from './manifest';

export const DEFAULT_GITHUB_API = 'https://api.github.com';
export const DEFAULT_GITHUB_RAW = 'https://raw.githubusercontent.com';
export const DEFAULT_RELEASES_INDEX = 'https://builds.dotnet.microsoft.com/dotnet/release-metadata/releases-index.json';
const REPOSITORY = 'dotnet/dotnet-docker';
/** manifest.json is ~0.5 MB today. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface UpdateOptions {
  /** catalog/reference. */
  readonly referenceDir: string;
  /** catalog/dotnet-images.json. */
  readonly catalogFile: string;
  readonly githubApi?: string;
  readonly githubRaw?: string;
  readonly releasesIndexUrl?: string;
  /** The day of the download (the release index's date), YYYY-MM-DD; default the system clock (UTC). */
  readonly today?: string;
  readonly timeoutMs?: number;
  readonly log?: (line: string) => void;
}

export interface UpdateResult {
  readonly sources: SourcesFile;
  readonly mainTags: number;
  readonly nightlyTags: number;
  readonly catalogDate: string;
  readonly history: { readonly added: number; readonly removed: number };
}

const commitSchema = z.object({
  sha: z.string().regex(/^[0-9a-f]{40}$/),
  commit: z.object({ committer: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}T/) }) }),
});

interface Downloaded {
  readonly url: string;
  readonly bytes: Buffer;
}

async function download(url: string, options: UpdateOptions, accept = 'application/json'): Promise<Downloaded> {
  const response = await httpGet(url, { headers: { accept }, maxBytes: MAX_FILE_BYTES, timeoutMs: options.timeoutMs ?? 30_000 });
  if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return { url, bytes: response.body };
}

function json(file: Downloaded): unknown {
  try {
    return JSON.parse(file.bytes.toString('utf8'));
  } catch (error) {
    throw new Error(`${file.url}: not valid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}

function validated<T>(schema: z.ZodType<T>, file: Downloaded, what: string): T {
  const result = schema.safeParse(json(file));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(`${file.url}: not ${what} (${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown'})`);
}

interface BranchFiles {
  readonly commit: string;
  readonly date: string;
  /** File name → bytes as downloaded. */
  readonly files: Map<string, Buffer>;
  readonly rows: TagRow[];
}

async function downloadBranch(branch: string, manifests: readonly string[], options: UpdateOptions, support: (version: string) => { releaseType: string; supportPhase: string; eolDate: string | null } | undefined): Promise<BranchFiles> {
  const api = (options.githubApi ?? DEFAULT_GITHUB_API).replace(/\/$/, '');
  const raw = (options.githubRaw ?? DEFAULT_GITHUB_RAW).replace(/\/$/, '');
  const head = validated(commitSchema, await download(`${api}/repos/${REPOSITORY}/commits/${branch}`, options, 'application/vnd.github+json'), 'a GitHub commit');
  options.log?.(`${REPOSITORY} ${branch}: ${head.sha} (${head.commit.committer.date})`);
  const files = new Map<string, Buffer>();
  const rows: TagRow[] = [];
  for (const name of manifests) {
    const file = await download(`${raw}/${REPOSITORY}/${head.sha}/${name}`, options);
    const manifest = validated(manifestSchema, file, 'an ImageBuilder manifest');
    files.set(name, file.bytes);
    let variables: Record<string, string> = {};
    for (const include of manifest.includes ?? []) {
      const included = await download(`${raw}/${REPOSITORY}/${head.sha}/${include}`, options);
      variables = { ...variables, ...validated(variablesFileSchema, included, 'a manifest variables file').variables };
      files.set(include, included.bytes);
    }
    rows.push(...manifestRows(manifest, { ...variables, ...(manifest.variables ?? {}) }, support));
  }
  return { commit: head.sha, date: head.commit.committer.date.slice(0, 10), files, rows };
}

/** Puts a reference folder back when a previous run stopped between its two renames. */
function recover(referenceDir: string, previous: string): void {
  if (!existsSync(referenceDir) && existsSync(previous)) renameSync(previous, referenceDir);
}

export async function updateReference(options: UpdateOptions): Promise<UpdateResult> {
  const log = options.log ?? (() => undefined);
  const referenceDir = path.resolve(options.referenceDir);
  const previous = `${referenceDir}.previous`;
  recover(referenceDir, previous);
  const today = options.today ?? new Date().toISOString().slice(0, 10);

  // 1. Download and validate everything first: nothing is written before all of it is good.
  const indexUrl = options.releasesIndexUrl ?? DEFAULT_RELEASES_INDEX;
  const indexFile = await download(indexUrl, options);
  const index = parseReleaseIndex(json(indexFile));
  if (!index.ok) throw new Error(`${indexUrl}: ${index.error}`);
  const byChannel = new Map<string, ReleaseIndexEntry>(index.entries.map((e) => [e['channel-version'], e]));
  const support = (version: string) => {
    const entry = byChannel.get(version);
    return entry && { releaseType: entry['release-type'], supportPhase: entry['support-phase'], eolDate: entry['eol-date'] ?? null };
  };
  log(`release index: ${index.entries.length} channels from ${indexUrl}`);
  const main = await downloadBranch('main', ['manifest.json', 'manifest.samples.json'], options, support);
  const nightly = await downloadBranch('nightly', ['manifest.json'], options, support);

  // 2. The new reference folder, beside the old one.
  const staged = `${referenceDir}.staged`;
  rmSync(staged, { recursive: true, force: true });
  cpSync(referenceDir, staged, { recursive: true });
  try {
    for (const [name, bytes] of main.files) writeFileSync(path.join(staged, 'dotnet-docker', name), bytes);
    for (const [name, bytes] of nightly.files) writeFileSync(path.join(staged, 'dotnet-docker-nightly', name), bytes);
    writeFileSync(path.join(staged, 'dotnet-core', 'releases-index.json'), indexFile.bytes);
    writeFileSync(path.join(staged, 'dotnet-tags.tsv'), formatTsv(TAG_TSV_COLUMNS, main.rows));
    writeFileSync(path.join(staged, 'dotnet-tags.nightly.tsv'), formatTsv(TAG_TSV_COLUMNS, nightly.rows));

    const snapshot = { date: main.date, commit: main.commit.slice(0, 10) };
    const historyFile = path.join(staged, 'dotnet-tags.history-floating.tsv');
    const floatingBefore = readTsv(historyFile, []);
    const floating = carryFloatingHistory(floatingBefore, main.rows, snapshot);
    writeFileSync(historyFile, formatTsv(headerOf(historyFile), floating));
    const patternsFile = path.join(staged, 'dotnet-tags.history-fixed-patterns.tsv');
    writeFileSync(patternsFile, formatTsv(headerOf(patternsFile), carryFixedPatterns(readTsv(patternsFile, []), main.rows, snapshot)));
    const history = {
      added: floating.length - floatingBefore.length,
      removed: floating.filter((r, i) => r.in_current_manifest === 'false' && floatingBefore[i]?.in_current_manifest === 'true').length,
    };

    const sources: SourcesFile = {
      $comment: readSourcesComment(referenceDir),
      main: { name: 'dotnet/dotnet-docker main (manifest.json, manifest.samples.json, history carried forward)', commit: main.commit, date: main.date },
      nightly: { name: 'dotnet/dotnet-docker nightly (manifest.json)', commit: nightly.commit, date: nightly.date },
      releasesIndex: { name: `releases-index.json from ${new URL(indexUrl).host}`, commit: `sha256:${createHash('sha256').update(indexFile.bytes).digest('hex')}`, date: today },
    };
    writeFileSync(path.join(staged, 'sources.json'), `${JSON.stringify(sources, null, 2)}\n`);

    // 3. The catalog from the new folder, checked by the generator's schema and by the server's own loader.
    const { catalog, text } = generateCatalog(staged);
    const loaded = loadCatalogFromJson(text);
    if (!loaded.ok) throw new Error(`the new catalog does not load: ${loaded.error}`);

    // 4. Swap: the folder (two renames; `recover` mends a stop in between), then the catalog file atomically.
    rmSync(previous, { recursive: true, force: true });
    renameSync(referenceDir, previous);
    renameSync(staged, referenceDir);
    try {
      writeFileAtomic(options.catalogFile, text);
    } catch (error) {
      renameSync(referenceDir, staged);
      renameSync(previous, referenceDir);
      throw error;
    }
    rmSync(previous, { recursive: true, force: true });
    return { sources, mainTags: main.rows.length, nightlyTags: nightly.rows.length, catalogDate: catalog.date, history };
  } finally {
    rmSync(staged, { recursive: true, force: true });
  }
}

function headerOf(file: string): string[] {
  return (readFileSync(file, 'utf8').split('\n', 1)[0] ?? '').split('\t');
}

function readSourcesComment(referenceDir: string): string | undefined {
  try {
    const data = JSON.parse(readFileSync(path.join(referenceDir, 'sources.json'), 'utf8')) as { $comment?: unknown };
    return typeof data.$comment === 'string' ? data.$comment : undefined;
  } catch {
    return undefined;
  }
}
