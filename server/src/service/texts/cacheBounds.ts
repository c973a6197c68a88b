/**
 * Caches kept across document versions are keyed by the document's own text (a RUN's command, an image reference).
 * Bounded by their number of entries alone, they kept keys of unbounded length: thousands of remembered splits of 1 MB
 * continuation RUNs, and their results, stayed alive for the whole session (the hostile suite's 190 documents in one
 * server peaked at 517 MB). A text longer than this is not remembered: it is worked out again when asked, which for
 * such a text costs little next to reading it, and ordinary instructions are far shorter.
 */
export const MAX_CACHED_KEY_CHARS = 4096;

/** May a cache that outlives the document keep this text as a key? */
export function cacheableKey(key: string): boolean {
  return key.length <= MAX_CACHED_KEY_CHARS;
}

/**
 * What was worked out from a text, by that text, for as long as the server runs: both bounds in one place, so no
 * cache can forget one. A key longer than MAX_CACHED_KEY_CHARS is not kept; past `limit` entries the cache starts
 * over (typing changes one instruction at a time, so the texts in use come back at once). Keys and values must not
 * be slices of a document's text (`detach` them): a kept slice keeps the whole version alive.
 */
export class TextKeyedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** Keeps `value` for `key` unless the key is too long to keep; returns `value`. */
  set(key: string, value: V): V {
    if (!cacheableKey(key)) return value;
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
