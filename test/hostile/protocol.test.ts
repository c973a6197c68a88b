/**
 * Issue 19 #12 against the BUILT server over stdio: after a malformed header the server answers or closes
 * with a clear error (it used to wait forever in silence); requests before `initialize` and after `shutdown`
 * get the errors LSP requires; a 50 MB document gets a diagnostic that says it is over the limit, cheap empty
 * answers, and the memory stays bounded. Each framing case runs its own server process with a deadline.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { Hover } from 'vscode-languageserver-protocol';
import { serverPath } from '../helpers/lspClient';
import { generateDockerfile } from '../bench/generate';
import { assertMemory, assertStillServing, record, startHostileServer, timedRequest, withDeadline } from './harness';

function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

const INITIALIZE = frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
const HOVER = (id: number): string => JSON.stringify({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x/Dockerfile' }, position: { line: 0, character: 0 } } });

interface RawRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | null;
  readonly ms: number;
}

/**
 * Starts a bare server, initializes it, writes `bytes`, and waits until it exits or `settleMs` passes without
 * it exiting (then it is stopped). Returns everything it wrote.
 */
async function rawSession(bytes: string, settleMs = 3000): Promise<RawRun> {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stdin.write(INITIALIZE);
  await withDeadline(
    new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (stdout.includes('"id":1')) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    }),
    10_000,
    'initialize',
  );
  const started = performance.now();
  child.stdin.write(bytes);
  const code = await Promise.race([exited, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), settleMs))]);
  const ms = performance.now() - started;
  if (code === 'running') {
    child.kill();
    await exited;
  }
  if (code !== 'running') record({ what: `framing: closed after ${JSON.stringify(bytes.slice(0, 30))}`, ms });
  return { stdout, stderr, exitCode: code === 'running' ? null : code, ms };
}

const PARSE_ERROR = /"id":null,"error":\{"code":-32700,"message":"([^"]*)"/;

describe('#12 a malformed header is answered, or closes the connection with a clear error', { timeout: 120_000 }, () => {
  const fatal: Array<[string, string]> = [
    ['a negative Content-Length', `Content-Length: -5\r\n\r\n${frame(HOVER(2))}`],
    ['a fractional Content-Length', `Content-Length: 1.5\r\n\r\n${frame(HOVER(2))}`],
    ['a Content-Length with trailing junk', `Content-Length: 12abc\r\n\r\n${frame(HOVER(2))}`],
    ['a Content-Length over 256 MB', `Content-Length: 999999999999\r\n\r\n${frame(HOVER(2))}`],
    ['headers ended by bare line feeds', `Content-Length: ${HOVER(2).length}\n\n${HOVER(2)}`],
    ['8 KB of header without an end', 'X'.repeat(10_000)],
  ];
  for (const [name, bytes] of fatal) {
    test(`${name}: a ParseError, a reason on stderr, and the server exits (not silence)`, async () => {
      const run = await rawSession(bytes);
      assert.match(run.stdout, PARSE_ERROR, `no ParseError answer; stdout: ${run.stdout.slice(-300)}`);
      assert.equal(run.exitCode, 1, `the server did not close the connection within 3 s (stderr: ${run.stderr})`);
      assert.match(run.stderr, /dotnet-dockerfile-ls: .*closing the connection/);
      assert.ok(run.ms < 2000, `${run.ms.toFixed(0)} ms to close`);
    });
  }

  const recoverable: Array<[string, string]> = [
    ['a header without Content-Length', 'Content-Type: application/vscode-jsonrpc\r\n\r\n'],
    ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n'],
    ['a header line without a colon', 'hello\r\n\r\n'],
  ];
  for (const [name, bytes] of recoverable) {
    test(`${name}: a ParseError, then the next request is answered`, async () => {
      const run = await rawSession(`${bytes}${frame(HOVER(7))}`, 800);
      assert.match(run.stdout, PARSE_ERROR);
      assert.match(run.stdout, /"id":7,"result":null/, `the next request got no answer: ${run.stdout.slice(-300)}`);
      assert.equal(run.exitCode, null, 'the server closed a stream it could still read');
    });
  }

  test('a body that is not JSON is skipped and the next request answered', async () => {
    const run = await rawSession(`${frame('{not json')}${frame(HOVER(8))}`, 800);
    assert.match(run.stdout, /"id":8,"result":null/);
  });
});

describe('#12 the lifecycle errors LSP requires', { timeout: 60_000 }, () => {
  test('before initialize: ServerNotInitialized (-32002); after shutdown: InvalidRequest (-32600)', async () => {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe' });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const waitFor = (pattern: RegExp): Promise<void> =>
      withDeadline(
        new Promise<void>((resolve) => {
          const check = setInterval(() => pattern.test(stdout) && (clearInterval(check), resolve()), 10);
        }),
        10_000,
        String(pattern),
      );
    child.stdin.write(frame(HOVER(1)));
    await waitFor(/"id":1,"error":\{"code":-32002/);
    child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } })));
    await waitFor(/"id":2,"result":\{"capabilities"/);
    child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', method: 'initialized', params: {} })));
    child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'shutdown' })));
    await waitFor(/"id":3,"result":null/);
    child.stdin.write(frame(HOVER(4)));
    await waitFor(/"id":4,"error":\{"code":-32600/);
    child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', method: 'exit' })));
    assert.equal(await withDeadline(exited, 10_000, 'exit'), 0);
  });
});

describe('#12 a 50 MB document', { timeout: 120_000 }, () => {
  test('one diagnostic says it is over the 4 MB limit; requests answer empty at once; memory stays under budget', async () => {
    const client = await startHostileServer();
    try {
      const unit = generateDockerfile(10_000);
      const text = unit.text.repeat(Math.ceil((50 * 1024 * 1024) / unit.text.length));
      const uri = 'file:///hostile/fifty/Dockerfile';
      const started = performance.now();
      client.open(uri, text);
      const published = await client.diagnostics(uri, 1, 60_000);
      const ms = performance.now() - started;
      record({ what: '50 MB document: didOpen to diagnostics (sending 50 MB included)', ms });
      assert.ok(ms < 10_000, `${ms.toFixed(0)} ms from didOpen to the diagnostic`);
      assert.equal(published.diagnostics.length, 1);
      assert.equal(published.diagnostics[0]!.code, 'document-too-large');
      assert.match(String(published.diagnostics[0]!.message), /over the 4\.0 million characters?|over the 4\.0 million/);
      const position = unit.hover;
      assert.equal(await timedRequest<Hover | null>(client, '50 MB', 'textDocument/hover', { textDocument: { uri }, position }, 200), null);
      for (const method of ['textDocument/semanticTokens/full', 'textDocument/foldingRange', 'textDocument/documentSymbol', 'textDocument/codeAction', 'textDocument/formatting', 'textDocument/completion']) {
        await timedRequest(client, '50 MB', method, { textDocument: { uri }, position, range: { start: position, end: position }, context: { diagnostics: [] }, options: { tabSize: 4, insertSpaces: true } }, 200);
      }
      // An edit keeps it over the limit: still the one diagnostic, quickly.
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edit\n' }] });
      const edited = await client.diagnostics(uri, 2, 10_000);
      assert.equal(edited.diagnostics[0]!.code, 'document-too-large');
      assertMemory(client, '50 MB document');
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      await assertStillServing(client, 'a 50 MB document');
    } finally {
      await client.stop();
    }
  });
});
