/**
 * Support facts for a catalog refresh: the .NET release index says, per version, its support phase, release
 * type, end-of-life date and newest runtime and SDK. A refresh applies them to the catalog's versions and to the
 * tags of the .NET repositories (which carry a copy), so a version that shipped since the catalog was built stops
 * being a preview, and one past its end is known as such. Pure: the refresh does the downloading.
 */
import type { Catalog, CatalogVersion } from '../../service/catalog/schema';
import { catalogVersionOf, gaDateFromIndex, type ReleaseIndexEntry } from '../../service/catalog/releaseIndex';
import { compareProductVersions } from '../../service/catalog/productVersion';

export interface SupportFactsResult {
  readonly catalog: Catalog;
  /** What changed, one phrase per version: `11.0: preview → active`, `12.0: new (preview)`. */
  readonly changes: readonly string[];
  /** Versions that left preview (or go-live) and have no GA date yet: the caller may look it up. */
  readonly needGaDate: readonly string[];
}

/** The name of the catalog source a refresh's release index records (replaced on every refresh). */
export { RELEASE_INDEX_SOURCE_PREFIX } from './refreshSources';

const PRERELEASE = new Set<CatalogVersion['supportPhase']>(['preview', 'go-live']);

function newer(a: string, b: string): string {
  return compareProductVersions(a, b) >= 0 ? a : b;
}

/** Applies the release index to `catalog`. GA dates come from the index when it tells them, else from `gaDates`. */
export function applyReleaseIndex(catalog: Catalog, entries: readonly ReleaseIndexEntry[], gaDates: ReadonlyMap<string, string> = new Map()): SupportFactsResult {
  const byChannel = new Map(entries.map((entry) => [entry['channel-version'], entry]));
  const changes: string[] = [];
  const needGaDate: string[] = [];
  const known = new Set(catalog.versions.map((v) => v.version));

  const update = (current: CatalogVersion, entry: ReleaseIndexEntry): CatalogVersion => {
    const fresh = catalogVersionOf(entry);
    const leftPreview = PRERELEASE.has(current.supportPhase) && !PRERELEASE.has(fresh.supportPhase);
    const gaDate = current.gaDate ?? gaDateFromIndex(entry) ?? gaDates.get(current.version);
    if (!gaDate && !PRERELEASE.has(fresh.supportPhase) && leftPreview) needGaDate.push(current.version);
    const next: CatalogVersion = {
      ...current,
      product: fresh.product,
      releaseType: fresh.releaseType,
      supportPhase: fresh.supportPhase,
      eolDate: fresh.eolDate,
      // The registry may already have told a refresh about a newer patch than the index lists: keep the newest.
      latestRuntime: newer(current.latestRuntime, fresh.latestRuntime),
      latestSdk: newer(current.latestSdk, fresh.latestSdk),
      ...(gaDate && !PRERELEASE.has(fresh.supportPhase) ? { gaDate } : {}),
    };
    const said: string[] = [];
    if (next.supportPhase !== current.supportPhase) said.push(`${current.supportPhase} → ${next.supportPhase}`);
    if (next.releaseType !== current.releaseType) said.push(`${current.releaseType.toUpperCase()} → ${next.releaseType.toUpperCase()}`);
    if (next.eolDate !== current.eolDate) said.push(`end of life ${next.eolDate ?? 'not set'}`);
    if (next.gaDate && next.gaDate !== current.gaDate) said.push(`released ${next.gaDate}`);
    if (said.length > 0) changes.push(`${current.version}: ${said.join(', ')}`);
    return next;
  };

  const versions = catalog.versions.map((v) => {
    const entry = byChannel.get(v.version);
    return entry ? update(v, entry) : v;
  });
  for (const entry of entries) {
    if (known.has(entry['channel-version'])) continue;
    const fresh = catalogVersionOf(entry);
    const gaDate = gaDateFromIndex(entry) ?? gaDates.get(fresh.version);
    versions.push(gaDate ? { ...fresh, gaDate } : fresh);
    changes.push(`${fresh.version}: new (${fresh.supportPhase})`);
  }

  const facts = new Map(versions.map((v) => [v.version, v]));
  const coreRepositories = new Set(catalog.repositories.filter((r) => r.kind === 'core').map((r) => r.name));
  const tags = catalog.tags.map((tag) => {
    const version = coreRepositories.has(tag.repository) ? facts.get(tag.version) : undefined;
    if (!version || (tag.supportPhase === version.supportPhase && tag.eolDate === version.eolDate)) return tag;
    return { ...tag, supportPhase: version.supportPhase, eolDate: version.eolDate };
  });
  return { catalog: { ...catalog, versions, tags }, changes, needGaDate };
}
