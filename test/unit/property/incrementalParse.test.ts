// Property: parsing a new version with the previous version's model (buildModel(document, previous)) gives a
// model equal to a parse from scratch, whatever the edits, on real Dockerfiles; and it does take over the
// instructions before an edit, as the very same objects.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildModel, type DockerfileModel } from '../../../server/src/service/document/model';
import type { Instruction } from '../../../server/src/service/syntax/model';
import { ShiftedInstruction } from '../../../server/src/service/syntax/shiftedInstruction';
import { maxReuseChain, reuseChainOf } from '../../../server/src/service/syntax/incremental';
import type { Stage } from '../../../server/src/service/document/stages';
import type { ImageReference } from '../../../server/src/service/images/imageReference';
import { applyTextEdits, boundaryEdit as edit } from '../../fuzz/arbitraries';
import { loadCorpus } from '../../fuzz/corpus';
import { marked } from '../../helpers/markers';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);
const URI = 'file:///incremental/Dockerfile';

function documentOf(text: string, version: number): TextDocument {
  return TextDocument.create(URI, 'dockerfile', version, text);
}

/** Every value an Instruction shows (getters included), with its argsMap read at every offset. */
function instructionValues(instruction: Instruction): unknown {
  const argsMap: number[] = [];
  for (let i = -1; i <= instruction.args.length + 1; i++) argsMap.push(instruction.argsMap.toDocument(i));
  return {
    keyword: instruction.keyword,
    name: instruction.name,
    keywordSpan: instruction.keywordSpan,
    span: instruction.span,
    fullSpan: instruction.fullSpan,
    startLine: instruction.startLine,
    endLine: instruction.endLine,
    flags: instruction.flags,
    args: instruction.args,
    argsSpan: instruction.argsSpan,
    argsMap,
    form: instruction.form,
    execArgs: instruction.execArgs,
    words: instruction.words,
    subcommand: instruction.subcommand,
    heredocs: instruction.heredocs,
    onbuild: instruction.onbuild === undefined ? undefined : instructionValues(instruction.onbuild),
    error: instruction.error,
  };
}

function imageValues(image: ImageReference | undefined): unknown {
  if (image === undefined) return undefined;
  const { toDocument, ...data } = image;
  return { ...data, wholeSpan: toDocument(0, image.text.length) };
}

function stageValues(model: DockerfileModel, stage: Stage): unknown {
  const indexOf = (instruction: Instruction): number => model.syntax.instructions.indexOf(instruction);
  return {
    index: stage.index,
    from: indexOf(stage.from),
    baseWord: stage.baseWord,
    image: imageValues(stage.image),
    name: stage.name,
    nameSpan: stage.nameSpan,
    platform: stage.platform,
    parent: stage.parent?.index,
    instructions: stage.instructions.map(indexOf),
    args: stage.args.map((arg) => ({ name: arg.name, value: arg.value, instruction: indexOf(arg.instruction) })),
    isFinal: stage.isFinal,
  };
}

/** The whole model as plain data. */
function modelValues(model: DockerfileModel): unknown {
  const { syntax, stages } = model;
  return {
    text: syntax.text,
    escape: syntax.escape,
    directives: syntax.directives,
    comments: syntax.comments,
    lineStarts: syntax.lineStarts,
    instructions: syntax.instructions.map(instructionValues),
    stages: stages.stages.map((stage) => stageValues(model, stage)),
    globalArgs: stages.globalArgs.map((arg) => ({ name: arg.name, value: arg.value })),
    preamble: stages.preamble.map((instruction) => syntax.instructions.indexOf(instruction)),
    finalStage: stages.finalStage?.index,
    documentVersion: model.document.version,
    documentText: model.document.getText(),
  };
}

describe('incremental parse', () => {
  test('equals a parse from scratch after random edits of real Dockerfiles', () => {
    const corpus = loadCorpus();
    let reusedSome = 0;
    let shiftedSome = 0;
    fc.assert(
      fc.property(fc.constantFrom(...corpus), fc.array(edit, { minLength: 1, maxLength: 12 }), (file, edits) => {
        let previous = buildModel(documentOf(file.text, 0));
        let text = file.text;
        for (const [index, change] of edits.entries()) {
          text = applyTextEdits(text, [change]);
          const document = documentOf(text, index + 1);
          const incremental = buildModel(document, previous);
          assert.deepStrictEqual(modelValues(incremental), modelValues(buildModel(document)));
          if (incremental.syntax.instructions.some((instruction) => previous.syntax.instructions.includes(instruction))) reusedSome++;
          if (incremental.syntax.instructions.some((instruction) => instruction instanceof ShiftedInstruction)) shiftedSome++;
          previous = incremental;
        }
      }),
      { numRuns: RUNS },
    );
    // If few versions took anything over, the property proved little. With half the edits placed anywhere along
    // the text, about three versions per run keep instructions before the edit and two those after it (varying
    // with the random edits: the bounds leave room; a broken reuse gives 0).
    assert.ok(reusedSome > RUNS / 2, `only ${reusedSome} versions took over instructions before the edit in ${RUNS} runs`);
    assert.ok(shiftedSome > RUNS / 2, `only ${shiftedSome} versions took over instructions after the edit in ${RUNS} runs`);
  });

  test('takes over the instructions after the edit too, moved, once reading is back on a line where one started', () => {
    const lines = ['FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build', 'RUN dotnet restore', 'RUN dotnet publish|', '# between', 'FROM mcr.microsoft.com/dotnet/aspnet:10.0', 'COPY --from=build /app .', ''];
    const source = marked(lines.join('\n'));
    const before = buildModel(documentOf(source.text, 1));
    const at = source.offsets[0]!;
    const edited = `${source.text.slice(0, at)} -o /app \\\n  -c Release${source.text.slice(at)}`;
    const after = buildModel(documentOf(edited, 2), before);
    const [from, restore, publish, final, copy] = after.syntax.instructions;
    assert.equal(from, before.syntax.instructions[0]);
    assert.equal(restore, before.syntax.instructions[1]);
    assert.ok(!(publish instanceof ShiftedInstruction) && publish!.args === 'dotnet publish -o /app   -c Release', 'the edited instruction is read again');
    assert.ok(final instanceof ShiftedInstruction && copy instanceof ShiftedInstruction, 'the ones after it are taken over');
    assert.equal(final.startLine, 5);
    assert.equal(edited.slice(copy.flags[0]!.span.start, copy.flags[0]!.span.end), '--from=build');
    assert.deepEqual(after.syntax.comments.map((c) => [c.text, c.line, edited.slice(c.span.start, c.span.end)]), [['between', 4, '# between']]);
    assert.deepStrictEqual(modelValues(after), modelValues(buildModel(documentOf(edited, 2))));
    // A second edit above them moves them again (the shifts add up on the instruction as first read).
    const twice = edited.replace('dotnet restore', 'dotnet restore --locked-mode');
    const again = buildModel(documentOf(twice, 3), after);
    assert.ok(again.syntax.instructions[4] instanceof ShiftedInstruction);
    assert.deepStrictEqual(modelValues(again), modelValues(buildModel(documentOf(twice, 3))));
  });

  test('a FROM taken over after an edit of the ARG it uses resolves its image again (same length, same lines)', () => {
    const text = 'ARG REGISTRY=mcr.microsoft.com\nARG TAG=9.0\nFROM $REGISTRY/dotnet/aspnet:$TAG\nRUN x\n';
    const before = buildModel(documentOf(text, 1));
    const edited = text.replace('TAG=9.0', 'TAG=8.0');
    const after = buildModel(documentOf(edited, 2), before);
    assert.ok(after.syntax.instructions[2] instanceof ShiftedInstruction, 'the FROM is taken over, moved by nothing');
    assert.equal(after.stages.stages[0]!.image?.text, 'mcr.microsoft.com/dotnet/aspnet:8.0');
    assert.deepStrictEqual(modelValues(after), modelValues(buildModel(documentOf(edited, 2))));
  });

  test('reads the whole text again after so many versions in a row reused earlier ones, fewer for longer texts', () => {
    assert.deepEqual([32_000, 315_000, 10_000_000].map(maxReuseChain), [64, 12, 8]);
    const text = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nRUN dotnet restore\nRUN dotnet publish\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\nCOPY --from=build /app .\n';
    const at = text.indexOf('restore');
    const limit = maxReuseChain(text.length + 1);
    let previous = buildModel(documentOf(text, 0));
    const chains: number[] = [];
    for (let version = 1; version <= limit + 2; version++) {
      const next = version % 2 === 1 ? `${text.slice(0, at)}x${text.slice(at)}` : text;
      previous = buildModel(documentOf(next, version), previous);
      chains.push(reuseChainOf(previous.syntax));
    }
    assert.deepEqual(chains, [...Array.from({ length: limit }, (_, i) => i + 1), 0, 1]);
  });

  test('takes over the instructions before the edit, and reads the edited one and all after it again', () => {
    const source = marked(['FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build', 'RUN dotnet restore \\', '    -a x64', 'RUN dotnet publish|', 'FROM mcr.microsoft.com/dotnet/aspnet:10.0', 'COPY --from=build /app .', ''].join('\n'));
    const before = buildModel(documentOf(source.text, 1));
    const at = source.offsets[0]!;
    const after = buildModel(documentOf(`${source.text.slice(0, at)} -o /app${source.text.slice(at)}`, 2), before);
    const [from, restore, publish, final, copy] = after.syntax.instructions;
    assert.equal(from, before.syntax.instructions[0]);
    assert.equal(restore, before.syntax.instructions[1]);
    assert.notEqual(publish, before.syntax.instructions[2]);
    assert.equal(publish!.args, 'dotnet publish -o /app');
    assert.notEqual(final, before.syntax.instructions[3]);
    assert.equal(copy!.flags[0]!.value, 'build');
    assert.equal(after.stages.stageByName('build')?.from, from);
    assert.equal(after.stages.stages[0]!.image, before.stages.stages[0]!.image);
    assert.notEqual(after.stages.stages[1]!.image, before.stages.stages[1]!.image);
  });

  test('reads an instruction again when an edit at its end or past it changes how it ends', () => {
    // Each case: the text with `|` where the insertion goes, and what is inserted.
    for (const [source, inserted] of [
      ['FROM a\nRUN echo \\\n|', '  more\n'], // continued at the end of the file
      ['FROM a\nRUN <<EOF\nbody\n|', 'EOF\nRUN next\n'], // an open heredoc closed
      ['FROM a\nRUN x|\nRUN y\n', ' \\'], // a continuation added at the very end of the line
      ['FROM a\nRUN x\r|\nRUN y\n', '\\'], // between `\r` and `\n`: BuildKit trims only trailing `\r`/`\n`
      ['FROM a\nRUN x\n|RUN y\n', '# c\n'], // a comment after a finished instruction
    ] as const) {
      const at = marked(source).offsets[0]!;
      const text = marked(source).text;
      const before = buildModel(documentOf(text, 1));
      const document = documentOf(text.slice(0, at) + inserted + text.slice(at), 2);
      assert.deepStrictEqual(modelValues(buildModel(document, before)), modelValues(buildModel(document)), JSON.stringify(source));
    }
  });
});
