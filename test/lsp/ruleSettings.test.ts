/** Protocol test: a rule's severity setting, read through workspace/configuration, reaches the diagnostics. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestClient } from '../helpers/lspClient';

// 6.0 reached end of life in 2024, whatever the clock of the machine running the test says today.
const TEXT = 'FROM mcr.microsoft.com/dotnet/aspnet:6.0\nFROM mcr.microsoft.com/dotnet/aspnet\n';

describe('rule settings over the protocol', () => {
  let configured: TestClient;
  let plain: TestClient;
  before(async () => {
    configured = await startServer({
      configuration: (item) => (item.section === 'dotnetDockerfile' ? { rules: { 'eol-version': 'off', 'untagged-image': 'error' } } : null),
    });
    plain = await startServer();
  });
  after(async () => {
    await configured.stop();
    await plain.stop();
  });

  test('without settings both rules report with their default severity', async () => {
    const uri = 'file:///lsp/settings/plain/Dockerfile';
    plain.open(uri, TEXT, 1);
    const { diagnostics } = await plain.diagnostics(uri, 1);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]).sort(),
      [
        ['eol-version', 2],
        ['untagged-image', 2],
      ],
    );
  });

  test('"eol-version": "off" silences the rule, "untagged-image": "error" raises it', async () => {
    const uri = 'file:///lsp/settings/configured/Dockerfile';
    configured.open(uri, TEXT, 1);
    const { diagnostics } = await configured.diagnostics(uri, 1);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [['untagged-image', 1]],
    );
  });
});

// A first open validates during the settings round trip with the settings of the latest document answered for;
// whatever it guessed, each document must end up with its own folder's settings.
describe('settings that differ per folder', () => {
  let client: TestClient;
  before(async () => {
    client = await startServer({
      configuration: (item) => (item.section === 'dotnetDockerfile' && item.scopeUri?.includes('/quiet/') ? { rules: { 'eol-version': 'off' } } : null),
    });
  });
  after(async () => {
    await client.stop();
  });

  const rulesOf = async (uri: string): Promise<unknown[]> => {
    client.open(uri, TEXT, 1);
    const { diagnostics } = await client.diagnostics(uri, 1);
    return diagnostics.map((d) => d.code).sort();
  };

  test('each newly opened document gets its own settings, not those of the document opened before it', async () => {
    assert.deepEqual(await rulesOf('file:///lsp/folders/loud/a/Dockerfile'), ['eol-version', 'untagged-image']);
    assert.deepEqual(await rulesOf('file:///lsp/folders/quiet/b/Dockerfile'), ['untagged-image']);
    assert.deepEqual(await rulesOf('file:///lsp/folders/loud/c/Dockerfile'), ['eol-version', 'untagged-image']);
    assert.deepEqual(await rulesOf('file:///lsp/folders/quiet/d/Dockerfile'), ['untagged-image']);
    assert.deepEqual(await rulesOf('file:///lsp/folders/quiet/e/Dockerfile'), ['untagged-image']);
  });
});
