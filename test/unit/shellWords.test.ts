import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { fixturesFolder } from '../helpers/fixtureFolders';
import {
  describeShellFeature,
  splitShellWords,
  toExecFormJson,
  type ShellFeature,
  type ShellSplitResult,
} from '../../server/src/service/shell/shellWords';

/** Removes the first `|` (the cursor marker) and returns the text and its offset. */
function marked(textWithMarker: string): { text: string; at: number } {
  const at = textWithMarker.indexOf('|');
  assert.ok(at >= 0, `no | marker in ${JSON.stringify(textWithMarker)}`);
  return { text: textWithMarker.slice(0, at) + textWithMarker.slice(at + 1), at };
}

function words(command: string, variables?: Record<string, string>): string[] {
  const result = splitShellWords(command, variables ? { variables: new Map(Object.entries(variables)) } : {});
  assert.ok(result.ok, `expected ${JSON.stringify(command)} to split, got ${JSON.stringify(result)}`);
  return result.words;
}

/** `textWithMarker` marks where the refused construct starts; for pipes the marker is the first `|`. */
function assertRefused(textWithMarker: string, reason: ShellFeature, text: string, variables?: Record<string, string>): void {
  const { text: command, at } = marked(textWithMarker);
  const result = splitShellWords(command, variables ? { variables: new Map(Object.entries(variables)) } : {});
  assert.ok(!result.ok, `expected ${JSON.stringify(command)} to be refused, got ${JSON.stringify(result)}`);
  assert.deepEqual({ reason: result.reason, at: result.at, text: result.text }, { reason, at, text }, command);
  assert.ok(result.detail.length > 10);
}

describe('splitShellWords: words', () => {
  test('splits on spaces and tabs, ignoring leading, trailing and repeated blanks', () => {
    assert.deepEqual(words('  dotnet \t app.dll   --urls\thttp://+:8080  '), ['dotnet', 'app.dll', '--urls', 'http://+:8080']);
  });
  test('the motivating example', () => {
    assert.deepEqual(words('dotnet app.dll --urls "http://+:8080"'), ['dotnet', 'app.dll', '--urls', 'http://+:8080']);
  });
  test('single quotes keep everything literally', () => {
    assert.deepEqual(words(`echo2 'a  $HOME \\ "x" * ; && ~ # \`b\`'`), ['echo2', 'a  $HOME \\ "x" * ; && ~ # `b`']);
  });
  test('double quotes: backslash escapes only $ ` " \\ and newline', () => {
    assert.deepEqual(words('p "\\$x \\` \\" \\\\ \\a \\n *; ~"'), ['p', '$x ` " \\ \\a \\n *; ~']);
    assert.deepEqual(words('p "a\\\nb"'), ['p', 'ab']);
    assert.deepEqual(words('p "line1\nline2"'), ['p', 'line1\nline2']);
  });
  test('backslash escapes any character outside quotes', () => {
    assert.deepEqual(words('p \\  a\\ b \\* \\; \\&\\& \\\\ \\\' \\" \\$HOME \\~ \\#'), ['p', ' ', 'a b', '*', ';', '&&', '\\', "'", '"', '$HOME', '~', '#']);
  });
  test('backslash-newline is removed, even between words and inside $NAME', () => {
    assert.deepEqual(words('p a\\\nb c \\\n d'), ['p', 'ab', 'c', 'd']);
    assert.deepEqual(words('p $AP\\\nP', { APP: 'x' }), ['p', 'x']);
  });
  test('adjacent quoted and unquoted parts form one word', () => {
    assert.deepEqual(words(`a"b c"'d'`), ['ab cd']);
    assert.deepEqual(words(`p --name="my app" x'y'"z"`), ['p', '--name=my app', 'xyz']);
  });
  test('empty quotes give empty arguments', () => {
    assert.deepEqual(words(`p "" '' a""`), ['p', '', '', 'a']);
  });
  test('# starts a comment only at the start of a word', () => {
    assert.deepEqual(words('p a#b "#" \\# # the rest && is ignored'), ['p', 'a#b', '#', '#']);
    assert.deepEqual(words('p # a comment ending in a backslash \\'), ['p']);
  });
  test('non-ASCII text is fine', () => {
    assert.deepEqual(words('dotnet app.dll --greeting "héllo wörld" 日本語 😀'), ['dotnet', 'app.dll', '--greeting', 'héllo wörld', '日本語', '😀']);
  });
  test('a $ that starts no expansion stays literal', () => {
    assert.deepEqual(words('p a$ "$" $ b a$/c "x$"'), ['p', 'a$', '$', '$', 'b', 'a$/c', 'x$']);
  });
  test('~ inside a word, ! after the command and trailing newlines are plain', () => {
    assert.deepEqual(words('p a~b ! x=y\n\n'), ['p', 'a~b', '!', 'x=y']);
  });
  test('a leading exec without options is dropped: the program is what runs', () => {
    assert.deepEqual(words('exec dotnet app.dll'), ['dotnet', 'app.dll']);
    assert.deepEqual(words('"exec" echo hi'), ['echo', 'hi']);
  });
});

describe('splitShellWords: variables', () => {
  const variables = { APP: 'app.dll', DIR: '/my app', EMPTY: '', STAR: '*', UNI: 'ünï' };
  test('inlines known variables inside double quotes, whatever the value', () => {
    const result = splitShellWords('dotnet "$DIR/${APP}" "$EMPTY" "$STAR"', { variables: new Map(Object.entries(variables)) });
    assert.deepEqual(result, { ok: true, words: ['dotnet', '/my app/app.dll', '', '*'], inlinedVariables: ['DIR', 'APP', 'EMPTY', 'STAR'] });
  });
  test('inlines unquoted variables whose value cannot split or glob', () => {
    const result = splitShellWords('dotnet $APP ${UNI}x $APP', { variables: new Map(Object.entries(variables)) });
    assert.deepEqual(result, { ok: true, words: ['dotnet', 'app.dll', 'ünïx', 'app.dll'], inlinedVariables: ['APP', 'UNI'] });
  });
  test('an unquoted empty expansion removes the word, unless something else is in it', () => {
    assert.deepEqual(words('p $EMPTY a$EMPTY "" $EMPTY', variables), ['p', 'a', '']);
  });
  test('refuses unquoted values with blanks or wildcards', () => {
    assertRefused('dotnet |$DIR', 'parameter-expansion', '$DIR', variables);
    assertRefused('dotnet x|${STAR}', 'parameter-expansion', '${STAR}', variables);
  });
  test('refuses unknown names and anything but $NAME / ${NAME}', () => {
    assertRefused('dotnet |$HOME/app.dll', 'parameter-expansion', '$HOME', variables);
    assertRefused('dotnet "|${APP:-x}"', 'parameter-expansion', '${APP:-x}', variables);
    assertRefused('dotnet |${#APP}', 'parameter-expansion', '${#APP}', variables);
    assertRefused('dotnet |${APP', 'parameter-expansion', '${APP', variables);
  });
});

describe('splitShellWords: refusals', () => {
  const cases: Array<[string, ShellFeature, string]> = [
    ['dotnet app.dll |&& echo done', 'and-list', '&&'],
    // The marker is the first `|`, so `|||` is the marker followed by `||`, and `||` a marked pipe.
    ['dotnet app.dll ||| echo failed', 'or-list', '||'],
    ['dotnet app.dll || wc -l', 'pipe', '|'],
    ['dotnet app.dll|; echo', 'sequence', ';'],
    ['dotnet app.dll |&', 'background', '&'],
    ['dotnet app.dll |&>log', 'redirection', '&>'],
    ['dotnet app.dll |< in', 'redirection', '<'],
    ['dotnet app.dll |>out', 'redirection', '>'],
    ['dotnet app.dll |>> out', 'redirection', '>>'],
    ['dotnet app.dll |2>&1', 'redirection', '2>&1'],
    ['dotnet app.dll x|>&2', 'redirection', '>&2'],
    ['dotnet app.dll |<> f', 'redirection', '<>'],
    ['dotnet app.dll |>| f', 'redirection', '>|'],
    ['cat |<<EOF', 'heredoc', '<<'],
    ['cat |<<-EOF', 'heredoc', '<<-'],
    ['dotnet app.dll |(x)', 'subshell', '('],
    ['dotnet app.dll x|)', 'subshell', ')'],
    ['|{ dotnet app.dll; }', 'braces', '{'],
    ['dotnet app.dll a|{b,c}', 'braces', '{'],
    ['dotnet |*.dll', 'glob', '*'],
    ['dotnet app|?.dll', 'glob', '?'],
    ['dotnet app|[12].dll', 'glob', '['],
    ['|[ -f x ]', 'glob', '['],
    ['dotnet |$(cat args)', 'command-substitution', '$('],
    ['dotnet "|`cat args`"', 'command-substitution', '`'],
    ['dotnet |$((1 + 2))', 'arithmetic', '$(('],
    ['dotnet "|$[1 + 2]"', 'arithmetic', '$['],
    ['dotnet |$1', 'parameter-expansion', '$1'],
    ['dotnet "|$@"', 'parameter-expansion', '$@'],
    ['dotnet |$?', 'parameter-expansion', '$?'],
    ['dotnet |$$', 'parameter-expansion', '$$'],
    ["dotnet |$'\\n'", 'ansi-c-quote', "$'"],
    ['dotnet |$"msg"', 'ansi-c-quote', '$"'],
    ['dotnet |~', 'tilde', '~'],
    ['dotnet |~/app.dll', 'tilde', '~'],
    ['dotnet --home=|~/x', 'tilde', '~'],
    ['dotnet --path=a:|~/x', 'tilde', '~'],
    ['|FOO=bar dotnet app.dll', 'assignment', 'FOO=bar'],
    ['|if true; then x; fi', 'reserved-word', 'if'],
    ['|! dotnet app.dll', 'reserved-word', '!'],
    ['|while x', 'reserved-word', 'while'],
    ['|cd /app', 'builtin', 'cd'],
    ['|export A=b', 'builtin', 'export'],
    ['|. ./env.sh', 'builtin', '.'],
    ['|source ./env.sh', 'builtin', 'source'],
    ['|eval "$X"', 'builtin', 'eval'],
    ['|test -f x', 'builtin', 'test'],
    ['|set -e', 'builtin', 'set'],
    ['|echo hello', 'builtin', 'echo'],
    ['|exec', 'builtin', 'exec'],
    ['|exec -a name dotnet', 'builtin', 'exec'],
    ["dotnet |'app.dll", 'unterminated-quote', "'"],
    ['dotnet |"app.dll \\"', 'unterminated-quote', '"'],
    ['dotnet app.dll |\\', 'trailing-backslash', '\\'],
    ['dotnet app.dll|\nnext', 'newline', '\n'],
    ['|', 'empty-command', ''],
    ['|   \t ', 'empty-command', ''],
    ['|# only a comment', 'empty-command', ''],
  ];
  for (const [textWithMarker, reason, text] of cases) {
    test(`${reason}: ${JSON.stringify(marked(textWithMarker).text)}`, () => assertRefused(textWithMarker, reason, text));
  }
  test('reports the first construct in text order', () => {
    assertRefused('dotnet a|;b && c', 'sequence', ';');
    assertRefused('|cd /app && dotnet app.dll', 'builtin', 'cd');
  });
  test('escaped or quoted, the same characters are plain arguments', () => {
    assert.deepEqual(words(`p "a && b" 'c | d' \\; \\( \\) \\{ \\} '*' "?" \\[ '~' "2>&1"`), ['p', 'a && b', 'c | d', ';', '(', ')', '{', '}', '*', '?', '[', '~', '2>&1']);
    // Keywords, builtins and assignments only matter as the command word.
    assert.deepEqual(words('p if then cd FOO=bar "{" exec'), ['p', 'if', 'then', 'cd', 'FOO=bar', '{', 'exec']);
  });
});

describe('toExecFormJson', () => {
  test('renders JSON strings joined by ", " and keeps non-ASCII as is', () => {
    assert.equal(toExecFormJson(['dotnet', 'app.dll', '--urls', 'http://+:8080']), '["dotnet", "app.dll", "--urls", "http://+:8080"]');
    assert.equal(toExecFormJson(['p', 'héllo 日本', 'a"b', 'c\\d', 'e\nf', '\u0001']), '["p", "héllo 日本", "a\\"b", "c\\\\d", "e\\nf", "\\u0001"]');
    assert.equal(toExecFormJson([]), '[]');
  });
  test('round-trips any words through JSON.parse', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary' })), (ws) => assert.deepEqual(JSON.parse(toExecFormJson(ws)), ws)));
  });
});

/** Every refusal reason: a Record over the union, so a new reason fails to compile here until it is listed. */
const SHELL_FEATURE_SET: Record<ShellFeature, true> = {
  'and-list': true, 'or-list': true, sequence: true, newline: true, pipe: true, background: true, redirection: true,
  heredoc: true, subshell: true, braces: true, glob: true, 'command-substitution': true, arithmetic: true,
  'parameter-expansion': true, 'ansi-c-quote': true, tilde: true, assignment: true, 'reserved-word': true,
  builtin: true, 'unterminated-quote': true, 'trailing-backslash': true, 'empty-command': true,
};
const SHELL_FEATURES = Object.keys(SHELL_FEATURE_SET) as ShellFeature[];

describe('describeShellFeature', () => {
  test('names the construct when given its text', () => {
    assert.equal(describeShellFeature('and-list', '&&'), "uses '&&'");
    assert.equal(describeShellFeature('parameter-expansion', '$HOME'), "expands '$HOME'");
    assert.equal(describeShellFeature('builtin', 'cd'), "runs the shell builtin 'cd'");
    assert.equal(describeShellFeature('redirection', '2>&1'), "redirects with '2>&1'");
  });
  test('has a distinct phrase for every feature, with and without text', () => {
    const phrases = SHELL_FEATURES.map((reason) => describeShellFeature(reason));
    assert.equal(new Set(phrases).size, SHELL_FEATURES.length);
    for (const reason of SHELL_FEATURES) assert.match(describeShellFeature(reason, 'x'), /^[a-z]/);
  });
  test('describes the result of a real refusal', () => {
    const result = splitShellWords('dotnet app.dll > log.txt');
    assert.ok(!result.ok);
    assert.equal(describeShellFeature(result.reason, result.text), "redirects with '>'");
  });
});

// ---------------------------------------------------------------------------------------------------
// Conformance with the real /bin/sh: every accepted command must give exactly the argv sh gives.
// ---------------------------------------------------------------------------------------------------

/** The shell to agree with: /bin/sh, or another via SHELLWORDS_SH (e.g. /bin/bash, which plays sh on Azure Linux). */
const SHELL = process.env.SHELLWORDS_SH ?? '/bin/sh';

const SH_VARIABLES: Record<string, string> = {
  V_PLAIN: 'app.dll',
  V_SPACE: 'a b',
  V_EMPTY: '',
  V_GLOB: '*',
  V_UNI: 'é日本',
  V_BS: 'a\\b',
  V_TILDE: '~',
};
const SPLIT_OPTIONS = { variables: new Map(Object.entries(SH_VARIABLES)) };

// `p` prints its argument count and then each argument, all NUL-terminated, so records cannot be confused.
const ARGV_PRINTER = `p() { printf '%s\\0' "$#"; for a; do printf '%s\\0' "$a"; done; }\n`;

/** A directory full of files so that any wildcard sh expands would change the argv visibly. */
let globDir = '';
before(() => {
  globDir = mkdtempSync(path.join(tmpdir(), 'shellwords-'));
  for (const name of ['a', 'b', 'ab', 'app.dll', 'é', '日本', 'x=y', '[', ']', '{a,b}', '-', '0', '1', 'p']) {
    writeFileSync(path.join(globDir, name), '');
  }
});
after(() => rmSync(globDir, { recursive: true, force: true }));

/**
 * Runs `p <command>` for each command in one /bin/sh process. Returns the argv per command, or
 * undefined if the batch did not run through (then each command is run alone to find the culprit).
 */
function argvFromSh(commands: readonly string[]): string[][] | undefined {
  const script = ARGV_PRINTER + commands.map((c) => `p ${c}\n`).join('');
  const run = spawnSync(SHELL, ['-c', script], {
    cwd: globDir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/home/conformance', ...SH_VARIABLES },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) return undefined;
  const fields = run.stdout.split('\0');
  const records: string[][] = [];
  let i = 0;
  while (i < fields.length - 1) {
    const count = Number(fields[i]);
    if (!Number.isInteger(count) || i + 1 + count > fields.length - 1) return undefined;
    records.push(fields.slice(i + 1, i + 1 + count));
    i += 1 + count;
  }
  return records.length === commands.length ? records : undefined;
}

/** What the program receives: `exec prog args` (accepted only without options) hands argv to `prog`. */
function programArgv(shArgs: string[]): string[] {
  return shArgs[0] === 'exec' ? shArgs.slice(1) : shArgs;
}

interface Tally {
  accepted: number;
  refused: number;
  reasons: Map<ShellFeature, number>;
}

/** Splits every command, runs the accepted ones through sh and throws on the first disagreement. */
function assertAgreesWithSh(commands: readonly string[], tally: Tally): void {
  const accepted: Array<{ command: string; words: string[] }> = [];
  for (const command of commands) {
    const result: ShellSplitResult = splitShellWords(command, SPLIT_OPTIONS);
    if (result.ok) {
      tally.accepted++;
      accepted.push({ command, words: result.words });
    } else {
      tally.refused++;
      tally.reasons.set(result.reason, (tally.reasons.get(result.reason) ?? 0) + 1);
    }
  }
  if (accepted.length === 0) return;
  const batch = argvFromSh(accepted.map((a) => a.command));
  accepted.forEach(({ command, words: ours }, index) => {
    const shArgs = batch ? batch[index] : argvFromSh([command])?.[0];
    assert.ok(shArgs, `${SHELL} could not run the accepted command ${JSON.stringify(command)}`);
    assert.deepEqual(ours, programArgv(shArgs), `splitShellWords disagrees with ${SHELL} on ${JSON.stringify(command)}`);
  });
}

function summary(tally: Tally, started: number): string {
  const total = tally.accepted + tally.refused;
  const reasons = [...tally.reasons].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ');
  return `${total} commands: ${tally.accepted} accepted (${((100 * tally.accepted) / total).toFixed(1)}%), ` +
    `${tally.refused} refused; ${Date.now() - started} ms. Refusals: ${reasons}`;
}

const ALPHABET = [
  'a', 'b', 'x', '0', '1', ' ', ' ', '\t', '\n', '\r', '"', "'", '\\', '$', '`', '*', '?', '[', ']', ';', '&', '|',
  '#', '~', '=', ':', '(', ')', '{', '}', '<', '>', '!', '-', '%', ',', '.', '/', '^', '@', '+', 'é', '日', '😀',
];
const anyChar = fc.constantFrom(...ALPHABET);
const plainWord = fc.constantFrom(
  'dotnet', 'app.dll', '--urls', 'http://+:8080', 'a', 'b', 'x=y', '-e', 'é', '日本語', '😀', '%', '@', '!', 'exec',
  'a=b:c', '--x=1', '.', '/app/x', '^', ',', '-', '0', 'p#q',
);
const blank = fc.constantFrom(' ', '  ', '\t', ' \t ');
const singleQuoted = fc.array(anyChar, { maxLength: 6 }).map((cs) => `'${cs.join('').replaceAll("'", '')}'`);
const insideDoubleQuotes = fc.oneof(
  { weight: 6, arbitrary: anyChar.filter((c) => c !== '"' && c !== '`') },
  { weight: 2, arbitrary: fc.constantFrom('\\"', '\\\\', '\\$', '\\`', '\\a', '\\\n', '$V_PLAIN', '${V_SPACE}', '$V_EMPTY', '$V_BS', '$V_TILDE', '$x', '$') },
);
const doubleQuoted = fc.array(insideDoubleQuotes, { maxLength: 6 }).map((parts) => `"${parts.join('')}"`);
const escaped = anyChar.map((c) => `\\${c}`);
const variable = fc.constantFrom(
  '$V_PLAIN', '${V_PLAIN}', '$V_SPACE', '$V_EMPTY', '${V_EMPTY}', '$V_GLOB', '$V_UNI', '$V_BS', '$V_TILDE', '$HOME', '$1', '${V_PLAIN:-x}',
);
const piece = fc.oneof(
  { weight: 8, arbitrary: plainWord },
  { weight: 10, arbitrary: blank },
  { weight: 3, arbitrary: singleQuoted },
  { weight: 3, arbitrary: doubleQuoted },
  { weight: 3, arbitrary: escaped },
  { weight: 2, arbitrary: variable },
  { weight: 2, arbitrary: anyChar },
);
const randomCommand = fc.array(piece, { minLength: 1, maxLength: 10 }).map((pieces) => pieces.join(''));

const BATCH = 100;

describe('conformance with /bin/sh', () => {
  test('random commands: every accepted split equals the argv /bin/sh produces', (t) => {
    const runs = Number(process.env.SHELLWORDS_RUNS ?? 10000);
    const tally: Tally = { accepted: 0, refused: 0, reasons: new Map() };
    const started = Date.now();
    fc.assert(
      fc.property(fc.array(randomCommand, { minLength: BATCH, maxLength: BATCH }), (commands) => assertAgreesWithSh(commands, tally)),
      { numRuns: Math.ceil(runs / BATCH) },
    );
    t.diagnostic(`${SHELL} is ${realpathSync(SHELL)}; ${summary(tally, started)}`);
    // The proof only means something if a good share of the commands is actually compared with sh.
    assert.ok(tally.accepted / (tally.accepted + tally.refused) >= 0.35, summary(tally, started));
  });

  test('shell-form CMD/ENTRYPOINT/RUN lines from the corpus agree with /bin/sh', (t) => {
    const commands = corpusShellFormCommands(fixturesFolder);
    const tally: Tally = { accepted: 0, refused: 0, reasons: new Map() };
    const started = Date.now();
    assertAgreesWithSh(commands, tally);
    t.diagnostic(summary(tally, started));
    assert.ok(tally.accepted >= 20, `expected real commands to be accepted: ${summary(tally, started)}`);
  });
});

/**
 * Crude extraction: single-line shell-form CMD/ENTRYPOINT/RUN instructions (not JSON, not continued,
 * not a continuation of the line before), with RUN's `--flag=value` options removed as BuildKit does.
 */
function corpusShellFormCommands(root: string): string[] {
  const commands = new Set<string>();
  for (const file of listFiles(root)) {
    if (/\.(md|tsv)$/.test(file) || /^LICENSE/.test(path.basename(file))) continue;
    const lines = readFileSync(file, 'utf8').split('\n').map((line) => line.replace(/\r$/, ''));
    const escapeChar = /^#\s*escape\s*=\s*`/im.test(lines.slice(0, 5).join('\n')) ? '`' : '\\';
    lines.forEach((line, index) => {
      const previous = lines[index - 1] ?? '';
      if (previous.trimEnd().endsWith(escapeChar) || line.trimEnd().endsWith(escapeChar)) return;
      const match = /^\s*(CMD|ENTRYPOINT|RUN)\s+(.*)$/i.exec(line);
      if (!match) return;
      let body = match[2].trim();
      if (match[1].toUpperCase() === 'RUN') body = body.replace(/^(--[a-z-]+(=\S*)?\s+)+/, '');
      if (body === '' || body.startsWith('[')) return;
      commands.add(body);
    });
  }
  return [...commands];
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}
