/**
 * Issue 19 #8: a glob from a config's `ignore` list is hostile input. Twelve `**` segments against a path 19
 * folders deep took 10 s with the regular expression the matcher compiled to (fourteen: over a minute); the
 * state machine answers in microseconds. On ordinary globs it matches exactly what that regular expression
 * matched (kept below as the oracle).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { compileGlob, GlobError } from '../../../server/src/cli/glob';

// ---- the regular expression compiler this replaced, as it was (the oracle) ----
function escapeRegExp(text: string): string {
  return text.replace(/[.+^$()|\\\]}/]/g, '\\$&');
}
/** Compiles a glob into an anchored RegExp over `/`-separated paths. */
function oldGlobToRegExp(glob: string): RegExp {
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

describe('glob matching is linear', () => {
  for (const depth of [12, 14, 30]) {
    test(`${depth} \`**/\` segments against a path 19 folders deep`, () => {
      const glob = `${'**/'.repeat(depth)}x/Dockerfile`;
      const path = `${Array.from({ length: 19 }, (_, i) => `folder${i}`).join('/')}/Dockerfile`;
      const started = performance.now();
      const matcher = compileGlob(glob);
      assert.equal(matcher.test(path), false);
      assert.equal(matcher.test(path.replace('folder18', 'x')), true);
      const took = performance.now() - started;
      assert.ok(took < 100, `${took.toFixed(0)} ms`);
    });
  }

  test('stars within segments and long names', () => {
    const glob = `${'*a'.repeat(40)}*b`;
    const name = 'a'.repeat(4000);
    const started = performance.now();
    assert.equal(compileGlob(glob).test(name), false);
    assert.equal(compileGlob(`{${'a,'.repeat(500)}b}/**/${'*/'.repeat(50)}c`).test(`b/${'x/'.repeat(200)}c`), true);
    assert.ok(performance.now() - started < 1000);
  });

  test('a glob too long, or with a backwards range, is an error that says so', () => {
    assert.throws(() => compileGlob('a'.repeat(5000)), GlobError);
    assert.throws(() => compileGlob('[z-a]'), (error: unknown) => error instanceof GlobError && /\[z-a\] is not valid/.test(error.message));
  });
});

describe('on ordinary globs the matcher agrees with the regular expression it replaced', () => {
  const globPiece = fc.constantFrom('a', 'b', '.', '/', '*', '**', '**/', '?', '[ab]', '[!a]', '[a-c]', '{', '}', ',', '{a,b}', '{a/b,c}', 'Dockerfile', '(', '+', '\\', '[');
  const pathPiece = fc.constantFrom('a', 'b', 'c', '.', '/', 'Dockerfile', 'ab', '/a/', 'x', '(', '+', '\\', '[');
  test('on 20,000 generated glob and path pairs', () => {
    fc.assert(
      fc.property(fc.array(globPiece, { maxLength: 8 }), fc.array(pathPiece, { maxLength: 8 }), (globPieces, pathPieces) => {
        const glob = globPieces.join('');
        const path = pathPieces.join('');
        let expected: RegExp;
        try {
          expected = oldGlobToRegExp(glob);
        } catch {
          assert.throws(() => compileGlob(glob));
          return;
        }
        assert.equal(compileGlob(glob).test(path), expected.test(path), `${glob} on ${path}`);
      }),
      { numRuns: 20_000, seed: 8 },
    );
  });
});
