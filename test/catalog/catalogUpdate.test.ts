/**
 * `npm run catalog:update` end to end, against a loopback server that plays api.github.com, raw.githubusercontent.com
 * and builds.dotnet.microsoft.com (never the internet), on a copy of catalog/reference and the catalog: December's
 * manifests (8.0 deleted, 10.0.12 out) and release index give a catalog with the new patch, 8.0's tags as past tags,
 * and 11.0 released; any bad download leaves both exactly as they were.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCatalogFromJson } from '../../server/src/service/catalog/loadCatalog';
import { sendJson, startServer, type TestServer } from '../registry/helpers/fakeServer';
import { decemberIndex } from '../registry/helpers/releaseIndex';
import { catalogFile, referenceDir, repoRoot } from './committedCatalog';
import { DEFAULT_GITHUB_API, DEFAULT_GITHUB_RAW, DEFAULT_RELEASES_INDEX } from '../../catalog/update/updateReference';

const MAIN_SHA = 'a'.repeat(40);
const NIGHTLY_SHA = 'b'.repeat(40);
const MAIN_DATE = '2026-12-09';
const TODAY = '2026-12-15';

const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(referenceDir, file), 'utf8')) as Record<string, unknown>;

/** December on main: 10.0.12 and SDK 10.0.401 shipped, and the 8.0 images were deleted at end of life. */
function decemberMain(): Record<string, unknown> {
  const versions = readJson('dotnet-docker/manifest.versions.json') as { variables: Record<string, string> };
  versions.variables['dotnet|10.0|product-version'] = '10.0.12';
  versions.variables['sdk|10.0|product-version'] = '10.0.401';
  const manifest = readJson('dotnet-docker/manifest.json') as { repos: { id: string; images: { productVersion?: string }[] }[] };
  for (const repo of manifest.repos) {
    if (['runtime-deps', 'runtime', 'aspnet', 'sdk'].includes(repo.id)) repo.images = repo.images.filter((image) => !image.productVersion?.includes('|8.0|'));
  }
  return {
    [`${MAIN_SHA}/manifest.json`]: manifest,
    [`${MAIN_SHA}/manifest.versions.json`]: versions,
    [`${MAIN_SHA}/manifest.samples.json`]: readJson('dotnet-docker/manifest.samples.json'),
    [`${NIGHTLY_SHA}/manifest.json`]: readJson('dotnet-docker-nightly/manifest.json'),
    [`${NIGHTLY_SHA}/manifest.versions.json`]: readJson('dotnet-docker-nightly/manifest.versions.json'),
  };
}

type Override = (file: string) => { status: number; body: unknown } | undefined;

async function upstream(override: Override = () => undefined): Promise<TestServer> {
  const files = decemberMain();
  return startServer((_req, res, url) => {
    const p = url.pathname;
    const replaced = override(p);
    if (replaced) return typeof replaced.body === 'string' ? (res.writeHead(replaced.status), res.end(replaced.body)) : sendJson(res, replaced.status, replaced.body);
    if (p === '/api/repos/dotnet/dotnet-docker/commits/main') return sendJson(res, 200, { sha: MAIN_SHA, commit: { committer: { date: `${MAIN_DATE}T09:30:00Z` } } });
    if (p === '/api/repos/dotnet/dotnet-docker/commits/nightly') return sendJson(res, 200, { sha: NIGHTLY_SHA, commit: { committer: { date: '2026-12-10T01:00:00Z' } } });
    if (p === '/release-metadata/releases-index.json') return sendJson(res, 200, decemberIndex());
    const raw = /^\/raw\/dotnet\/dotnet-docker\/(.+)$/.exec(p);
    if (raw && files[raw[1]!]) return sendJson(res, 200, files[raw[1]!]);
    return sendJson(res, 404, { message: 'Not Found' });
  });
}

const folders: string[] = [];
const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A copy of catalog/reference and catalog/dotnet-images.json to update. */
function copyOfCatalog(): { reference: string; catalog: string; folder: string } {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ddf-update-'));
  folders.push(folder);
  const reference = path.join(folder, 'reference');
  cpSync(referenceDir, reference, { recursive: true });
  const catalog = path.join(folder, 'dotnet-images.json');
  cpSync(catalogFile, catalog);
  return { reference, catalog, folder };
}

/** sha256 of every file under a folder, by relative path. */
function fingerprint(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out[path.relative(folder, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(folder);
  return out;
}

function runUpdate(server: TestServer, copy: { reference: string; catalog: string }): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_PROXY: '127.0.0.1,localhost' };
  for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy', 'DOTNET_DOCKERFILE_RELEASES_INDEX']) delete env[name];
  const args = [
    '--import', 'tsx', path.join(repoRoot, 'catalog', 'update.ts'),
    '--github-api', `${server.url}/api`,
    '--github-raw', `${server.url}/raw`,
    '--releases-index', `${server.url}/release-metadata/releases-index.json`,
    '--reference', copy.reference,
    '--catalog', copy.catalog,
    '--today', TODAY,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env, timeout: 120_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function serve(override?: Override): Promise<TestServer> {
  const server = await upstream(override);
  servers.push(server);
  return server;
}

describe('npm run catalog:update', () => {
  test('by default it reads the canonical public locations', () => {
    assert.deepEqual([DEFAULT_GITHUB_API, DEFAULT_GITHUB_RAW, DEFAULT_RELEASES_INDEX], [
      'https://api.github.com',
      'https://raw.githubusercontent.com',
      'https://builds.dotnet.microsoft.com/dotnet/release-metadata/releases-index.json',
    ]);
  });

  test('December upstream: new patch, 8.0 gone to the past tags, 11.0 released, sources recorded', async () => {
    const server = await serve();
    const copy = copyOfCatalog();
    const result = await runUpdate(server, copy);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /carried forward: \d+ floating tags added, [1-9]\d* marked removed/);
    assert.match(result.stdout, /cannot be rebuilt from the manifests alone/);
    const loaded = loadCatalogFromJson(readFileSync(copy.catalog, 'utf8'));
    assert.ok(loaded.ok, loaded.ok ? '' : loaded.error);
    const index = loaded.index;
    assert.equal(index.date, TODAY);
    assert.deepEqual(index.catalog.sources.map((s) => s.commit.slice(0, 7)), [MAIN_SHA.slice(0, 7), NIGHTLY_SHA.slice(0, 7), 'sha256:']);
    assert.equal(index.tag('dotnet/aspnet', '10.0-noble-chiseled')?.productVersion, '10.0.12');
    assert.ok(index.tag('dotnet/aspnet', '10.0.12-noble-chiseled'));
    assert.ok(index.tag('dotnet/sdk', '10.0.401-noble'));
    assert.equal(index.tag('dotnet/aspnet', '8.0-bookworm-slim'), undefined);
    assert.equal(index.pastTag('dotnet/aspnet', '8.0-bookworm-slim')?.removedOn, MAIN_DATE);
    assert.ok(index.fixedPattern('dotnet/aspnet', '8.0', '-bookworm-slim'), 'old 8.0 patches still parse as real');
    assert.equal(index.version('11.0')?.supportPhase, 'active');
    assert.equal(index.version('8.0')?.supportPhase, 'eol');
    // the reference folder holds what was downloaded, and nothing half-done beside it
    assert.equal((JSON.parse(readFileSync(path.join(copy.reference, 'sources.json'), 'utf8')) as { main: { commit: string } }).main.commit, MAIN_SHA);
    assert.match(readFileSync(path.join(copy.reference, 'dotnet-docker', 'manifest.versions.json'), 'utf8'), /"dotnet\|10\.0\|product-version":"10\.0\.12"/);
    assert.deepEqual(readdirSync(path.dirname(copy.reference)).sort(), ['dotnet-images.json', 'reference']);
  });

  const failures: [string, Override, RegExp][] = [
    ['the nightly manifest answers HTTP 500', (p) => (p.endsWith(`${NIGHTLY_SHA}/manifest.json`) ? { status: 500, body: {} } : undefined), /manifest\.json: HTTP 500/],
    ['the main manifest is cut JSON', (p) => (p.endsWith(`${MAIN_SHA}/manifest.json`) ? { status: 200, body: '{"repos": [' } : undefined), /not valid JSON/],
    ['a manifest of the wrong shape', (p) => (p.endsWith(`${MAIN_SHA}/manifest.samples.json`) ? { status: 200, body: { repos: [{ id: 'samples', name: 'dotnet/samples', images: [{ platforms: [] }] }] } } : undefined), /not an ImageBuilder manifest/],
    ['an include that leaves the folder', (p) => (p.endsWith(`${MAIN_SHA}/manifest.json`) ? { status: 200, body: { includes: ['../secrets.json'], repos: [] } } : undefined), /not an ImageBuilder manifest \(includes/],
    ['the release index of the wrong shape', (p) => (p.endsWith('releases-index.json') ? { status: 200, body: { 'releases-index': [] } } : undefined), /not a \.NET release index/],
    ['the GitHub API without a commit', (p) => (p.endsWith('/commits/main') ? { status: 200, body: { sha: 'main' } } : undefined), /not a GitHub commit/],
    ['a variable the manifest uses is missing', (p) => (p.endsWith(`${MAIN_SHA}/manifest.versions.json`) ? { status: 200, body: { variables: {} } } : undefined), /which no variables file defines/],
  ];
  for (const [name, override, expected] of failures) {
    test(`${name}: fails and changes nothing`, async () => {
      const server = await serve(override);
      const copy = copyOfCatalog();
      const before = { reference: fingerprint(copy.reference), catalog: readFileSync(copy.catalog) };
      const result = await runUpdate(server, copy);
      assert.equal(result.status, 1, result.stdout + result.stderr);
      assert.match(result.stderr, /catalog:update failed; catalog\/reference and catalog\/dotnet-images\.json are unchanged/);
      assert.match(result.stderr, expected);
      assert.deepEqual(fingerprint(copy.reference), before.reference);
      assert.ok(readFileSync(copy.catalog).equals(before.catalog));
      assert.deepEqual(readdirSync(path.dirname(copy.reference)).sort(), ['dotnet-images.json', 'reference']);
    });
  }

  test('a run stopped between its two renames is mended by the next one', async () => {
    const copy = copyOfCatalog();
    const before = fingerprint(copy.reference);
    renameSync(copy.reference, `${copy.reference}.previous`);
    const server = await serve((p) => (p.endsWith('releases-index.json') ? { status: 503, body: {} } : undefined));
    const result = await runUpdate(server, copy);
    assert.equal(result.status, 1);
    assert.ok(existsSync(copy.reference));
    assert.deepEqual(fingerprint(copy.reference), before);
  });
});
