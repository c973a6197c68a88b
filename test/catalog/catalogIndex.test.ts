/** The catalog index on a tiny hand-made catalog: every lookup, and no scans once the maps are built. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Catalog, CatalogTag } from '../../server/src/service/catalog/schema';
import { createCatalogIndex } from '../../server/src/service/catalog/catalogIndex';

function tag(repository: string, name: string, version: string): CatalogTag {
  return {
    repository, tag: name, version, productVersion: `${version}.1`, versionKind: 'floating-minor', os: 'noble', osInTag: '', flavour: null, variants: [],
    arch: null, archs: ['amd64', 'arm64v8'], platform: 'linux', multiArch: true, shell: true, user: 'root', documented: true, supportPhase: 'active', eolDate: null,
  };
}

function fixture(): Catalog {
  return {
    $comment: 'test fixture',
    schemaVersion: 1,
    date: '2026-08-21',
    sources: [{ name: 'test', commit: 'c'.repeat(40), date: '2026-08-21' }],
    registry: 'mcr.microsoft.com',
    repositories: [
      { name: 'dotnet/sdk', family: 'sdk', kind: 'core', nightly: false },
      { name: 'dotnet/nightly/sdk', family: 'sdk', kind: 'core', nightly: true },
    ],
    versions: [
      { version: '9.0', product: '.NET', releaseType: 'sts', supportPhase: 'maintenance', eolDate: '2026-11-10', latestRuntime: '9.0.18', latestSdk: '9.0.316' },
      { version: '11.0', product: '.NET', releaseType: 'sts', supportPhase: 'preview', eolDate: null, latestRuntime: '11.0.0-preview.6', latestSdk: '11.0.100-preview.6' },
      { version: '10.0', product: '.NET', releaseType: 'lts', supportPhase: 'active', eolDate: '2028-11-14', latestRuntime: '10.0.10', latestSdk: '10.0.302' },
    ],
    tags: [tag('dotnet/sdk', '10.0', '10.0'), tag('dotnet/sdk', '10.0-noble', '10.0'), tag('dotnet/nightly/sdk', '11.0', '11.0')],
    pastTags: [{ repository: 'microsoft/dotnet', tag: '2.1-sdk', version: '2.1', firstSeen: '2018-02-26', removedOn: '2019-02-26' }],
    fixedPatterns: [
      { repository: 'dotnet/sdk', version: '10.0', suffix: '-noble', latestSeen: '10.0.400', firstSeen: '2025-02-25', lastSeen: '2026-08-21', current: true },
      { repository: 'dotnet/sdk', version: '10.0', suffix: '-trixie-slim', latestSeen: '10.0.100-preview.6', firstSeen: '2025-02-25', lastSeen: '2025-07-08', current: false },
    ],
    retiredRepositories: [
      { name: 'microsoft/dotnet', replacement: 'mcr.microsoft.com/dotnet/{sdk,aspnet,runtime,runtime-deps}', retired: '2019-02-26', note: '' },
      { name: 'mcr.microsoft.com/dotnet/core/*', replacement: 'mcr.microsoft.com/dotnet/*', retired: '2023-01-10', note: 'wildcard' },
      { name: 'mcr.microsoft.com/dotnet/core/sdk', replacement: 'mcr.microsoft.com/dotnet/sdk', retired: '2023-01-10', note: 'exact' },
    ],
  };
}

describe('catalog index', () => {
  const index = createCatalogIndex(fixture());

  test('repositories and tags, in catalog order', () => {
    assert.equal(index.repository('dotnet/nightly/sdk')?.nightly, true);
    assert.equal(index.repository('dotnet/aspnet'), undefined);
    assert.deepEqual(index.repositories().map((r) => r.name), ['dotnet/sdk', 'dotnet/nightly/sdk']);
    assert.deepEqual(index.tags('dotnet/sdk').map((t) => t.tag), ['10.0', '10.0-noble']);
    assert.deepEqual(index.tags('dotnet/unknown'), []);
    assert.equal(index.tag('dotnet/sdk', '10.0-noble')?.tag, '10.0-noble');
    assert.equal(index.tag('dotnet/sdk', '11.0'), undefined, 'tags are per repository');
    assert.equal(index.tag('dotnet/nightly/sdk', '11.0')?.version, '11.0');
  });

  test('past tags and fixed patterns', () => {
    assert.equal(index.pastTag('microsoft/dotnet', '2.1-sdk')?.removedOn, '2019-02-26');
    assert.equal(index.pastTag('dotnet/sdk', '2.1-sdk'), undefined);
    assert.deepEqual(index.fixedPatterns('dotnet/sdk', '10.0').map((p) => p.suffix), ['-noble', '-trixie-slim']);
    assert.deepEqual(index.fixedPatterns('dotnet/sdk', '9.0'), []);
    assert.equal(index.fixedPattern('dotnet/sdk', '10.0', '-trixie-slim')?.current, false);
    assert.equal(index.hasFixedPattern('dotnet/sdk', '10.0', '-noble'), true);
    assert.equal(index.hasFixedPattern('dotnet/sdk', '10.0', '-noble-amd64'), false);
  });

  test('versions newest first, by number not by text', () => {
    assert.deepEqual(index.versions().map((v) => v.version), ['11.0', '10.0', '9.0']);
    assert.equal(index.newestVersion().version, '11.0');
    assert.equal(index.version('10.0')?.releaseType, 'lts');
    assert.equal(index.version('10'), undefined);
    assert.equal(index.date, '2026-08-21');
    assert.equal(index.catalog.tags.length, 3);
  });

  test('retired repositories: exact names, /* entries, Docker Hub spelled with its registry', () => {
    assert.equal(index.retiredRepository('mcr.microsoft.com/dotnet/core/sdk')?.note, 'exact');
    assert.equal(index.retiredRepository('mcr.microsoft.com/dotnet/core/samples')?.note, 'wildcard');
    assert.equal(index.retiredRepository('mcr.microsoft.com/dotnet/core/deeper/path')?.note, 'wildcard');
    assert.equal(index.retiredRepository('microsoft/dotnet')?.retired, '2019-02-26');
    assert.equal(index.retiredRepository('docker.io/microsoft/dotnet')?.retired, '2019-02-26');
    assert.equal(index.retiredRepository('mcr.microsoft.com/dotnet/sdk'), undefined);
    assert.equal(index.retiredRepository('mcr.microsoft.com/dotnet/core'), undefined);
    assert.equal(index.retiredRepository(''), undefined);
  });

  test('queries never scan the catalog arrays once the maps are built', () => {
    let reads = 0;
    const counted = <T extends object>(items: T[]): T[] =>
      new Proxy(items, {
        get(target, property, receiver) {
          if (typeof property === 'string' && /^\d+$/.test(property)) reads++;
          return Reflect.get(target, property, receiver) as unknown;
        },
      });
    const data = fixture();
    const watched: Catalog = { ...data, tags: counted(data.tags), pastTags: counted(data.pastTags), fixedPatterns: counted(data.fixedPatterns) };
    const watchedIndex = createCatalogIndex(watched);
    const queryAll = (): void => {
      watchedIndex.tags('dotnet/sdk');
      watchedIndex.tag('dotnet/sdk', '10.0');
      watchedIndex.pastTag('microsoft/dotnet', '2.1-sdk');
      watchedIndex.fixedPatterns('dotnet/sdk', '10.0');
      watchedIndex.fixedPattern('dotnet/sdk', '10.0', '-noble');
      watchedIndex.hasFixedPattern('dotnet/sdk', '10.0', '-noble');
    };
    queryAll(); // builds the maps
    reads = 0;
    for (let i = 0; i < 100; i++) queryAll();
    assert.equal(reads, 0);
  });
});
