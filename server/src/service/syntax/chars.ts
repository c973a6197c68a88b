// Character classes exactly as BuildKit's Go code sees them. JS's own `trim()` and `\s` differ from Go
// (JS trims U+FEFF but not U+0085), so the parser never uses them on document text.

/** Go's `unicode.IsSpace`: what `strings.TrimSpace` and `TrimLeftFunc(unicode.IsSpace)` remove. */
export function isGoSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/**
 * BuildKit's word separator `[\t\v\f\r ]+` (FROM, EXPOSE, shell-form COPY/ADD/VOLUME, the keyword).
 * Newline is not in it: lines are already split.
 */
export function isSeparator(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0b || code === 0x0c || code === 0x0d;
}

/**
 * What Go's `unicode.IsSpace(rune(line[i]))` accepts in the byte-wise loops (flags, HEALTHCHECK's type
 * word). We treat only ASCII whitespace as blank there; Go would also split inside the UTF-8 bytes of
 * some non-ASCII characters (0x85, 0xA0 continuation bytes), which no JS string can reproduce.
 */
export function isAsciiSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/** Go regexp's `\s`: `[\t\n\f\r ]` (no vertical tab). */
export function isRegexpSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}
