import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { marked } from '../../helpers/markers';
import { actions, apply, checkFix, constructedDiagnostic, parse } from './fixHarness';

const FROM = 'FROM mcr.microsoft.com/dotnet/aspnet:|10.0-noble-chisled|\nENTRYPOINT ["dotnet", "App.dll"]\n';

/** A diagnostic following the contract, with replacements of the text between markers 0 and 1. */
function withReplacements(source: string, replacements: { newText: string; title: string; preferred?: boolean; safe?: boolean; start?: number; end?: number }[]) {
  const m = marked(source);
  const model = parse(m.text);
  const [start, end] = [m.offsets[0]!, m.offsets[1]!];
  const diagnostic = constructedDiagnostic(model, start, 'unknown-tag', { replacements: replacements.map((r) => ({ start, end, ...r })) });
  return { model, diagnostic, list: actions(model, [diagnostic]) };
}

describe('replacement fixes from Diagnostic.data', () => {
  test('one quick fix per replacement, best first, only the first preferred', () => {
    const { model, diagnostic, list } = withReplacements(FROM, [
      { newText: '10.0-noble-chiseled', title: 'Use 10.0-noble-chiseled' },
      { newText: '10.0-noble', title: 'Use 10.0-noble' },
    ]);
    const { data: _replacements, ...shown } = diagnostic; // an action names its diagnostic without our data
    assert.deepEqual(
      list.map((a) => ({ title: a.title, kind: a.kind, preferred: a.isPreferred === true, diagnostics: a.diagnostics })),
      [
        { title: 'Use 10.0-noble-chiseled', kind: 'quickfix', preferred: true, diagnostics: [shown] },
        { title: 'Use 10.0-noble', kind: 'quickfix', preferred: false, diagnostics: [shown] },
      ],
    );
    assert.equal(apply(model, list[1]!), 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble\nENTRYPOINT ["dotnet", "App.dll"]\n');
  });

  test('the whole-text check of a constructed replacement', () => {
    const [start, end] = marked(FROM).offsets as [number, number];
    checkFix({
      rule: 'unknown-tag',
      title: 'Use 10.0-noble-chiseled',
      preferred: true,
      before: FROM,
      extra: { replacements: [{ start, end, newText: '10.0-noble-chiseled', title: 'Use 10.0-noble-chiseled' }] },
      after: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nENTRYPOINT ["dotnet", "App.dll"]\n',
    });
  });

  test('stale data is ignored: outside the document, reversed, or already applied', () => {
    const { list } = withReplacements(FROM, [
      { newText: 'x', title: 'beyond the end', start: 0, end: 10_000 },
      { newText: 'x', title: 'reversed', start: 10, end: 5 },
      { newText: '10.0-noble-chisled', title: 'already there' },
      { newText: '10.0-noble-chiseled', title: 'Use 10.0-noble-chiseled' },
    ]);
    assert.deepEqual(list.map((a) => a.title), ['Use 10.0-noble-chiseled']);
  });

  test('diagnostics of other sources get nothing', () => {
    const m = marked(FROM);
    const model = parse(m.text);
    const foreign = { ...constructedDiagnostic(model, m.offsets[0]!, 'unknown-tag', { replacements: [{ start: 0, end: 4, newText: 'from', title: 'lower' }] }), source: 'hadolint' };
    assert.deepEqual(actions(model, [foreign]), []);
  });
});
