/**
 * Loading the catalog: the committed file loads (and how long it takes), broken files give a message that
 * says what is wrong and what to do, and the fast check accepts exactly what the zod schema accepts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as z from 'zod';
import { catalogSchema, type Catalog } from '../../server/src/service/catalog/schema';
import { loadCatalogFromJson } from '../../server/src/service/catalog/loadCatalog';
import { compileSchemaCheck, UnsupportedSchemaError } from '../../server/src/service/catalog/schemaCheck';
import { committedCatalogText } from './committedCatalog';

function loadError(text: string): string {
  const result = loadCatalogFromJson(text);
  assert.equal(result.ok, false);
  return result.ok ? '' : result.error;
}

/** The committed catalog with each array cut to its first `n` entries: small enough to mutate thousands of times. */
function smallCatalog(n: number): Catalog {
  const full = JSON.parse(committedCatalogText()) as Catalog;
  return {
    ...full,
    sources: full.sources.slice(0, n),
    repositories: full.repositories.slice(0, n),
    versions: full.versions.slice(0, n),
    tags: [...full.tags.slice(0, n), ...full.tags.filter((t) => t.platform === 'linux,windows' || t.flavour !== null).slice(0, n)],
    pastTags: full.pastTags.filter((t) => t.removedOn === null).slice(0, n).concat(full.pastTags.slice(0, n)),
    fixedPatterns: full.fixedPatterns.slice(0, n),
    retiredRepositories: full.retiredRepositories.slice(0, n),
  };
}

describe('loadCatalogFromJson', () => {
  test('loads the committed catalog', (t) => {
    const text = committedCatalogText();
    const started = performance.now();
    const result = loadCatalogFromJson(text);
    const elapsed = performance.now() - started;
    t.diagnostic(`catalog/dotnet-images.json: ${(text.length / 1024).toFixed(0)} KiB, loadCatalogFromJson ${elapsed.toFixed(1)} ms`);
    assert.equal(result.ok, true);
    assert.ok(result.ok && result.index.tags('dotnet/sdk').length > 0);
  });

  test('corrupt JSON says so and what to do', () => {
    const error = loadError('{"schemaVersion": 1, "tags": [');
    assert.match(error, /catalog\/dotnet-images\.json\) is not valid JSON/);
    assert.match(error, /npm run catalog/);
    assert.match(loadError(''), /not valid JSON/);
  });

  test('a catalog of another shape names the wrong field', () => {
    const catalog = smallCatalog(2);
    const wrongArch = { ...catalog, tags: catalog.tags.map((t, i) => (i === 1 ? { ...t, arch: 'x86' } : t)) };
    const error = loadError(JSON.stringify(wrongArch));
    assert.match(error, /does not match its schema \(tags\.1\.arch: /);
    assert.match(error, /npm run catalog/);
    assert.match(loadError(JSON.stringify({ ...catalog, schemaVersion: 2 })), /schemaVersion/);
    assert.match(loadError(JSON.stringify({ ...catalog, versions: [] })), /versions: /);
    assert.match(loadError('null'), /\(root\)/);
    assert.match(loadError('[]'), /\(root\)/);
  });
});

describe('the fast check compiled from the schema', () => {
  const check = compileSchemaCheck(catalogSchema);

  /** Every path to a value inside `data`. */
  function paths(data: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    const here = [prefix];
    if (Array.isArray(data)) return here.concat(data.flatMap((item, i) => paths(item, [...prefix, i])));
    if (typeof data === 'object' && data !== null) return here.concat(Object.entries(data).flatMap(([k, v]) => paths(v, [...prefix, k])));
    return here;
  }

  /** A copy of `data` with the value at `path` replaced (or removed when `replacement` is the symbol). */
  function mutate(data: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
    const [head, ...rest] = path;
    if (head === undefined) return replacement;
    if (Array.isArray(data)) {
      const copy: unknown[] = [...data];
      if (typeof head === 'number') copy[head] = mutate(copy[head], rest, replacement);
      return rest.length === 0 && replacement === REMOVE ? copy.filter((_, i) => i !== head) : copy;
    }
    const copy = { ...(data as Record<string, unknown>) };
    if (rest.length === 0 && replacement === REMOVE) delete copy[String(head)];
    else copy[String(head)] = mutate(copy[String(head)], rest, replacement);
    return copy;
  }
  const REMOVE = Symbol('remove');

  test('accepts the committed catalog', () => {
    assert.equal(check(JSON.parse(committedCatalogText())), true);
  });

  test('agrees with zod on thousands of mutated catalogs', () => {
    const base = smallCatalog(2);
    const allPaths = paths(base);
    // Near misses: values of other fields, wrong types, almost-dates, empty arrays.
    const nearMiss = fc.constantFrom<unknown>(
      REMOVE, null, '', 'x86', 'amd64', 'linux,windows', 'windows', 'chiseled', 'aot', 'lts', 'eol', 'fixed', '2026-8-21', '2026-08-21', '10.0', '10',
      1, 0, true, false, [], ['amd64'], ['bogus'], {}, 'ContainerAdministrator',
    );
    fc.assert(
      fc.property(fc.constantFrom(...allPaths), fc.oneof(nearMiss, fc.jsonValue({ maxDepth: 2 })), (path, replacement) => {
        const data = mutate(base, path, replacement);
        assert.equal(check(data), catalogSchema.safeParse(data).success, `${path.join('.')} := ${String(JSON.stringify(replacement))}`);
      }),
      { numRuns: 3000 },
    );
  });

  test('optional fields (a refreshed tag\'s discoveredOn) are checked exactly as zod checks them', () => {
    const schema = z.object({ a: z.string(), when: z.string().regex(/^\d{4}$/).optional() });
    const check = compileSchemaCheck(schema);
    for (const value of [{ a: 'x' }, { a: 'x', when: '2026' }, { a: 'x', when: 'soon' }, { a: 'x', when: null }, { when: '2026' }]) {
      assert.equal(check(value), schema.safeParse(value).success, JSON.stringify(value));
    }
  });

  test('refuses to compile zod features it does not model', () => {
    for (const schema of [z.number(), z.string().email(), z.object({ a: z.string() }).strict(), z.object({}).refine(() => true), z.string().transform((s) => s.length)]) {
      assert.throws(() => compileSchemaCheck(schema), UnsupportedSchemaError);
    }
  });
});
