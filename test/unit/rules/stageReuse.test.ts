/**
 * Stage rules' findings taken over from the last validated version (stageReuse.ts): which stages are checked
 * again after an edit, and that every answer equals the answer on a parse from scratch.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { realCatalog, TODAY } from '../../helpers/service';
import { validate } from '../../../server/src/service/diagnostics/runner';
import { buildModel } from '../../../server/src/service/document/model';
import { RULES } from '../../../server/src/service/diagnostics/ruleRegistry';
import { DEFAULT_SETTINGS } from '../../../server/src/service/diagnostics/settings';
import { codeActions } from '../../../server/src/service/fixes/codeActions';
import type { Rule, StageRule } from '../../../server/src/service/diagnostics/rule';
import type { ServiceContext } from '../../../server/src/service/context';
import type { DockerfileModel } from '../../../server/src/service/document/model';

const URI = 'file:///reuse/Dockerfile';
const CONTEXT: ServiceContext = { catalog: realCatalog(), today: TODAY, project: undefined, snippetSupport: true };

/** A stage rule that reports each stage's FROM keyword and records which stages of which model it was asked about. */
function spyRule(): StageRule & { checkedIn(model: DockerfileModel): number[] } {
  const checked: [DockerfileModel, number][] = [];
  return {
    id: 'spy',
    defaultSeverity: 'hint',
    summary: 'Reports every FROM, to see which stages are checked.',
    checkedIn: (model) => checked.filter(([m]) => m === model).map(([, index]) => index),
    checkStage({ model }, stage) {
      checked.push([model, stage.index]);
      return [{ span: stage.from.keywordSpan, message: `stage ${stage.index} (${stage.instructions.length} instructions)` }];
    },
  };
}

/**
 * Validates each text as the next version of one document (parsed from the previous version's model, as the server
 * does), checks every version's diagnostics against a parse from scratch, and returns the versions' models.
 */
function typeThrough(texts: readonly string[], rules: readonly Rule[], contexts: readonly ServiceContext[] = texts.map(() => CONTEXT)): DockerfileModel[] {
  let previous: DockerfileModel | undefined;
  const models: DockerfileModel[] = [];
  texts.forEach((text, version) => {
    const document = TextDocument.create(URI, 'dockerfile', version, text);
    const model = buildModel(document, previous);
    const context = contexts[version]!;
    const incremental = validate(context, model, DEFAULT_SETTINGS, rules);
    const fresh = validate(context, buildModel(document), DEFAULT_SETTINGS, rules);
    assert.deepEqual(incremental, fresh, `version ${version}`);
    models.push(model);
    previous = model;
  });
  return models;
}

const A = 'FROM mcr.microsoft.com/dotnet/sdk:10.0-noble-chiseled AS base\nENV ASPNETCORE_HTTP_PORTS=80\n';
const B = 'FROM base AS child\nRUN echo child\n';
const C = 'FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS other\nWORKDIR /app\n';
const D = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nCMD dotnet App.dll\n';

describe('stage rules across versions', () => {
  test('a keystroke in a stage checks that stage and those built FROM it, no other', () => {
    const spy = spyRule();
    const [first, second] = typeThrough([A + B + C + D, A.replace('80', '81') + B + C + D], [spy]);
    assert.deepEqual(spy.checkedIn(first!), [0, 1, 2, 3]);
    assert.deepEqual(spy.checkedIn(second!), [0, 1], 'the edit of the base stage: it and its child');
    const other = spyRule();
    const [, edited] = typeThrough([A + B + C + D, A + B + C.replace('/app', '/src') + D], [other]);
    assert.deepEqual(other.checkedIn(edited!), [2]);
  });

  test('findings of untouched stages move with the lines inserted above them, as a fresh parse has them', () => {
    const text = A + B + C + D;
    const model = typeThrough([text, text.replace('RUN echo child\n', 'RUN echo child\n# one\n# two\nRUN echo more\n')], RULES)[1]!;
    const eol = validate(CONTEXT, model, DEFAULT_SETTINGS).filter((d) => d.code === 'eol-version');
    assert.equal(eol.length, 1);
    assert.equal(model.document.getText(eol[0]!.range), '8.0');
  });

  test('an edit before the first FROM, a stage renamed, or other outside facts check every stage again', () => {
    const tagged = 'ARG TAG=8.0\nFROM mcr.microsoft.com/dotnet/aspnet:$TAG AS one\nFROM mcr.microsoft.com/dotnet/runtime:$TAG AS two\n';
    const preamble = spyRule();
    assert.deepEqual(preamble.checkedIn(typeThrough([tagged, tagged.replace('TAG=8.0', 'TAG=10.0')], [preamble, ...RULES])[1]!), [0, 1]);

    const named = 'FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nRUN dotnet publish -o /app\nFROM mcr.microsoft.com/dotnet/aspnet:10.0\nCOPY --from=build /app .\n';
    const renamed = spyRule();
    assert.deepEqual(renamed.checkedIn(typeThrough([named, named.replace('AS build', 'AS builder')], [renamed, ...RULES])[1]!), [0, 1]);

    const later = { ...CONTEXT, today: '2027-02-01' };
    const dated = spyRule();
    assert.deepEqual(dated.checkedIn(typeThrough([C + D, C + D.replace('App.dll', 'Api.dll')], [dated, ...RULES], [CONTEXT, later])[1]!), [0, 1]);
    // The same edit with the same facts: the first stage is taken over.
    const same = spyRule();
    assert.deepEqual(same.checkedIn(typeThrough([C + D, C + D.replace('App.dll', 'Api.dll')], [same, ...RULES])[1]!), [1]);
  });

  test('a finding in a stage the checked one is built FROM is reported once, and that stage is checked every time', () => {
    const checked: [DockerfileModel, number][] = [];
    const inherited: StageRule = {
      id: 'inherited',
      defaultSeverity: 'warning',
      summary: 'Reports the root stage FROM of every stage, to test findings outside the checked stage.',
      checkStage({ build, model }, stage) {
        checked.push([model, stage.index]);
        return [{ span: build.stage(stage).root.from.keywordSpan, message: `seen from stage ${stage.index}` }];
      },
    };
    const text = A + B + B.replace('child', 'sibling').replace('child', 'sibling');
    const model = typeThrough([text, text.replace('echo sibling', 'echo sibling!')], [inherited])[1]!;
    const found = validate(CONTEXT, model, DEFAULT_SETTINGS, [inherited]);
    assert.deepEqual(found.map((d) => [d.range.start.line, d.message]), [[0, 'seen from stage 0']]);
    // The edit is in the last stage; the child's finding lies in its parent, so the child is checked again too.
    assert.deepEqual(checked.filter(([m]) => m === model).map(([, index]) => index), [1, 2]);
  });

  test('a fix offered on a taken-over finding edits the current version', () => {
    const shellForm = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nCMD dotnet App.dll\n';
    const text = `FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nRUN echo one\n${shellForm}`;
    const model = typeThrough([text, text.replace('RUN echo one\n', 'RUN echo one\nRUN echo two\n')], RULES)[1]!;
    const diagnostics = validate(CONTEXT, model, DEFAULT_SETTINGS).filter((d) => d.code === 'shell-form-without-shell');
    assert.equal(diagnostics.length, 1);
    const range = diagnostics[0]!.range;
    const actions = codeActions(CONTEXT, model, range, { diagnostics }, DEFAULT_SETTINGS, { snippetEdits: false, disabledActions: true });
    const fresh = buildModel(TextDocument.create(URI, 'dockerfile', 9, model.document.getText()));
    assert.ok(actions.length > 0);
    assert.deepEqual(actions, codeActions(CONTEXT, fresh, range, { diagnostics }, DEFAULT_SETTINGS, { snippetEdits: false, disabledActions: true }));
    assert.equal(range.start.line, 4);
  });

  test('a stage whose check throws is reported, keeps the other stages\' findings, and is checked again', () => {
    const checked: DockerfileModel[] = [];
    const fragile: StageRule = {
      id: 'fragile',
      defaultSeverity: 'warning',
      summary: 'Throws on the second stage, to test isolation per stage.',
      checkStage({ model }, stage) {
        checked.push(model);
        if (stage.index === 1) throw new Error('boom');
        return [{ span: stage.from.keywordSpan, message: 'fine' }];
      },
    };
    const model = typeThrough([C + D + C, C + D + C.replace('/app', '/x')], [fragile])[1]!;
    const found = validate(CONTEXT, model, DEFAULT_SETTINGS, [fragile]);
    assert.deepEqual(found.map((d) => String(d.message).slice(0, 30)), ['The rule fragile failed on thi', 'fine', 'fine']);
    assert.equal(checked.filter((m) => m === model).length, 2, 'the second version checks the stage that threw and the edited one');
  });
});
