// The exec-form check: BuildKit decodes the arguments with Go's encoding/json into []interface{}.
// JSON.parse accepts the same grammar (RFC 8259); the differences handled here are Go's decoding
// errors (number overflow, nesting deeper than 10000), which make BuildKit fall back to shell form,
// and lone UTF-16 surrogates, which Go decodes to U+FFFD.

export type JsonArrayResult =
  | { readonly kind: 'strings'; readonly values: string[] }
  /** Not JSON (or not decodable by Go): the instruction is in shell form. */
  | { readonly kind: 'invalid' }
  /** A valid array with a non-string element: BuildKit's hard parse error. */
  | { readonly kind: 'nonString' };

export const NON_STRING_ARRAY_ERROR = 'when using JSON array syntax, arrays must be comprised of strings only';

const GO_MAX_NESTING_DEPTH = 10000;
const OPEN_BRACKET = 0x5b;
const SURROGATE = /[\ud800-\udfff]/;

/** Decide how BuildKit reads `args` (already trimmed) as a JSON array. */
export function parseJsonArray(args: string): JsonArrayResult {
  if (args.charCodeAt(0) !== OPEN_BRACKET) return { kind: 'invalid' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    return { kind: 'invalid' };
  }
  if (!Array.isArray(parsed)) return { kind: 'invalid' };
  const values: string[] = [];
  for (const element of parsed as unknown[]) {
    if (typeof element !== 'string') {
      return goWouldFailToDecode(parsed) ? { kind: 'invalid' } : { kind: 'nonString' };
    }
    values.push(toWellFormed(element));
  }
  return { kind: 'strings', values };
}

/** True when Go's decoder errors on this value: a number out of float64 range or too deep a nesting. */
function goWouldFailToDecode(root: unknown): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return true;
    } else if (value !== null && typeof value === 'object') {
      if (depth > GO_MAX_NESTING_DEPTH) return true;
      const children = Array.isArray(value) ? (value as unknown[]) : Object.values(value);
      for (const child of children) stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}

/** Replace unpaired surrogates with U+FFFD, as Go's JSON decoder does for `\ud800`. */
export function toWellFormed(value: string): string {
  if (!SURROGATE.test(value)) return value;
  let out: string[] | undefined;
  let copied = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0xd800 || code > 0xdfff) continue;
    if (code <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    out ??= [];
    out.push(value.slice(copied, i), '\ufffd');
    copied = i + 1;
  }
  if (out === undefined) return value;
  out.push(value.slice(copied));
  return out.join('');
}
