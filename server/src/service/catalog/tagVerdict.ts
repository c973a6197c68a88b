/**
 * Does a .NET image tag exist? The catalog's verdict, shared by `unknown-tag`, `tag-not-in-catalog` and
 * `frozen-tag`:
 *
 * - `known`: a current tag, a past floating tag (real but frozen), or a fixed tag of a shape the repository
 *   has for that version, with a product version the catalog has seen.
 * - `newer`: not in the catalog, but well-formed and newer than it: a newer patch of a current fixed shape,
 *   a version newer than the catalog with a shape the newest version has, or a floating tag of a version that
 *   was in preview when the catalog was made (`11.0-resolute-chiseled` after 11.0's release).
 * - `unknown`: anything else, with the reason when one is known and the nearest real tags.
 *
 * A tag longer than a tag can be (128 characters, the OCI limit) is `unknown` at once, with that reason, no
 * suggestions, and a shortened `tag` for messages: 100,000 `-` cost 11.8 s and a 5.3 MB message (issue 19 #5).
 */
import type { CatalogIndex } from './catalogIndex';
import type { CatalogTag, FixedPattern, PastTag } from './schema';
import { parseTag, type ParsedTag, type TagSpan } from './tagGrammar';
import { compareProductVersions } from './productVersion';
import type { ImageFacts } from '../images/imageFacts';
import { MAX_TAG_LENGTH, nearestTags } from './nearestTags';
import { compareMajorMinor, repositoryIndex } from './repositoryIndex';
import { bounded } from '../texts/quote';
import { explainTag, numberingReason } from './tagReasons';
import { judgeRetiredTag } from './retiredTagVerdict';

export type TagVerdict =
  | {
      readonly kind: 'known';
      readonly tag: string;
      readonly current: CatalogTag | undefined;
      /** Set when the tag is a floating tag the manifest no longer declares. */
      readonly past: PastTag | undefined;
      readonly pattern: FixedPattern | undefined;
    }
  | {
      readonly kind: 'newer';
      readonly tag: string;
      /** `patch`: a newer fixed version; `release`: a version newer than (or released after) the catalog. */
      readonly basis: 'patch' | 'release';
      /** The part that is newer than the catalog (inside the tag). */
      readonly part: TagSpan;
      /** The catalog's closest tag of the same shape (`11.0-preview-resolute-chiseled`, `10.0.11-noble`). */
      readonly similar: string;
    }
  | {
      readonly kind: 'unknown';
      /** As written; shortened with `…` when it is longer than a tag can be (messages quote it). */
      readonly tag: string;
      readonly reason: string | undefined;
      readonly part: TagSpan;
      readonly suggestions: readonly string[];
    };

/** `dotnet/nightly/aspnet` → `dotnet/aspnet`: nightly repositories had every main tag first; the catalog keeps no nightly history. */
function mainRepositoryOf(repository: string): string | undefined {
  return repository.startsWith('dotnet/nightly/') ? `dotnet/${repository.slice('dotnet/nightly/'.length)}` : undefined;
}

interface Lookup {
  readonly catalog: CatalogIndex;
  readonly repositories: readonly string[];
}

function findCurrent(lookup: Lookup, tag: string): CatalogTag | undefined {
  for (const repository of lookup.repositories) {
    const found = lookup.catalog.tag(repository, tag);
    if (found) return found;
  }
  return undefined;
}

function findPast(lookup: Lookup, tag: string): PastTag | undefined {
  for (const repository of lookup.repositories) {
    const found = lookup.catalog.pastTag(repository, tag);
    if (found) return found;
  }
  return undefined;
}

function findPattern(lookup: Lookup, version: string, suffix: string): FixedPattern | undefined {
  for (const repository of lookup.repositories) {
    const found = lookup.catalog.fixedPattern(repository, version, suffix);
    if (found) return found;
  }
  return undefined;
}

function known(tag: string, current?: CatalogTag, past?: PastTag, pattern?: FixedPattern): TagVerdict {
  return { kind: 'known', tag, current, past, pattern };
}

/** A fixed tag: `<product version>[-<revision>]<suffix>`. */
function judgeFixed(lookup: Lookup, repository: string, parsed: ParsedTag): TagVerdict | undefined {
  const version = parsed.version;
  if (!version || version.kind !== 'fixed' || !version.majorMinor) return undefined;
  const versionEnd = parsed.revision?.end ?? version.end;
  const productVersion = parsed.tag.slice(0, versionEnd);
  const suffix = parsed.tag.slice(versionEnd);
  const pattern = findPattern(lookup, version.majorMinor, suffix);
  if (pattern) {
    if (compareProductVersions(productVersion, pattern.latestSeen) <= 0) return known(parsed.tag, undefined, undefined, pattern);
    // A newer patch of a shape that is still published will exist; of a retired shape, it never will.
    if (pattern.current) return { kind: 'newer', tag: parsed.tag, basis: 'patch', part: version, similar: `${pattern.latestSeen}${suffix}` };
    return undefined;
  }
  const newest = repositoryIndex(lookup.catalog, repository).newestVersion;
  if (newest && compareMajorMinor(version.majorMinor, newest) > 0) {
    const newestPattern = findPattern(lookup, newest, suffix);
    if (newestPattern?.current) return { kind: 'newer', tag: parsed.tag, basis: 'release', part: version, similar: `${newestPattern.latestSeen}${suffix}` };
  }
  return undefined;
}

/** A fixed tag newer than the last image of a shape that is no longer published (`10.0.500-alpine3.21`). */
function retiredFixedShape(lookup: Lookup, parsed: ParsedTag): { pattern: FixedPattern; versionEnd: number } | undefined {
  const version = parsed.version;
  if (!version || version.kind !== 'fixed' || !version.majorMinor) return undefined;
  const versionEnd = parsed.revision?.end ?? version.end;
  const pattern = findPattern(lookup, version.majorMinor, parsed.tag.slice(versionEnd));
  if (!pattern || pattern.current) return undefined;
  return compareProductVersions(parsed.tag.slice(0, versionEnd), pattern.latestSeen) > 0 ? { pattern, versionEnd } : undefined;
}

/** A floating tag of a release the catalog saw only as a preview, or of a version newer than the catalog. */
function judgeFloating(lookup: Lookup, repository: string, parsed: ParsedTag): TagVerdict | undefined {
  const version = parsed.version;
  if (!version || (version.kind !== 'floating-minor' && version.kind !== 'floating-major') || version.prerelease) return undefined;
  const rest = parsed.tag.slice(version.end);
  const previewTag = `${version.text}-preview${rest}`;
  const asPreview = findCurrent(lookup, previewTag);
  if (asPreview) return { kind: 'newer', tag: parsed.tag, basis: 'release', part: version, similar: previewTag };
  const newest = repositoryIndex(lookup.catalog, repository).newestVersion;
  if (!newest) return undefined;
  const newestText = version.kind === 'floating-major' ? newest.split('.')[0]! : newest;
  const ahead = version.kind === 'floating-major' ? Number(version.text) > Number(newestText) : compareMajorMinor(version.text, newest) > 0;
  if (!ahead) return undefined;
  for (const similar of [`${newestText}${rest}`, `${newestText}-preview${rest}`]) {
    if (findCurrent(lookup, similar)) return { kind: 'newer', tag: parsed.tag, basis: 'release', part: version, similar };
  }
  return undefined;
}

/** How much of an over-long tag messages quote. */
const QUOTED_PREFIX = 40;

/** A tag longer than any tag can be: judged without parsing, pricing or quoting it whole. */
function overLong(tag: string): TagVerdict {
  return {
    kind: 'unknown',
    tag: `${tag.slice(0, QUOTED_PREFIX)}…`,
    reason: `a tag has at most ${MAX_TAG_LENGTH} characters, and this one has ${tag.length.toLocaleString('en-US')}`,
    part: { text: tag, start: 0, end: tag.length },
    suggestions: [],
  };
}

/** Verdicts kept per catalog: every distinct tag typed adds one, so the cache starts over past this. */
const MAX_CACHED_VERDICTS = 5000;

function judgeUncached(catalog: CatalogIndex, repository: string, family: string, tag: string, today: string): TagVerdict | undefined {
  const main = mainRepositoryOf(repository);
  const lookup: Lookup = { catalog, repositories: main && catalog.repository(main) ? [repository, main] : [repository] };
  const current = findCurrent(lookup, tag);
  if (current) return known(tag, current);
  const past = findPast(lookup, tag);
  if (past) return known(tag, undefined, past);

  const parsed = parseTag(tag);
  const numbering = numberingReason(catalog, repository, family, parsed);
  if (numbering) return { kind: 'unknown', tag, reason: numbering.message, part: numbering.part, suggestions: nearestTags(catalog, repository, tag, today) };
  if (parsed.wellFormed && parsed.scheme === 'product') {
    const newer = judgeFixed(lookup, repository, parsed) ?? judgeFloating(lookup, repository, parsed);
    if (newer) return newer;
  }
  const suggestions = nearestTags(catalog, repository, tag, today);
  const retiredShape = retiredFixedShape(lookup, parsed);
  if (retiredShape) {
    const suffix = parsed.tag.slice(retiredShape.versionEnd);
    return {
      kind: 'unknown',
      tag,
      reason: `${family} ${retiredShape.pattern.version} images ending in '${bounded(suffix || '(no suffix)')}' stopped at '${bounded(retiredShape.pattern.latestSeen)}' (last published ${retiredShape.pattern.lastSeen})`,
      part: parsed.version ?? { text: tag, start: 0, end: tag.length },
      suggestions,
    };
  }
  const lower = tag.toLowerCase();
  if (lower !== tag && findCurrent(lookup, lower)) {
    return { kind: 'unknown', tag, reason: `tags are case-sensitive: write '${bounded(lower)}'`, part: { text: tag, start: 0, end: tag.length }, suggestions: [lower] };
  }
  const nightly = main !== undefined;
  const reason = explainTag(catalog, repositoryIndex(catalog, repository), family, parsed, nightly);
  // Nightly repositories published many tags the catalog never saw; without a reason, we cannot tell.
  if (nightly && !reason) return undefined;
  return {
    kind: 'unknown',
    tag,
    reason: reason?.message,
    part: reason?.part ?? { text: tag, start: 0, end: tag.length },
    suggestions,
  };
}

// eslint-disable-next-line no-restricted-syntax -- keyed by the catalog index, which lives as long as the catalog
const verdictCache = new WeakMap<CatalogIndex, Map<string, TagVerdict | undefined>>();

/**
 * The catalog's verdict on the tag of a .NET image reference; undefined when it cannot judge: not a .NET
 * image, a repository the catalog does not describe (e.g. .NET Framework images), a tag built from
 * variables without defaults, or a plausible nightly tag the catalog has no history for. An absent tag is judged as `latest`, which Docker pulls.
 */
export function judgeTag(catalog: CatalogIndex, image: ImageFacts, today: string): TagVerdict | undefined {
  if (image.kind === 'retired-dotnet') return judgeRetiredTag(catalog, image);
  if (image.kind !== 'dotnet' || !image.repositoryName || !image.reference.resolved) return undefined;
  const repository = image.repositoryName;
  if (!catalog.repository(repository)) return undefined;
  const tag = image.tag ?? 'latest';
  if (tag.length > MAX_TAG_LENGTH) return overLong(tag);
  let perCatalog = verdictCache.get(catalog);
  if (!perCatalog) {
    perCatalog = new Map();
    verdictCache.set(catalog, perCatalog);
  }
  const key = `${repository}\u0000${tag}\u0000${today}`;
  if (perCatalog.has(key)) return perCatalog.get(key);
  const verdict = judgeUncached(catalog, repository, image.family ?? repository, tag, today);
  if (perCatalog.size >= MAX_CACHED_VERDICTS) perCatalog.clear();
  perCatalog.set(key, verdict);
  return verdict;
}
