/**
 * Reads the files of catalog/reference (described in its dotnet-tags.summary.md and SOURCES.md) into plain rows.
 * Only reading and shape checks happen here; catalog/buildCatalog.ts turns the rows into the catalog.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { parseReleaseIndex } from '../server/src/service/catalog/releaseIndex';

/** One TSV row keyed by the header's column names. */
export type Row = Readonly<Record<string, string>>;

export interface SourceRef {
  /** What the data is, as the catalog's `sources` name it. */
  readonly name: string;
  /** A git commit, or `sha256:<hex>` for a file downloaded outside git (the release index from builds.dotnet.microsoft.com). */
  readonly commit: string;
  /** YYYY-MM-DD: the commit's date, or the day of the download. */
  readonly date: string;
}

export interface ReleaseIndexEntry {
  readonly channelVersion: string;
  readonly product: string;
  readonly releaseType: string;
  readonly supportPhase: string;
  readonly eolDate: string | null;
  readonly latestRuntime: string;
  readonly latestSdk: string;
}

export interface ReferenceData {
  readonly mainTags: readonly Row[];
  readonly nightlyTags: readonly Row[];
  readonly historyFloating: readonly Row[];
  readonly historyFixedPatterns: readonly Row[];
  readonly releasesIndex: readonly ReleaseIndexEntry[];
  readonly sources: { readonly main: SourceRef; readonly nightly: SourceRef; readonly core: SourceRef };
}

const sourceRef = z.object({
  name: z.string().min(1).max(200),
  commit: z.string().regex(/^([0-9a-f]{40}|sha256:[0-9a-f]{64})$/, 'expected a 40-digit git commit or sha256:<64 hex digits>'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
});
export const sourcesFileSchema = z.object({ $comment: z.string().optional(), main: sourceRef, nightly: sourceRef, releasesIndex: sourceRef });
export type SourcesFile = z.infer<typeof sourcesFileSchema>;

const TAG_COLUMNS = [
  'repo', 'tag', 'dotnet_version', 'os', 'variants', 'arch', 'is_shared_tag', 'has_shell', 'platform', 'repo_kind',
  'image_ref', 'product_version', 'version_kind', 'os_in_tag', 'archs_in_manifest_list', 'documented',
];
const FLOATING_COLUMNS = ['image_repo', 'tag', 'dotnet_version', 'first_seen', 'removed_on', 'in_current_manifest', 'syndicated_from'];
const PATTERN_COLUMNS = ['image_repo', 'dotnet_version', 'fixed_tag_pattern', 'versions_seen', 'first_seen', 'last_seen', 'in_current_manifest'];

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot read ${file} (${detail}); is catalog/reference complete (see git status catalog/reference)?`, { cause: error });
  }
}

/** Parses a tab-separated file with a header line; fails when an expected column is missing. */
export function readTsv(file: string, requiredColumns: readonly string[]): Row[] {
  const lines = readText(file).split('\n').filter((line) => line !== '');
  const header = (lines[0] ?? '').split('\t');
  const missing = requiredColumns.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new Error(`${file} lacks the column(s) ${missing.join(', ')}`);
  return lines.slice(1).map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(header.map((column, i) => [column, cells[i] ?? '']));
  });
}

/** Reads sources.json: the commit (or file hash) and date of each input. */
export function parseSources(json: string): ReferenceData['sources'] {
  const parsed = sourcesFileSchema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`sources.json: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unreadable'}`);
  }
  return { main: parsed.data.main, nightly: parsed.data.nightly, core: parsed.data.releasesIndex };
}

/** Reads dotnet/core's release-notes/releases-index.json, validated by the schema a catalog refresh uses too. */
export function parseReleasesIndex(json: string): ReleaseIndexEntry[] {
  const parsed = parseReleaseIndex(JSON.parse(json));
  if (!parsed.ok) throw new Error(`releases-index.json: ${parsed.error}`);
  return parsed.entries.map((entry) => ({
    channelVersion: entry['channel-version'],
    product: entry.product,
    releaseType: entry['release-type'],
    supportPhase: entry['support-phase'],
    eolDate: entry['eol-date'] ?? null,
    latestRuntime: entry['latest-runtime'],
    latestSdk: entry['latest-sdk'],
  }));
}

/** Reads every input the catalog is built from. */
export function readReferenceData(referenceDir: string): ReferenceData {
  const file = (name: string): string => path.join(referenceDir, name);
  return {
    mainTags: readTsv(file('dotnet-tags.tsv'), TAG_COLUMNS),
    nightlyTags: readTsv(file('dotnet-tags.nightly.tsv'), TAG_COLUMNS),
    historyFloating: readTsv(file('dotnet-tags.history-floating.tsv'), FLOATING_COLUMNS),
    historyFixedPatterns: readTsv(file('dotnet-tags.history-fixed-patterns.tsv'), PATTERN_COLUMNS),
    releasesIndex: parseReleasesIndex(readText(file('dotnet-core/releases-index.json'))),
    sources: parseSources(readText(file('sources.json'))),
  };
}
