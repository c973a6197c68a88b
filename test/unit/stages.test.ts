import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDockerfile } from '../../server/src/service/syntax/parser';
import { buildStageModel } from '../../server/src/service/document/stages';
import { marked } from '../helpers/markers';
import { lineage, rootImage } from '../helpers/build';
import { testService } from '../helpers/service';
import { TextDocument } from 'vscode-languageserver-textdocument';

const parsed = (text: string) => testService().parse(TextDocument.create('file:///stages/Dockerfile', 'dockerfile', 1, text));

const stagesOf = (text: string) => buildStageModel(parseDockerfile(text));

describe('stage model', () => {
  test('aliases, FROM <stage> chains in any case, and the final stage', () => {
    const model = stagesOf(
      [
        'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS Base',
        'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build',
        'RUN dotnet publish -o /app',
        'FROM BASE AS final',
        'COPY --from=build /app .',
        'FROM final',
      ].join('\n'),
    );
    assert.equal(model.stages.length, 4);
    const [base, build, final, last] = model.stages;
    assert.equal(base!.name, 'Base');
    assert.equal(final!.parent, base);
    assert.equal(last!.parent, final);
    assert.equal(model.finalStage, last);
    assert.equal(last!.isFinal, true);
    assert.equal(build!.isFinal, false);
    const whole = parsed(['FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS Base', 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build', 'RUN dotnet publish -o /app', 'FROM BASE AS final', 'COPY --from=build /app .', 'FROM final'].join('\n'));
    const lastStage = whole.stages.stages[3]!;
    assert.equal(rootImage(whole, lastStage)?.tag?.text, '10.0-noble-chiseled');
    assert.deepEqual(lineage(whole, lastStage).map((s) => s.index), [3, 2, 0]);
    assert.equal(model.stageByName('BUILD'), build);
    assert.equal(model.stageByName('1'), build);
    assert.equal(model.stageByName('nope'), undefined);
  });

  test('ARG defaults before the first FROM resolve ${VAR} and $VAR, also through other ARGs', () => {
    const model = stagesOf(
      [
        'ARG DOTNET=10.0',
        'ARG FLAVOR="noble-chiseled"',
        'ARG TAG=${DOTNET}-${FLAVOR}',
        'FROM mcr.microsoft.com/dotnet/runtime:$TAG',
        'ARG DOTNET',
        'RUN echo $DOTNET',
      ].join('\n'),
    );
    assert.equal(model.globalArg('TAG'), '10.0-noble-chiseled');
    const stage = model.stages[0]!;
    assert.equal(stage.image?.text, 'mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled');
    assert.equal(stage.image?.resolved, true);
    assert.deepEqual(stage.args.map((a) => [a.name, a.value]), [['DOTNET', undefined]]);
  });

  test('ARG words keep quoted blanks and escaped characters; names and values lose their surrounding quotes', () => {
    // U+00A0 separates words here as any JavaScript blank does.
    const model = stagesOf('FROM a\nARG A="x y" B=\'q\' C "D"=1 E=a\\ b\u00a0F=\\"2\\"\n');
    assert.deepEqual(
      model.stages[0]!.args.map((a) => [a.name, a.value]),
      [['A', 'x y'], ['B', 'q'], ['C', undefined], ['D', '1'], ['E', 'a\\ b'], ['F', '\\"2\\"']],
    );
  });

  test('--platform is skipped and kept as the platform flag', () => {
    const doc = marked('FROM --platform=$BUILDPLATFORM |mcr.microsoft.com/dotnet/sdk:10.0| AS build\n');
    const stage = stagesOf(doc.text).stages[0]!;
    assert.equal(stage.platform?.value, '$BUILDPLATFORM');
    assert.equal(stage.baseWord?.span.start, doc.offsets[0]);
    assert.equal(stage.baseWord?.span.end, doc.offsets[1]);
    assert.equal(stage.name, 'build');
  });

  test('stageAt finds the stage of any offset; text before the first FROM has none', () => {
    const doc = marked('ARG |X=1\nFROM a AS one\nRUN |true\nFROM b\nCMD |x\n');
    const model = stagesOf(doc.text);
    assert.equal(model.stageAt(doc.offsets[0]!), undefined);
    assert.equal(model.stageAt(doc.offsets[1]!)?.name, 'one');
    assert.equal(model.stageAt(doc.offsets[2]!)?.index, 1);
  });

  test('scratch and cycles have no root image', () => {
    const model = parsed('FROM scratch AS a\nFROM a\n');
    assert.equal(rootImage(model, model.stages.stages[1]!), undefined);
    // A stage cannot name itself or a later stage: `FROM b AS b` is an image named b.
    const self = parsed('FROM b AS b\n');
    assert.equal(self.stages.stages[0]!.parent, undefined);
    assert.equal(rootImage(self, self.stages.stages[0]!)?.repository.text, 'b');
  });
});
