// Closing a large document (512 KB or more) gives memory back (the general-features worker is stopped, a full
// collection follows when idle); the features it served keep working, from a new worker.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer } from '../helpers/lspClient';

// Large in characters, light in tokens: the worker answers it well within its deadline.
const LARGE = `FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\n# ${'a long comment '.repeat(40_000)}\nRUN echo one step\n`;
const SMALL = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\nWORKDIR /app\nENTRYPOINT ["dotnet", "App.dll"]\n';

function threads(pid: number): number {
  return Number(/^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
}

describe('closing a large document', () => {
  test('stops the general-features worker; the next request is answered by a new one', async () => {
    const client = await startServer({ env: { DOTNET_DOCKERFILE_CODE_CACHE: '0' } });
    try {
      const pid = client.process.pid!;
      const before = threads(pid);
      const large = 'file:///large-close/big/Dockerfile';
      assert.ok(LARGE.length > 512 * 1024);
      client.open(large, LARGE);
      await client.diagnostics(large, 1);
      const tokens = (await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: large } })) as { data: number[] };
      assert.ok(tokens.data.length > 0, 'the worker answered for the large document');
      const withWorker = threads(pid);
      assert.ok(withWorker > before, `a worker thread started (${before} → ${withWorker} threads)`);
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: large } });
      let after = threads(pid);
      for (let waited = 0; after >= withWorker && waited < 3000; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        after = threads(pid);
      }
      assert.ok(after < withWorker, `the worker stopped after the close (${withWorker} → ${after} threads)`);
      const small = 'file:///large-close/small/Dockerfile';
      client.open(small, SMALL);
      await client.diagnostics(small, 1);
      const again = (await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: small } })) as { data: number[] };
      assert.ok(again.data.length > 0, 'a new worker answers');
    } finally {
      await client.stop();
    }
  });
});
