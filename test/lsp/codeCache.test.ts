// The built server starts from V8's code cache (server/src/launch/) and serves the same either way.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Hover } from 'vscode-languageserver-protocol';
import { startServer, type TestClient } from '../helpers/lspClient';
import { removeTrees, writeTree } from '../helpers/tempTree';
import { marked } from '../helpers/markers';

after(removeTrees);

const site = marked('FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chi|seled\n');
const text = site.text;
const position = site.document.positionAt(site.offsets[0]!);

async function hoverText(client: TestClient): Promise<string> {
  const uri = 'file:///cache-test/Dockerfile';
  client.open(uri, text);
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position })) as Hover | null;
  const contents = hover?.contents;
  return typeof contents === 'object' && contents !== null && 'value' in contents ? contents.value : '';
}

async function waitFor(check: () => boolean, what: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A new start with these settings runs from the cache an earlier start wrote (logged by DOTNET_DOCKERFILE_CODE_CACHE_LOG). */
async function assertNextStartAccepts(env: Record<string, string>): Promise<void> {
  const next = await startServer({ env });
  try {
    assert.match(next.stderr(), /code cache accepted/);
  } finally {
    await next.stop();
  }
}

describe('the server start from the code cache', () => {
  test('the first start writes the cache, the next one runs from it and answers the same', async () => {
    const folder = writeTree('ddf-server-cache-', {});
    const env = { DOTNET_DOCKERFILE_CACHE: folder, DOTNET_DOCKERFILE_CODE_CACHE_LOG: '1', DOTNET_DOCKERFILE_CODE_CACHE_WRITE_MS: '0' };

    const first = await startServer({ env });
    const firstHover = await hoverText(first);
    await waitFor(() => first.stderr().includes('code cache written'), () => `stderr: ${first.stderr()}`);
    await first.stop();
    assert.match(first.stderr(), /code cache missing/);
    assert.equal(readdirSync(path.join(folder, 'code-cache')).filter((name) => name.endsWith('.v8cache')).length, 1);

    const second = await startServer({ env });
    try {
      assert.match(second.stderr(), /code cache accepted/);
      assert.match(firstHover, /chiseled/i);
      assert.equal(await hoverText(second), firstHover);
    } finally {
      await second.stop();
    }
  });

  test('as shipped, the cache is written half a second after the first diagnostics, not half a minute later', async () => {
    const folder = writeTree('ddf-server-cache-', {});
    const client = await startServer({ env: { DOTNET_DOCKERFILE_CACHE: folder, DOTNET_DOCKERFILE_CODE_CACHE_LOG: '1' } });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.doesNotMatch(client.stderr(), /code cache written/, 'no document yet: nothing written before the first diagnostics');
      const uri = 'file:///cache-test/first/Dockerfile';
      client.open(uri, text);
      await client.diagnostics(uri, 1);
      const sent = Date.now();
      await waitFor(() => client.stderr().includes('code cache written'), () => `stderr: ${client.stderr()}`);
      assert.ok(Date.now() - sent < 4000, `written ${Date.now() - sent} ms after the first diagnostics`);
    } finally {
      await client.stop();
    }
    // The server changed V8 flags at run time (firstRunFlags.ts, scalePolicy.ts); the cache was made under the start's.
    await assertNextStartAccepts({ DOTNET_DOCKERFILE_CACHE: folder, DOTNET_DOCKERFILE_CODE_CACHE_LOG: '1' });
  });

  test('a cache written while flags changed at run time are in force (first-run flags, a small nursery, TurboFan off) is accepted by the next start', async () => {
    const folder = writeTree('ddf-server-cache-', {});
    const env = { DOTNET_DOCKERFILE_CACHE: folder, DOTNET_DOCKERFILE_CODE_CACHE_LOG: '1', DOTNET_DOCKERFILE_CODE_CACHE_WRITE_MS: '400' };
    const first = await startServer({ env });
    try {
      await waitFor(() => first.stderr().includes('code cache written'), () => `stderr: ${first.stderr()}`);
    } finally {
      await first.stop();
    }
    await assertNextStartAccepts(env);
  });

  test('DOTNET_DOCKERFILE_CODE_CACHE=0 starts without one, and says so', async () => {
    const folder = writeTree('ddf-server-cache-', {});
    const client = await startServer({ env: { DOTNET_DOCKERFILE_CACHE: folder, DOTNET_DOCKERFILE_CODE_CACHE: '0', DOTNET_DOCKERFILE_CODE_CACHE_LOG: '1' } });
    try {
      assert.match(await hoverText(client), /chiseled/i);
      assert.match(client.stderr(), /code cache off/);
      assert.deepEqual(readdirSync(folder), []);
    } finally {
      await client.stop();
    }
  });
});
