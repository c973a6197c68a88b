/**
 * End to end against the real /bin/sh: generated shell-form `CMD` lines go through the whole fix (parse,
 * code action, edit, parse again) and the JSON array our parser reads back must be exactly the argv sh
 * produces for the same text. Commands that need a shell must never get the plain rewrite.
 * The cases are generated with a fixed seed; all sh runs are batched into one process.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { apply, parse, service } from './fixHarness';

const SEED = 20261122;
const PLAIN_CASES = 1200;
const FEATURE_CASES = 600;
const IMAGE = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble';

// ---- generators -------------------------------------------------------------------------------------

const chars = (alphabet: string, min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...[...alphabet]), { minLength: min, maxLength: max }).map((a) => a.join(''));

/** Characters that are plain in an unquoted word, anywhere in it. */
const PLAIN = 'abcdeXYZ0189_./:,=+@%^-é日😀';
/** Characters that mean something to sh unquoted, and are literal in quotes. */
const SPECIAL = ` \t*?[]{}()<>;&|#~!$'"\`\\`;

const unquoted = chars(PLAIN, 1, 6);
const singleQuoted = chars(PLAIN + SPECIAL.replace("'", ''), 0, 8).map((s) => `'${s}'`);
const doubleQuotedPart = fc.oneof(
  chars(PLAIN + " \t*?[]{}()<>;&|#~!'", 1, 4),
  fc.constantFrom('\\"', '\\\\', '\\$', '\\`', '\\a', '\\n', '\\*', '$/', '$.', '$ ', '$,'),
);
const doubleQuoted = fc.array(doubleQuotedPart, { maxLength: 4 }).map((parts) => `"${parts.join('')}"`);
const escaped = fc.constantFrom(...[...` *?;&|'"$\\#~{}()<>![]ab\``].map((c) => `\\${c}`));
/** A literal `$` that starts no expansion. */
const lonelyDollar = fc.constantFrom('$/', '$.', '$,', '$:');
const part = fc.oneof({ arbitrary: unquoted, weight: 4 }, singleQuoted, doubleQuoted, escaped, lonelyDollar);

/** A word: parts glued together; a leading `#` or `~` would be a comment or a tilde, so an unquoted word starts plain. */
const word = fc
  .tuple(fc.oneof({ arbitrary: unquoted, weight: 3 }, singleQuoted, doubleQuoted, escaped), fc.array(part, { maxLength: 3 }))
  .map(([first, rest]) => first + rest.join(''))
  .filter((w) => !/^[#~]/.test(w));

const program = fc.constantFrom('dotnet', './app', '/app/My\\ App', '"/app/my app"', "'prog'", 'app.exe', 'x-y', '日本', 'p"q"r');
/** Between words: blanks, or a Dockerfile line continuation (a blank before it, so an escaped backslash cannot eat it). */
const separator = fc.oneof(
  { arbitrary: fc.constantFrom(' ', '  ', '\t', ' \t '), weight: 5 },
  fc.constantFrom(' \\\n', ' \\\n    ', '\t\\\n\t'),
);
const COMMENT = ' # a comment $HOME && | *';
const trailing = fc.oneof({ arbitrary: fc.constant(''), weight: 4 }, fc.constantFrom(' ', COMMENT, '\t'));

/** A shell-form command without shell features, as it is written after `CMD `. */
const plainCommand = fc
  .tuple(program, fc.array(fc.tuple(separator, word), { maxLength: 6 }), trailing)
  .map(([first, rest, end]) => first + rest.map(([s, w]) => s + w).join('') + end)
  // A line ending in a backslash and blanks continues the instruction for BuildKit (so sh never sees that
  // backslash); that is the parser's business, not a text for which sh and the Dockerfile agree.
  .filter((command) => !/\\[ \t]*$/.test(command));

const FEATURES = [
  '&& echo done', '|| true', '; x', '| sort', '&', '> out.txt', '2>&1', '< in.txt', '*.dll', 'a?b', '[ab]',
  '$(date)', '`date`', '$HOME', '${HOME}', '"$HOME"', '$1', '$@', '~/x', '(x)', '{a,b}', "$'x'", '"$(date)"', '<<EOF',
];
/** A command that only a shell can run as meant: a feature inserted among otherwise plain words. */
const featureCommand = fc
  .tuple(plainCommand, fc.constantFrom(...FEATURES), fc.constantFrom('CD=1 ', 'cd ', 'if ', 'export ', ''))
  .map(([command, feature, lead]) => (lead ? `${lead}${command}` : `${command.replace(COMMENT, '')} ${feature}`));

// ---- sh -----------------------------------------------------------------------------------------------

// `pa` prints its argument count and each argument, NUL-terminated: a record per command that cannot be confused.
const ARGV_PRINTER = `pa() { printf '%s\\0' "$#"; for a; do printf '%s\\0' "$a"; done; }\n`;

/** A directory with files every generated wildcard would match, so a glob sh expanded would show. */
let globDir = '';
before(() => {
  globDir = mkdtempSync(path.join(tmpdir(), 'exec-form-'));
  for (const name of ['a', 'b', 'ab', 'app.dll', 'x.dll', 'in.txt', 'p', '{a,b}']) writeFileSync(path.join(globDir, name), '');
});
after(() => rmSync(globDir, { recursive: true, force: true }));

/**
 * The argv `/bin/sh -c` gives each command: one sh process reads all of them on stdin (a `-c` argument has
 * a size limit) and evaluates each in a subshell, so one command cannot break the others.
 */
function argvFromSh(commands: readonly string[]): string[][] {
  const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
  const script = ARGV_PRINTER + commands.map((c) => `(eval ${quote(`pa ${c}`)}) || printf 'FAILED\\0'\n`).join('');
  const run = spawnSync('/bin/sh', ['-s'], { input: script, cwd: globDir, env: { PATH: '/usr/bin:/bin', HOME: '/home/test' }, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, run.stderr);
  const fields = run.stdout.split('\0');
  const records: string[][] = [];
  for (let i = 0; i < fields.length - 1; ) {
    assert.notEqual(fields[i], 'FAILED', `sh could not run command ${records.length}: ${JSON.stringify(commands[records.length])}`);
    const count = Number(fields[i]);
    records.push(fields.slice(i + 1, i + 1 + count));
    i += 1 + count;
  }
  assert.equal(records.length, commands.length);
  return records;
}

/**
 * The same command in a file with `# escape=\``: the continuations become backquotes, which BuildKit
 * removes before sh sees the text (so sh gets it without them). Undefined when a backquote would end a line.
 */
function withBacktickEscape(command: string): { dockerfile: string; sh: string } | undefined {
  if (/`[ \t]*$/m.test(command)) return undefined;
  return { dockerfile: command.replace(/\\\n/g, '`\n'), sh: command.replace(/\\\n/g, '') };
}

/** Runs the rewrite as a user would: cursor on the CMD, ask for code actions, apply the one offered. */
function rewriteCmd(command: string, header = ''): { offered: boolean; execArgs?: readonly string[]; text?: string } {
  const text = `${header}${IMAGE}\nCMD ${command}\n`;
  const model = parse(text);
  const cmd = model.syntax.instructions[1]!;
  assert.equal(cmd.form, 'shell', `generated CMD is not shell form: ${JSON.stringify(text)}`);
  const at = model.rangeOf(cmd.keywordSpan).start;
  const list = service.codeActions(model, { start: at, end: at }, { diagnostics: [], only: ['refactor.rewrite'] });
  if (list.length === 0) return { offered: false };
  assert.equal(list.length, 1);
  const result = apply(model, list[0]!);
  const reparsed = parse(result).syntax.instructions[1]!;
  assert.equal(reparsed.form, 'exec', `not exec form after the rewrite: ${JSON.stringify(result)}`);
  assert.equal(reparsed.error, undefined);
  return { offered: true, execArgs: reparsed.execArgs, text: result };
}

describe('exec-form rewrite agrees with /bin/sh', () => {
  test(`${PLAIN_CASES} generated commands without shell features: the JSON array is sh's argv`, () => {
    const commands = fc.sample(plainCommand, { seed: SEED, numRuns: PLAIN_CASES });
    const argv = argvFromSh(commands);
    let continued = 0;
    commands.forEach((command, i) => {
      if (command.includes('\\\n')) continued++;
      const rewrite = rewriteCmd(command);
      assert.ok(rewrite.offered, `no rewrite offered for ${JSON.stringify(command)}`);
      assert.deepEqual(rewrite.execArgs, argv[i], `CMD ${command}\nbecame ${rewrite.text}`);
    });
    // The generator really exercises continuation lines.
    assert.ok(continued > PLAIN_CASES / 10, `only ${continued} cases with continuation lines`);
  });

  test(`the same ${PLAIN_CASES} commands in a file with # escape=\``, () => {
    const cases = fc.sample(plainCommand, { seed: SEED, numRuns: PLAIN_CASES }).map(withBacktickEscape).filter((c) => c !== undefined);
    assert.ok(cases.length > PLAIN_CASES * 0.9);
    const argv = argvFromSh(cases.map((c) => c.sh));
    cases.forEach(({ dockerfile }, i) => {
      const rewrite = rewriteCmd(dockerfile, '# escape=`\n');
      assert.ok(rewrite.offered, `no rewrite offered for ${JSON.stringify(dockerfile)}`);
      assert.deepEqual(rewrite.execArgs, argv[i], `CMD ${dockerfile}\nbecame ${rewrite.text}`);
    });
  });

  test(`${FEATURE_CASES} generated commands with shell features: no plain rewrite`, () => {
    const commands = fc.sample(featureCommand, { seed: SEED + 1, numRuns: FEATURE_CASES });
    for (const command of commands) assert.equal(rewriteCmd(command).offered, false, `rewrite offered for ${JSON.stringify(command)}`);
  });
});
