/** The rule runner: codes, links, data, severity settings, suppression comments, isolation of failing rules. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { expectRule, lint } from './ruleTest';
import { realCatalog, TODAY } from '../../helpers/service';
import { validate } from '../../../server/src/service/diagnostics/runner';
import { buildModel } from '../../../server/src/service/document/model';
import { RULES } from '../../../server/src/service/diagnostics/ruleRegistry';
import { DIAGNOSTIC_SOURCE, isDiagnosticData } from '../../../server/src/service/diagnostics/diagnosticData';
import type { Rule } from '../../../server/src/service/diagnostics/rule';

const CHISELED = 'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled';
const EOL = 'mcr.microsoft.com/dotnet/aspnet:8.0';

describe('rule runner', () => {
  test('every diagnostic has the rule id as code, our source, the README link and data naming the rule', () => {
    const found = lint(`FROM mcr.microsoft.com/dotnet/sdk:10.0-noble-chiseled AS build\nFROM ${EOL}\nCMD dotnet app.dll\n`);
    assert.ok(found.length >= 3);
    for (const d of found) {
      assert.equal(d.source, DIAGNOSTIC_SOURCE);
      assert.equal(d.codeDescription?.href, `https://github.com/dotnet-dockerfile/dotnet-dockerfile#${String(d.code)}`);
      assert.ok(isDiagnosticData(d.data) && d.data.rule === d.code);
    }
  });

  test('the rules table: unique kebab-case ids, a default severity and a summary each', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of RULES) {
      assert.match(rule.id, /^[a-z]+(?:-[a-z]+)*$/);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(rule.defaultSeverity), rule.id);
      assert.ok(rule.summary.length > 20, rule.id);
    }
  });

  test('the rules of the issue keep their ids and default severities', () => {
    const defaults = Object.fromEntries(RULES.map((r) => [r.id, r.defaultSeverity]));
    assert.deepEqual(
      {
        'shell-form-without-shell': defaults['shell-form-without-shell'],
        'missing-tool': defaults['missing-tool'],
        'unknown-tag': defaults['unknown-tag'],
        'tag-not-in-catalog': defaults['tag-not-in-catalog'],
        'eol-version': defaults['eol-version'],
        'retired-repository': defaults['retired-repository'],
        'sdk-in-final-stage': defaults['sdk-in-final-stage'],
        'version-mismatch': defaults['version-mismatch'],
        'untagged-image': defaults['untagged-image'],
        'privileged-port': defaults['privileged-port'],
        'globalization-without-icu': defaults['globalization-without-icu'],
      },
      {
        'shell-form-without-shell': 'error',
        'missing-tool': 'warning',
        'unknown-tag': 'error',
        'tag-not-in-catalog': 'information',
        'eol-version': 'warning',
        'retired-repository': 'warning',
        'sdk-in-final-stage': 'warning',
        'version-mismatch': 'warning',
        'untagged-image': 'warning',
        'privileged-port': 'warning',
        'globalization-without-icu': 'warning',
      },
    );
  });

  test('the README text has a section per rule (the codeDescription links land there)', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
    const sections = [...readme.matchAll(/^### (\S+)$/gm)].map((m) => m[1]);
    for (const rule of RULES) {
      assert.ok(sections.includes(rule.id), `README.md has no ### ${rule.id}`);
      assert.ok(readme.includes(`(#${rule.id})`), `README.md's rules table links ${rule.id}`);
    }
  });

  test('a severity setting changes the severity; off silences the rule', () => {
    const text = `FROM ${EOL}\n`;
    assert.equal(lint(text).find((d) => d.code === 'eol-version')?.severity, 2);
    assert.equal(lint(text, { settings: { rules: { 'eol-version': 'error' } } }).find((d) => d.code === 'eol-version')?.severity, 1);
    assert.equal(lint(text, { settings: { rules: { 'eol-version': 'hint' } } }).find((d) => d.code === 'eol-version')?.severity, 4);
    assert.equal(lint(text, { settings: { rules: { 'eol-version': 'off' } } }).find((d) => d.code === 'eol-version'), undefined);
  });

  test('an ignore comment directly above an instruction silences those rules there only', () => {
    expectRule(
      'shell-form-without-shell',
      `FROM ${CHISELED}
# dotnet-dockerfile ignore=shell-form-without-shell
RUN echo one
|RUN echo two
# dotnet-dockerfile ignore=missing-tool, shell-form-without-shell
CMD echo three
# dotnet-dockerfile ignore=shell-form-without-shell

|ENTRYPOINT echo not-directly-above
`,
    );
  });

  test('an ignore comment covers diagnostics that start anywhere in the instruction', () => {
    expectRule('eol-version', `# a comment\nFROM ${CHISELED}\n# dotnet-dockerfile ignore=eol-version\nFROM ${EOL} AS old\nFROM mcr.microsoft.com/dotnet/aspnet:|8.0\n`);
  });

  test('an ignore comment before the first instruction covers the whole file', () => {
    expectRule('eol-version', `# syntax=docker/dockerfile:1\n# dotnet-dockerfile ignore=eol-version,untagged-image\n\nFROM ${EOL}\nFROM ${EOL}-alpine\n`);
    assert.equal(lint(`# dotnet-dockerfile ignore=eol-version\nFROM mcr.microsoft.com/dotnet/aspnet\n`).filter((d) => d.code === 'untagged-image').length, 1);
  });

  test('a failing rule is reported once as information and does not hide the other rules', () => {
    const failing: Rule = {
      id: 'always-fails',
      defaultSeverity: 'error',
      summary: 'A rule that throws, to test isolation.',
      check() {
        throw new Error('boom');
      },
    };
    const eol = RULES.find((r) => r.id === 'eol-version')!;
    const model = buildModel(TextDocument.create('file:///x/Dockerfile', 'dockerfile', 1, `FROM ${EOL}\n`));
    const diagnostics = validate({ catalog: realCatalog(), today: TODAY, project: undefined, snippetSupport: true }, model, { rules: {} }, [failing, eol]);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [
      ['always-fails', 3],
      ['eol-version', 2],
    ]);
    assert.match(String(diagnostics[0]!.message), /always-fails failed.*boom/);
  });

  test('without a catalog the tag rules stay quiet and the shell rules still work', () => {
    const found = lint(`FROM mcr.microsoft.com/dotnet/sdk:10.0-noble-chiseled AS build\nFROM ${EOL}\nFROM ${CHISELED}\nCMD echo\n`, { catalog: undefined });
    assert.deepEqual(found.map((d) => d.code), ['shell-form-without-shell']);
  });

  test('an empty document, a fragment without FROM, and garbage do not throw', () => {
    // BuildKit refuses both: dockerfile-syntax says so, and nothing else is reported.
    assert.deepEqual(lint('').map((d) => [d.code, d.message]), [['dockerfile-syntax', 'BuildKit refuses this Dockerfile: file with no instructions. A Dockerfile needs at least a FROM.']]);
    assert.deepEqual(lint('RUN echo hi\nCMD dotnet app.dll\n').map((d) => [d.code, d.range.start.line]), [['dockerfile-syntax', 0], ['dockerfile-syntax', 1]]);
    assert.doesNotThrow(() => lint('FROM\nFROM :\nFROM @\nFROM a:b@\nFROM mcr.microsoft.com/dotnet/:x\nCOPY --from= . .\nEXPOSE\nENV\nUSER\n'));
  });
});
