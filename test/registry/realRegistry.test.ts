/**
 * The refresh against a REAL registry on loopback: Debian's docker-registry, seeded with .NET-named
 * repositories by pushing a minimal image with skopeo. Covers the client, the merge, the CLI
 * (`catalog refresh`, `catalog status`, then `lint` on the refreshed catalog) and the language server's
 * `dotnetDockerfile/refreshCatalog` request with work-done progress.
 *
 * Paging: docker-registry 2.8 (Debian's) answers `tags/list` in one piece and ignores `n` (tag paging
 * arrived in distribution 3.0), which is also how our client must cope with registries that do not page.
 * Paging is exercised through a spec-conformant paging front on loopback that reads the real registry.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Catalog } from '../../server/src/service/catalog/schema';
import { CACHED_CATALOG_FILE, loadNewestCatalog } from '../../server/src/host/registry/catalogCache';
import { openCompactCatalog } from '../../server/src/service/catalog/compactCatalog';
import { listTags } from '../../server/src/host/registry/ociClient';
import { refreshCatalog } from '../../server/src/host/registry/refreshCatalog';
import { startServer as startLanguageServer } from '../helpers/lspClient';
import { catalogPath, realCatalog } from '../helpers/service';
import { nextPatchOf } from './helpers/catalogTags';
import { sendTagPage, startServer, tagListRepository, type TestServer } from './helpers/fakeServer';
import { registryUnavailable, startRealRegistry, type RealRegistry } from './helpers/realRegistry';
import { ELEVEN_EOL, startReleaseMetadataServer } from './helpers/releaseIndex';

const repoRoot = path.resolve(__dirname, '..', '..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const base: Catalog = realCatalog().catalog;

const chiseled = nextPatchOf(base, 'dotnet/aspnet', '-noble-chiseled');
const extra = nextPatchOf(base, 'dotnet/aspnet', '-noble-chiseled-extra');
const sdk = nextPatchOf(base, 'dotnet/sdk', '-noble');
const runtime = nextPatchOf(base, 'dotnet/runtime', '');
const deps = nextPatchOf(base, 'dotnet/runtime-deps', '-noble-chiseled');
const retired = base.pastTags.find((t) => t.repository === 'dotnet/aspnet')!;
const olderPatch = `${chiseled.current.version}.0-noble-chiseled`;

/** What the registry holds: new patches, a new major, old and unknown tags, and one known tag in every other repository. */
const SEED: Record<string, string[]> = {
  'dotnet/aspnet': ['10.0', '10.0-noble-chiseled', 'latest', chiseled.current.tag, chiseled.tag, extra.tag, '12.0.0-noble-chiseled', '12.0-noble-chiseled', olderPatch, retired.tag, 'my-build-123'],
  'dotnet/sdk': ['10.0', sdk.tag],
  'dotnet/runtime': ['10.0', runtime.tag],
  'dotnet/runtime-deps': ['10.0', deps.tag],
};
for (const repository of base.repositories) {
  SEED[repository.name] ??= [base.tags.find((t) => t.repository === repository.name)!.tag];
}
const EXPECTED_NEW = [chiseled.tag, extra.tag, '12.0.0-noble-chiseled', '12.0-noble-chiseled', sdk.tag, runtime.tag, deps.tag];

const unavailable = registryUnavailable();
if (unavailable) process.stderr.write(`[registry test] SKIPPED, the real registry cannot run here: ${unavailable}\n`);

const folders: string[] = [];
function tempFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ddf-real-'));
  folders.push(folder);
  return folder;
}

/** The .NET release index of December 2026 on loopback (support facts come with every refresh). */
let releasesIndexUrl = '';

/** Runs the built CLI without blocking this process (its servers must keep answering). */
function runCli(args: readonly string[], cwd: string, cache: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, DOTNET_DOCKERFILE_CACHE: cache, DOTNET_DOCKERFILE_RELEASES_INDEX: releasesIndexUrl };
  delete env.DOTNET_DOCKERFILE_REGISTRY;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env, timeout: 60000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('refresh against a real registry on loopback', { skip: unavailable }, () => {
  let registry: RealRegistry;
  let pager: TestServer;
  let metadata: TestServer;
  const timings: string[] = [];

  before(async () => {
    if (!existsSync(cli)) spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { stdio: ['ignore', 2, 2] });
    let t0 = Date.now();
    metadata = await startReleaseMetadataServer();
    releasesIndexUrl = `${metadata.url}/release-metadata/releases-index.json`;
    registry = await startRealRegistry();
    timings.push(`start ${Date.now() - t0} ms`);
    t0 = Date.now();
    const images = Object.entries(SEED).flatMap(([repository, tags]) => tags.map((tag) => ({ repository, tag })));
    await registry.push(images);
    timings.push(`seed ${images.length} tags in ${Object.keys(SEED).length} repositories ${Date.now() - t0} ms`);
    // The paging front: lists the real registry's tags and serves them n at a time, with Link headers.
    pager = await startServer(async (_req, res, url) => {
      const repository = tagListRepository(url)!;
      const answer = (await (await fetch(`${registry.url}/v2/${repository}/tags/list`)).json()) as { tags: string[] };
      sendTagPage(res, url, repository, answer.tags);
    });
  });

  after(async () => {
    process.stderr.write(`[registry test] real registry timings: ${timings.join('; ')}\n`);
    await pager?.close();
    await metadata?.close();
    await registry?.stop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  test('the client lists exactly what was pushed (the registry answers in one piece)', async () => {
    for (const repository of ['dotnet/aspnet', 'dotnet/monitor/base', 'dotnet/nightly/sdk']) {
      assert.deepEqual([...(await listTags(registry.url, repository, { pageSize: 3 }))].sort(), [...new Set(SEED[repository])].sort(), repository);
    }
  });

  test('paging: n=3 through Link headers over the real registry yields the same tags', async () => {
    const before = pager.requests.length;
    const tags = await listTags(pager.url, 'dotnet/aspnet', { pageSize: 3 });
    assert.deepEqual([...tags].sort(), [...new Set(SEED['dotnet/aspnet'])].sort());
    assert.equal(pager.requests.length - before, Math.ceil(new Set(SEED['dotnet/aspnet']).size / 3));
  });

  test('refreshCatalog merges the new tags and writes a catalog that loads', async () => {
    const folder = tempFolder();
    const t0 = Date.now();
    const result = await refreshCatalog({ base, cacheFolder: folder, registryUrl: pager.url, releasesIndexUrl, http: { pageSize: 3 }, today: '2026-12-15' });
    timings.push(`refresh of ${base.repositories.length} repositories with n=3 ${Date.now() - t0} ms`);
    assert.ok(result.ok, result.ok ? '' : result.error);
    assert.equal(result.repositories, base.repositories.length);
    assert.deepEqual(result.missing, []);
    const choice = loadNewestCatalog(catalogPath, path.join(folder, CACHED_CATALOG_FILE));
    assert.ok(choice.ok && choice.origin === 'cache');
    const index = choice.index;
    for (const tag of EXPECTED_NEW) {
      const repository = Object.keys(SEED).find((r) => SEED[r]!.includes(tag) && r.startsWith('dotnet/') && !r.includes('nightly'))!;
      assert.equal(index.tag(repository, tag)?.documented, false, `${repository}:${tag} was learned`);
    }
    assert.equal(result.added, EXPECTED_NEW.length);
    for (const ignored of [olderPatch, retired.tag, 'my-build-123']) assert.equal(index.tag('dotnet/aspnet', ignored), undefined, ignored);
    assert.equal(index.tag('dotnet/aspnet', '10.0-noble-chiseled')?.productVersion, chiseled.next);
    assert.equal(index.version('10.0')?.latestRuntime, [runtime.next, chiseled.next, deps.next].sort().pop());
    assert.deepEqual([index.version('11.0')?.supportPhase, index.version('11.0')?.eolDate], ['active', ELEVEN_EOL], 'support facts came along');
  });

  test('the CLI: catalog refresh, catalog status, and lint on the refreshed catalog', async () => {
    const cache = tempFolder();
    const project = tempFolder();
    writeFileSync(path.join(project, 'Dockerfile'), 'FROM mcr.microsoft.com/dotnet/aspnet:12.0-noble-chiseled\nCOPY app /app\nENTRYPOINT ["dotnet", "/app/App.dll"]\n');

    const before = await runCli(['lint', '--format', 'json'], project, cache);
    assert.equal(before.status, 1, before.stderr);
    assert.ok((JSON.parse(before.stdout) as { files: { problems: { ruleId: string }[] }[] }).files[0]!.problems.some((p) => p.ruleId === 'unknown-tag'));

    const t0 = Date.now();
    const refreshed = await runCli(['catalog', 'refresh', '--registry', registry.url], project, cache);
    timings.push(`CLI catalog refresh ${Date.now() - t0} ms`);
    assert.equal(refreshed.status, 0, refreshed.stderr);
    assert.match(refreshed.stdout, new RegExp(`${EXPECTED_NEW.length} new`));
    assert.match(refreshed.stdout, /11\.0: preview → active/);
    assert.match(refreshed.stderr, /\[16\/16\]|\[\d+\/\d+\]/);
    assert.ok(existsSync(path.join(cache, CACHED_CATALOG_FILE)));

    const status = await runCli(['catalog', 'status'], project, cache);
    assert.equal(status.status, 0);
    assert.match(status.stdout, new RegExp(`catalog in use: ${path.join(cache, CACHED_CATALOG_FILE).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(cache`));
    assert.match(status.stdout, /last refresh: \d{4}-\d{2}-\d{2}T/);

    const after = await runCli(['lint', '--format', 'json'], project, cache);
    assert.equal(after.status, 0, after.stdout + after.stderr);
    assert.ok(!(JSON.parse(after.stdout) as { files: { problems: { ruleId: string }[] }[] }).files[0]!.problems.some((p) => p.ruleId === 'unknown-tag'));
  });

  test('the CLI refresh fails cleanly against a registry without the .NET repositories, keeping the catalog', async () => {
    const cache = tempFolder();
    const empty = await startServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"errors":[{"code":"NAME_UNKNOWN"}]}');
    });
    try {
      const result = await runCli(['catalog', 'refresh', '--registry', empty.url], tempFolder(), cache);
      assert.equal(result.status, 1);
      assert.match(result.stderr, /the refresh failed; the catalog in use is unchanged .*has none of the \.NET repositories/);
      assert.equal(existsSync(path.join(cache, CACHED_CATALOG_FILE)), false);
    } finally {
      await empty.close();
    }
  });

  test('the language server refreshes on request, reports progress, and revalidates open Dockerfiles', async () => {
    const storage = tempFolder();
    const workspace = tempFolder();
    mkdirSync(workspace, { recursive: true });
    const uri = pathToFileURL(path.join(workspace, 'Dockerfile')).href;
    const server = await startLanguageServer({
      env: { DOTNET_DOCKERFILE_REGISTRY: registry.url, DOTNET_DOCKERFILE_RELEASES_INDEX: releasesIndexUrl, DOTNET_DOCKERFILE_CACHE: tempFolder() },
      initializationOptions: { globalStoragePath: storage },
      capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true } },
    });
    try {
      const progress: { kind: string; message?: string; percentage?: number }[] = [];
      server.connection.onNotification('$/progress', (p: { token: string; value: { kind: string; message?: string; percentage?: number } }) => {
        if (p.token === 'refresh-test') progress.push(p.value);
      });
      server.open(uri, 'FROM mcr.microsoft.com/dotnet/aspnet:12.0-noble-chiseled\nENTRYPOINT ["dotnet", "/app/App.dll"]\n');
      const first = await server.diagnostics(uri, 1);
      assert.ok(first.diagnostics.some((d: Diagnostic) => d.code === 'unknown-tag'));

      const t0 = Date.now();
      const outcome = (await server.connection.sendRequest('dotnetDockerfile/refreshCatalog', { workDoneToken: 'refresh-test' })) as { ok: boolean; message: string; added: number };
      timings.push(`language server refresh ${Date.now() - t0} ms`);
      assert.equal(outcome.ok, true, outcome.message);
      assert.equal(outcome.added, EXPECTED_NEW.length);
      assert.match(outcome.message, new RegExp(`Learned ${EXPECTED_NEW.length} new \\.NET image tags`));
      assert.equal(progress[0]?.kind, 'begin');
      assert.equal(progress[progress.length - 1]?.kind, 'end');
      const reports = progress.filter((p) => p.kind === 'report');
      assert.equal(reports.length, base.repositories.length);
      assert.equal(reports[reports.length - 1]?.percentage, 100);

      const second = await server.diagnostics(uri, 1);
      assert.ok(!second.diagnostics.some((d: Diagnostic) => d.code === 'unknown-tag'), JSON.stringify(second.diagnostics));
      const written = openCompactCatalog(readFileSync(path.join(storage, CACHED_CATALOG_FILE)));
      assert.ok(written.ok && written.index.tag('dotnet/aspnet', '12.0-noble-chiseled'), 'the cache holds the refreshed catalog, in the compact form');
    } finally {
      await server.stop();
    }
  });
});
