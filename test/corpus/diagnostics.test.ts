/**
 * Every Dockerfile of test/fixtures (Microsoft's in microsoft/, BuildKit's parser cases in buildkit-parser/) through the diagnostics: no crash on any file, no `error` on the
 * Dockerfiles Microsoft wrote (current and historical samples, product Dockerfiles, docs), and all findings
 * equal to test/corpus/expectations.tsv, which a person reviews.
 *
 * Regenerate after a deliberate change, then read the diff:  UPDATE_EXPECTATIONS=1 node scripts/test.mjs test/corpus/diagnostics.test.ts
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { realCatalog, TODAY, testService } from '../helpers/service';
import { buildkitParserFolder, microsoftCorpusFolder } from '../helpers/fixtureFolders';

const EXPECTATIONS = path.join(__dirname, 'expectations.tsv');
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

/** Parser test data of BuildKit (not Microsoft's): linted for crashes and recorded, errors allowed. */
const PARSER_CASES = 'buildkit-parser';
/** Dockerfile blocks cut out of Markdown documentation: many are fragments by design (the corpus README says so). */
const DOC_SNIPPETS = 'dotnet-docker-doc-snippets';

/** Every file to lint with the name it has in expectations.tsv: Microsoft's relative to their folder, BuildKit's under `buildkit-parser/`. */
function corpusFiles(): { file: string; relative: string }[] {
  const named = (root: string, prefix: string) =>
    dockerfiles(root).map((file) => ({ file, relative: prefix + path.relative(root, file).split(path.sep).join('/') }));
  // folder by folder in name order, as the findings file lists them
  const byFolders = (a: { relative: string }, b: { relative: string }): number => {
    const [x, y] = [a.relative.split('/'), b.relative.split('/')];
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return x.length - y.length;
  };
  return [...named(microsoftCorpusFolder, ''), ...named(buildkitParserFolder, `${PARSER_CASES}/`)].sort(byFolders);
}

function dockerfiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder).sort()) {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== 'LICENSES') files.push(...dockerfiles(full));
    }
    // Everything but the provenance, license and expectation files (README.md, FILES.tsv, LICENSE*, *.LICENSE, forms.tsv, result, error).
    else if (!/\.(md|tsv)$/.test(entry) && !/^LICENSE|\.LICENSE$/.test(entry) && entry !== 'result' && entry !== 'error') files.push(full);
  }
  return files;
}

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly severity: string;
  readonly text: string;
  readonly message: string;
}

const escapeCell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');

function lintCorpus(): Finding[] {
  const service = testService();
  const findings: Finding[] = [];
  for (const { file, relative } of corpusFiles()) {
    const document = TextDocument.create(`file:///corpus/${relative}`, 'dockerfile', 1, readFileSync(file, 'utf8'));
    const diagnostics = service.validate(service.parse(document));
    for (const d of diagnostics) {
      findings.push({
        file: relative,
        line: d.range.start.line + 1,
        rule: String(d.code),
        severity: SEVERITY[d.severity ?? 0] ?? '?',
        text: document.getText(d.range),
        message: typeof d.message === 'string' ? d.message : d.message.value,
      });
    }
  }
  return findings;
}

function render(findings: readonly Finding[]): string {
  const header = [
    `# Findings on test/fixtures (today ${TODAY}, catalog ${realCatalog().date}): one line per finding.`,
    '# Columns: file (relative to the corpus), line (1-based), rule id, severity, the text the finding covers.',
    '# Review every change: an error on a Microsoft Dockerfile is a false error to fix in the rules, not to record here.',
    '# Regenerate: UPDATE_EXPECTATIONS=1 node scripts/test.mjs test/corpus/diagnostics.test.ts',
    'file\tline\trule\tseverity\ttext',
  ];
  return [...header, ...findings.map((f) => [f.file, f.line, f.rule, f.severity, escapeCell(f.text)].join('\t'))].join('\n') + '\n';
}

describe('diagnostics on the corpus', () => {
  const findings = lintCorpus();

  test('the corpus is there and every file was linted without a rule failing', () => {
    assert.ok(corpusFiles().length > 380);
    const failures = findings.filter((f) => /failed on this file/.test(f.message));
    assert.deepEqual(failures, []);
  });

  test('no error on any Dockerfile written by Microsoft', () => {
    // The doc snippets are fragments of documentation (no FROM, `...` placeholders): BuildKit refuses them as they
    // stand, and dockerfile-syntax says so. Every other rule must not raise an error there either.
    const fragment = (f: Finding): boolean => f.file.startsWith(`${DOC_SNIPPETS}/`) && f.rule === 'dockerfile-syntax';
    const errors = findings.filter((f) => f.severity === 'error' && !f.file.startsWith(`${PARSER_CASES}/`) && !fragment(f));
    assert.deepEqual(
      errors.map((f) => `${f.file}:${f.line} ${f.rule}: ${f.message}`),
      [],
    );
  });

  test('the findings equal test/corpus/expectations.tsv', () => {
    const actual = render(findings);
    if (process.env.UPDATE_EXPECTATIONS === '1') {
      writeFileSync(EXPECTATIONS, actual);
      return;
    }
    const expected = readFileSync(EXPECTATIONS, 'utf8');
    if (actual !== expected) {
      const a = new Set(actual.split('\n'));
      const e = new Set(expected.split('\n'));
      const added = [...a].filter((l) => !e.has(l)).slice(0, 20);
      const removed = [...e].filter((l) => !a.has(l)).slice(0, 20);
      assert.fail(`findings changed (UPDATE_EXPECTATIONS=1 to accept after review)\nnew:\n${added.join('\n')}\ngone:\n${removed.join('\n')}`);
    }
  });
});
