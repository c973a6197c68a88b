// An editor is sent at most 1,000 problems per document, the first in document order, and told how many more.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { capDiagnostics } from '../../server/src/lsp/diagnosticCap';

const at = (line: number): Diagnostic => ({ range: { start: { line, character: 0 }, end: { line, character: 3 } }, message: `line ${line}`, code: 'dockerfile-syntax' });

describe('the published diagnostics cap', () => {
  test('up to the cap, the list is sent as it is', () => {
    const list = [at(2), at(1)];
    assert.equal(capDiagnostics(list, 2), list);
  });

  test('past it, the first ones in document order and one more that counts the rest', () => {
    const list = [at(5), at(0), at(3), at(9), at(1)];
    const capped = capDiagnostics(list, 3);
    assert.deepEqual(capped.slice(0, 3).map((d) => d.range.start.line), [0, 1, 3]);
    assert.equal(capped.length, 4);
    assert.equal(capped[3]!.severity, DiagnosticSeverity.Information);
    assert.deepEqual(capped[3]!.range.start, { line: 3, character: 0 });
    assert.equal(capped[3]!.message, "2 more problems in this file are not shown: an editor gets the first 3 (run 'dotnet-dockerfile lint' for all of them).");
  });
});
