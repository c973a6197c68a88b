// The built server spends idle time after initialized on the first validation's cold code, and only idle time.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../helpers/lspClient';

const WARMED = /Warmed up while no document was open \(\d+ ms\)/;
const DOCKERFILE = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nCMD dotnet app.dll\n';

async function until(check: () => boolean, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += 25) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return check();
}

describe('the idle warm-up of the built server', () => {
  test('started with no document open, it warms up once and then serves a document as usual', async () => {
    const client = await startServer({ env: { DOTNET_DOCKERFILE_CODE_CACHE: '0' } });
    try {
      assert.ok(await until(() => client.logs.some((l) => WARMED.test(l)), 5000), `log: ${client.logs.join(' | ')}`);
      const uri = 'file:///idle-warm-up/Dockerfile';
      client.open(uri, DOCKERFILE);
      const published = await client.diagnostics(uri, 1);
      assert.deepEqual(published.diagnostics.map((d) => d.code), ['shell-form-without-shell']);
      assert.equal(client.logs.filter((l) => WARMED.test(l)).length, 1);
    } finally {
      await client.stop();
    }
  });

  test('a document opened with initialized comes first: no warm-up at all', async () => {
    const client = await startServer({ env: { DOTNET_DOCKERFILE_CODE_CACHE: '0' } });
    try {
      const uri = 'file:///idle-warm-up/opened/Dockerfile';
      client.open(uri, DOCKERFILE);
      await client.diagnostics(uri, 1);
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.ok(!client.logs.some((l) => WARMED.test(l)), client.logs.join(' | '));
    } finally {
      await client.stop();
    }
  });
});
