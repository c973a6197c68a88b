// Where two versions of a document start and stop differing, for incremental parsing. Comparing code unit by
// code unit in JavaScript costs ~5 ns a character here (more on the cons strings an edit makes), 2-3 ms at the
// middle of a 10,000-line file on every keystroke. Equality of two slices is one native comparison, so these
// bisect on it: about twice the text compared, natively, and a few dozen characters by hand.

/** Below this many characters the bisection stops and the rest is compared by hand. */
const BY_HAND = 64;

/** How many code units `a` and `b` share at their start. */
export function commonPrefixLength(a: string, b: string): number {
  const most = Math.min(a.length, b.length);
  if (a.slice(0, most) === b.slice(0, most)) return most;
  let same = 0; // a[0, same) === b[0, same), and they differ before `differs`
  let differs = most;
  while (differs - same > BY_HAND) {
    const middle = (same + differs) >>> 1;
    if (a.slice(same, middle) === b.slice(same, middle)) same = middle;
    else differs = middle;
  }
  while (same < differs && a.charCodeAt(same) === b.charCodeAt(same)) same++;
  return same;
}

/** How many code units `a` and `b` share at their end, counting at most `most`. */
export function commonSuffixLength(a: string, b: string, most: number): number {
  const limit = Math.max(0, Math.min(most, a.length, b.length));
  if (a.slice(a.length - limit) === b.slice(b.length - limit)) return limit;
  let same = 0; // the last `same` code units are equal, and they differ within the last `differs`
  let differs = limit;
  while (differs - same > BY_HAND) {
    const middle = (same + differs) >>> 1;
    if (a.slice(a.length - middle, a.length - same) === b.slice(b.length - middle, b.length - same)) same = middle;
    else differs = middle;
  }
  while (same < differs && a.charCodeAt(a.length - 1 - same) === b.charCodeAt(b.length - 1 - same)) same++;
  return same;
}
