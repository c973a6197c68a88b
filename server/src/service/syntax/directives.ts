// Parser directives (`# syntax=`, `# escape=`, `# check=`), matched as BuildKit's
// `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` matches them, without a regular expression.
import * as chars from './chars';

// Bound once: under CommonJS (tsx) every access to an imported binding is a getter call.
const { isRegexpSpace } = chars;
const HASH = 0x23;
const EQUALS = 0x3d;

const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);

export interface DirectiveMatch {
  /** Lower-cased key. */
  readonly name: string;
  readonly known: boolean;
  readonly valueStart: number;
  readonly valueEnd: number;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Match `text[start, end)` (a left-trimmed line without its newline) against the directive pattern. */
export function matchDirective(text: string, start: number, end: number): DirectiveMatch | undefined {
  if (start >= end || text.charCodeAt(start) !== HASH) return undefined;
  let pos = start + 1;
  while (pos < end && isRegexpSpace(text.charCodeAt(pos))) pos++;
  const nameStart = pos;
  if (pos >= end || !isAsciiLetter(text.charCodeAt(pos))) return undefined;
  pos++;
  while (pos < end && (isAsciiLetter(text.charCodeAt(pos)) || isAsciiDigit(text.charCodeAt(pos)))) pos++;
  const name = text.slice(nameStart, pos).toLowerCase();
  while (pos < end && isRegexpSpace(text.charCodeAt(pos))) pos++;
  if (pos >= end || text.charCodeAt(pos) !== EQUALS) return undefined;
  pos++;
  if (pos >= end) return undefined; // `(.+?)` needs one character
  let valueStart = pos;
  while (valueStart < end && isRegexpSpace(text.charCodeAt(valueStart))) valueStart++;
  let valueEnd = end;
  if (valueStart === end) {
    // Only blanks after `=`: the lazy group still has to take one, and backtracking hands it the last.
    valueStart = end - 1;
  } else {
    while (valueEnd > valueStart && isRegexpSpace(text.charCodeAt(valueEnd - 1))) valueEnd--;
  }
  return { name, known: KNOWN_DIRECTIVES.has(name), valueStart, valueEnd };
}
