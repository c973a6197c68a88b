/**
 * Fixes a rule works out with its finding (a tag, a name, a port) reach the client as quick fixes of the
 * diagnostic, found again in the current version by rule and range: nothing the client sends back is trusted.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { marked } from '../../helpers/markers';
import { actions, apply, checkFix, clientDiagnostic, diagnosticAt, parse } from './fixHarness';

const FROM = 'FROM mcr.microsoft.com/dotnet/aspnet:|10.0-noble-chisled\nENTRYPOINT ["dotnet", "App.dll"]\n';

describe('replacement fixes of a finding', () => {
  test('one quick fix per suggestion, best first, only the first preferred, naming the diagnostic without our data', () => {
    const m = marked(FROM);
    const model = parse(m.text);
    const diagnostic = diagnosticAt(model, m.offsets[0]!, 'unknown-tag');
    const list = actions(model, [diagnostic]);
    const { data: _ours, ...shown } = diagnostic;
    assert.deepEqual(
      list.map((a) => ({ title: a.title, kind: a.kind, preferred: a.isPreferred === true, diagnostics: a.diagnostics })).slice(0, 2),
      [
        { title: 'Use 10.0-noble-chiseled', kind: 'quickfix', preferred: true, diagnostics: [shown] },
        { title: 'Use 10.0-noble', kind: 'quickfix', preferred: false, diagnostics: [shown] },
      ],
    );
    assert.equal(apply(model, list[0]!), 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nENTRYPOINT ["dotnet", "App.dll"]\n');
  });

  test('the whole-text check of the preferred fix', () => {
    checkFix({
      rule: 'unknown-tag',
      title: 'Use 10.0-noble-chiseled',
      preferred: true,
      before: FROM,
      after: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nENTRYPOINT ["dotnet", "App.dll"]\n',
    });
  });

  test('a diagnostic that matches no finding of this version (stale, or made up) gets nothing', () => {
    const m = marked(FROM);
    const model = parse(m.text);
    assert.deepEqual(actions(model, [clientDiagnostic(model, 0, 'unknown-tag')]), []);
    const fixed = parse('FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nENTRYPOINT ["dotnet", "App.dll"]\n');
    const stale = diagnosticAt(model, m.offsets[0]!, 'unknown-tag');
    assert.deepEqual(actions(fixed, [stale]), [], 'the tag is fixed in this version: the old diagnostic fixes nothing');
  });

  test('diagnostics of other sources get nothing', () => {
    const m = marked(FROM);
    const model = parse(m.text);
    const foreign = { ...diagnosticAt(model, m.offsets[0]!, 'unknown-tag'), source: 'hadolint' };
    assert.deepEqual(actions(model, [foreign]), []);
  });
});
