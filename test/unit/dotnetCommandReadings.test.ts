/**
 * The `dotnet` calls of a RUN are read once per text and variable values, across versions and stages
 * (document/dotnetCommands.ts): a reading is reused only where every variable it read has the same value, and a
 * reused call is about the stage and instruction it is found in now.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { testService } from '../helpers/service';
import { buildFor } from '../helpers/build';

const service = testService();
const parse = (text: string, version = 1) => service.parse(TextDocument.create('file:///readings/Dockerfile', 'dockerfile', version, text));

const RUN = 'RUN dotnet publish App.csproj -o $OUT -r linux-$ARCH';
const TEXT = [
  'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS a',
  'ARG OUT=/app/a',
  'ARG ARCH=x64',
  RUN,
  'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS b',
  'ARG OUT=/app/b',
  'ARG ARCH=x64',
  RUN,
  'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS c',
  'ARG OUT=/app/a',
  'ARG ARCH=arm64',
  RUN,
  '',
].join('\n');

describe('readings of dotnet calls', () => {
  test('the same RUN text reads with the values of its own stage', () => {
    const calls = buildFor(parse(TEXT)).dotnetCommands();
    assert.deepEqual(
      calls.map((c) => [c.stage.name, c.output, c.runtime, c.project]),
      [
        ['a', '/app/a', 'linux-x64', 'App.csproj'],
        ['b', '/app/b', 'linux-x64', 'App.csproj'],
        ['c', '/app/a', 'linux-arm64', 'App.csproj'],
      ],
    );
    for (const call of calls) assert.equal(call.instruction, call.stage.instructions.at(-1), 'each call is about its own RUN');
  });

  test('a new version reads as a fresh parse does, and its calls are about its own stages and instructions', () => {
    const first = parse(TEXT);
    const before = buildFor(first).dotnetCommands();
    // An edit in the middle stage's ARG: its RUN now reads another value; the others read as before.
    const edited = TEXT.replace('ARG OUT=/app/b', 'ARG OUT=/srv/b');
    const next = service.parse(TextDocument.create('file:///readings/Dockerfile', 'dockerfile', 2, edited), first);
    const after = buildFor(next).dotnetCommands();
    const fresh = buildFor(parse(edited, 3)).dotnetCommands();
    const facts = (calls: typeof after) => calls.map((c) => [c.stage.name, c.verb, c.output, c.runtime, [...c.args], [...c.opaque]]);
    assert.deepEqual(facts(after), facts(fresh));
    assert.deepEqual(after.map((c) => c.output), ['/app/a', '/srv/b', '/app/a']);
    for (let i = 0; i < after.length; i++) {
      assert.ok(next.stages.stages.includes(after[i]!.stage), 'the stage of the new version');
      assert.notEqual(after[i]!.stage, before[i]!.stage);
    }
  });

  test('an unknown variable leaves its word opaque, and a value given later is read', () => {
    const unknown = buildFor(parse('FROM mcr.microsoft.com/dotnet/sdk:10.0\nRUN dotnet publish -o $NOWHERE\n')).dotnetCommands();
    assert.equal(unknown[0]!.output, undefined);
    const known = buildFor(parse('FROM mcr.microsoft.com/dotnet/sdk:10.0\nENV NOWHERE=/here\nRUN dotnet publish -o $NOWHERE\n')).dotnetCommands();
    assert.equal(known[0]!.output, '/here');
  });
});
