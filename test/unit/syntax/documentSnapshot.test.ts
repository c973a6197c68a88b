// DocumentSnapshot must answer exactly what TextDocument.create of the same text answers, for any argument,
// while taking its line table from the parser's `\n`-split line starts when the text has no lone `\r`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import { parseDockerfile } from '../../../server/src/service/syntax/parser';
import { DocumentSnapshot, hasLoneCarriageReturn } from '../../../server/src/service/syntax/documentSnapshot';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 500);
const URI = 'file:///snapshot/Dockerfile';

function snapshotOf(text: string, lineStarts: readonly number[] = parseDockerfile(text).lineStarts): DocumentSnapshot {
  return new DocumentSnapshot(URI, 'dockerfile', 3, text, lineStarts);
}

function libraryOf(text: string): TextDocument {
  return TextDocument.create(URI, 'dockerfile', 3, text);
}

/** The library's line starts, read through its public API. */
function libraryLineStarts(document: TextDocument): number[] {
  const starts: number[] = [];
  for (let line = 0; line < document.lineCount; line++) starts.push(document.offsetAt({ line, character: 0 }));
  return starts;
}

/** Every answer of a document on the arguments the property covers, collected so one comparison checks them all. */
function answers(document: TextDocument, ranges: readonly Range[]): unknown {
  const text = document.getText();
  const lineCount = document.lineCount;
  const positions: unknown[] = [];
  for (let offset = -2; offset <= text.length + 2; offset++) positions.push(document.positionAt(offset), document.positionAt(offset + 0.5));
  const offsets: unknown[] = [];
  const lines: unknown[] = [];
  for (let line = -1; line <= lineCount + 1; line++) {
    // Measured on the library's table, line break included, so characters run past the break too.
    const start = libraryOfSameText(text).offsetAt({ line, character: 0 });
    const next = line + 1 < lineCount ? libraryOfSameText(text).offsetAt({ line: line + 1, character: 0 }) : text.length;
    const length = line >= 0 && line < lineCount ? next - start : 0;
    for (let character = -1; character <= length + 3; character++) offsets.push(document.offsetAt({ line, character }));
    lines.push(document.getLineRange(line), document.getEOLCharacters(line));
  }
  return {
    uri: document.uri,
    languageId: document.languageId,
    version: document.version,
    text,
    lineCount,
    positions,
    offsets,
    lines,
    texts: ranges.map((range) => document.getText(range)),
  };
}

// One library document per text for the measurements above, so they do not depend on the class under test.
let measured: { text: string; document: TextDocument } | undefined;
function libraryOfSameText(text: string): TextDocument {
  if (measured?.text !== text) measured = { text, document: libraryOf(text) };
  return measured.document;
}

/** Compare the snapshot with the library on `text`, and check that the parser's table is left as it was. */
function assertSameAsLibrary(text: string, ranges: readonly Range[] = []): void {
  const lineStarts = parseDockerfile(text).lineStarts;
  const before = lineStarts.slice();
  const library = libraryOf(text);
  if (!hasLoneCarriageReturn(text)) assert.deepEqual(lineStarts, libraryLineStarts(library), 'parser and library line starts differ');
  assert.deepEqual(answers(snapshotOf(text, lineStarts), ranges), answers(library, ranges), JSON.stringify(text));
  assert.deepEqual(lineStarts, before, 'the parser line starts were changed');
}

const DOCKERFILE_LINES = [
  'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build',
  'RUN dotnet restore \\',
  '    && dotnet publish -c Release -o /app',
  'COPY <<EOF /app/run.sh',
  'EOF',
  '# syntax=docker/dockerfile:1',
  '# escape=`',
  'ENV A=1 B="two words"',
  '\t',
];

/** Pieces weighted towards line breaks, with a surrogate pair, a lone surrogate and a BOM in the mix. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('\r', '\n', '\r\n') },
  { weight: 4, arbitrary: fc.constantFrom('a', ' ', '\\', '`', '#', '=') },
  { weight: 1, arbitrary: fc.constantFrom('\uD83D\uDE00', '\uD83D', '\uFEFF') },
  { weight: 2, arbitrary: fc.constantFrom(...DOCKERFILE_LINES) },
);
const texts = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));
const coordinate = fc.integer({ min: -2, max: 50 });
const position = fc.record({ line: coordinate, character: coordinate });
const ranges = fc.array(fc.record({ start: position, end: position }), { maxLength: 8 });

describe('DocumentSnapshot', () => {
  test('answers as TextDocument.create does, on any text and any argument (property)', () => {
    fc.assert(
      fc.property(texts, ranges, (text, someRanges) => assertSameAsLibrary(text, someRanges)),
      { numRuns: RUNS },
    );
  });

  test('empty text: one empty line', () => {
    const snapshot = snapshotOf('');
    assert.equal(snapshot.lineCount, 1);
    assert.deepEqual(snapshot.positionAt(5), { line: 0, character: 0 });
    assert.equal(snapshot.offsetAt({ line: 3, character: 3 }), 0);
    assertSameAsLibrary('', [{ start: { line: 0, character: 0 }, end: { line: 9, character: 9 } }]);
  });

  test('final newline: one more, empty, line', () => {
    const snapshot = snapshotOf('FROM x\n');
    assert.equal(snapshot.lineCount, 2);
    assert.deepEqual(snapshot.positionAt(7), { line: 1, character: 0 });
    assert.equal(snapshot.offsetAt({ line: 0, character: 99 }), 6);
    assertSameAsLibrary('FROM x\n');
  });

  test('a lone \\r ends a line for the editor though not for the parser', () => {
    const text = 'FROM x\rRUN y\nCMD z';
    assert.equal(hasLoneCarriageReturn(text), true);
    assert.equal(parseDockerfile(text).lineStarts.length, 2);
    const snapshot = snapshotOf(text);
    assert.equal(snapshot.lineCount, 3);
    assert.deepEqual(snapshot.positionAt(8), { line: 1, character: 1 });
    assert.equal(snapshot.offsetAt({ line: 2, character: 0 }), 13);
    assertSameAsLibrary(text);
    assertSameAsLibrary('FROM x\r');
  });

  test('\\r\\n at the end, and offsets between \\r and \\n', () => {
    const text = 'FROM x\r\nRUN y\r\n';
    assert.equal(hasLoneCarriageReturn(text), false);
    const snapshot = snapshotOf(text);
    assert.equal(snapshot.lineCount, 3);
    assert.deepEqual(snapshot.positionAt(7), { line: 0, character: 6 }, 'between \\r and \\n: moved back before the \\r');
    assert.equal(snapshot.offsetAt({ line: 1, character: 6 }), 13);
    assert.equal(snapshot.getEOLCharacters(0), '\r\n');
    assertSameAsLibrary(text);
  });

  test('a BOM is a character of the first line', () => {
    const text = '\uFEFFFROM x\nRUN y';
    const snapshot = snapshotOf(text);
    assert.deepEqual(snapshot.positionAt(1), { line: 0, character: 1 });
    assert.equal(snapshot.offsetAt({ line: 1, character: 0 }), 8);
    assertSameAsLibrary(text);
  });

  test('non-integer and NaN arguments give what the library gives', () => {
    const text = 'FROM x\r\nRUN y\rCMD z\n';
    for (const document of [snapshotOf(text), libraryOf(text)]) {
      assert.deepEqual(document.positionAt(7.5), { line: 0, character: 6.5 }); // charCodeAt truncates: 6.5 reads the \r at 6, 5.5 the x
      assert.equal(document.offsetAt({ line: 0.5, character: 0 }), undefined);
      assert.ok(Number.isNaN(document.offsetAt({ line: 0.5, character: 2 })));
      assert.ok(Number.isNaN(document.positionAt(Number.NaN).character));
      assert.equal(document.offsetAt({ line: 1, character: 2.5 }), 10.5);
    }
  });

  test('without a lone \\r, the line table given is the one read', () => {
    const text = 'FROM x\r\nRUN y\n';
    let reads = 0;
    const counted = new Proxy(parseDockerfile(text).lineStarts, {
      get(target, key, receiver): unknown {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    assert.deepEqual(snapshotOf(text, counted).positionAt(9), { line: 1, character: 1 });
    assert.ok(reads > 0);
  });
});
