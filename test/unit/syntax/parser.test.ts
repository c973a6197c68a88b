// The parser's positions: argsMap, flag spans, words, heredocs, comments and directives, across
// continuation lines, CRLF, a BOM and the backtick escape. Every position comes from a `|` marker.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../../server/src/service/syntax/parser';
import type { Instruction, Span } from '../../../server/src/service/syntax/model';
import { markers } from './helpers';

function only(source: string): { instruction: Instruction; text: string; marks: number[] } {
  const { text, marks } = markers(source);
  const syntax = parseDockerfile(text);
  assert.equal(syntax.instructions.length, 1, 'one instruction');
  return { instruction: syntax.instructions[0]!, text, marks };
}

function span(start: number, end: number): Span {
  return { start, end };
}

describe('argsMap', () => {
  test('maps every argument offset across a continuation, keeping the next line’s indentation', () => {
    const { instruction, marks } = only('RUN |echo hello \\\n    |world|\n');
    assert.equal(instruction.args, 'echo hello     world');
    assert.equal(instruction.argsMap.toDocument(0), marks[0]);
    assert.equal(instruction.argsMap.toDocument(instruction.args.indexOf('world')), marks[1]);
    assert.equal(instruction.argsMap.toDocument(instruction.args.length), marks[2]);
    assert.deepEqual(instruction.argsSpan, span(marks[0]!, marks[2]!));
  });

  test('skips comment and blank lines inside the continuation', () => {
    const { instruction, text, marks } = only('RUN |apt-get update \\\n# a comment\n\n   |&& |rm x|\n');
    assert.equal(instruction.args, 'apt-get update    && rm x');
    assert.equal(instruction.argsMap.toDocument(instruction.args.indexOf('&&')), marks[1]);
    assert.equal(instruction.argsMap.toDocument(instruction.args.indexOf('rm')), marks[2]);
    assert.equal(instruction.argsMap.toDocument(instruction.args.length), marks[3]);
    assert.equal(text.slice(instruction.span.start, instruction.span.end), text.slice(0, marks[3]));
    assert.equal(instruction.startLine, 0);
    assert.equal(instruction.endLine, 3);
  });

  test('maps a token of an exec-form array split over lines', () => {
    const { instruction, marks } = only('CMD ["dotnet", \\\n     |"App.dll"]\n');
    assert.equal(instruction.form, 'exec');
    assert.deepEqual(instruction.execArgs, ['dotnet', 'App.dll']);
    assert.equal(instruction.argsMap.toDocument(instruction.args.indexOf('"App.dll"')), marks[0]);
  });

  test('clamps out-of-range offsets and places empty arguments after the keyword', () => {
    const { instruction, marks } = only('CMD|\n');
    assert.equal(instruction.form, 'none');
    assert.equal(instruction.args, '');
    assert.equal(instruction.argsMap.toDocument(0), marks[0]);
    assert.deepEqual(instruction.argsSpan, span(marks[0]!, marks[0]!));
    const other = only('USER |app|\n');
    assert.equal(other.instruction.argsMap.toDocument(-5), other.marks[0]);
    assert.equal(other.instruction.argsMap.toDocument(99), other.marks[1]);
    assert.equal(other.instruction.argsMap.toDocument(Number.NaN), other.marks[0]);
  });
});

describe('flags', () => {
  test('flag and value spans as written, across a continuation', () => {
    const { instruction, marks } = only('COPY |--from=|build| \\\n     |--chown=|"app user"| |. /app\n');
    assert.deepEqual(
      instruction.flags.map((f) => ({ name: f.name, value: f.value, span: f.span, valueSpan: f.valueSpan })),
      [
        { name: 'from', value: 'build', span: span(marks[0]!, marks[2]!), valueSpan: span(marks[1]!, marks[2]!) },
        { name: 'chown', value: 'app user', span: span(marks[3]!, marks[5]!), valueSpan: span(marks[4]!, marks[5]!) },
      ],
    );
    assert.equal(instruction.args, '. /app');
    assert.equal(instruction.argsSpan.start, marks[6]);
  });

  test('a bare flag has no value; `--` ends the flags', () => {
    const { instruction, marks } = only('COPY |--link| -- |--weird /dst\n');
    assert.deepEqual(instruction.flags, [{ name: 'link', value: undefined, span: span(marks[0]!, marks[1]!), valueSpan: undefined }]);
    assert.equal(instruction.args, '--weird /dst');
    assert.equal(instruction.argsSpan.start, marks[2]);
  });

  test('a flag value cut by a continuation is one value whose span covers both lines', () => {
    const { instruction, marks } = only('RUN |--mount=|type=cache,\\\ntarget=/root/.nuget| dotnet restore\n');
    assert.equal(instruction.flags[0]?.value, 'type=cache,target=/root/.nuget');
    assert.deepEqual(instruction.flags[0]?.span, span(marks[0]!, marks[2]!));
    assert.deepEqual(instruction.flags[0]?.valueSpan, span(marks[1]!, marks[2]!));
  });
});

describe('words and subcommands', () => {
  test('FROM words with their spans', () => {
    const { instruction, marks } = only('FROM |mcr.microsoft.com/dotnet/aspnet:10.0|   |AS| |final|\n');
    assert.deepEqual(instruction.words, [
      { text: 'mcr.microsoft.com/dotnet/aspnet:10.0', span: span(marks[0]!, marks[1]!) },
      { text: 'AS', span: span(marks[2]!, marks[3]!) },
      { text: 'final', span: span(marks[4]!, marks[5]!) },
    ]);
  });

  test('HEALTHCHECK: the type word is the subcommand, args/form describe the command after it', () => {
    const { instruction, marks } = only('HEALTHCHECK --interval=5s |CMD|  |["curl", "-f", "http://localhost/"]|\n');
    assert.deepEqual(instruction.subcommand, { text: 'CMD', span: span(marks[0]!, marks[1]!) });
    assert.equal(instruction.form, 'exec');
    assert.deepEqual(instruction.execArgs, ['curl', '-f', 'http://localhost/']);
    assert.deepEqual(instruction.argsSpan, span(marks[2]!, marks[3]!));
    assert.equal(only('HEALTHCHECK NONE\n').instruction.form, 'na');
    assert.equal(only('HEALTHCHECK CMD curl -f http://x\n').instruction.form, 'shell');
    assert.equal(only('HEALTHCHECK\n').instruction.form, 'none');
  });

  test('ONBUILD: the trigger is an instruction of its own with its own spans and form', () => {
    const { instruction, marks } = only('ONBUILD |run| |["dotnet", "build"]|\n');
    assert.equal(instruction.form, 'na');
    const trigger = instruction.onbuild!;
    assert.equal(trigger.keyword, 'run');
    assert.equal(trigger.name, 'RUN');
    assert.deepEqual(trigger.keywordSpan, span(marks[0]!, marks[1]!));
    assert.deepEqual(trigger.argsSpan, span(marks[2]!, marks[3]!));
    assert.equal(trigger.form, 'exec');
    assert.deepEqual(trigger.span, span(marks[0]!, marks[3]!));
  });

  test('lower-case and unknown keywords', () => {
    const { text, marks } = markers('|from| scratch\nRun echo\n|frobnicate| a b\n');
    const syntax = parseDockerfile(text);
    assert.deepEqual(
      syntax.instructions.map((i) => [i.keyword, i.name, i.form]),
      [
        ['from', 'FROM', 'na'],
        ['Run', 'RUN', 'shell'],
        ['frobnicate', 'FROBNICATE', 'na'],
      ],
    );
    assert.deepEqual(syntax.instructions[0]!.keywordSpan, span(marks[0]!, marks[1]!));
    assert.deepEqual(syntax.instructions[2]!.keywordSpan, span(marks[2]!, marks[3]!));
  });
});

describe('line endings, BOM and escape', () => {
  test('CRLF: the `\\r` is not part of any span, continuations still join', () => {
    const { text, marks } = markers('|FROM scratch|\r\nRUN |echo a \\\r\n  b|\r\n');
    const syntax = parseDockerfile(text);
    const [from, run] = syntax.instructions;
    assert.deepEqual(from!.span, span(marks[0]!, marks[1]!));
    assert.equal(run!.args, 'echo a   b');
    assert.deepEqual(run!.argsSpan, span(marks[2]!, marks[3]!));
    assert.equal(run!.span.end, marks[3]);
    assert.deepEqual([run!.startLine, run!.endLine], [1, 2]);
    assert.deepEqual(syntax.lineStarts, [0, text.indexOf('RUN'), text.indexOf('  b'), text.length]);
  });

  test('BOM: skipped before the directive, offsets stay document offsets', () => {
    const { text, marks } = markers('\uFEFF|# escape=`|\nFROM |a| `\n  |b|\n');
    const syntax = parseDockerfile(text);
    assert.equal(syntax.escape, '`');
    assert.deepEqual(syntax.directives.map((d) => [d.name, d.value, d.span]), [['escape', '`', span(marks[0]!, marks[1]!)]]);
    assert.deepEqual(
      syntax.instructions[0]!.words.map((w) => [w.text, w.span]),
      [
        ['a', span(marks[2]!, marks[3]!)],
        ['b', span(marks[4]!, marks[5]!)],
      ],
    );
  });

  test('backtick escape: the backslash is an ordinary character and a backtick continues the line', () => {
    const source = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN |dir C:\\ `\n    |&& echo hi|\nCOPY |--chown=a`"b| C:\\app\\ C:\\dst\\\n';
    const { text, marks } = markers(source);
    const syntax = parseDockerfile(text);
    const [, run, copy] = syntax.instructions;
    assert.equal(run!.args, 'dir C:\\     && echo hi');
    assert.equal(run!.argsMap.toDocument(run!.args.indexOf('&&')), marks[1]);
    assert.equal(run!.argsMap.toDocument(run!.args.length), marks[2]);
    assert.equal(copy!.flags[0]?.value, 'a"b');
    assert.deepEqual(copy!.flags[0]?.span, span(marks[3]!, marks[4]!));
    assert.deepEqual(
      copy!.words.map((w) => w.text),
      ['C:\\app\\', 'C:\\dst\\'],
    );
  });

  test('an escape directive after a comment is only a comment', () => {
    const syntax = parseDockerfile('# hello\n# escape=`\nFROM a `\n  b\n');
    assert.equal(syntax.escape, '\\');
    assert.deepEqual(syntax.directives, []);
    assert.deepEqual(
      syntax.comments.map((c) => c.text),
      ['hello', 'escape=`'],
    );
    assert.equal(syntax.instructions.length, 2);
  });
});

describe('comments and directives', () => {
  test('comments inside a continuation are kept with their spans and lines', () => {
    const { text, marks } = markers('FROM a\nRUN echo a \\\n    |# indented comment|\n|#plain|\n    b\n');
    const syntax = parseDockerfile(text);
    assert.deepEqual(syntax.comments, [
      { text: 'indented comment', span: span(marks[0]!, marks[1]!), line: 2 },
      { text: 'plain', span: span(marks[2]!, marks[3]!), line: 3 },
    ]);
    assert.equal(syntax.instructions[1]!.args, 'echo a     b');
  });

  test('directive errors: an invalid escape value and a repeated directive', () => {
    const { text, marks } = markers('# escape=|x|\n# escape=`\nFROM a\n');
    const syntax = parseDockerfile(text);
    assert.equal(syntax.directives[0]!.error, "invalid escape token 'x' does not match ` or \\");
    assert.deepEqual(syntax.directives[0]!.valueSpan, span(marks[0]!, marks[1]!));
    // BuildKit marks the key as seen before it validates the value, so a second try is a repeat.
    assert.equal(syntax.directives[1]!.error, 'only one escape parser directive can be used');
    assert.equal(syntax.escape, '\\');
    const repeated = parseDockerfile('# escape=`\n# ESCAPE = \\\nFROM a\n');
    assert.equal(repeated.directives[1]!.error, 'only one escape parser directive can be used');
    assert.equal(repeated.escape, '`');
  });
});

describe('heredocs', () => {
  test('bodies are raw, outside span, inside fullSpan', () => {
    const source = '|RUN <<EOF cat && cat <<-"END"|\n|# not a comment\nEOF|\n|\tbody $x\n\tEND|\n|USER app|\n';
    const { text, marks } = markers(source);
    const syntax = parseDockerfile(text);
    const [run, user] = syntax.instructions;
    assert.deepEqual(run!.span, span(marks[0]!, marks[1]!));
    assert.deepEqual(run!.fullSpan, span(marks[0]!, marks[5]!));
    assert.deepEqual(
      run!.heredocs.map((h) => [h.name, h.fd, h.expand, h.chomp, h.content, h.span]),
      [
        ['EOF', undefined, true, false, '# not a comment\n', span(marks[2]!, marks[3]!)],
        ['END', undefined, false, true, '\tbody $x\n', span(marks[4]!, marks[5]!)],
      ],
    );
    assert.deepEqual([run!.startLine, run!.endLine], [0, 4]);
    assert.deepEqual(user!.span, span(marks[6]!, marks[7]!));
    assert.deepEqual(syntax.comments, []);
  });

  test('an unterminated heredoc runs to the end of the file and is an error', () => {
    const syntax = parseDockerfile('FROM a\nCOPY <<EOF /dst\nline\n');
    const copy = syntax.instructions[1]!;
    assert.equal(copy.error, 'unterminated heredoc');
    assert.equal(copy.heredocs[0]?.content, 'line\n');
    assert.equal(copy.fullSpan.end, syntax.text.length);
  });

  test('no heredoc in JSON form or outside RUN/COPY/ADD', () => {
    const syntax = parseDockerfile('RUN ["cat", "<<EOF"]\nCMD cat <<EOF\nCOPY ["<<EOF", "/d"]\n');
    assert.deepEqual(
      syntax.instructions.map((i) => i.heredocs.length),
      [0, 0, 0],
    );
  });
});

describe('JSON decoding as Go does it', () => {
  test('a number Go cannot decode makes the array shell form, not an error', () => {
    const instruction = only('CMD ["a", 1e999]\n').instruction;
    assert.equal(instruction.form, 'shell');
    assert.equal(instruction.error, undefined);
  });

  test('a lone escaped surrogate decodes to U+FFFD', () => {
    assert.deepEqual(only('CMD ["\\ud800x"]\n').instruction.execArgs, ['\ufffdx']);
  });

  test('a non-string element is the BuildKit error, on the ONBUILD too', () => {
    const instruction = only('ONBUILD COPY ["a", true]\n').instruction;
    assert.equal(instruction.error, 'when using JSON array syntax, arrays must be comprised of strings only');
    assert.equal(instruction.onbuild?.error, instruction.error);
  });
});

describe('robustness', () => {
  test('a deep ONBUILD chain and a deep JSON array neither throw nor recurse without bound', () => {
    const chain = parseDockerfile('ONBUILD '.repeat(50_000) + 'RUN x\n');
    assert.equal(chain.instructions.length, 1);
    assert.match(chain.instructions[0]!.error ?? '', /nested/);
    const deep = parseDockerfile(`CMD ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    assert.equal(deep.instructions[0]!.form, 'shell'); // Go refuses nesting deeper than 10000
  });

  test('ENV without a value is the BuildKit parse error on that instruction', () => {
    assert.equal(only('ENV PATH\n').instruction.error, 'ENV must have two arguments');
    assert.match(only('LABEL a=b c\n').instruction.error ?? '', /can't find = in "c"/);
  });
});
