/** `dotnetDockerfile/catalogStatus`: the client asks which catalog the server uses (for the old-catalog notice). */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CATALOG_STATUS_REQUEST, type CatalogStatus } from '../../server/src/protocol';
import { startServer } from '../helpers/lspClient';
import { realCatalog } from '../helpers/service';

const cache = mkdtempSync(path.join(os.tmpdir(), 'ddf-status-'));
after(() => rmSync(cache, { recursive: true, force: true }));

describe('catalog status request', () => {
  test('answers the date and origin of the catalog in use', async () => {
    const server = await startServer({ env: { DOTNET_DOCKERFILE_CACHE: cache } });
    try {
      const status = (await server.connection.sendRequest(CATALOG_STATUS_REQUEST)) as CatalogStatus;
      assert.deepEqual(status, { ok: true, date: realCatalog().date, origin: 'bundled' });
    } finally {
      await server.stop();
    }
  });

  test('says ok: false when the catalog cannot be loaded', async () => {
    const server = await startServer({ env: { DOTNET_DOCKERFILE_CACHE: cache, DOTNET_DOCKERFILE_CATALOG: path.join(cache, 'missing.json') } });
    try {
      assert.deepEqual(await server.connection.sendRequest(CATALOG_STATUS_REQUEST), { ok: false });
    } finally {
      await server.stop();
    }
  });
});
