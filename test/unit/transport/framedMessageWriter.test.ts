import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { StreamMessageReader, type Message } from 'vscode-languageserver/node';
import { FramedMessageWriter, frameMessage } from '../../../server/src/lsp/transport/framedMessageWriter';

const hover: Message & Record<string, unknown> = { jsonrpc: '2.0', id: 7, result: { contents: { kind: 'markdown', value: 'Ubuntu 24.04 “Noble” — chiseled 🐳' } } };
const publish: Message & Record<string, unknown> = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/Dockerfile', diagnostics: [] } };

/** A stream that records each write it is given, as one chunk. */
function recorder(fail?: Error): { stream: Writable; chunks: Buffer[] } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback(fail ?? null);
    },
  });
  return { stream, chunks };
}

describe('FramedMessageWriter', () => {
  test('frames a message with its UTF-8 byte length, not its character count', () => {
    const frame = frameMessage(hover).toString('utf8');
    const json = JSON.stringify(hover);
    assert.equal(frame, `Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
    assert.ok(Buffer.byteLength(json) > json.length, 'the sample has multi-byte characters');
  });

  test('writes each message in one write, header and body together', async () => {
    const { stream, chunks } = recorder();
    const writer = new FramedMessageWriter(stream);
    await writer.write(hover);
    await writer.write(publish);
    assert.equal(chunks.length, 2);
    assert.deepEqual(chunks[0], frameMessage(hover));
    assert.deepEqual(chunks[1], frameMessage(publish));
  });

  test("vscode-jsonrpc's reader reads back what it wrote", async () => {
    const pipe = new PassThrough();
    const writer = new FramedMessageWriter(pipe);
    const reader = new StreamMessageReader(pipe);
    const received: Message[] = [];
    const both = new Promise<void>((resolve) =>
      reader.listen((message) => {
        received.push(message);
        if (received.length === 2) resolve();
      }),
    );
    await writer.write(hover);
    await writer.write(publish);
    await both;
    assert.deepEqual(received, [hover, publish]);
    reader.dispose();
  });

  test('a message that cannot be serialised is rejected and reported, and later messages still go out', async () => {
    const { stream, chunks } = recorder();
    const writer = new FramedMessageWriter(stream);
    const errors: unknown[] = [];
    writer.onError(([error]) => errors.push(error));
    await assert.rejects(writer.write({ jsonrpc: '2.0', id: 1, result: 1n } as unknown as Message));
    assert.equal(errors.length, 1);
    await writer.write(publish);
    assert.equal(chunks.length, 1);
  });

  test('a failing stream rejects the write and fires onError with the message', async () => {
    const { stream } = recorder(new Error('EPIPE'));
    const writer = new FramedMessageWriter(stream);
    const reported: unknown[] = [];
    writer.onError(([error, message]) => reported.push([(error as Error).message, message]));
    stream.on('error', () => undefined);
    await assert.rejects(writer.write(publish), /EPIPE/);
    assert.deepEqual(reported[0], ['EPIPE', publish]);
  });
});
