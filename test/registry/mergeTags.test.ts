/**
 * Merging listed tags into the real catalog: only new, current tags are added, with facts from their
 * closest sibling; floating tags and versions move to newer patches; nothing is ever removed; the result
 * passes the catalog schema.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateCatalog, type Catalog } from '../../server/src/service/catalog/schema';
import { mergeDiscoveredTags, tagShape } from '../../server/src/host/registry/mergeTags';
import { compareProductVersions } from '../../server/src/service/catalog/productVersion';
import { realCatalog } from '../helpers/service';

const base: Catalog = realCatalog().catalog;
const TODAY = '2026-11-22';

function tagOf(catalog: Catalog, repository: string, tag: string) {
  return catalog.tags.find((t) => t.repository === repository && t.tag === tag);
}

/** A known fixed tag of the repository and its next patch, derived from the catalog (not hard-coded). */
function nextPatchOf(repository: string, suffix: string, version = '10.0') {
  const current = base.tags.find((t) => t.repository === repository && t.versionKind === 'fixed' && t.version === version && tagShape(t.tag)?.suffix === suffix)!;
  assert.ok(current, `the catalog has a fixed ${repository} ${version} tag with suffix "${suffix}"`);
  const [major, minor, patch] = current.productVersion.split('.').map(Number) as [number, number, number];
  const next = `${major}.${minor}.${patch + 1}`;
  return { current, next, tag: `${next}${suffix}` };
}

describe('mergeDiscoveredTags', () => {
  test('a new patch is added with its sibling facts, and moves its floating tag and the version', () => {
    const chiseled = nextPatchOf('dotnet/aspnet', '-noble-chiseled');
    const result = mergeDiscoveredTags(base, [{ repository: 'dotnet/aspnet', tags: [chiseled.tag, chiseled.current.tag, '10.0-noble-chiseled'] }], TODAY, 'registry.test');
    assert.equal(result.added.length, 1);
    const added = tagOf(result.catalog, 'dotnet/aspnet', chiseled.tag)!;
    assert.deepEqual(
      { ...added },
      { ...chiseled.current, tag: chiseled.tag, productVersion: chiseled.next, documented: false, discoveredOn: TODAY },
    );
    assert.equal(tagOf(result.catalog, 'dotnet/aspnet', '10.0-noble-chiseled')?.productVersion, chiseled.next);
    assert.equal(result.catalog.versions.find((v) => v.version === '10.0')?.latestRuntime, chiseled.next);
    const pattern = result.catalog.fixedPatterns.find((p) => p.repository === 'dotnet/aspnet' && p.version === '10.0' && p.suffix === '-noble-chiseled');
    assert.deepEqual([pattern?.latestSeen, pattern?.lastSeen, pattern?.current], [chiseled.next, TODAY, true]);
    assert.equal(result.updated, 1);
    assert.ok(validateCatalog(result.catalog).ok, 'the merged catalog passes the schema');
  });

  test('a new SDK patch raises latestSdk', () => {
    const sdk = nextPatchOf('dotnet/sdk', '-noble');
    const result = mergeDiscoveredTags(base, [{ repository: 'dotnet/sdk', tags: [sdk.tag] }], TODAY, 'registry.test');
    assert.equal(result.added.length, 1);
    const before = base.versions.find((v) => v.version === '10.0')!.latestSdk;
    const after = result.catalog.versions.find((v) => v.version === '10.0')!.latestSdk;
    assert.equal(after, compareProductVersions(sdk.next, before) > 0 ? sdk.next : before);
    assert.equal(compareProductVersions(after, before) >= 0, true);
  });

  test('a new major version arrives through its fixed and floating tags, shaped like the newest known ones', () => {
    const result = mergeDiscoveredTags(base, [{ repository: 'dotnet/aspnet', tags: ['12.0.0-noble-chiseled', '12.0-noble-chiseled'] }], TODAY, 'registry.test');
    const fixed = tagOf(result.catalog, 'dotnet/aspnet', '12.0.0-noble-chiseled')!;
    const floating = tagOf(result.catalog, 'dotnet/aspnet', '12.0-noble-chiseled')!;
    assert.equal(fixed.version, '12.0');
    assert.equal(fixed.versionKind, 'fixed');
    assert.equal(floating.versionKind, 'floating-minor');
    assert.equal(floating.productVersion, '12.0.0');
    assert.equal(floating.shell, false);
    assert.equal(floating.user, 'app');
    assert.equal(floating.flavour, 'chiseled');
    assert.equal(floating.supportPhase, null, 'unknown until the catalog knows 12.0');
    assert.ok(result.catalog.fixedPatterns.some((p) => p.repository === 'dotnet/aspnet' && p.version === '12.0' && p.suffix === '-noble-chiseled' && p.firstSeen === TODAY));
    assert.ok(validateCatalog(result.catalog).ok);
  });

  test('old patches, retired floating tags, end-of-life versions, garbage and shapes without a sibling are ignored', () => {
    const old = base.tags.find((t) => t.repository === 'dotnet/aspnet' && t.versionKind === 'fixed' && t.version === '10.0')!;
    const olderPatch = old.tag.replace(old.productVersion, `${old.version}.0`);
    const retired = base.pastTags.find((t) => t.repository === 'dotnet/aspnet')!;
    const eol = base.versions.find((v) => v.supportPhase === 'eol')!;
    const listed = [olderPatch, retired.tag, `${eol.version}-bookworm-slim`, `${eol.version}.99`, 'my-build-123', 'latest', '10.0-plucky-chiseled', '10.0.99-plucky-chiseled'];
    const result = mergeDiscoveredTags(base, [{ repository: 'dotnet/aspnet', tags: listed }], TODAY, 'registry.test');
    assert.deepEqual(result.added, []);
    assert.equal(result.ignored, listed.length - 1, 'all but `latest`, which the catalog knows');
    assert.equal(result.catalog.tags.length, base.tags.length);
  });

  test('nothing is ever removed, and the refresh is recorded as the newest source', () => {
    const result = mergeDiscoveredTags(base, [{ repository: 'dotnet/aspnet', tags: [] }], TODAY, 'registry.test');
    assert.equal(result.catalog.tags.length, base.tags.length);
    assert.equal(result.catalog.pastTags.length, base.pastTags.length);
    assert.equal(result.catalog.date, TODAY);
    const sources = result.catalog.sources.filter((s) => s.name.startsWith('registry tags/list'));
    assert.deepEqual(sources.map((s) => [s.name, s.date]), [['registry tags/list on registry.test', TODAY]]);
    const again = mergeDiscoveredTags(result.catalog, [], '2026-11-29', 'registry.test');
    assert.equal(again.catalog.sources.filter((s) => s.name.startsWith('registry tags/list')).length, 1, 'a refresh replaces the previous refresh source');
  });

  test('tag shapes', () => {
    assert.deepEqual(tagShape('10.0.11-noble-chiseled-extra'), { version: '10.0', suffix: '-noble-chiseled-extra', kind: 'fixed', productVersion: '10.0.11' });
    assert.deepEqual(tagShape('11.0.0-preview.7-noble'), { version: '11.0', suffix: '-noble', kind: 'fixed', productVersion: '11.0.0-preview.7' });
    assert.deepEqual(tagShape('10.0-alpine'), { version: '10.0', suffix: '-alpine', kind: 'floating-minor', productVersion: undefined });
    assert.equal(tagShape('latest'), undefined);
    assert.equal(tagShape('2.1-sdk'), undefined);
    assert.equal(tagShape('not a tag'), undefined);
  });
});
