/**
 * "Did you mean …": the real tags of a repository closest to a tag that does not exist. Distance is an
 * edit distance over the tag's `-`-separated parts (a wrong, missing or extra part costs about one edit;
 * a typo inside a part costs a little more than nothing), so `sdk:10.0-noble-chiseled` suggests
 * `10.0-noble` and `aspnet:10.0-nobel-chiseled` suggests `10.0-noble-chiseled`.
 * Only the tags of the one repository are looked at, and answers are cached per catalog.
 *
 * The tag comes from the document, so it is hostile input (issue 19 #5: 100,000 `-` took 11.8 s): a tag
 * longer than a tag can be (MAX_TAG_LENGTH) has no near tag, a candidate whose part count differs by more than
 * the distance allows is skipped before it is priced, and the cache forgets past MAX_CACHED answers.
 */
import type { CatalogIndex } from './catalogIndex';
import type { CatalogTag } from './schema';

/** Character edit distance (Levenshtein). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

const isVersionToken = (token: string): boolean => /^\d/.test(token);

/**
 * Costs are counted in thousandths of an edit (1000 is one part dropped): whole numbers, which V8 keeps unboxed
 * even before the JIT. In fractions, every sum of the loop below made a heap number while the code is not yet
 * optimized (a session's first document): some 20,000 of them, a third of a megabyte, for one query.
 */
const EDIT = 1000;
/** Dropping a part the user wrote. */
const DROP_COST = EDIT;
/** Adding a missing part: a slightly better suggestion than dropping one. */
const ADD_COST = 900;
/** The same parts in another order. */
const REORDER_COST = 500;
/** An undocumented tag (an alias, a per-arch appliance tag): real, but a worse suggestion. */
const UNDOCUMENTED_COST = 300;
/** A tag of an end-of-life version. */
const END_OF_LIFE_COST = EDIT;

/** The cost of writing part `x` where `y` belongs; `keepVersion` makes changing the version cost more. */
function substitutionCost(x: string, y: string, keepVersion: boolean): number {
  if (x === y) return 0;
  if (x.toLowerCase() === y.toLowerCase()) return 100;
  const typo = Math.round((600 * editDistance(x, y)) / Math.max(x.length, y.length));
  const versionPenalty = keepVersion && (isVersionToken(x) || isVersionToken(y)) ? EDIT : 0;
  // 600..1200: a typo in a part costs less than dropping it, an unrelated part a little more.
  return 600 + typo + versionPenalty;
}

/** A repository's tags as parts numbered by a vocabulary: built once per repository, read by every query. */
interface TokenTable {
  readonly tags: readonly CatalogTag[];
  readonly vocabulary: readonly string[];
  readonly ids: ReadonlyMap<string, number>;
  /** Every tag's parts as vocabulary ids, one after the other: tag k's are `parts[offsets[k]]` up to `parts[offsets[k + 1]]`. */
  readonly parts: Int32Array;
  readonly offsets: Int32Array;
  /** The ids that start a tag (its version part). */
  readonly firstParts: ReadonlySet<number>;
  readonly mostParts: number;
}

// eslint-disable-next-line no-restricted-syntax -- keyed by the catalog index, which lives as long as the catalog
const tables = new WeakMap<CatalogIndex, Map<string, TokenTable>>();

function tokenTable(catalog: CatalogIndex, repository: string): TokenTable {
  let perCatalog = tables.get(catalog);
  if (!perCatalog) tables.set(catalog, (perCatalog = new Map()));
  let table = perCatalog.get(repository);
  if (table) return table;
  const tags = catalog.tags(repository);
  const vocabulary: string[] = [];
  const ids = new Map<string, number>();
  const firstParts = new Set<number>();
  const all: number[] = [];
  const offsets = new Int32Array(tags.length + 1);
  let mostParts = 0;
  // Indexed loops, not for-of: this runs on a session's first document, before the JIT, where each step of an
  // iterator is a call and an object.
  for (let k = 0; k < tags.length; k++) {
    const tokens = tags[k]!.tag.split('-');
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t]!;
      let id = ids.get(token);
      if (id === undefined) {
        id = vocabulary.length;
        vocabulary.push(token);
        ids.set(token, id);
      }
      all.push(id);
    }
    firstParts.add(all[offsets[k]!]!);
    offsets[k + 1] = all.length;
    if (tokens.length > mostParts) mostParts = tokens.length;
  }
  table = { tags, vocabulary, ids, parts: Int32Array.from(all), offsets, firstParts, mostParts };
  perCatalog.set(repository, table);
  return table;
}

// eslint-disable-next-line no-restricted-syntax -- keyed by the catalog index, which lives as long as the catalog
const cache = new WeakMap<CatalogIndex, Map<string, readonly string[]>>();

/** Farther than this (2.6 edits) is not a plausible "did you mean". */
const MAX_DISTANCE = 2600;
/** Adding or dropping a part costs at least this much (see the edit distance in nearestTags). */
const MIN_PART_COST = ADD_COST;

/** The OCI distribution spec's limit on a tag (`[A-Za-z0-9_][A-Za-z0-9._-]{0,127}`): longer is no tag at all. */
export const MAX_TAG_LENGTH = 128;
/** Answers kept per catalog: every distinct tag typed adds one, so the cache starts over past this. */
const MAX_CACHED = 5000;

function sameParts(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Up to `limit` current tags of `repository` nearest to `tag`, best first; none when nothing is close. */
export function nearestTags(catalog: CatalogIndex, repository: string, tag: string, today: string, limit = 3): readonly string[] {
  let perCatalog = cache.get(catalog);
  if (!perCatalog) {
    perCatalog = new Map();
    cache.set(catalog, perCatalog);
  }
  if (tag.length > MAX_TAG_LENGTH) return [];
  const key = `${repository}\u0000${tag}\u0000${today}\u0000${limit}`;
  const known = perCatalog.get(key);
  if (known) return known;

  const table = tokenTable(catalog, repository);
  const { tags, vocabulary, parts, offsets } = table;
  const tokens = tag.split('-');
  const n = tokens.length;
  const queryIds = tokens.map((token) => table.ids.get(token) ?? -1);
  // Only a query made of parts the repository has can be a tag's parts in another order.
  const sortedQuery = queryIds.every((id) => id >= 0) ? Int32Array.from(queryIds).sort() : undefined;
  const versionId = queryIds[0]!;
  const keepVersion = versionId >= 0 && table.firstParts.has(versionId);
  // The cost of writing query part i where vocabulary part `id` belongs, at i * size + id; -1 until first needed.
  const size = vocabulary.length;
  const prices = new Int32Array(n * size).fill(-1);
  const width = Math.max(n, table.mostParts) + 1;
  let previous = new Int32Array(width);
  let current = new Int32Array(width);
  const scored: { tag: string; score: number; order: number }[] = [];
  // One loop, no calls per cell: on a session's first document this runs before the JIT, over hundreds of tags.
  for (let order = 0; order < tags.length; order++) {
    const candidate = tags[order]!;
    if (candidate.tag === tag) continue;
    const start = offsets[order]!;
    const m = offsets[order + 1]! - start;
    // Each part added or dropped costs at least MIN_PART_COST: too different a count is too far, unpriced.
    if (Math.abs(m - n) * MIN_PART_COST > MAX_DISTANCE) continue;
    let distance: number;
    if (sortedQuery && m === n && sameParts(sortedQuery, parts.slice(start, start + m).sort())) {
      // The same parts in another order (`10.0-chiseled-noble`) are one small mistake, not two edits.
      distance = REORDER_COST;
    } else {
      // Edit distance over parts: dropping a part the user wrote, adding a missing part, or writing one part for
      // another (substitutionCost).
      for (let j = 0; j <= m; j++) previous[j] = j * ADD_COST;
      for (let i = 1; i <= n; i++) {
        current[0] = i * DROP_COST;
        const row = (i - 1) * size;
        for (let j = 1; j <= m; j++) {
          const id = parts[start + j - 1]!;
          let cost = prices[row + id]!;
          if (cost < 0) {
            cost = substitutionCost(tokens[i - 1]!, vocabulary[id]!, keepVersion);
            prices[row + id] = cost;
          }
          const drop = previous[j]! + DROP_COST;
          const add = current[j - 1]! + ADD_COST;
          const replace = previous[j - 1]! + cost;
          current[j] = drop < add ? (drop < replace ? drop : replace) : add < replace ? add : replace;
        }
        const swap = previous;
        previous = current;
        current = swap;
      }
      distance = previous[m]!;
    }
    const endOfLife = !!candidate.eolDate && candidate.eolDate < today;
    const score = distance + (candidate.documented ? 0 : UNDOCUMENTED_COST) + (endOfLife ? END_OF_LIFE_COST : 0);
    if (score <= MAX_DISTANCE) scored.push({ tag: candidate.tag, score, order });
  }
  scored.sort((a, b) => a.score - b.score || a.tag.length - b.tag.length || a.order - b.order);
  const result = scored.slice(0, limit).map((s) => s.tag);
  if (perCatalog.size >= MAX_CACHED) perCatalog.clear();
  perCatalog.set(key, result);
  return result;
}
