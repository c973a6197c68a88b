/**
 * Protocol robustness: the built server over stdio meets what editors (and broken clients) really send:
 * malformed JSON-RPC, unknown methods, documents it never saw, positions past the end, a 10 MB file,
 * binary bytes, a storm of didChange notifications, cancellation, a document over the size limit. Every case ends by checking that the
 * server still answers a real request, and the storms by checking that its memory stays bounded.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { CancellationTokenSource, createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { CompletionItem, CompletionList, Hover, Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateDockerfile } from '../bench/generate';
import { serverPath, startServer, type TestClient } from '../helpers/lspClient';
import { DOCUMENT_TOO_LARGE, MAX_DOCUMENT_CHARS } from '../../server/src/lsp/documentLimit';
import { marked } from '../helpers/markers';

const OK_URI = 'file:///robustness/ok/Dockerfile';
const OK = marked('FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nRUN dotnet publish -o /app\n\nFROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chi|seled\nCOPY --from=build /app .\nENTRYPOINT ["./app"]\n', OK_URI);

/** Resident memory of a process in MB (ps works on Linux and macOS). */
function rssMb(pid: number): number {
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}

/** One LSP frame: the header counts BYTES, as the base protocol says. */
function frame(body: string | Buffer): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]);
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  // Clear the timer either way, or it keeps the test process alive long after the answer came.
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The server still answers a real request on a real document, with real content. */
async function assertServing(client: TestClient, after: string): Promise<void> {
  assert.equal(client.process.exitCode, null, `the server exited after ${after}`);
  const hover = await withTimeout(client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: OK_URI }, position: OK.position() }), 10_000, `hover after ${after}`);
  assert.ok(hover && JSON.stringify(hover.contents).includes('chiseled'), `hover after ${after} answered ${JSON.stringify(hover)}`);
}

/** Writes raw bytes to the server's stdin, then waits so they arrive as a chunk of their own. */
async function writeRaw(client: TestClient, bytes: Buffer | string): Promise<void> {
  await new Promise<void>((resolve, reject) => client.process.stdin.write(bytes, (error) => (error ? reject(error) : resolve())));
  await pause(100);
}

/** Collects what the server writes to stdout, to find answers to requests sent as raw bytes. */
function stdoutTap(client: TestClient): { text: () => string } {
  let text = '';
  client.process.stdout.on('data', (chunk: Buffer) => void (text += chunk.toString('utf8')));
  return { text: () => text };
}

function itemsOf(result: CompletionList | CompletionItem[] | null): CompletionItem[] {
  return result === null ? [] : Array.isArray(result) ? result : result.items;
}

function assertInside(text: string, range: Range, what: string): void {
  const document = TextDocument.create('file:///check', 'dockerfile', 1, text);
  for (const position of [range.start, range.end]) {
    assert.deepEqual(document.positionAt(document.offsetAt(position)), position, `${what}: ${JSON.stringify(range)} lies outside the document`);
  }
}

// Generous suite timeouts: a wedged server must fail these tests, never hang `npm test`.
describe('the server survives bad input and keeps serving', { timeout: 240_000 }, () => {
  let client: TestClient;
  let tap: { text: () => string };
  before(async () => {
    client = await startServer();
    tap = stdoutTap(client);
    client.open(OK_URI, OK.text);
    await client.diagnostics(OK_URI, 1, 10_000);
  });
  after(async () => {
    await client.stop();
  });

  test('a well-framed body that is not JSON is skipped', async () => {
    await writeRaw(client, frame('{not json'));
    await writeRaw(client, frame('\u0000\u0001binary\uFFFD'));
    await assertServing(client, 'a body that is not JSON');
  });

  // Only headers that keep the framing intact: after `Content-Length: -5` or `1.5` the byte stream cannot be
  // re-synchronised by any LSP server (vscode-jsonrpc then waits forever; no editor sends such headers).
  test('headers without a usable Content-Length are skipped', async () => {
    await writeRaw(client, 'Content-Length: abc\r\n\r\n');
    await writeRaw(client, 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n');
    await writeRaw(client, 'Content-Length: 0\r\n\r\n');
    await assertServing(client, 'bad headers');
  });

  test('JSON that is not a JSON-RPC message is ignored', async () => {
    for (const body of ['[1,2]', 'null', '42', '"text"', '{"hello":1}', '{"jsonrpc":"2.0","id":7}', '{"jsonrpc":"2.0","id":999,"result":1}', '{"jsonrpc":"2.0","method":42}']) {
      await writeRaw(client, frame(body));
    }
    await assertServing(client, 'JSON that is not JSON-RPC');
  });

  test('requests with params of the wrong shape get an answer, a result or an error', async () => {
    const methods = ['textDocument/hover', 'textDocument/completion', 'textDocument/codeAction', 'textDocument/documentSymbol', 'textDocument/formatting', 'completionItem/resolve'];
    for (const [i, method] of methods.entries()) {
      for (const [j, params] of ['"oops"', 'null', '[]', '{}', '{"textDocument":null,"position":null,"range":null}', '{"textDocument":{"uri":42}}'].entries()) {
        await writeRaw(client, frame(`{"jsonrpc":"2.0","id":"raw-${i}-${j}","method":"${method}","params":${params}}`));
      }
    }
    await assertServing(client, 'requests with bad params');
    for (const [i, method] of methods.entries()) {
      for (let j = 0; j < 6; j++) assert.match(tap.text(), new RegExp(`"id":"raw-${i}-${j}"`), `${method} with bad params #${j} got no answer at all`);
    }
  });

  test('an unknown request gets MethodNotFound; unknown notifications are ignored', async () => {
    await assert.rejects(client.connection.sendRequest('dotnetDockerfile/noSuchMethod', {}), (error: unknown) => error instanceof ResponseError && error.code === -32601);
    await client.connection.sendNotification('noSuch/notification', { x: 1 });
    await client.connection.sendNotification('$/noSuchThing', {});
    await assertServing(client, 'unknown methods');
  });

  test('requests for documents that were never opened answer empty', async () => {
    const textDocument = { uri: 'file:///robustness/never/opened/Dockerfile' };
    const position = { line: 0, character: 0 };
    const range = { start: position, end: position };
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument, position }), null);
    assert.deepEqual(itemsOf(await client.connection.sendRequest('textDocument/completion', { textDocument, position })), []);
    assert.deepEqual(await client.connection.sendRequest('textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }), []);
    assert.deepEqual(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument }), []);
    assert.deepEqual(await client.connection.sendRequest('textDocument/formatting', { textDocument, options: { tabSize: 4, insertSpaces: true } }), []);
    assert.deepEqual(await client.connection.sendRequest('textDocument/foldingRange', { textDocument }), []);
    // Notifications for it must not create it, nor crash.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { ...textDocument, version: 2 }, contentChanges: [{ text: 'FROM x' }] });
    await client.connection.sendNotification('textDocument/didSave', { textDocument });
    await client.connection.sendNotification('textDocument/didClose', { textDocument });
    await assertServing(client, 'requests for unopened documents');
  });

  test('positions past the end, negative or fractional are answered without a crash', async () => {
    const positions = [
      { line: 1_000_000, character: 5 },
      { line: 3, character: 1_000_000 },
      { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
      { line: -1, character: -1 },
      { line: 1.5, character: 0.5 },
    ];
    for (const position of positions) {
      const answers = await Promise.allSettled([
        client.connection.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri: OK_URI }, position }),
        client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: OK_URI }, position }),
        client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: OK_URI }, range: { start: { line: 0, character: 0 }, end: position }, context: { diagnostics: [] } }),
      ]);
      // A result or a clean JSON-RPC error: both are fine. A result must not point outside the document.
      for (const answer of answers) if (answer.status === 'rejected') assert.ok(answer.reason instanceof ResponseError, `position ${JSON.stringify(position)}: ${String(answer.reason)}`);
      const [completion, hover] = answers;
      if (completion.status === 'fulfilled') {
        for (const item of itemsOf(completion.value)) if (item.textEdit && 'range' in item.textEdit) assertInside(OK.text, item.textEdit.range, `completion at ${JSON.stringify(position)}`);
      }
      if (hover.status === 'fulfilled' && hover.value?.range) assertInside(OK.text, hover.value.range, `hover at ${JSON.stringify(position)}`);
    }
    await assertServing(client, 'positions past the end');
  });

  test('binary bytes in a document, also invalid UTF-8 on the wire, are validated like any text', async () => {
    const uri = 'file:///robustness/binary/Dockerfile';
    client.open(uri, 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\u0000\nRUN \u0001\u0002\u0003\u001b[31m\ud800\udfff\ud800 x\nCMD \uFEFF\uFFFF dotnet app.dll\n');
    const first = await client.diagnostics(uri, 1, 10_000);
    assert.ok(Array.isArray(first.diagnostics));
    // Bytes that are not UTF-8 at all (0xFF 0xFE, a truncated sequence) inside the JSON string.
    const body = Buffer.concat([
      Buffer.from(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"${uri}","version":2},"contentChanges":[{"text":"FROM mcr.microsoft.com/dotnet/sdk:10.0 `),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82]),
      Buffer.from('\\nCMD dotnet x.dll\\n"}]}}'),
    ]);
    await writeRaw(client, frame(body));
    const second = await client.diagnostics(uri, 2, 10_000);
    assert.ok(Array.isArray(second.diagnostics));
    await assertServing(client, 'binary bytes');
  });

  test('a cancelled request is answered with its result or RequestCancelled, and the server keeps serving', async () => {
    for (let i = 0; i < 20; i++) {
      const source = new CancellationTokenSource();
      const pending = client.connection.sendRequest('textDocument/completion', { textDocument: { uri: OK_URI }, position: OK.position() }, source.token);
      source.cancel();
      await pending.then(
        (result) => assert.ok(result === null || typeof result === 'object'),
        (error: unknown) => assert.ok(error instanceof ResponseError && error.code === -32800, `cancelled request: ${String(error)}`),
      );
    }
    // Cancelling ids that do not exist (any more) is harmless.
    await client.connection.sendNotification('$/cancelRequest', { id: 987_654 });
    await client.connection.sendNotification('$/cancelRequest', { id: 'no-such-id' });
    await assertServing(client, 'cancellation');
  });

  test('a flood of 500 concurrent requests all get answers', async () => {
    const requests = Array.from({ length: 500 }, (_, i) =>
      i % 2 === 0
        ? client.connection.sendRequest('textDocument/hover', { textDocument: { uri: OK_URI }, position: OK.position() })
        : client.connection.sendRequest('textDocument/completion', { textDocument: { uri: OK_URI }, position: OK.position() }),
    );
    const answers = await withTimeout(Promise.all(requests), 60_000, '500 requests');
    assert.equal(answers.length, 500);
    assert.ok(answers.every((a) => a !== undefined));
    await assertServing(client, 'a flood of requests');
  });

  test('a storm of 3,000 didChange notifications: the last version is validated, few are, memory stays bounded', async () => {
    const uri = 'file:///robustness/storm/Dockerfile';
    const base = generateDockerfile(200);
    client.open(uri, base.text);
    await client.diagnostics(uri, 1, 10_000);
    // Count publishes on the raw stdout: a second notification handler would replace the client's own.
    const before = tap.text().length;
    const changes = 3000;
    // Typing one character after another at the edit site, without waiting, as fast as the pipe takes it.
    for (let i = 0; i < changes; i++) {
      const at = { line: base.edit.line, character: base.edit.character + i };
      void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ range: { start: at, end: at }, text: 'x' }] });
    }
    const last = await client.diagnostics(uri, changes + 1, 30_000);
    assert.equal(last.version, changes + 1);
    const published = tap.text().slice(before).split(`"uri":"${uri}"`).length - 1;
    assert.ok(published < changes / 10, `${published} publishes for ${changes} changes: validation is not debounced`);
    await assertServing(client, 'a didChange storm');
    const rss = rssMb(client.process.pid!);
    assert.ok(rss < 400, `RSS after the storm is ${rss.toFixed(0)} MB`);
  });

  test('a file just under the 4 MB limit is validated and answered, and memory is given back after it closes', async () => {
    const uri = 'file:///robustness/huge/Dockerfile';
    const unit = generateDockerfile(10_000);
    const copies = Math.floor((MAX_DOCUMENT_CHARS - 1) / unit.text.length);
    const text = unit.text.repeat(copies);
    assert.ok(text.length > 3 * 1024 * 1024 && text.length <= MAX_DOCUMENT_CHARS);
    client.open(uri, text);
    const diagnostics = await client.diagnostics(uri, 1, 120_000);
    assert.ok(diagnostics.diagnostics.length > 0, 'a 4 MB file of .NET stages has findings');
    assert.ok(diagnostics.diagnostics.every((d) => d.code !== DOCUMENT_TOO_LARGE));
    // Completion in the tag being typed in the last copy.
    const position = { line: unit.completion.line + (copies - 1) * unit.lineCount, character: unit.completion.character };
    const items = itemsOf(await withTimeout(client.connection.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position }), 30_000, 'completion in 4 MB'));
    assert.ok(items.length > 0, 'completion works in a 4 MB file');
    const peak = rssMb(client.process.pid!);
    assert.ok(peak < 1500, `RSS with a 4 MB document open is ${peak.toFixed(0)} MB`);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await assertServing(client, 'a 4 MB file');
  });

  test('a 10 MB file gets one diagnostic saying it is over the limit, and every request about it answers empty at once', async () => {
    const uri = 'file:///robustness/too-big/Dockerfile';
    const unit = generateDockerfile(10_000);
    const text = unit.text.repeat(Math.ceil((10 * 1024 * 1024) / unit.text.length));
    client.open(uri, text);
    const published = await client.diagnostics(uri, 1, 30_000);
    assert.equal(published.diagnostics.length, 1);
    assert.equal(published.diagnostics[0]!.code, DOCUMENT_TOO_LARGE);
    assert.match(String(published.diagnostics[0]!.message), /over the 4\.0 million/);
    const started = Date.now();
    const position = { line: unit.completion.line, character: unit.completion.character };
    assert.deepEqual(itemsOf(await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position })), []);
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }), null);
    assert.deepEqual(await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } }), { data: [] });
    assert.ok(Date.now() - started < 1000, `${Date.now() - started} ms for three empty answers`);
    // Shrunk below the limit, it is analysed again.
    client.change(uri, unit.text, 2);
    const again = await client.diagnostics(uri, 2, 30_000);
    assert.ok(again.diagnostics.length > 0 && again.diagnostics.every((d) => d.code !== DOCUMENT_TOO_LARGE));
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await assertServing(client, 'a 10 MB file');
  });
});

describe('lifecycle', { timeout: 60_000 }, () => {
  function spawnBare() {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, connection, exited };
  }

  test('a request before initialize gets ServerNotInitialized (-32002), a notification is dropped; initialize then works', async () => {
    const { child, connection, exited } = spawnBare();
    try {
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: OK_URI, languageId: 'dockerfile', version: 1, text: OK.text } });
      await assert.rejects(
        connection.sendRequest('textDocument/hover', { textDocument: { uri: OK_URI }, position: { line: 0, character: 0 } }),
        (error: unknown) => error instanceof ResponseError && error.code === -32002 && /before initialize/.test(error.message),
      );
      await assert.rejects(connection.sendRequest('shutdown'), (error: unknown) => error instanceof ResponseError && error.code === -32002);
      const result = await connection.sendRequest<{ capabilities: unknown }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      assert.ok(result.capabilities);
      await connection.sendNotification('initialized', {});
      // The didOpen before initialize was dropped: the document is unknown.
      assert.equal(await connection.sendRequest('textDocument/hover', { textDocument: { uri: OK_URI }, position: OK.position() }), null);
      await assert.rejects(connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }), (error: unknown) => error instanceof ResponseError && error.code === -32600);
    } finally {
      connection.dispose();
      child.kill();
      await exited;
    }
  });

  test('after shutdown a request gets InvalidRequest (-32600); exit then ends the process with code 0', async () => {
    const { child, connection, exited } = spawnBare();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await connection.sendNotification('initialized', {});
    await connection.sendRequest('shutdown');
    await assert.rejects(
      connection.sendRequest('textDocument/hover', { textDocument: { uri: OK_URI }, position: { line: 0, character: 0 } }),
      (error: unknown) => error instanceof ResponseError && error.code === -32600 && /after shutdown/.test(error.message),
    );
    await assert.rejects(connection.sendRequest('shutdown'), (error: unknown) => error instanceof ResponseError && error.code === -32600);
    await connection.sendNotification('exit');
    assert.equal(await withTimeout(exited, 10_000, 'exit'), 0);
    connection.dispose();
    assert.notEqual(child.exitCode, null);
  });

  test('shutdown then exit ends the process with code 0', async () => {
    const { child, connection, exited } = spawnBare();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await connection.sendNotification('initialized', {});
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    const code = await withTimeout(exited, 10_000, 'exit');
    assert.equal(code, 0);
    connection.dispose();
    assert.notEqual(child.exitCode, null);
  });

  test('when the editor goes away (stdin closes) the server ends instead of lingering', async () => {
    const { child, connection, exited } = spawnBare();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    connection.dispose();
    child.stdin.end();
    const code = await withTimeout(exited, 10_000, 'exit after stdin closed');
    assert.ok(code !== undefined);
  });
});
