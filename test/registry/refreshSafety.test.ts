/**
 * A refresh never replaces a good catalog with a bad one: each failure (registry down, 500s, malformed or
 * cut-off answers, timeouts, broken paging) leaves the cached catalog byte-for-byte as it was, leaves no
 * temporary file, and records the error. And at start, the newer of bundled and cached is used, a broken
 * cache ignored with a note.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Catalog } from '../../server/src/service/catalog/schema';
import { formatCatalogJson } from '../../server/src/service/catalog/catalogJson';
import { CACHED_CATALOG_FILE, LEGACY_CACHED_CATALOG_FILE, loadNewestCatalog, readRefreshState } from '../../server/src/host/registry/catalogCache';
import { refreshCatalog, type RefreshOptions } from '../../server/src/host/registry/refreshCatalog';
import { catalogPath, realCatalog } from '../helpers/service';
import { sendJson, sendTagPage, startServer, tagListRepository, type Handler, type TestServer } from './helpers/fakeServer';
import { freePort } from './helpers/realRegistry';

const base: Catalog = realCatalog().catalog;
const REPOSITORIES = ['dotnet/aspnet', 'dotnet/sdk'];
/** Tags the good registry lists: a known one and a next patch per repository (derived from the catalog). */
const GOOD_TAGS: Record<string, string[]> = {
  'dotnet/aspnet': ['10.0', '10.0.99-noble-chiseled', '10.0-noble-chiseled'],
  'dotnet/sdk': ['10.0', '10.0.999-noble'],
};

const folders: string[] = [];
const servers: TestServer[] = [];
let goodCache = '';

function tempFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ddf-refresh-'));
  folders.push(folder);
  return folder;
}

async function serve(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

function refresh(folder: string, registryUrl: string, extra: Partial<RefreshOptions> = {}) {
  // The registry's side only; the release index has its own tests (supportFacts.test.ts).
  return refreshCatalog({ base, cacheFolder: folder, registryUrl, repositories: REPOSITORIES, today: '2026-11-22', releasesIndexUrl: 'off', ...extra });
}

before(async () => {
  const good = await serve((_req, res, url) => sendTagPage(res, url, tagListRepository(url)!, GOOD_TAGS[tagListRepository(url)!] ?? []));
  const folder = tempFolder();
  const result = await refresh(folder, good.url);
  assert.ok(result.ok, result.ok ? '' : result.error);
  goodCache = path.join(folder, CACHED_CATALOG_FILE);
});

after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('a failed refresh leaves the good catalog untouched', () => {
  const failures: [string, Handler | 'down', RegExp, Partial<RefreshOptions>?][] = [
    ['the registry is down', 'down', /ECONNREFUSED/],
    ['HTTP 500 for one repository', (_req, res, url) => (tagListRepository(url) === 'dotnet/sdk' ? sendJson(res, 500, {}) : sendTagPage(res, url, 'dotnet/aspnet', GOOD_TAGS['dotnet/aspnet']!)), /HTTP 500/],
    ['malformed JSON', (_req, res) => res.end('{"name": "dotnet/aspnet", "tags": ["10.0"'), /not valid JSON/],
    [
      'an answer cut off mid-body',
      (_req, res) => {
        res.writeHead(200, { 'content-length': '4096' });
        res.write('{"name":"dotnet/aspnet","tags":["10.0.99-noble-chiseled",');
        setTimeout(() => res.socket?.destroy(), 20);
      },
      /cut off/,
    ],
    ['a slow answer', (_req, res) => res.writeHead(200).write('{'), /no complete answer within 400 ms/, { http: { timeoutMs: 400 } }],
    [
      'paging that breaks after the first page',
      (_req, res, url) => (url.searchParams.has('last') ? res.socket?.destroy() : sendTagPage(res, url, tagListRepository(url)!, ['10.0', '10.0.99-noble-chiseled', '10.0-alpine', '10.0-noble'])),
      /socket hang up|ECONNRESET|cut off/,
      { http: { pageSize: 2 } },
    ],
    ['every repository missing (wrong registry URL)', (_req, res) => sendJson(res, 404, { errors: [{ code: 'NAME_UNKNOWN' }] }), /has none of the \.NET repositories/],
  ];

  for (const [name, behaviour, expected, extra] of failures) {
    test(name, async () => {
      const folder = tempFolder();
      const file = path.join(folder, CACHED_CATALOG_FILE);
      copyFileSync(goodCache, file);
      const before = { bytes: readFileSync(file), mtime: statSync(file).mtimeMs };
      const url = behaviour === 'down' ? `http://127.0.0.1:${await freePort()}` : (await serve(behaviour)).url;
      const result = await refresh(folder, url, extra);
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.error, expected);
      assert.deepEqual(readFileSync(file), before.bytes, 'the cached catalog is byte-for-byte the same');
      assert.equal(statSync(file).mtimeMs, before.mtime, 'and was not rewritten');
      assert.deepEqual(readdirSync(folder).sort(), [CACHED_CATALOG_FILE, 'refresh-state.json'], 'no temporary file is left');
      const state = readRefreshState(folder);
      assert.match(state.lastError ?? '', expected);
      assert.ok(loadNewestCatalog(catalogPath, file).ok, 'the cache still loads');
    });
  }
});

describe('a successful refresh', () => {
  test('a repository the registry does not have is skipped; the others are merged and written', async () => {
    const server = await serve((_req, res, url) => (tagListRepository(url) === 'dotnet/sdk' ? sendJson(res, 404, {}) : sendTagPage(res, url, 'dotnet/aspnet', GOOD_TAGS['dotnet/aspnet']!)));
    const folder = tempFolder();
    const result = await refresh(folder, server.url);
    assert.ok(result.ok);
    assert.deepEqual(result.missing, ['dotnet/sdk']);
    assert.equal(result.added, 1);
    const state = readRefreshState(folder);
    assert.equal(state.lastSuccess, state.lastAttempt);
    assert.equal(state.lastError, undefined);
  });

  test('reports progress per repository and can be cancelled', async () => {
    const good = await serve((_req, res, url) => sendTagPage(res, url, tagListRepository(url)!, GOOD_TAGS[tagListRepository(url)!] ?? []));
    const progress: string[] = [];
    const ok = await refresh(tempFolder(), good.url, { onProgress: (done, total, repository) => progress.push(`${done}/${total} ${repository}`), concurrency: 1 });
    assert.ok(ok.ok);
    assert.deepEqual(progress, ['1/2 dotnet/aspnet', '2/2 dotnet/sdk']);

    const hanging = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const cancelled = await refresh(tempFolder(), hanging.url, { signal: controller.signal });
    assert.equal(cancelled.ok, false);
    assert.match(cancelled.ok ? '' : cancelled.error, /cancelled/);
  });
});

describe('which catalog is used at start', () => {
  test('the refreshed cache when it is newer than the bundled catalog', () => {
    const choice = loadNewestCatalog(catalogPath, goodCache);
    assert.ok(choice.ok);
    assert.equal(choice.origin, 'cache');
    assert.deepEqual(choice.notes, []);
  });

  test('the bundled catalog when there is no cache', () => {
    const choice = loadNewestCatalog(catalogPath, path.join(tempFolder(), CACHED_CATALOG_FILE));
    assert.ok(choice.ok);
    assert.equal(choice.origin, 'bundled');
    assert.deepEqual(choice.notes, []);
  });

  for (const [name, content, note] of [
    ['not JSON', '{"schemaVersion": 1, "tags": [', /ignored the refreshed catalog: .*not valid JSON/],
    ['JSON of the wrong shape', JSON.stringify({ schemaVersion: 1, tags: 'x' }), /ignored the refreshed catalog: .*does not match its schema/],
  ] as const) {
    test(`a broken cache (${name}) is ignored with a note`, () => {
      const file = path.join(tempFolder(), CACHED_CATALOG_FILE);
      writeFileSync(file, content);
      const choice = loadNewestCatalog(catalogPath, file);
      assert.ok(choice.ok);
      assert.equal(choice.origin, 'bundled');
      assert.match(choice.notes.join('\n'), note);
    });
  }

  test('a JSON cache an older version wrote is still used (through the schema) until a refresh writes the compact one', async () => {
    const folder = tempFolder();
    const good = loadNewestCatalog(catalogPath, goodCache);
    assert.ok(good.ok);
    const legacy = path.join(folder, LEGACY_CACHED_CATALOG_FILE);
    writeFileSync(legacy, formatCatalogJson(good.index.catalog));
    const choice = loadNewestCatalog(catalogPath, path.join(folder, CACHED_CATALOG_FILE));
    assert.ok(choice.ok);
    assert.deepEqual([choice.origin, choice.path, choice.index.date], ['cache', legacy, good.index.date]);
    const server = await serve((_req, res, url) => sendTagPage(res, url, tagListRepository(url)!, GOOD_TAGS[tagListRepository(url)!] ?? []));
    const refreshed = await refresh(folder, server.url);
    assert.ok(refreshed.ok);
    assert.deepEqual(readdirSync(folder).sort(), [CACHED_CATALOG_FILE, 'refresh-state.json'], 'the JSON cache is gone, the compact one written');
    assert.equal(loadNewestCatalog(catalogPath, path.join(folder, CACHED_CATALOG_FILE)).ok, true);
  });

  test('a bundled catalog built from newer data wins over a cache refreshed from older data', () => {
    const folder = tempFolder();
    const newerBundled: Catalog = { ...base, date: '2026-12-01', sources: base.sources.map((s) => ({ ...s, date: '2026-12-01' })) };
    const bundledFile = path.join(folder, 'bundled.json');
    writeFileSync(bundledFile, formatCatalogJson(newerBundled));
    const choice = loadNewestCatalog(bundledFile, goodCache);
    assert.ok(choice.ok);
    assert.equal(choice.origin, 'bundled');
    assert.match(choice.notes.join('\n'), /bundled catalog .* is newer than the refreshed one/);
  });
});
