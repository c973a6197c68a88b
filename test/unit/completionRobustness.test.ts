/**
 * Completion and hover never throw, whatever the text and position, and every completion edit is what
 * LSP requires: a single-line range that contains the position.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { testService } from '../helpers/service';

const service = testService();

/** Pieces that steer random texts into the corners completion and hover care about. */
const FRAGMENTS = [
  'FROM ', 'from ', 'FROM --platform=', '$BUILDPLATFORM ', 'mcr.microsoft.com/dotnet/', 'aspnet', 'sdk', 'nightly/', ':', '10.0', '-', 'noble',
  'chiseled', 'alpine', '11.0-preview', '@sha256:', ' AS ', 'build', '\n', '\\\n', 'COPY --from=', 'RUN --mount=type=cache,from=', ',target=/x',
  'ARG TAG=', '${TAG}', '${', '$', '"', "'", ' ', '\t', '#', 'ONBUILD ', '<<EOF\n', 'EOF\n', 'é', '😀', '\r\n', '=', '/',
];

const pieces = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 })), { maxLength: 12 }).map((parts) => parts.join(''));
/** Starts that put the cursor where images are typed more often than chance would. */
const STARTS = ['', 'FROM ', 'FROM mcr.microsoft.com/dotnet/', 'FROM mcr.microsoft.com/dotnet/aspnet:', 'FROM --platform=', 'FROM a AS b\nCOPY --from=', 'ARG T=\nFROM mcr.microsoft.com/dotnet/sdk:${T}\nARG X=1\n'];
/** A text and a cursor offset: either anywhere, or right after a start and some typing. */
const cases = fc.tuple(fc.constantFrom(...STARTS), pieces, pieces, fc.nat(), fc.boolean()).map(([start, typed, rest, at, anywhere]) => {
  const text = start + typed + rest;
  return { text, offset: anywhere ? at % (text.length + 2) : start.length + typed.length };
});

test('completion and hover never throw and completion edits contain the position', () => {
  let withItems = 0;
  let withHover = 0;
  fc.assert(
    fc.property(cases, ({ text, offset }) => {
      const document = TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text);
      const model = service.parse(document);
      const position = document.positionAt(offset); // clamps an offset past the end
      const list = service.complete(model, position);
      assert.equal(list.isIncomplete, false);
      if (list.items.length > 0) withItems++;
      for (const item of list.items) {
        const edit = item.textEdit;
        assert.ok(edit && 'range' in edit, 'every item carries a TextEdit');
        const { start, end } = edit.range;
        assert.ok(start.line === position.line && end.line === position.line, `single-line range on the cursor line for ${item.label}`);
        assert.ok(start.character <= position.character && position.character <= end.character, `range contains the cursor for ${item.label}`);
      }
      const hover = service.hover(model, position);
      if (hover) {
        withHover++;
        assert.ok(hover.range && typeof hover.contents === 'object');
      }
    }),
    { numRuns: 1500 },
  );
  // The fragments must actually reach completion and hover, or the property proves nothing.
  assert.ok(withItems > 50, `only ${withItems} runs completed something`);
  assert.ok(withHover > 10, `only ${withHover} runs hovered something`);
});

test('positions that are not an image answer empty at once, also in a very long file', () => {
  const lines = ['FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build'];
  for (let i = 0; i < 5000; i++) lines.push(`RUN echo ${i}`);
  const text = lines.join('\n');
  const document = TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text);
  const model = service.parse(document);
  const started = performance.now();
  for (let line = 1; line < 5000; line += 50) {
    assert.deepEqual(service.complete(model, { line, character: 5 }).items, []);
    assert.equal(service.hover(model, { line, character: 5 }), null);
  }
  assert.ok(performance.now() - started < 500, 'a hundred requests on other lines take well under a second');
});
