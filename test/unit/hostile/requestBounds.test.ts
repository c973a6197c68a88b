/**
 * Issue 19 #2 and #12, the pure parts: request parameters are bounded and clamped into the document
 * (server/src/lsp/requestBounds.ts), and a header block is judged as vscode-jsonrpc would read it
 * (server/src/lsp/transport/framingGuard.ts). The built server is tested with the same cases in test/hostile.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { boundRequest, MAX_TAB_SIZE } from '../../../server/src/lsp/requestBounds';
import { judgeHeader, MAX_MESSAGE_BYTES } from '../../../server/src/lsp/transport/framingGuard';

const document = TextDocument.create('file:///x/Dockerfile', 'dockerfile', 1, 'FROM x\nRUN echo hi\n');

describe('boundRequest', () => {
  test('positions past the end, negative, fractional or not numbers are clamped into the document', () => {
    const cases: Array<[unknown, { line: number; character: number }]> = [
      [{ line: 2_147_483_648, character: 5 }, { line: 2, character: 0 }],
      [{ line: 1e8, character: 1e8 }, { line: 2, character: 0 }],
      [{ line: 1, character: 1e8 }, { line: 1, character: 11 }],
      [{ line: -1, character: -1 }, { line: 0, character: 0 }],
      [{ line: 1.5, character: 2.9 }, { line: 1, character: 2 }],
      [{ line: 'x', character: null }, { line: 0, character: 0 }],
      [null, { line: 0, character: 0 }],
    ];
    for (const [position, expected] of cases) assert.deepEqual(boundRequest({ textDocument: { uri: document.uri }, position }, document).position, expected, JSON.stringify(position));
  });

  test('a range is clamped and ordered; ranges of context diagnostics too', () => {
    const bounded = boundRequest({ textDocument: { uri: document.uri }, range: { start: { line: 1e9, character: 0 }, end: { line: 0, character: 3 } }, context: { diagnostics: [{ range: { start: { line: 5e9, character: 0 }, end: { line: 1e300, character: 1 } }, message: 'x' }] } }, document);
    assert.deepEqual(bounded.range, { start: { line: 0, character: 3 }, end: { line: 2, character: 0 } });
    assert.deepEqual(bounded.context.diagnostics[0]!.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } });
  });

  test('formatting options: tabSize 1 to 32, booleans stay booleans', () => {
    const options = (o: unknown) => boundRequest({ textDocument: { uri: document.uri }, options: o }, document).options as { tabSize: number; insertSpaces: boolean; trimTrailingWhitespace?: boolean };
    assert.equal(options({ tabSize: 1e8, insertSpaces: true }).tabSize, MAX_TAB_SIZE);
    assert.equal(options({ tabSize: 0, insertSpaces: true }).tabSize, 4);
    assert.equal(options({ tabSize: -3 }).tabSize, 4);
    assert.equal(options({ tabSize: 2.5 }).tabSize, 2);
    assert.deepEqual(options({ tabSize: 2, insertSpaces: 'yes', trimTrailingWhitespace: 'no' }), { tabSize: 2, insertSpaces: true, trimTrailingWhitespace: false });
    assert.deepEqual(options(undefined), { tabSize: 4, insertSpaces: true });
  });

  test('without the document, positions are only made unsigned integers; other parameters pass as they came', () => {
    assert.deepEqual(boundRequest({ position: { line: 1e8, character: -2 } }).position, { line: 1e8, character: 0 });
    const params = { textDocument: { uri: 'x' }, newName: 'y' };
    assert.equal(boundRequest(params, document), params);
    assert.equal(boundRequest('oops'), 'oops');
  });
});

describe('judgeHeader', () => {
  test('a valid length is framed; a missing or non-numeric one is skipped; one that breaks the framing is fatal', () => {
    assert.deepEqual(judgeHeader('Content-Length: 52'), { length: 52 });
    assert.deepEqual(judgeHeader('content-length:7\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8'), { length: 7 });
    for (const header of ['Content-Type: x', 'Content-Length: abc', 'hello']) assert.equal((judgeHeader(header) as { fatal: boolean }).fatal, false, header);
    for (const header of ['Content-Length: -5', 'Content-Length: 1.5', 'Content-Length: 12abc', `Content-Length: ${MAX_MESSAGE_BYTES + 1}`]) assert.equal((judgeHeader(header) as { fatal: boolean }).fatal, true, header);
  });
});
