// What the built server loads before it answers initialize: every module on that path is paid by every start.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { repoRoot, startServer } from '../helpers/lspClient';

const preload = path.join(repoRoot, 'test/helpers/reportStartModules.cjs');

describe('the start path', () => {
  test('crypto and child_process (~20 ms of built-in modules) are not loaded before the initialize answer', async () => {
    const client = await startServer({ env: { NODE_OPTIONS: `--require ${preload}`, DOTNET_DOCKERFILE_CODE_CACHE: '0' } });
    try {
      // stderr and stdout are separate pipes: the report may arrive after the answer.
      for (let waited = 0; !client.stderr().includes('start modules:') && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      const line = /^start modules: (.*)$/m.exec(client.stderr())?.[1];
      assert.ok(line !== undefined, `the preload reported: ${client.stderr()}`);
      const loaded = line.split(' ');
      // A control: the report sees modules the server does load on this path (the pipe streams need net).
      assert.ok(loaded.includes('net'), line);
      assert.ok(!loaded.includes('crypto'), `crypto loaded at start: ${line}`);
      assert.ok(!loaded.includes('child_process'), `child_process loaded at start: ${line}`);
      // The server still serves (the stand-ins are only reached by library paths we do not take).
      const uri = 'file:///start-path/Dockerfile';
      client.open(uri, 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\nCMD dotnet app.dll\n');
      assert.ok(Array.isArray((await client.diagnostics(uri)).diagnostics));
    } finally {
      await client.stop();
    }
  });
});
