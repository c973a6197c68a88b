/**
 * The environment a fix sees at a point of a stage (ENV, ARG, WORKDIR) is read once per parse and then looked
 * up. These tests hold the memoised answers to the straightforward computation, a rescan of the stage and its
 * parents up to the point, kept here as the oracle: on hand-written cases, and at every instruction of every
 * Dockerfile of the corpus. They also hold the exec-form split, which is remembered across document versions,
 * to the values of the variables where each command stands.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DockerfileModel } from '../../../server/src/service';
import { normalizePath, type Declaration, type StageEnvironment } from '../../../server/src/service/document/environment';
import { evaluateWord, referencedVariables } from '../../../server/src/service/shell/expansion';
import { environmentAt, environmentLookupAt, lineage } from '../../helpers/build';
import type { Stage } from '../../../server/src/service/document/stages';
import { parseKeyValues, splitQuotedWords } from '../../../server/src/service/syntax/keyValue';
import type { Instruction } from '../../../server/src/service/syntax/model';
import { marked } from '../../helpers/markers';
import { actions, diagnosticFor, parse, service, titles } from './fixHarness';
import { corpusDockerfiles, corpusFolder } from '../../helpers/corpusFiles';

/** The environment as a rescan from the stage start computes it (what environmentAt did before it was memoised). */
function rescan(model: DockerfileModel, stage: Stage, offset: number): StageEnvironment {
  const escape = model.syntax.escape;
  const env = new Map<string, Declaration>();
  const args = new Map<string, Declaration>();
  let workdir: string | undefined = '/';
  const lookup = (name: string): string | undefined => (env.get(name) ?? args.get(name))?.value;
  const envOf = (instruction: Instruction): Declaration[] => {
    const parsed = parseKeyValues(instruction.args, escape, 'ENV');
    return parsed.pairs.map((pair) => {
      const raw = parsed.style === 'legacy' ? pair.value : instruction.args.slice(pair.valueStart, pair.valueEnd);
      const text = parsed.style === 'legacy' ? instruction.args : instruction.args.slice(pair.keyStart, pair.valueEnd);
      const span = { start: instruction.argsMap.toDocument(pair.keyStart), end: instruction.argsMap.toDocument(pair.valueEnd) };
      return { name: pair.key, keyword: 'ENV', value: evaluateWord(raw, escape, lookup), rawValue: raw, rawValueStart: pair.valueStart, text, span, references: referencedVariables(raw), instruction };
    });
  };
  const argsOf = (instruction: Instruction): Declaration[] =>
    splitQuotedWords(instruction.args, escape).map((word) => {
      const equals = word.text.indexOf('=');
      const name = equals < 0 ? word.text : word.text.slice(0, equals);
      const raw = equals < 0 ? undefined : word.text.slice(equals + 1);
      const value = raw === undefined ? (model.stages.globalArg(name) ?? lookup(name)) : evaluateWord(raw, escape, lookup);
      const span = { start: instruction.argsMap.toDocument(word.start), end: instruction.argsMap.toDocument(word.end) };
      return { name, keyword: 'ARG', value, rawValue: raw, rawValueStart: equals < 0 ? word.end : word.start + equals + 1, text: word.text, span, references: raw === undefined ? [] : referencedVariables(raw), instruction };
    });
  // A stage built FROM another starts with its ENV and its ARGs (BuildKit's dispatchState.init).
  for (const current of [...lineage(model, stage)].reverse()) {
    for (const instruction of current.instructions) {
      if (current === stage && instruction.span.start >= offset) break;
      if (instruction.name === 'ENV') for (const d of envOf(instruction)) env.set(d.name, d);
      else if (instruction.name === 'ARG') for (const d of argsOf(instruction)) args.set(d.name, d);
      else if (instruction.name === 'WORKDIR') {
        const value = evaluateWord(instruction.args, escape, lookup);
        workdir = value === undefined ? undefined : value.startsWith('/') ? normalizePath(value) : workdir === undefined ? undefined : normalizePath(`${workdir}/${value}`);
      }
    }
  }
  return { env, args, workdir };
}

/** A comparable form: names in map order, each declaration by its fields and the offset of its instruction. */
function shape(environment: StageEnvironment): unknown {
  const declarations = (map: ReadonlyMap<string, Declaration>): unknown[] => [...map].map(([key, d]) => [key, fields(d)]);
  return { env: declarations(environment.env), args: declarations(environment.args), workdir: environment.workdir };
}

function fields(d: Declaration | undefined): unknown {
  return d && [d.name, d.keyword, d.value, d.text, d.references, d.instruction.span.start];
}

/** Every point worth asking about: each instruction of each stage, and the end of the stage. */
function checkEveryPoint(model: DockerfileModel, label: string): number {
  let points = 0;
  for (const stage of model.stages.stages) {
    const offsets = [...stage.instructions.map((i) => i.span.start), Number.POSITIVE_INFINITY];
    for (const offset of offsets) {
      const expected = rescan(model, stage, offset);
      const actual = environmentAt(model, stage, offset);
      assert.deepEqual(shape(actual), shape(expected), `${label}: stage ${stage.index} at ${offset}`);
      const lookup = environmentLookupAt(model, stage, offset);
      for (const name of new Set([...expected.env.keys(), ...expected.args.keys(), 'NOT_DECLARED'])) {
        assert.deepEqual(fields(lookup.env(name)), fields(expected.env.get(name)), `${label}: ENV ${name} in stage ${stage.index} at ${offset}`);
        assert.deepEqual(fields(lookup.arg(name)), fields(expected.args.get(name)), `${label}: ARG ${name} in stage ${stage.index} at ${offset}`);
      }
      points++;
    }
  }
  return points;
}


describe('stage environment: memoised answers equal a rescan', () => {
  test('values seen before each instruction, redeclarations, parents, ARG scope, WORKDIR', () => {
    const model = parse(
      [
        'ARG BASE_TAG=10.0',
        'FROM mcr.microsoft.com/dotnet/sdk:$BASE_TAG AS build',
        'ARG BASE_TAG',
        'ENV ROOT=/src APP=app',
        'WORKDIR $ROOT',
        'ENV APP=${APP}.dll PATH="$ROOT/bin:$PATH"',
        'WORKDIR sub/../out',
        'ARG CONFIG=Release',
        'ENV CONFIG=$CONFIG',
        'RUN dotnet build -c $CONFIG',
        'FROM build AS test',
        'ARG CONFIG',
        'ENV APP=test-$APP',
        'WORKDIR /t/./x/',
        'RUN dotnet test',
        'FROM test',
        'ENV ROOT=/other',
        'CMD dotnet $APP',
        '',
      ].join('\n'),
    );
    assert.ok(checkEveryPoint(model, 'hand-written') > 10);
    const last = model.stages.stages[2]!;
    const end = environmentAt(model, last, Number.POSITIVE_INFINITY);
    assert.deepEqual([...end.env.keys()], ['ROOT', 'APP', 'PATH', 'CONFIG'], 'inherited names keep their place, a redeclared one does not move');
    assert.equal(end.env.get('APP')?.value, 'test-app.dll');
    assert.equal(end.workdir, '/t/x');
    assert.deepEqual([...end.args.keys()], ['BASE_TAG', 'CONFIG'], 'ARGs pass to stages built FROM the stage, as in BuildKit');
    assert.equal(end.args.get('CONFIG')?.value, 'Release', "a bare ARG keeps the value it inherits when there is no global one");
  });

  test('the same point asked twice gets the same answer, with shared maps', () => {
    const model = parse('FROM mcr.microsoft.com/dotnet/aspnet:10.0\nENV A=1\nENV B=$A\nCMD x\n');
    const stage = model.stages.stages[0]!;
    const cmd = stage.instructions[2]!;
    assert.equal(environmentAt(model, stage, cmd.span.start), environmentAt(model, stage, cmd.span.start));
    assert.equal(environmentAt(model, stage, cmd.span.start).env.get('B')?.value, '1');
  });

  test('every instruction of every Dockerfile in the corpus', () => {
    const files = corpusDockerfiles();
    assert.ok(files.length > 300, `the corpus is there (${files.length} files)`);
    let points = 0;
    for (const file of files) points += checkEveryPoint(parse(readFileSync(file, 'utf8')), path.relative(corpusFolder, file));
    assert.ok(points > 3000, `${points} points compared`);
  });
});

describe('exec-form rewrite: a split remembered across versions still follows the variables', () => {
  const RULE = 'shell-form-without-shell';
  const CHISELED = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled';
  const offered = (source: string): string[][] => {
    const m = marked(source);
    const model = parse(m.text);
    return m.offsets.map((offset) => titles(actions(model, [diagnosticFor(model, offset, RULE)]).filter((a) => !a.disabled)).filter((t) => t.startsWith('Rewrite')));
  };

  test('one command text, different values in different stages and versions', () => {
    const command = 'ENTRYPOINT dotnet App.dll --urls http://+:$PORT';
    const two = offered(`${CHISELED} AS a\nENV PORT=8080\n|${command}\n${CHISELED} AS b\nENV PORT=9090\n|${command}\n`);
    assert.deepEqual(two, [['Rewrite in exec form (inlines $PORT=8080)'], ['Rewrite in exec form (inlines $PORT=9090)']]);
    // A later version where the value is no longer known: the remembered split must not be reused.
    assert.deepEqual(offered(`${CHISELED}\nENV PORT=$OUTSIDE\n|${command}\n`), [[]]);
    assert.deepEqual(offered(`${CHISELED}\nENV PORT=8080\n|${command}\n`), [['Rewrite in exec form (inlines $PORT=8080)']]);
  });

  test('RUN also sees ARGs, CMD does not; the same text gets both answers', () => {
    const source = `FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled\nARG MODE=fast\n|RUN tool --mode $MODE\n|CMD tool --mode $MODE\n`;
    const m = marked(source);
    const model = parse(m.text);
    const rewrite = (offset: number): string[] =>
      titles(service.codeActions(model, model.rangeOf(model.instructionAt(offset)!.span), { diagnostics: [], only: ['refactor.rewrite'] }));
    assert.deepEqual(rewrite(m.offsets[0]!), ['Rewrite in exec form (inlines $MODE=fast)']);
    assert.deepEqual(rewrite(m.offsets[1]!), []);
    assert.deepEqual(rewrite(m.offsets[0]!), ['Rewrite in exec form (inlines $MODE=fast)'], 'asked again, same answer');
  });
});
