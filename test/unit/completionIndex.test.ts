/**
 * The completion index is built once per catalog and one repository at a time: completion asks the
 * catalog only for the repository being completed, never for the whole catalog.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { marked } from '../helpers/markers';
import { realCatalog } from '../helpers/service';
import { createDotnetDockerfileService } from '../../server/src/service';
import type { CatalogIndex } from '../../server/src/service/catalog/catalogIndex';
import { completionIndex, locateTagPrefix, nodeAt } from '../../server/src/service/completion/tagTrie';

/** A catalog that records which repositories' tag lists are read. */
function countingCatalog(): { catalog: CatalogIndex; reads: string[] } {
  const real = realCatalog();
  const reads: string[] = [];
  const catalog: CatalogIndex = {
    ...real,
    tags(repository: string) {
      reads.push(repository);
      return real.tags(repository);
    },
  };
  return { catalog, reads };
}

test('one index per catalog instance, one trie per repository, built on first use', () => {
  const { catalog, reads } = countingCatalog();
  assert.equal(completionIndex(catalog), completionIndex(catalog));
  assert.deepEqual(reads, [], 'nothing is built before completion asks');
  const service = createDotnetDockerfileService({ catalog, today: () => '2026-11-22' });
  for (const source of ['FROM mcr.microsoft.com/dotnet/aspnet:|', 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-|', 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-|']) {
    const m = marked(source);
    assert.ok(service.complete(service.parse(m.document), m.position()).items.length > 0);
  }
  assert.deepEqual(reads, ['dotnet/aspnet'], 'only the completed repository was read, once');
  assert.equal(completionIndex(catalog).trie('dotnet/aspnet'), completionIndex(catalog).trie('dotnet/aspnet'));
  assert.equal(completionIndex(catalog).trie('dotnet/does-not-exist'), undefined);
});

test('multi-word segments are single trie steps, and prefixes are located at segment boundaries', () => {
  const trie = completionIndex(realCatalog()).trie('dotnet/sdk');
  assert.ok(trie);
  const preview = trie.root.children.get('11.0-preview');
  assert.ok(preview, '`11.0-preview` is one version segment');
  assert.ok(nodeAt(trie.root, '10.0-nanoserver-ltsc2025'), 'Windows OS and release are one step');
  assert.equal(nodeAt(trie.root, '10.0-nanoserver'), undefined, 'half an OS segment is no node');
  const positions = locateTagPrefix(trie.root, '11.0-');
  // `11.0-` is not `11.0` plus a dash (there is no `11.0` tag): the partial segment is `11.0-` itself.
  assert.ok(positions.some((p) => p.parent === trie.root && p.partial === '11.0-'));
});
