/**
 * "Did you mean …": the real tags of a repository closest to a tag that does not exist. Distance is an
 * edit distance over the tag's `-`-separated parts (a wrong, missing or extra part costs about one edit;
 * a typo inside a part costs a little more than nothing), so `sdk:10.0-noble-chiseled` suggests
 * `10.0-noble` and `aspnet:10.0-nobel-chiseled` suggests `10.0-noble-chiseled`.
 * Only the tags of the one repository are looked at, and answers are cached per catalog.
 *
 * The tag comes from the document, so it is hostile input (issue 19 #5: 100,000 `-` took 11.8 s): a tag
 * longer than a tag can be (MAX_TAG_LENGTH) has no near tag, a candidate whose part count differs by more than
 * the distance allows is skipped before any pricing, and the cache forgets past MAX_CACHED answers.
 */
import type { CatalogIndex } from './catalogIndex';
import { repositoryIndex, type IndexedTag, type RepositoryIndex } from './repositoryIndex';

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

/** The cost of writing part `x` where `y` belongs; `keepVersion` makes changing the version cost more. */
function substitutionCost(x: string, y: string, keepVersion: boolean): number {
  if (x === y) return 0;
  if (x.toLowerCase() === y.toLowerCase()) return 0.1;
  const typo = editDistance(x, y) / Math.max(x.length, y.length);
  const versionPenalty = keepVersion && (isVersionToken(x) || isVersionToken(y)) ? 1 : 0;
  // 0.6..1.2: a typo in a part costs less than dropping it, an unrelated part a little more.
  return 0.6 + 0.6 * typo + versionPenalty;
}

/**
 * Edit distance over parts, the parts as numbers: `a` the query's, `b` a candidate's (vocabulary ids). `price`
 * gives the cost of writing query part `i` where vocabulary part `id` belongs (memoised by the caller: a
 * repository's tags share a few dozen distinct parts). `rows` is scratch space.
 */
function partDistance(queryLength: number, b: Int32Array, price: (i: number, id: number) => number, rows: [Float64Array, Float64Array]): number {
  let [previous, current] = rows;
  for (let j = 0; j <= b.length; j++) previous[j] = j * 0.9;
  for (let i = 1; i <= queryLength; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      // Dropping a part the user wrote costs 1; adding a missing part (0.9) is a slightly better suggestion.
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 0.9, previous[j - 1]! + price(i - 1, b[j - 1]!));
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** A repository's tags as parts numbered by a vocabulary: built once per repository, read by every query. */
interface TokenTable {
  readonly vocabulary: readonly string[];
  readonly ids: ReadonlyMap<string, number>;
  /** Per tag (in the repository's order), its parts as vocabulary ids. */
  readonly parts: readonly Int32Array[];
  /** The ids that start a tag (its version part). */
  readonly firstParts: ReadonlySet<number>;
  readonly mostParts: number;
}

// eslint-disable-next-line no-restricted-syntax -- keyed by the repository index, which lives as long as the catalog
const tables = new WeakMap<RepositoryIndex, TokenTable>();

function tokenTable(index: RepositoryIndex): TokenTable {
  let table = tables.get(index);
  if (table) return table;
  const vocabulary: string[] = [];
  const ids = new Map<string, number>();
  const firstParts = new Set<number>();
  let mostParts = 0;
  const parts = index.tags.map((tag) => {
    const tokens = tag.tokens;
    const out = new Int32Array(tokens.length);
    for (let k = 0; k < tokens.length; k++) {
      let id = ids.get(tokens[k]!);
      if (id === undefined) {
        id = vocabulary.length;
        vocabulary.push(tokens[k]!);
        ids.set(tokens[k]!, id);
      }
      out[k] = id;
    }
    if (out.length > 0) firstParts.add(out[0]!);
    mostParts = Math.max(mostParts, out.length);
    return out;
  });
  table = { vocabulary, ids, parts, firstParts, mostParts };
  tables.set(index, table);
  return table;
}

// eslint-disable-next-line no-restricted-syntax -- keyed by the catalog index, which lives as long as the catalog
const cache = new WeakMap<CatalogIndex, Map<string, readonly string[]>>();

/** Farther than this is not a plausible "did you mean". */
const MAX_DISTANCE = 2.6;
/** Adding or dropping a part costs at least this much (see partDistance). */
const MIN_PART_COST = 0.9;

/** The OCI distribution spec's limit on a tag (`[A-Za-z0-9_][A-Za-z0-9._-]{0,127}`): longer is no tag at all. */
export const MAX_TAG_LENGTH = 128;
/** Answers kept per catalog: every distinct tag typed adds one, so the cache starts over past this. */
const MAX_CACHED = 5000;

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

  const index = repositoryIndex(catalog, repository);
  const table = tokenTable(index);
  const tokens = tag.split('-');
  const sortedKey = [...tokens].sort().join('-');
  const versionId = table.ids.get(tokens[0] ?? '');
  const keepVersion = versionId !== undefined && table.firstParts.has(versionId);
  // price(i, id): writing query part i where vocabulary part id belongs; NaN until first asked.
  const vocabularySize = table.vocabulary.length;
  const prices = new Float64Array(tokens.length * vocabularySize).fill(Number.NaN);
  const price = (i: number, id: number): number => {
    const at = i * vocabularySize + id;
    let cost = prices[at]!;
    if (Number.isNaN(cost)) {
      cost = substitutionCost(tokens[i]!, table.vocabulary[id]!, keepVersion);
      prices[at] = cost;
    }
    return cost;
  };
  const width = Math.max(tokens.length, table.mostParts) + 1;
  const rows: [Float64Array, Float64Array] = [new Float64Array(width), new Float64Array(width)];
  const scored: Array<{ tag: IndexedTag; score: number; order: number }> = [];
  for (let order = 0; order < index.tags.length; order++) {
    const candidate = index.tags[order]!;
    const parts = table.parts[order]!;
    if (candidate.entry.tag === tag) continue;
    // Each part added or dropped costs at least MIN_PART_COST: too different a count is too far, unpriced.
    if (Math.abs(parts.length - tokens.length) * MIN_PART_COST > MAX_DISTANCE) continue;
    // The same parts in another order (`10.0-chiseled-noble`) are one small mistake, not two edits.
    const distance = parts.length === tokens.length && candidate.sortedKey === sortedKey ? 0.5 : partDistance(tokens.length, parts, price, rows);
    // Undocumented tags (aliases, per-arch appliance tags) are real but a worse suggestion; so is an end-of-life version.
    const endOfLife = !!candidate.entry.eolDate && candidate.entry.eolDate < today;
    const score = distance + (candidate.entry.documented ? 0 : 0.3) + (endOfLife ? 1 : 0);
    if (score <= MAX_DISTANCE) scored.push({ tag: candidate, score, order });
  }
  scored.sort((a, b) => a.score - b.score || a.tag.entry.tag.length - b.tag.entry.tag.length || a.order - b.order);
  const result = scored.slice(0, limit).map((s) => s.tag.entry.tag);
  if (perCatalog.size >= MAX_CACHED) perCatalog.clear();
  perCatalog.set(key, result);
  return result;
}
