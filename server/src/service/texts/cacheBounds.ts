/**
 * Caches kept across document versions are keyed by the document's own text (a RUN's command, an image reference).
 * Bounded by their number of entries alone, they kept keys of any length: thousands of remembered splits of 1 MB
 * continuation RUNs, and their results, stayed alive for the whole session (the hostile suite's 190 documents in one
 * server peaked at 517 MB). A text longer than this is not remembered: it is worked out again when asked, which for
 * such a text costs little next to reading it, and ordinary instructions are far shorter.
 */
export const MAX_CACHED_KEY_CHARS = 4096;

/** May a cache that outlives the document keep this text as a key? */
export function cacheableKey(key: string): boolean {
  return key.length <= MAX_CACHED_KEY_CHARS;
}
