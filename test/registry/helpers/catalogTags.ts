/** Tags derived from the real catalog for registry tests, so expectations follow the data instead of being typed in. */
import type { Catalog, CatalogTag } from '../../../server/src/service/catalog/schema';
import { tagShape } from '../../../server/src/host/registry/mergeTags';

export interface NextPatch {
  /** The catalog's current fixed tag of that shape. */
  readonly current: CatalogTag;
  /** Its product version plus one patch: `10.0.12`. */
  readonly next: string;
  /** The tag of the next patch: `10.0.12-noble-chiseled`. */
  readonly tag: string;
}

/** The next patch of the newest fixed `repository` tag of `version` with `suffix` (`-noble-chiseled`, `''`). */
export function nextPatchOf(catalog: Catalog, repository: string, suffix: string, version = '10.0'): NextPatch {
  const current = catalog.tags
    .filter((t) => t.repository === repository && t.versionKind === 'fixed' && t.version === version && tagShape(t.tag)?.suffix === suffix)
    .sort((a, b) => b.productVersion.localeCompare(a.productVersion, undefined, { numeric: true }))[0];
  if (!current) throw new Error(`the catalog has no fixed ${repository} ${version} tag with suffix "${suffix}"`);
  const [major, minor, patch] = current.productVersion.split('.').map(Number) as [number, number, number];
  const next = `${major}.${minor}.${patch + 1}`;
  return { current, next, tag: `${next}${suffix}` };
}
