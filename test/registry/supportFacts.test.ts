/**
 * A refresh brings the support facts of the release index along with the tags (so .NET 11 stops being a preview
 * once it shipped), never adds tags of a version past its end, and is hardened against what a registry may send:
 * a huge page, numbers that are no version, more data than a refresh may hold, and empty answers everywhere.
 * Everything on loopback servers; nothing here reaches the internet.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Catalog } from '../../server/src/service/catalog/schema';
import { CACHED_CATALOG_FILE, loadNewestCatalog } from '../../server/src/host/registry/catalogCache';
import { listTags } from '../../server/src/host/registry/ociClient';
import { refreshCatalog, type RefreshOptions } from '../../server/src/host/registry/refreshCatalog';
import { applyReleaseIndex } from '../../server/src/host/registry/supportFacts';
import { plausibleProductVersion } from '../../server/src/host/registry/mergeTags';
import { parseReleaseIndex } from '../../server/src/service/catalog/releaseIndex';
import { loadCatalogFromJson } from '../../server/src/service/catalog/loadCatalog';
import { formatCatalogJson } from '../../server/src/service/catalog/catalogJson';
import { catalogPath, realCatalog, testService } from '../helpers/service';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nextPatchOf } from './helpers/catalogTags';
import { sendJson, sendTagPage, startServer, tagListRepository, type Handler, type TestServer } from './helpers/fakeServer';
import { decemberIndex, ELEVEN_EOL, ELEVEN_GA, startReleaseMetadataServer } from './helpers/releaseIndex';

const base: Catalog = realCatalog().catalog;
const TODAY = '2026-12-15';
const servers: TestServer[] = [];
const folders: string[] = [];

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ddf-facts-'));
  folders.push(folder);
  return folder;
}

async function serve(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

async function registryWith(tags: Record<string, readonly string[]>): Promise<TestServer> {
  return serve((_req, res, url) => sendTagPage(res, url, tagListRepository(url)!, tags[tagListRepository(url)!] ?? []));
}

async function metadata(index?: unknown): Promise<string> {
  const server = await startReleaseMetadataServer(index);
  servers.push(server);
  return server.indexUrl;
}

function refresh(extra: Partial<RefreshOptions> & Pick<RefreshOptions, 'registryUrl'>, folder = tempFolder()) {
  return refreshCatalog({ base, cacheFolder: folder, repositories: ['dotnet/aspnet', 'dotnet/sdk'], today: TODAY, ...extra });
}

function cached(folder: string) {
  const choice = loadNewestCatalog(catalogPath, path.join(folder, CACHED_CATALOG_FILE));
  assert.ok(choice.ok && choice.origin === 'cache', 'the refreshed catalog is the one in use');
  return choice.index;
}

const eight = nextPatchOf(base, 'dotnet/aspnet', '-noble-chiseled', '8.0');
const ten = nextPatchOf(base, 'dotnet/aspnet', '-noble-chiseled', '10.0');

describe('applyReleaseIndex (pure)', () => {
  const parsed = parseReleaseIndex(decemberIndex());
  assert.ok(parsed.ok);

  test('11.0 leaves preview: phase, end of life and GA date on the version and on every 11.0 tag of the .NET repositories', () => {
    assert.equal(base.versions.find((v) => v.version === '11.0')?.supportPhase, 'preview');
    const { catalog, changes, needGaDate } = applyReleaseIndex(base, parsed.entries);
    const eleven = catalog.versions.find((v) => v.version === '11.0')!;
    assert.deepEqual([eleven.supportPhase, eleven.eolDate, eleven.latestRuntime, eleven.gaDate], ['active', ELEVEN_EOL, '11.0.1', undefined]);
    assert.deepEqual(needGaDate, ['11.0'], 'the index alone does not say when 11.0.0 shipped once 11.0.1 is out');
    assert.ok(changes.includes(`11.0: preview → active, end of life ${ELEVEN_EOL}`), changes.join('; '));
    assert.ok(changes.includes('8.0: maintenance → eol'), changes.join('; '));
    const elevenTags = catalog.tags.filter((t) => t.version === '11.0' && catalog.repositories.find((r) => r.name === t.repository)?.kind === 'core');
    assert.ok(elevenTags.length > 50);
    assert.deepEqual(new Set(elevenTags.map((t) => `${t.supportPhase} ${t.eolDate}`)), new Set([`active ${ELEVEN_EOL}`]));
    const withGa = applyReleaseIndex(base, parsed.entries, new Map([['11.0', ELEVEN_GA]]));
    assert.equal(withGa.catalog.versions.find((v) => v.version === '11.0')?.gaDate, ELEVEN_GA);
  });

  test('hover says 11.0 is released, not a preview, with the refreshed facts', () => {
    const hoverOf = (catalog: Catalog): string => {
      // Through the loader, as the server gets a refreshed catalog.
      const loaded = loadCatalogFromJson(formatCatalogJson(catalog));
      assert.ok(loaded.ok);
      const service = testService({ catalog: loaded.index, today: TODAY });
      const text = 'FROM mcr.microsoft.com/dotnet/aspnet:11.0-preview-resolute-chiseled\n';
      const document = TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text);
      const contents = service.hover(service.parse(document), { line: 0, character: text.indexOf('11.0') + 1 })?.contents;
      return typeof contents === 'object' && contents && 'value' in contents ? contents.value : JSON.stringify(contents);
    };
    const before = hoverOf(base);
    assert.doesNotMatch(before, /is \*\*supported\*\* until/, before);
    const refreshed = applyReleaseIndex(base, parsed.entries, new Map([['11.0', ELEVEN_GA]])).catalog;
    const after = hoverOf(refreshed);
    assert.match(after, new RegExp(`\\.NET 11\\.0 \\(Standard-Term Support[^)]*\\) is \\*\\*supported\\*\\* until ${ELEVEN_EOL}`), after);
  });
});

describe('refresh with the release index (loopback)', () => {
  test('support facts, a GA date from releases.json, and no new tag for a version past its end', async () => {
    const registry = await registryWith({ 'dotnet/aspnet': [eight.tag, ten.tag, '11.0-resolute-chiseled', '11.0.1-resolute-chiseled'], 'dotnet/sdk': ['10.0'] });
    const folder = tempFolder();
    const result = await refresh({ registryUrl: registry.url, releasesIndexUrl: await metadata() }, folder);
    assert.ok(result.ok, result.ok ? '' : result.error);
    const index = cached(folder);
    assert.deepEqual([index.version('11.0')?.supportPhase, index.version('11.0')?.gaDate, index.version('11.0')?.eolDate], ['active', ELEVEN_GA, ELEVEN_EOL]);
    assert.equal(index.version('8.0')?.supportPhase, 'eol');
    assert.equal(index.tag('dotnet/aspnet', eight.tag), undefined, `${eight.tag}: 8.0 is past its end, its new patch is not added`);
    assert.equal(index.tag('dotnet/aspnet', ten.tag)?.documented, false, `${ten.tag} is learned`);
    assert.ok(result.versionChanges.some((c) => /^11\.0: preview → active/.test(c)), result.versionChanges.join('; '));
    assert.ok(index.catalog.sources.some((s) => s.name.startsWith('release index http://127.0.0.1')), 'the index is named as a source');
    // The registry's 11.0 GA tags are learned too, with the new facts (their sibling is the 11.0 preview tag).
    assert.equal(index.tag('dotnet/aspnet', '11.0.1-resolute-chiseled')?.supportPhase, 'active');
  });

  test('a version past its end by date only (the index still says maintenance) gets no new tags either', async () => {
    const stale = decemberIndex();
    for (const entry of stale['releases-index']) if (entry['channel-version'] === '8.0') entry['support-phase'] = 'maintenance';
    const registry = await registryWith({ 'dotnet/aspnet': [eight.tag, ten.tag], 'dotnet/sdk': ['10.0'] });
    const folder = tempFolder();
    const result = await refresh({ registryUrl: registry.url, releasesIndexUrl: await metadata(stale) }, folder);
    assert.ok(result.ok, result.ok ? '' : result.error);
    assert.equal(cached(folder).tag('dotnet/aspnet', eight.tag), undefined);
    // and without the index at all, the catalog's own end-of-life date (2026-11-10) is enough
    const offline = tempFolder();
    assert.ok((await refresh({ registryUrl: registry.url, releasesIndexUrl: 'off' }, offline)).ok);
    assert.equal(cached(offline).tag('dotnet/aspnet', eight.tag), undefined);
    assert.ok(cached(offline).tag('dotnet/aspnet', ten.tag));
  });

  for (const [name, answer, expected] of [
    ['HTTP 500', (res: Parameters<Handler>[1]) => sendJson(res, 500, {}), /release index: GET .* HTTP 500/],
    ['not JSON', (res: Parameters<Handler>[1]) => res.end('{"releases-index": ['), /release index: GET .* not valid JSON/],
    ['the wrong shape', (res: Parameters<Handler>[1]) => sendJson(res, 200, { 'releases-index': [{ 'channel-version': '11.0', 'support-phase': 'shipped' }] }), /not a \.NET release index/],
    ['more than a megabyte', (res: Parameters<Handler>[1]) => sendJson(res, 200, { pad: 'x'.repeat(1024 * 1024 + 1) }), /more than the \d+ (bytes )?allowed/],
  ] as const) {
    test(`a release index answering ${name} fails the refresh and writes nothing`, async () => {
      const indexServer = await serve((_req, res) => answer(res));
      const registry = await registryWith({ 'dotnet/aspnet': [ten.tag], 'dotnet/sdk': ['10.0'] });
      const folder = tempFolder();
      const result = await refresh({ registryUrl: registry.url, releasesIndexUrl: `${indexServer.url}/releases-index.json` }, folder);
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.error, expected);
      assert.deepEqual(readdirSync(folder), ['refresh-state.json'], 'no catalog written');
      assert.equal(registry.requests.length, 0, 'the registry is not asked when the index failed');
    });
  }
});

describe('a hostile or broken registry', () => {
  test('a page of 250,000 tags is read without overflowing the stack', async () => {
    const huge = Array.from({ length: 250_000 }, (_, i) => `t${i}`);
    const server = await serve((_req, res, url) => sendJson(res, 200, { name: tagListRepository(url), tags: huge }));
    const tags = await listTags(server.url, 'dotnet/aspnet', { maxTags: 300_000 });
    assert.equal(tags.length, huge.length);
    await assert.rejects(listTags(server.url, 'dotnet/aspnet'), /more than 100000 tags; stopped/);
  });

  test('10.0.<400 nines> and other implausible versions never become the newest 10.0', async () => {
    const nines = `10.0.${'9'.repeat(400)}-noble-chiseled`;
    const long = `10.0.${'9'.repeat(100)}-noble-chiseled`;
    const listed = [nines, long, '10.0.99999-noble-chiseled', '999.0-noble-chiseled', '999.0.0-noble-chiseled', ten.tag];
    const registry = await registryWith({ 'dotnet/aspnet': listed, 'dotnet/sdk': ['10.0'] });
    const folder = tempFolder();
    const result = await refresh({ registryUrl: registry.url, releasesIndexUrl: 'off' }, folder);
    assert.ok(result.ok, result.ok ? '' : result.error);
    assert.equal(result.added, 1, 'only the real next patch');
    const index = cached(folder);
    assert.equal(index.version('10.0')?.latestRuntime, ten.next);
    assert.equal(index.tag('dotnet/aspnet', '10.0-noble-chiseled')?.productVersion, ten.next);
    assert.equal(index.fixedPattern('dotnet/aspnet', '10.0', '-noble-chiseled')?.latestSeen, ten.next);
    for (const tag of listed.slice(0, -1)) assert.equal(index.tag('dotnet/aspnet', tag), undefined, tag.slice(0, 30));
    assert.equal(plausibleProductVersion('10.0.11'), true);
    assert.equal(plausibleProductVersion('11.0.100-rc.1.25451.107'), true);
    assert.equal(plausibleProductVersion(`10.0.${'9'.repeat(400)}`), false);
  });

  test('all answers of one refresh together are bounded', async () => {
    const padded = Array.from({ length: 2000 }, (_, i) => `padding-${i}`);
    const registry = await registryWith({ 'dotnet/aspnet': padded, 'dotnet/sdk': padded });
    const folder = tempFolder();
    const result = await refresh({ registryUrl: registry.url, releasesIndexUrl: 'off', maxTotalBytes: 40_000, concurrency: 1 }, folder);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error, /more than the \d+ (bytes )?allowed/);
    assert.deepEqual(readdirSync(folder), ['refresh-state.json']);
  });

  test('empty answers from every repository are a failure and never move the catalog date', async () => {
    const good = await registryWith({ 'dotnet/aspnet': [ten.tag], 'dotnet/sdk': ['10.0'] });
    const folder = tempFolder();
    assert.ok((await refresh({ registryUrl: good.url, releasesIndexUrl: 'off', today: '2026-11-22' }, folder)).ok);
    const file = path.join(folder, CACHED_CATALOG_FILE);
    const before = { bytes: readFileSync(file), mtime: statSync(file).mtimeMs, date: cached(folder).date };
    for (const empty of [
      (_req: unknown, res: Parameters<Handler>[1], url: URL) => sendJson(res, 200, { name: tagListRepository(url), tags: [] }),
      (_req: unknown, res: Parameters<Handler>[1], url: URL) => sendJson(res, 200, { name: tagListRepository(url), tags: null }),
    ]) {
      const registry = await serve(empty);
      const result = await refresh({ registryUrl: registry.url, releasesIndexUrl: 'off' }, folder);
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.error, /listed no tags at all/);
      assert.deepEqual(readFileSync(file), before.bytes);
      assert.equal(statSync(file).mtimeMs, before.mtime);
      assert.equal(cached(folder).date, before.date);
    }
  });
});
