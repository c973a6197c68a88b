/**
 * Merges tags a registry listed into a catalog, without I/O (so it is tested on plain data).
 *
 * The registry lists every tag ever pushed; the catalog describes the current ones. So a listed tag is
 * added only when it is new *and* current: a fixed tag newer than every tag of its shape
 * (`10.0.12-noble-chiseled` after `10.0.11-noble-chiseled`), or a floating tag the catalog never had
 * (`10.0-resolute`, or the first `12.0` tags), for a version the repository still ships (or a newer one).
 * Old fixed tags, floating tags the catalog knows were retired, and tags of versions past their end are
 * left alone. A new tag takes its facts (OS, flavour, variants, architectures, shell, user) from its
 * closest sibling: a known tag of the same repository with the same suffix after the version, the same
 * major.minor preferred; a tag with no sibling is not understood well enough and is skipped.
 * New tags are `documented: false` and carry `discoveredOn`. The merge only adds and updates: it never
 * removes anything, so an incomplete answer can only ever make the catalog less fresh, never wrong.
 *
 * The registry is not trusted: a tag must be a valid OCI tag (at most 128 characters), its version numbers
 * must be plausible (at most four digits each, so `10.0.<400 nines>` never becomes the newest 10.0), a new
 * major version may be at most two ahead of the newest the catalog knows, and a version past its end of life
 * (by phase or by date) gets no new tags.
 */
import type { Catalog, CatalogTag, FixedPattern } from '../../service/catalog/schema';
import { parseTag } from '../../service/catalog/tagGrammar';
import { compareProductVersions, parseProductVersion } from '../../service/catalog/productVersion';
import { REFRESH_SOURCE_PREFIX } from './refreshSources';

/** The OCI distribution spec's tag grammar. */
const OCI_TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
/** Larger numbers are no .NET version (patches and SDK bands stay in the hundreds); `Number` of 400 nines is Infinity. */
const MAX_VERSION_PART = 9999;
/** .NET ships one major version a year: a refresh a year or two late may see one or two new ones, never more. */
const MAX_NEW_MAJORS = 2;

/** A product version whose every number is small: `10.0.11`, `11.0.100-rc.1.25451.107`, `5.0.102-1`. */
export function plausibleProductVersion(text: string): boolean {
  const parsed = text.length <= 64 ? parseProductVersion(text) : null;
  if (!parsed) return false;
  const parts = [parsed.major, parsed.minor, parsed.patch, parsed.revision, ...(parsed.prerelease?.numbers ?? [])];
  // prerelease build numbers (`26359.118`) can have five digits; the rest stay small
  return parts.every((n, i) => Number.isSafeInteger(n) && n >= 0 && n <= (i < 4 ? MAX_VERSION_PART : 99999));
}

/** The name of the catalog source a refresh records (replaced on every refresh). */
export { REFRESH_SOURCE_PREFIX };

export interface DiscoveredTags {
  readonly repository: string;
  readonly tags: readonly string[];
}

/** A catalog tag as the merge writes it: the schema's fields plus when the refresh first saw it. */
export type DiscoveredCatalogTag = CatalogTag & { readonly discoveredOn: string };

export interface MergeResult {
  readonly catalog: Catalog;
  readonly added: readonly DiscoveredCatalogTag[];
  /** Floating tags that now point at a newer patch. */
  readonly updated: number;
  /** Listed tags that were neither known nor added (old, retired, unparseable or without a sibling). */
  readonly ignored: number;
}

interface Shape {
  /** major.minor. */
  readonly version: string;
  /** The tag after the version (and rebuild number): `''` or `-noble-chiseled`. */
  readonly suffix: string;
  readonly kind: 'fixed' | 'floating-minor';
  /** For fixed tags: the product version the tag spells. */
  readonly productVersion: string | undefined;
}

/** The version and suffix of a current-scheme product tag; undefined for `latest`, floating majors, samples and legacy tags. */
export function tagShape(tag: string): Shape | undefined {
  const parsed = parseTag(tag);
  const version = parsed.version;
  if (!parsed.wellFormed || parsed.scheme !== 'product' || !version || !version.majorMinor) return undefined;
  if (version.kind !== 'fixed' && version.kind !== 'floating-minor') return undefined;
  const end = parsed.revision?.end ?? version.end;
  return {
    version: version.majorMinor,
    suffix: tag.slice(end),
    kind: version.kind,
    productVersion: version.kind === 'fixed' ? tag.slice(0, end) : undefined,
  };
}

function compareMajorMinor(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

const key = (...parts: string[]): string => parts.join('\u0000');

function newest(versions: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const v of versions) if (best === undefined || compareProductVersions(v, best) > 0) best = v;
  return best;
}

/** A listed tag worth looking at: valid for OCI, and its version numbers plausible. */
function acceptableTag(tag: string, shape: Shape | undefined): boolean {
  if (!OCI_TAG.test(tag)) return false;
  if (!shape) return true;
  const [major = '', minor = ''] = shape.version.split('.');
  if (major.length > 3 || minor.length > 2) return false;
  return shape.productVersion === undefined || plausibleProductVersion(shape.productVersion);
}

/** Merges what the registry listed into `catalog`; `today` is YYYY-MM-DD, `registry` the host the tags came from. */
export function mergeDiscoveredTags(catalog: Catalog, discovered: readonly DiscoveredTags[], today: string, registry: string): MergeResult {
  const known = new Set(catalog.tags.map((t) => key(t.repository, t.tag)));
  const retired = new Set(catalog.pastTags.map((t) => key(t.repository, t.tag)));
  const patterns = new Map(catalog.fixedPatterns.map((p) => [key(p.repository, p.version, p.suffix), { ...p }]));
  const repositories = new Map(catalog.repositories.map((r) => [r.name, r]));
  const versions = new Map(catalog.versions.map((v) => [v.version, { ...v }]));

  // Siblings by (repository, suffix), and the versions each repository currently ships.
  const siblings = new Map<string, CatalogTag[]>();
  const shipped = new Map<string, Set<string>>();
  for (const tag of catalog.tags) {
    const shape = tagShape(tag.tag);
    if (!shape) continue;
    const list = siblings.get(key(tag.repository, shape.suffix)) ?? [];
    list.push(tag);
    siblings.set(key(tag.repository, shape.suffix), list);
    const set = shipped.get(tag.repository) ?? new Set<string>();
    set.add(shape.version);
    shipped.set(tag.repository, set);
  }
  const newestMajor = catalog.versions.reduce((max, v) => Math.max(max, Number(v.version.split('.')[0]) || 0), 0);
  const pastEnd = (version: string): boolean => {
    const facts = versions.get(version);
    return facts?.supportPhase === 'eol' || (!!facts?.eolDate && facts.eolDate < today);
  };
  const isCurrentVersion = (repository: string, version: string): boolean => {
    const set = shipped.get(repository);
    if (!set || set.size === 0 || pastEnd(version)) return false;
    if (set.has(version)) return true;
    if (Number(version.split('.')[0]) > newestMajor + MAX_NEW_MAJORS) return false;
    return [...set].every((v) => compareMajorMinor(version, v) > 0); // a version newer than any shipped: a new release
  };
  const closestSibling = (repository: string, shape: Shape): CatalogTag | undefined => {
    const list = siblings.get(key(repository, shape.suffix)) ?? [];
    return [...list].sort((a, b) => Number(b.version === shape.version) - Number(a.version === shape.version) || compareMajorMinor(b.version, a.version))[0];
  };

  const added: DiscoveredCatalogTag[] = [];
  /** Newest product version per (repository, version, suffix) among the new fixed tags. */
  const newestFixed = new Map<string, string>();
  const newestFixedAnySuffix = new Map<string, string>();

  const addTag = (repository: string, tag: string, shape: Shape, productVersion: string): boolean => {
    const sibling = closestSibling(repository, shape);
    if (!sibling) return false;
    const info = repositories.get(repository)?.kind === 'core' ? versions.get(shape.version) : undefined;
    const sameVersion = sibling.version === shape.version;
    added.push({
      ...sibling,
      repository,
      tag,
      version: shape.version,
      productVersion,
      versionKind: shape.kind,
      documented: false,
      supportPhase: info ? info.supportPhase : sameVersion ? sibling.supportPhase : null,
      eolDate: info ? info.eolDate : sameVersion ? sibling.eolDate : null,
      discoveredOn: today,
    });
    return true;
  };

  const listedNew = discovered.flatMap(({ repository, tags }) => [...new Set(tags)].filter((tag) => !known.has(key(repository, tag))).map((tag) => ({ repository, tag })));
  const candidates = listedNew
    .filter(({ repository, tag }) => !retired.has(key(repository, tag)) && OCI_TAG.test(tag))
    .map((c) => ({ ...c, shape: tagShape(c.tag) }))
    .filter((c) => acceptableTag(c.tag, c.shape));
  // Fixed tags first: new floating tags take their product version from them.
  for (const { repository, tag, shape } of candidates) {
    if (!shape || shape.kind !== 'fixed' || !shape.productVersion || !isCurrentVersion(repository, shape.version)) continue;
    const patternKey = key(repository, shape.version, shape.suffix);
    const pattern = patterns.get(patternKey);
    if (pattern && compareProductVersions(shape.productVersion, pattern.latestSeen) <= 0) continue; // an older patch
    if (!addTag(repository, tag, shape, shape.productVersion)) continue;
    const pv = shape.productVersion;
    if (pattern) Object.assign(pattern, { latestSeen: pv, lastSeen: today, current: true });
    else patterns.set(patternKey, { repository, version: shape.version, suffix: shape.suffix, latestSeen: pv, firstSeen: today, lastSeen: today, current: true });
    newestFixed.set(patternKey, newest([pv, newestFixed.get(patternKey) ?? pv])!);
    const anyKey = key(repository, shape.version);
    newestFixedAnySuffix.set(anyKey, newest([pv, newestFixedAnySuffix.get(anyKey) ?? pv])!);
    updateLatestVersion(repositories.get(repository), versions.get(shape.version), pv);
  }
  for (const { repository, tag, shape } of candidates) {
    if (!shape || shape.kind !== 'floating-minor' || !isCurrentVersion(repository, shape.version)) continue;
    const sibling = closestSibling(repository, shape);
    const productVersion =
      newestFixed.get(key(repository, shape.version, shape.suffix)) ??
      (sibling?.version === shape.version ? sibling.productVersion : undefined) ??
      newestFixedAnySuffix.get(key(repository, shape.version));
    if (productVersion) addTag(repository, tag, shape, productVersion);
  }
  const ignored = listedNew.length - added.length;

  // Floating tags the catalog already had now point at the newest patch of their shape.
  let updated = 0;
  const tags = catalog.tags.map((tag) => {
    if (tag.versionKind !== 'floating-minor') return tag;
    const shape = tagShape(tag.tag);
    const newer = shape ? newestFixed.get(key(tag.repository, shape.version, shape.suffix)) : undefined;
    if (!newer || compareProductVersions(newer, tag.productVersion) <= 0) return tag;
    updated++;
    return { ...tag, productVersion: newer };
  });

  const merged: Catalog = {
    ...catalog,
    date: catalog.date > today ? catalog.date : today,
    sources: [
      ...catalog.sources.filter((s) => !s.name.startsWith(REFRESH_SOURCE_PREFIX)),
      { name: `${REFRESH_SOURCE_PREFIX} on ${registry}`, commit: `${added.length} new tags`, date: today },
    ],
    versions: catalog.versions.map((v) => versions.get(v.version) ?? v),
    tags: [...tags, ...added],
    fixedPatterns: [...patterns.values()] as FixedPattern[],
  };
  return { catalog: merged, added, updated, ignored };
}

/** A newer fixed runtime or SDK of a .NET version raises the version's `latestRuntime`/`latestSdk`. */
function updateLatestVersion(
  repository: Catalog['repositories'][number] | undefined,
  version: { latestRuntime: string; latestSdk: string } | undefined,
  productVersion: string,
): void {
  if (!repository || !version || repository.kind !== 'core' || repository.nightly) return;
  if (repository.family === 'sdk') {
    if (compareProductVersions(productVersion, version.latestSdk) > 0) version.latestSdk = productVersion;
  } else if (compareProductVersions(productVersion, version.latestRuntime) > 0) {
    version.latestRuntime = productVersion;
  }
}
