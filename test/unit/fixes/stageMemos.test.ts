/**
 * Facts every feature asks about a stage (its image, the SHELL in force, its chain) are the build model's, worked
 * out once per parse.
 * These tests hold the remembered answers to what the questions mean: a SHELL counts from where it stands and
 * through `FROM <stage>`, and the image facts follow the catalog when the server replaces it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DockerfileModel } from '../../../server/src/service';
import type { CatalogIndex } from '../../../server/src/service/catalog/catalogIndex';
import { buildOf } from '../../../server/src/service/document/build';
import { buildFor } from '../../helpers/build';
import { marked } from '../../helpers/markers';
import { testService } from '../../helpers/service';
import { parse, service } from './fixHarness';

const rewrites = (model: DockerfileModel, offset: number, service = testService()): string[] =>
  service
    .codeActions(model, model.rangeOf(model.instructionAt(offset)!.span), { diagnostics: [], only: ['refactor.rewrite'] })
    .map((action) => action.title);

describe('stage facts remembered per parse', () => {
  test('a SHELL counts after it, in its stage and in stages built FROM it, asked in any order', () => {
    const m = marked(
      [
        'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS base',
        '|RUN dotnet --info',
        'SHELL ["/bin/bash", "-c"]',
        '|RUN dotnet --info',
        'FROM base AS child',
        '|RUN dotnet --info',
        'FROM mcr.microsoft.com/dotnet/sdk:10.0',
        '|RUN dotnet --info',
        '',
      ].join('\n'),
    );
    const model = parse(m.text);
    const shell = model.syntax.instructions.find((i) => i.name === 'SHELL');
    const expected = [undefined, shell, shell, undefined];
    // Backwards first, then forwards: the answers must not depend on what was asked before.
    for (const order of [[3, 2, 1, 0], [0, 1, 2, 3]]) {
      for (const i of order) {
        const offset = m.offsets[i]!;
        const stage = model.stages.stageAt(offset)!;
        assert.equal(buildFor(model).stage(stage).shellAt(offset).shellInstruction, expected[i], `RUN ${i}`);
      }
    }
    assert.deepEqual(m.offsets.map((offset) => rewrites(model, offset)), [['Rewrite in exec form'], [], [], ['Rewrite in exec form']]);
  });

  test('the chain of a stage, and the same facts object when asked again', () => {
    const model = parse('FROM mcr.microsoft.com/dotnet/sdk:10.0 AS a\nFROM a AS b\nFROM b AS c\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\n');
    const build = buildFor(model);
    assert.deepEqual(model.stages.stages.map((stage) => build.stage(stage).lineage().map((s) => s.index)), [[0], [1, 0], [2, 1, 0], [3]]);
    for (const stage of model.stages.stages) assert.equal(build.stage(stage), buildFor(model).stage(stage), 'asked again');
  });

  test('a chain of 10,000 stages is read in linear time, with no deep recursion', () => {
    const lines = ['FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS s0', 'SHELL ["/bin/sh", "-c"]', 'USER app', 'ENV A=1'];
    for (let i = 1; i < 10_000; i++) lines.push(`FROM s${i - 1} AS s${i}`);
    lines.push('CMD dotnet App.dll');
    const model = parse(lines.join('\n'));
    const started = performance.now();
    const build = buildFor(model);
    const last = build.final!;
    assert.equal(last.depth, 10_000);
    assert.equal(last.image?.tag, '10.0-noble-chiseled');
    assert.ok(last.finalShell(), 'the SHELL of the root stage is inherited');
    assert.equal(last.finalUser().user, 'app');
    assert.equal(last.effectiveEnv()[0]?.name, 'A');
    assert.equal(last.environmentAt(Number.POSITIVE_INFINITY).workdir, '/');
    assert.equal(last.startCommand().cmd?.name, 'CMD');
    assert.equal(service.validate(model).filter((d) => d.severity === 1).length, 0);
    assert.ok(performance.now() - started < 2000, `took ${Math.round(performance.now() - started)} ms`);
  });

  test('image facts follow the catalog the request comes with', () => {
    const service = testService();
    const model = service.parse(TextDocument.create('file:///memo/Dockerfile', 'dockerfile', 1, 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nCMD dotnet app.dll\n'));
    const stage = model.stages.stages[0]!;
    const context = (catalog: CatalogIndex | undefined) => ({ catalog, today: '2026-11-22', project: undefined, snippetSupport: true });
    assert.ok(buildOf(model, context(service.catalog)).stage(stage).image?.catalogTag, 'with the catalog the tag is known');
    assert.equal(buildOf(model, context(undefined)).stage(stage).image?.catalogTag, undefined, 'without it, not');
    assert.ok(buildOf(model, context(service.catalog)).stage(stage).image?.catalogTag, 'and with it again');
    const cmd = model.syntax.instructions[1]!;
    const switched = (): string[] =>
      service.codeActions(model, model.rangeOf(cmd.keywordSpan), { diagnostics: service.validate(model) }).map((a) => a.title).filter((t) => t.startsWith('Switch'));
    assert.deepEqual(switched(), ['Switch to aspnet:10.0-noble, which has a shell']);
    const catalog = service.catalog;
    service.setCatalog(undefined);
    assert.deepEqual(switched(), [], 'no catalog, no sibling image to offer');
    service.setCatalog(catalog);
    assert.deepEqual(switched(), ['Switch to aspnet:10.0-noble, which has a shell']);
  });
});
