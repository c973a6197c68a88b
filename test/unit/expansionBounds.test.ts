/**
 * Expansion is bounded (hostile input): `ARG Ai=${A(i-1)}${A(i-1)}` doubles at every line, so 26 lines would ask for
 * 64 MB of text and 2^26 steps. The expander stops at its limit, marks the result over the limit, and every feature
 * answers at once with a bounded answer.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { expandReference, expandWord, MAX_EXPANDED_LENGTH } from '../../server/src/service/shell/expansion';
import { testService } from '../helpers/service';

function doublingArgs(depth: number): string {
  const lines = ['ARG A0=x'];
  for (let i = 1; i <= depth; i++) lines.push(`ARG A${i}=\${A${i - 1}}\${A${i - 1}}`);
  lines.push(`FROM mcr.microsoft.com/dotnet/aspnet:\${A${depth}}`, 'ENV B0=y');
  for (let i = 1; i <= depth; i++) lines.push(`ENV B${i}=\${B${i - 1}}\${B${i - 1}}`);
  lines.push('CMD ["dotnet", "App.dll"]');
  return `${lines.join('\n')}\n`;
}

describe('bounded expansion', () => {
  test('the expander stops at its limit and says so', () => {
    const long = 'x'.repeat(MAX_EXPANDED_LENGTH);
    const lookup = (name: string): string | undefined => (name === 'L' ? long : undefined);
    const reference = expandReference('${L}${L}', lookup);
    assert.equal(reference.overLimit, true);
    assert.equal(reference.resolved, false);
    assert.ok(reference.text.length <= MAX_EXPANDED_LENGTH);
    assert.deepEqual(expandWord('"$L$L"', '\\', lookup), { value: undefined, overLimit: true });
    assert.deepEqual(expandWord('$L', '\\', lookup), { value: long, overLimit: false });
  });

  for (const depth of [24, 26, 40]) {
    test(`ARG and ENV doubling ${depth} deep: every feature answers in well under a second, with bounded answers`, () => {
      const service = testService();
      const text = doublingArgs(depth);
      const document = TextDocument.create('file:///hostile/Dockerfile', 'dockerfile', 1, text);
      const started = performance.now();
      const model = service.parse(document);
      const diagnostics = service.validate(model);
      const hover = service.hover(model, document.positionAt(text.indexOf('aspnet:') + 3));
      const completion = service.complete(model, document.positionAt(text.indexOf('${A') + 2));
      const actions = service.codeActions(model, { start: { line: 0, character: 0 }, end: document.positionAt(text.length) }, { diagnostics, only: ['quickfix', 'refactor.rewrite'] });
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 1000, `took ${Math.round(elapsed)} ms`);
      const size = JSON.stringify({ diagnostics, hover, completion, actions }).length;
      assert.ok(size < 200_000, `answers of ${size} bytes`);
    });
  }
});
