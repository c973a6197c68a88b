/**
 * Downloads the .NET release index for a catalog refresh, and for each version that left preview since the
 * catalog was built and whose GA date the index does not tell, that channel's `releases.json` (at
 * `<channel>/releases.json` beside the index, as builds.dotnet.microsoft.com lays them out). Every answer is
 * bounded in time and size, counted against the refresh's byte budget, and validated.
 */
import type { Catalog } from '../../service/catalog/schema';
import { gaDateFromIndex, gaDateFromReleases, parseReleaseIndex, type ReleaseIndexEntry } from '../../service/catalog/releaseIndex';
import type { ByteBudget } from './byteBudget';
import { httpGet, type HttpGetOptions } from './httpGet';

export const RELEASES_INDEX_ENV = 'DOTNET_DOCKERFILE_RELEASES_INDEX';
export const DEFAULT_RELEASES_INDEX_URL = 'https://builds.dotnet.microsoft.com/dotnet/release-metadata/releases-index.json';
/** The index is ~7 KB; a channel's releases.json a few MB. */
const MAX_INDEX_BYTES = 1024 * 1024;
const MAX_RELEASES_BYTES = 16 * 1024 * 1024;
/** .NET leaves preview once a year: more than this many at once is not an index to trust with more requests. */
const MAX_GA_LOOKUPS = 3;

/** The index URL a refresh uses: the explicit one, else $DOTNET_DOCKERFILE_RELEASES_INDEX, else Microsoft's; `off` for none. */
export function releaseIndexUrlFor(explicit?: string, env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const url = explicit ?? env[RELEASES_INDEX_ENV] ?? DEFAULT_RELEASES_INDEX_URL;
  return url.trim().toLowerCase() === 'off' ? undefined : url.trim();
}

export interface ReleaseIndexOptions extends Omit<HttpGetOptions, 'headers' | 'maxBytes'> {
  readonly budget?: ByteBudget;
}

async function getJson(url: URL, maxBytes: number, options: ReleaseIndexOptions): Promise<unknown> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${url.href} is not an http(s) URL`);
  const limit = Math.min(maxBytes, options.budget ? Math.max(1, options.budget.remaining) : maxBytes);
  const response = await httpGet(url, { ...options, maxBytes: limit, headers: { accept: 'application/json' } });
  options.budget?.take(response.body.length, `GET ${url.href}`);
  if (response.status !== 200) throw new Error(`GET ${url.href}: HTTP ${response.status}`);
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch (error) {
    throw new Error(`GET ${url.href}: not valid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}

export interface FetchedReleaseIndex {
  readonly entries: readonly ReleaseIndexEntry[];
  /** GA dates looked up in releases.json files, by channel. */
  readonly gaDates: ReadonlyMap<string, string>;
}

/** Downloads and validates the index (and the GA dates it does not tell); throws with the URL and the reason. */
export async function fetchReleaseIndex(indexUrl: string, catalog: Catalog, options: ReleaseIndexOptions = {}): Promise<FetchedReleaseIndex> {
  let url: URL;
  try {
    url = new URL(indexUrl);
  } catch {
    throw new Error(`"${indexUrl}" is not a URL (set ${RELEASES_INDEX_ENV} to an http(s) URL, or to off)`);
  }
  const parsed = parseReleaseIndex(await getJson(url, MAX_INDEX_BYTES, options));
  if (!parsed.ok) throw new Error(`${url.href}: ${parsed.error}`);
  const before = new Map(catalog.versions.map((v) => [v.version, v]));
  const lookups = parsed.entries.filter((entry) => {
    const known = before.get(entry['channel-version']);
    const wasPrerelease = !known || known.supportPhase === 'preview' || known.supportPhase === 'go-live';
    const isReleased = entry['support-phase'] !== 'preview' && entry['support-phase'] !== 'go-live';
    return wasPrerelease && isReleased && !known?.gaDate && !gaDateFromIndex(entry) && entry['support-phase'] !== 'eol';
  });
  const gaDates = new Map<string, string>();
  for (const entry of lookups.slice(0, MAX_GA_LOOKUPS)) {
    const channel = entry['channel-version'];
    const releasesUrl = new URL(`${channel}/releases.json`, url);
    const found = gaDateFromReleases(await getJson(releasesUrl, MAX_RELEASES_BYTES, options), channel);
    if (!found.ok) throw new Error(`${releasesUrl.href}: ${found.error}`);
    if (found.gaDate) gaDates.set(channel, found.gaDate);
  }
  return { entries: parsed.entries, gaDates };
}
