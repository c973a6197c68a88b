/**
 * The compact catalog (what the server and the CLI read): it round-trips to exactly the committed catalog, every
 * CatalogIndex query answers the same from it as from the JSON catalog, the build ships exactly it, opening it
 * costs about a millisecond, and a damaged or foreign file is refused with what to do.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { catalogSchema, fixedPatternSchema, pastTagSchema, tagSchema, type Catalog } from '../../server/src/service/catalog/schema';
import { createCatalogIndex, RECORD_KINDS, type CatalogIndex } from '../../server/src/service/catalog/catalogIndex';
import { COMPACT_MAGIC, isCompactCatalog, openCompactCatalog, RECORD_FIELDS } from '../../server/src/service/catalog/compactCatalog';
import { compactCatalogFrom, encodeCompactCatalog } from '../../server/src/service/catalog/compactCatalogWriter';
import { formatCatalogJson } from '../../server/src/service/catalog/catalogJson';
import { catalogFromBytes } from '../../server/src/host/catalogFile';
import { committedCatalog, committedCatalogText, repoRoot } from './committedCatalog';

const committed = (): Catalog => committedCatalog().catalog;

function compactOf(catalog: Catalog): Uint8Array {
  const made = compactCatalogFrom(catalog);
  assert.ok(made.ok, made.ok ? '' : made.error);
  return made.bytes;
}

function open(bytes: Uint8Array): CatalogIndex {
  const opened = openCompactCatalog(bytes);
  assert.ok(opened.ok, opened.ok ? '' : opened.error);
  return opened.index;
}

/** Every query of `a` and `b` over every name, tag, version and suffix either knows, and some neither does. */
function assertSameAnswers(a: CatalogIndex, b: CatalogIndex, catalog: Catalog): number {
  let queries = 0;
  const same = (actual: unknown, expected: unknown, what: string): void => {
    queries++;
    assert.deepStrictEqual(actual, expected, what);
  };
  same(a.date, b.date, 'date');
  same(a.registry, b.registry, 'registry');
  same(a.sources, b.sources, 'sources');
  same(a.counts, b.counts, 'counts');
  same(a.repositories(), b.repositories(), 'repositories()');
  same(a.versions(), b.versions(), 'versions()');
  same(a.newestVersion(), b.newestVersion(), 'newestVersion()');
  const repositories = new Set([...catalog.repositories.map((r) => r.name), ...RECORD_KINDS.flatMap((kind) => catalog[kind].map((r) => r.repository)), 'dotnet/unknown', '', 'constructor', '__proto__']);
  const tagNames = new Set([...catalog.tags.map((t) => t.tag), ...catalog.pastTags.map((t) => t.tag), 'latest', 'no-such-tag']);
  const versions = new Set([...catalog.versions.map((v) => v.version), ...catalog.fixedPatterns.map((p) => p.version), '99.0']);
  const suffixes = new Set([...catalog.fixedPatterns.map((p) => p.suffix), '-no-such-suffix']);
  for (const repository of repositories) {
    same(a.repository(repository), b.repository(repository), `repository(${repository})`);
    same(a.tags(repository), b.tags(repository), `tags(${repository})`);
    same(a.pastTagsOf(repository), b.pastTagsOf(repository), `pastTagsOf(${repository})`);
    same(a.fixedPatternsOf(repository), b.fixedPatternsOf(repository), `fixedPatternsOf(${repository})`);
    const own = new Set([...a.tags(repository).map((t) => t.tag), ...a.pastTagsOf(repository).map((t) => t.tag), 'latest', 'no-such-tag']);
    for (const tag of repository.startsWith('dotnet/') ? tagNames : own) {
      same(a.tag(repository, tag), b.tag(repository, tag), `tag(${repository}, ${tag})`);
      same(a.pastTag(repository, tag), b.pastTag(repository, tag), `pastTag(${repository}, ${tag})`);
    }
    for (const version of versions) {
      same(a.fixedPatterns(repository, version), b.fixedPatterns(repository, version), `fixedPatterns(${repository}, ${version})`);
      const ownSuffixes = new Set([...a.fixedPatterns(repository, version).map((p) => p.suffix), '-no-such-suffix', '']);
      for (const suffix of ownSuffixes) {
        same(a.fixedPattern(repository, version, suffix), b.fixedPattern(repository, version, suffix), `fixedPattern(${repository}, ${version}, ${suffix})`);
        same(a.hasFixedPattern(repository, version, suffix), b.hasFixedPattern(repository, version, suffix), `hasFixedPattern(${repository}, ${version}, ${suffix})`);
      }
    }
    for (const suffix of [...suffixes].slice(0, 50)) same(a.hasFixedPattern(repository, '10.0', suffix), b.hasFixedPattern(repository, '10.0', suffix), `hasFixedPattern(${repository}, 10.0, ${suffix})`);
  }
  for (const version of versions) same(a.version(version), b.version(version), `version(${version})`);
  const retired = [...catalog.retiredRepositories.map((r) => r.name.replace(/\/\*$/, '/x/y')), ...catalog.retiredRepositories.map((r) => `docker.io/${r.name}`), 'mcr.microsoft.com/dotnet/sdk', ''];
  for (const name of retired) same(a.retiredRepository(name), b.retiredRepository(name), `retiredRepository(${name})`);
  return queries;
}

describe('the compact catalog', () => {
  test('its record fields are the schema keys, in the schema order, repository first', () => {
    assert.deepEqual(RECORD_FIELDS.tags, Object.keys(tagSchema.shape));
    assert.deepEqual(RECORD_FIELDS.pastTags, Object.keys(pastTagSchema.shape));
    assert.deepEqual(RECORD_FIELDS.fixedPatterns, Object.keys(fixedPatternSchema.shape));
    assert.deepEqual(RECORD_KINDS.filter((kind) => kind in catalogSchema.shape), [...RECORD_KINDS]);
  });

  test('round-trips to exactly the committed catalog (the same objects, the same JSON text)', (t) => {
    const bytes = compactOf(committed());
    const index = open(bytes);
    assert.deepStrictEqual(index.catalog, committed());
    assert.equal(formatCatalogJson(index.catalog), committedCatalogText());
    t.diagnostic(`catalog/dotnet-images.json ${(committedCatalogText().length / 1024).toFixed(0)} KiB → compact ${(bytes.length / 1024).toFixed(0)} KiB`);
  });

  test('every CatalogIndex query answers the same from the compact and the JSON catalog', (t) => {
    // A fresh JSON index (not the one the compact was made from), queried in another order than the compact one.
    const fromJson = createCatalogIndex(JSON.parse(committedCatalogText()) as Catalog);
    const fromCompact = open(compactOf(committed()));
    const queries = assertSameAnswers(fromCompact, fromJson, committed());
    t.diagnostic(`${queries} queries answered alike`);
  });

  test('a refreshed catalog (tags found by a refresh, a release date) round-trips too: optional fields absent or present', () => {
    const base = committed();
    const refreshed: Catalog = {
      ...base,
      versions: base.versions.map((v) => (v.version === '10.0' ? { ...v, gaDate: '2025-11-11' } : v)),
      tags: [...base.tags, { ...base.tags[0]!, tag: '8.0.99-bookworm-slim', productVersion: '8.0.99', discoveredOn: '2026-11-22' }],
      fixedPatterns: [...base.fixedPatterns, { ...base.fixedPatterns[0]!, repository: 'dotnet/sdk', version: '12.0' }],
    };
    const index = open(compactOf(refreshed));
    assert.deepStrictEqual(index.catalog, refreshed);
    assert.equal(index.tag('dotnet/runtime-deps', '8.0.99-bookworm-slim')?.discoveredOn, '2026-11-22');
    assert.equal('discoveredOn' in index.tag('dotnet/runtime-deps', '8.0-bookworm-slim')!, false);
    assert.equal(index.version('10.0')?.gaDate, '2025-11-11');
    assertSameAnswers(index, createCatalogIndex(refreshed), refreshed);
  });

  test('the build ships exactly the compact form of catalog/dotnet-images.json', () => {
    const shipped = readFileSync(path.join(repoRoot, 'dist', 'dotnet-images.catalog'));
    assert.ok(Buffer.from(encodeCompactCatalog(committed())).equals(shipped), 'dist/dotnet-images.catalog is stale: run `npm run build`');
  });

  test('a tag looked up before its repository is decoded answers as the JSON catalog does, and is the record the decoded list holds', () => {
    const catalog = committed();
    const fromJson = createCatalogIndex(catalog);
    const repositories = [...new Set([...catalog.tags.map((t) => t.repository), ...catalog.pastTags.map((t) => t.repository)])];
    let lookups = 0;
    for (const repository of repositories) {
      // A fresh index per repository: every lookup below comes before that repository's records are decoded.
      const fromCompact = open(compactOf(catalog));
      const names = [...catalog.tags, ...catalog.pastTags].filter((t) => t.repository === repository).map((t) => t.tag);
      const asked = [...names.slice(0, 20), 'no-such-tag', '', '10.0-', names[0]!.toUpperCase(), 'constructor'];
      const found = asked.map((tag) => {
        lookups++;
        const [tagRecord, pastRecord] = [fromCompact.tag(repository, tag), fromCompact.pastTag(repository, tag)];
        assert.deepStrictEqual(tagRecord, fromJson.tag(repository, tag), `tag(${repository}, ${tag})`);
        assert.deepStrictEqual(pastRecord, fromJson.pastTag(repository, tag), `pastTag(${repository}, ${tag})`);
        assert.equal(fromCompact.tag(repository, tag), tagRecord, 'asked again: the same object');
        return [tagRecord, pastRecord] as const;
      });
      // Decoded whole afterwards: the records looked up one by one are the list's own objects, not copies.
      const tags = fromCompact.tags(repository);
      const pastTags = fromCompact.pastTagsOf(repository);
      for (const [tagRecord, pastRecord] of found) {
        if (tagRecord) assert.ok(tags.includes(tagRecord), `${repository}:${tagRecord.tag} is one object`);
        if (pastRecord) assert.ok(pastTags.includes(pastRecord), `${repository}:${pastRecord.tag} (past) is one object`);
      }
      assert.deepStrictEqual(tags, fromJson.tags(repository));
      assert.deepStrictEqual(pastTags, fromJson.pastTagsOf(repository));
      for (const tag of asked) assert.equal(fromCompact.tag(repository, tag), found[asked.indexOf(tag)]![0], 'after the decode: the same answer');
    }
    assert.ok(lookups > 100, `${lookups} lookups`);
  });

  test('past the one-by-one lookups a section answers, the decoded records answer: typed tags cannot grow it without end', () => {
    const index = open(compactOf(committed()));
    const real = committed().tags.filter((t) => t.repository === 'dotnet/aspnet').slice(0, 3);
    for (let i = 0; i < 200; i++) assert.equal(index.tag('dotnet/aspnet', `typed-${i}`), undefined);
    for (const tag of real) assert.deepStrictEqual(index.tag('dotnet/aspnet', tag.tag), tag);
    assert.ok(index.tags('dotnet/aspnet').includes(index.tag('dotnet/aspnet', real[0]!.tag)!));
  });

  test('opens in about a millisecond and decodes only the repositories asked about', (t) => {
    const bytes = readFileSync(path.join(repoRoot, 'dist', 'dotnet-images.catalog'));
    const times: number[] = [];
    let index: CatalogIndex | undefined;
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const loaded = catalogFromBytes(bytes, 'dotnet-images.catalog');
      times.push(performance.now() - started);
      assert.ok(loaded.ok);
      index = loaded.index;
    }
    const best = Math.min(...times);
    const started = performance.now();
    const aspnet = index!.tags('dotnet/aspnet').length;
    const firstRepository = performance.now() - started;
    t.diagnostic(`open: best ${best.toFixed(2)} ms of 20 (first ${times[0]!.toFixed(2)} ms); dotnet/aspnet's ${aspnet} tags decoded in ${firstRepository.toFixed(2)} ms`);
    // The JSON took ~80 ms; a generous bound that still fails if opening ever parses the records again.
    assert.ok(best < 10, `opening took ${best.toFixed(2)} ms`);
  });
});

describe('a damaged or foreign compact catalog is refused with what to do', () => {
  const bytes = (): Uint8Array => compactOf(committed());
  const text = (): string => Buffer.from(bytes()).toString('utf8');
  const refused = (data: Uint8Array | string): string => {
    const opened = openCompactCatalog(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    assert.equal(opened.ok, false);
    return opened.ok ? '' : opened.error;
  };

  test('cut short', () => {
    const whole = bytes();
    assert.match(refused(whole.subarray(0, whole.length - 100)), /damaged \(the body has \d+ bytes, the header says \d+: the file is cut short.*reinstall the extension/);
    assert.match(refused(whole.subarray(0, COMPACT_MAGIC.length + 50)), /damaged \(it ends inside its header\)/);
  });

  test('written by a version with other record fields', () => {
    const changed = text().replace('"discoveredOn"]', '"discoveredOn","somethingNew"]');
    assert.match(refused(changed), /other fields than this version reads/);
  });

  test('a header that is not JSON, or of another shape', () => {
    const [magic, , ...body] = text().split('\n');
    assert.match(refused([magic, '{"fields":', ...body].join('\n')), /its header is not readable/);
    assert.match(refused([magic, JSON.stringify({ fields: RECORD_FIELDS }), ...body].join('\n')), /no catalog in the header/);
  });

  test('another format is not taken for a compact catalog (the JSON catalog is read through the schema)', () => {
    assert.equal(isCompactCatalog(Buffer.from(committedCatalogText())), false);
    assert.equal(isCompactCatalog(Buffer.from(`${COMPACT_MAGIC} and more\n`)), false);
    assert.match(refused('{"schemaVersion":1}'), /not in the compact form/);
    const fromJson = catalogFromBytes(Buffer.from(committedCatalogText()), 'dotnet-images.json');
    assert.ok(fromJson.ok);
    const broken = catalogFromBytes(Buffer.from('{"schemaVersion": 1, "tags": ['), 'broken.json');
    assert.equal(broken.ok, false);
    assert.match(broken.ok ? '' : broken.error, /^broken\.json: .*not valid JSON/);
  });

  test('a damaged section opens, and says so when that repository is first asked about', () => {
    const original = text();
    // Corrupt the first section (a repository's tags) without changing the byte count.
    const bodyStart = original.indexOf('\n', COMPACT_MAGIC.length + 1) + 1;
    const damaged = `${original.slice(0, bodyStart)}#${original.slice(bodyStart + 1)}`;
    const index = open(Buffer.from(damaged, 'utf8'));
    const first = (JSON.parse(original.split('\n')[1]!) as { order: { tags: [string, number][] } }).order.tags[0]![0];
    assert.throws(() => index.tag(first, '10.0'), /the \.NET image catalog is damaged \(tags of .*: .*\); reinstall the extension/, 'looked up one tag at a time');
    assert.throws(() => index.tags(first), /the \.NET image catalog is damaged \(tags of .*: .*\); reinstall the extension/);
    assert.ok(index.tags('dotnet/sdk').length > 0, 'the other repositories still answer');
  });
});
