// Property: every answer the service gives on a version parsed from the previous version's model (as the server
// parses while the user types) equals its answer on a parse from scratch: the diagnostics, the code actions for the
// whole file with them, the project search, and hover and completion where the text was edited. The incremental
// parse test proves the two models hold equal values; this proves that nothing downstream tells them apart (object
// identity, memos carried from the previous version, instructions moved by an edit and read lazily). A later
// reuse of analysis across versions must keep it passing.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { applyTextEdits, boundaryEdit, tokenEdit, type Edit } from '../../fuzz/arbitraries';
import { loadCorpus } from '../../fuzz/corpus';
import { testService } from '../../helpers/service';
import type { DockerfileModel } from '../../../server/src/service/document/model';
import { ShiftedInstruction } from '../../../server/src/service/syntax/shiftedInstruction';
import { generateDockerfile } from '../../bench/generate';

/** Fewer runs than the parse property: each version is validated, fixed and asked twice. */
const RUNS = Math.max(30, Math.round(Number(process.env.PROPERTY_RUNS ?? 300) / 3));
const URI = 'file:///incremental/answers/Dockerfile';

function documentOf(text: string, version: number): TextDocument {
  return TextDocument.create(URI, 'dockerfile', version, text);
}

/** Where an edit lands in the text it was applied to, as `applyTextEdits` places it. */
function editPosition(document: TextDocument, before: string, change: Edit): Position {
  const at = Math.min(before.length, Math.floor(change.at * (before.length + 1)));
  return document.positionAt(Math.min(at + change.insert.length, document.getText().length));
}

/** Every answer on one version, as plain data (a code action's edits included). */
function answers(service: ReturnType<typeof testService>, model: DockerfileModel, at: Position): unknown {
  const diagnostics = service.validate(model);
  const whole = { start: { line: 0, character: 0 }, end: model.document.positionAt(model.document.getText().length) };
  return JSON.parse(
    JSON.stringify({
      diagnostics,
      codeActions: service.codeActions(model, whole, { diagnostics }),
      projectSearch: service.projectSearch(model),
      hover: service.hover(model, at),
      completion: service.complete(model, at),
    }),
  ) as unknown;
}

describe('incremental answers', () => {
  test('equal the answers on a parse from scratch after random edits of real Dockerfiles', () => {
    const corpus = loadCorpus();
    const service = testService();
    let versions = 0;
    let withDiagnostics = 0;
    let movedSome = 0;
    fc.assert(
      fc.property(fc.constantFrom(...corpus), fc.array(fc.oneof(boundaryEdit, tokenEdit), { minLength: 1, maxLength: 8 }), (file, edits) => {
        let text = file.text;
        let previous = service.parse(documentOf(text, 0));
        // The previous version is answered too, as the server validates each version it keeps.
        service.validate(previous);
        for (const [index, change] of edits.entries()) {
          const before = text;
          text = applyTextEdits(text, [change]);
          const document = documentOf(text, index + 1);
          const incremental = service.parse(document, previous);
          const fresh = service.parse(documentOf(text, index + 1));
          const at = editPosition(document, before, change);
          const got = answers(service, incremental, at);
          assert.deepStrictEqual(got, answers(service, fresh, at), `${file.name}, edit ${index + 1} of ${edits.length}`);
          versions++;
          if ((got as { diagnostics: unknown[] }).diagnostics.length > 0) withDiagnostics++;
          if (incremental.syntax.instructions.some((instruction) => instruction instanceof ShiftedInstruction)) movedSome++;
          previous = incremental;
        }
      }),
      { numRuns: RUNS },
    );
    // The property proves little unless versions had findings and instructions moved by an edit (about one version
    // in ten to one in five moves some, with these edits; a broken reuse moves none).
    assert.ok(withDiagnostics > versions / 4, `only ${withDiagnostics} of ${versions} versions had diagnostics`);
    assert.ok(movedSome > versions / 20, `only ${movedSome} of ${versions} versions took over instructions after an edit`);
  });

  test("equal them on the benchmark's many-stage file too, the bench's keystroke among the edits", () => {
    // 1,000 lines, 50 stages: where a reuse of one stage's analysis for the others would pay, and could go wrong.
    const bench = generateDockerfile(1000);
    const service = testService();
    const keystroke = fc.constant<Edit>({ at: (documentOf(bench.text, 0).offsetAt(bench.edit) + 0.5) / (bench.text.length + 1), remove: 0, insert: 'x' });
    fc.assert(
      fc.property(fc.array(fc.oneof(keystroke, boundaryEdit, tokenEdit), { minLength: 1, maxLength: 4 }), (edits) => {
        let text = bench.text;
        let previous = service.parse(documentOf(text, 0));
        for (const [index, change] of edits.entries()) {
          const before = text;
          text = applyTextEdits(text, [change]);
          const document = documentOf(text, index + 1);
          const incremental = service.parse(document, previous);
          const at = editPosition(document, before, change);
          assert.deepStrictEqual(answers(service, incremental, at), answers(service, service.parse(documentOf(text, index + 1)), at), `edit ${index + 1} of ${edits.length}`);
          previous = incremental;
        }
      }),
      { numRuns: Math.max(5, Math.round(RUNS / 10)) },
    );
  });
});
