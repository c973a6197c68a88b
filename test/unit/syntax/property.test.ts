// Property tests: whatever the text, the parser does not throw, every span lies inside the text, and
// argsMap is monotonic, in range, and lands on the very character it maps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDockerfile } from '../../../server/src/service/syntax/parser';
import type { DockerfileSyntax, Instruction, Span } from '../../../server/src/service/syntax/model';

/** Pieces that steer random text into the parser's interesting paths. */
const TOKENS = [
  'FROM', 'from', 'RUN', 'Run', 'COPY', 'ADD', 'CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME', 'HEALTHCHECK', 'NONE',
  'ONBUILD', 'ENV', 'LABEL', 'ARG', 'EXPOSE', 'USER', 'FOO', ' ', '  ', '\t', '\v', '\f', '\n', '\n', '\r\n', '\r',
  '\\', '\\', '`', '#', '# escape=`', '# escape=\\', '# syntax=x', '# check=skip=all', '[', ']', '"', "'", ',',
  '=', '--', '--from=', '--mount=type=cache', '<<', '<<-', '<< ', 'EOF', '\tEOF', '3<<', '$', '${', '}', 'a',
  'b c', '["a", "b"]', '1e999', 'true', 'null', '\u00a0', '\u0085', '\uFEFF', '\ud800', '😀', 'é',
];
const KEYWORDS = ['FROM', 'RUN', 'run', 'COPY', 'ADD', 'CMD', 'ENTRYPOINT', 'SHELL', 'VOLUME', 'HEALTHCHECK', 'ONBUILD', 'ONBUILD RUN', 'ENV', 'LABEL', 'ARG', 'EXPOSE', 'USER', 'FOO'];
const ARGUMENTS = [
  'a', 'b/c', '--link', '--from=build', '--mount="type=cache,target=/x"', "--chown='a b'", '--', '--x=\\"', '["a", "b"]',
  '[ "a",', '"b" ]', '["a", 1]', '[1e999]', '[]', '"x y"', "'q'", '<<EOF', '<<-EOF', '3<<"EOF"', '<< EOF', 'a<<EOF',
  'CMD', 'NONE', 'k=v', 'k="v w"', '$x', '${x}', '#', '\u00a0', '😀',
];
const LINE_ENDS = ['', '', ' ', ' \\', '\\', ' \\ \t', '\\\\', ' `', '\t'];

/** One physical line: an instruction start, a continuation, a comment, a blank, a heredoc terminator or noise. */
const lineArbitrary = fc.oneof(
  fc
    .tuple(fc.constantFrom('', ' ', '\t'), fc.constantFrom(...KEYWORDS), fc.array(fc.constantFrom(...ARGUMENTS), { maxLength: 6 }), fc.constantFrom(...LINE_ENDS))
    .map(([indent, keyword, args, end]) => `${indent}${[keyword, ...args].join(' ')}${end}`),
  fc
    .tuple(fc.constantFrom('', '    ', '\t'), fc.array(fc.constantFrom(...ARGUMENTS), { maxLength: 4 }), fc.constantFrom(...LINE_ENDS))
    .map(([indent, args, end]) => `${indent}${args.join(' ')}${end}`),
  fc.constantFrom('# comment', '  # indented \\', '#', '# escape=`', '# syntax=docker/dockerfile:1', '', '   ', 'EOF', '\tEOF', '\\'),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 10 }).map((parts) => parts.join('')),
);

const dockerfileLike = fc
  .array(fc.tuple(lineArbitrary, fc.constantFrom('\n', '\n', '\r\n')), { maxLength: 25 })
  .map((lines) => lines.map(([line, newline]) => line + newline).join(''));
const anyText = fc.string({ unit: 'binary', maxLength: 200 });

function checkSpan(text: string, span: Span | undefined, what: string): void {
  if (span === undefined) return;
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: integer offsets`);
  assert.ok(0 <= span.start && span.start <= span.end && span.end <= text.length, `${what}: ${span.start}..${span.end} in 0..${text.length}`);
}

function checkInstruction(text: string, instruction: Instruction): void {
  const { name } = instruction;
  checkSpan(text, instruction.span, `${name} span`);
  checkSpan(text, instruction.fullSpan, `${name} fullSpan`);
  checkSpan(text, instruction.keywordSpan, `${name} keywordSpan`);
  checkSpan(text, instruction.argsSpan, `${name} argsSpan`);
  assert.ok(instruction.fullSpan.start === instruction.span.start && instruction.fullSpan.end >= instruction.span.end, 'fullSpan covers span');
  assert.ok(instruction.startLine <= instruction.endLine, 'lines in order');
  for (const flag of instruction.flags) {
    checkSpan(text, flag.span, `${name} flag`);
    checkSpan(text, flag.valueSpan, `${name} flag value`);
  }
  for (const word of instruction.words) {
    assert.ok(word.text.length > 0, 'no empty word');
    checkSpan(text, word.span, `${name} word`);
  }
  checkSpan(text, instruction.subcommand?.span, `${name} subcommand`);
  for (const heredoc of instruction.heredocs) checkSpan(text, heredoc.span, `${name} heredoc`);

  const { args, argsMap } = instruction;
  let previous = -1;
  for (let i = 0; i <= args.length; i++) {
    const offset = argsMap.toDocument(i);
    assert.ok(offset >= previous, `argsMap monotonic at ${i}`);
    assert.ok(0 <= offset && offset <= text.length, `argsMap in range at ${i}`);
    if (i < args.length) assert.equal(text[offset], args[i], `argsMap(${i}) lands on the same character`);
    previous = offset;
  }
  if (instruction.onbuild) checkInstruction(text, instruction.onbuild);
}

function checkSyntax(text: string, syntax: DockerfileSyntax): void {
  assert.equal(syntax.text, text);
  for (const directive of syntax.directives) {
    checkSpan(text, directive.span, 'directive');
    checkSpan(text, directive.valueSpan, 'directive value');
  }
  for (const comment of syntax.comments) {
    checkSpan(text, comment.span, 'comment');
    assert.equal(text[comment.span.start], '#', 'a comment starts with #');
  }
  let previousEnd = 0;
  for (const instruction of syntax.instructions) {
    assert.ok(instruction.span.start >= previousEnd, 'instructions do not overlap');
    previousEnd = instruction.fullSpan.end;
    checkInstruction(text, instruction);
  }
  for (let i = 1; i < syntax.lineStarts.length; i++) assert.ok(syntax.lineStarts[i]! > syntax.lineStarts[i - 1]!);
}

test('Dockerfile-like text: never throws, spans in range, argsMap exact', () => {
  fc.assert(
    fc.property(dockerfileLike, (text) => checkSyntax(text, parseDockerfile(text))),
    { numRuns: 3000 },
  );
});

test('arbitrary text: never throws, spans in range, argsMap exact', () => {
  fc.assert(
    fc.property(anyText, (text) => checkSyntax(text, parseDockerfile(text))),
    { numRuns: 2000 },
  );
});
