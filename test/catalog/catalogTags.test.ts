/**
 * The tag grammar against every tag the catalog knows: current tags, past floating tags and fixed-tag
 * patterns filled with a real version. Every one round-trips; current tags parse into the same parts the
 * catalog records for them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTag, printTag } from '../../server/src/service/catalog/tagGrammar';
import { committedCatalog } from './committedCatalog';

const { catalog } = committedCatalog();

describe('round trip', () => {
  const everyTag = [
    ...catalog.tags.map((t) => t.tag),
    ...catalog.pastTags.map((t) => t.tag),
    ...catalog.fixedPatterns.map((p) => `${p.latestSeen}${p.suffix}`),
  ];

  test('printTag(parseTag(t)) === t for every tag, past tag and fixed pattern', (t) => {
    const broken = everyTag.filter((tag) => printTag(parseTag(tag)) !== tag);
    t.diagnostic(`${everyTag.length} tags checked`);
    assert.deepEqual(broken, []);
  });

  test('history tags the grammar cannot explain are one-offs, kept as unknown segments', (t) => {
    const illFormed = [...new Set(everyTag)].filter((tag) => !parseTag(tag).wellFormed);
    t.diagnostic(`not well-formed: ${illFormed.join(', ')}`);
    assert.ok(illFormed.length <= everyTag.length / 1000, `${illFormed.length} of ${everyTag.length}`);
    for (const tag of illFormed) assert.ok(parseTag(tag).segments.some((s) => s.kind === 'unknown'), tag);
  });
});

describe('current tags parse into the parts the catalog records', () => {
  test('every current tag is well-formed', () => {
    const bad = catalog.tags.map((t) => parseTag(t.tag)).filter((p) => !p.wellFormed);
    assert.deepEqual(bad.map((p) => `${p.tag}: ${p.reason}`), []);
  });

  test('version kind, OS, flavour, variants and arch match', () => {
    for (const tag of catalog.tags) {
      const parsed = parseTag(tag.tag);
      const where = `${tag.repository}:${tag.tag}`;
      if (tag.versionKind === 'sample') assert.equal(parsed.scheme, 'sample', where);
      else assert.equal(parsed.version?.kind, tag.versionKind, where);
      assert.equal(parsed.os?.text ?? '', tag.osInTag, where);
      // Windows tags are single-arch without an arch suffix; appliances imply their flavour without writing it.
      assert.equal(parsed.arch?.value ?? null, tag.platform === 'windows' ? null : tag.arch, where);
      if (parsed.flavour) assert.equal(parsed.flavour.value, tag.flavour, where);
      if (tag.repository.endsWith('/sdk') || ['runtime-deps', 'runtime', 'aspnet'].some((f) => tag.repository.endsWith(`/${f}`))) {
        assert.equal(parsed.flavour?.value ?? null, tag.flavour, where);
        assert.deepEqual(parsed.variants.map((v) => v.value), tag.variants, where);
      }
      if (parsed.version?.kind === 'fixed') assert.ok(tag.tag.startsWith(tag.productVersion), where);
    }
  });

  test('past tags: the version in the tag is the catalog version', () => {
    for (const past of catalog.pastTags) {
      const parsed = parseTag(past.tag);
      if (parsed.version?.majorMinor && past.version !== '') assert.equal(parsed.version.majorMinor, past.version, `${past.repository}:${past.tag}`);
    }
  });
});
