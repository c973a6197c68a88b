/**
 * A small glob matcher for command-line paths: `**` (any number of folders), `*` (any run of characters
 * within one path segment), `?` (one character), `[abc]`/`[a-z]`/`[!x]` character classes and `{a,b}`
 * alternatives. Paths use `/`; matching is case-sensitive, as shells are on Linux and macOS.
 */

const SPECIAL = /[*?[{]/;

/** True when the argument is a pattern rather than a plain path. */
export function isGlob(text: string): boolean {
  return SPECIAL.test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+^$()|\\\]}/]/g, '\\$&');
}

/** Compiles a glob into an anchored RegExp over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atStart && atEnd) {
          // `**/` matches zero or more whole folders; a trailing `**` matches everything below.
          if (i + 2 === glob.length) source += '.*';
          else source += '(?:[^/]*/)*';
          i += glob[i + 2] === '/' ? 2 : 1;
          continue;
        }
        i += 1; // `a**b` behaves like `a*b`
      }
      source += '[^/]*';
    } else if (ch === '?') {
      source += '[^/]';
    } else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) {
        source += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      source += `[${negate ? '^/' : ''}${body.replace(/\\/g, '\\\\').replace(/]/g, '\\]')}]`;
      i = close;
    } else if (ch === '{') {
      braces++;
      source += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (ch === ',' && braces > 0) {
      source += '|';
    } else {
      source += escapeRegExp(ch);
    }
  }
  source += ')'.repeat(braces);
  return new RegExp(`^${source}$`);
}

/** The leading part of a glob without any pattern characters: where a walk for it starts (`src/**` → `src`). */
export function globBase(glob: string): string {
  const segments = glob.split('/');
  const fixed: string[] = [];
  for (const segment of segments) {
    if (isGlob(segment)) break;
    fixed.push(segment);
  }
  if (fixed.length === segments.length) fixed.pop(); // no pattern at all: the parent folder
  const base = fixed.join('/');
  return base === '' ? (glob.startsWith('/') ? '/' : '.') : base;
}
