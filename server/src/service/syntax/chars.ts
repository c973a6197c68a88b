// Character classes of one UTF-16 code unit, exactly as BuildKit's Go code sees them. JS's own `trim()` and
// `\s` differ from Go (JS trims U+FEFF but not U+0085), so the parser never uses them on document text; the
// stage model's word split keeps JS's `\s` (isJsWhitespace), as it always has.

/** Spaces at or above U+00A0 that Go's `unicode.IsSpace` and JS's `\s` agree on. */
function isWideSpace(code: number): boolean {
  return (
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

/** What JavaScript's `/\s/` matches in one UTF-16 code unit. */
export function isJsWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xfeff || isWideSpace(code);
}

/** Go's `unicode.IsSpace`: what `strings.TrimSpace` and `TrimLeftFunc(unicode.IsSpace)` remove. */
export function isGoSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0x85 || isWideSpace(code);
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
