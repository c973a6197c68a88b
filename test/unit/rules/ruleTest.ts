/**
 * Rule tests as whole Dockerfiles: a `|` marks where each diagnostic of the rule under test must start
 * (write `||` for a literal `|`). Nothing else of that rule may be reported.
 */
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { marked } from '../../helpers/markers';
import { realCatalog, TODAY } from '../../helpers/service';
import { createDotnetDockerfileService, type BuildContextFacts, type ProjectFacts, type ServiceSettings } from '../../../server/src/service';
import type { CatalogIndex } from '../../../server/src/service/catalog/catalogIndex';
import { buildOf } from '../../../server/src/service/document/build';
import { fixesForDiagnostic } from '../../../server/src/service/fixes/codeActions';

/** A one-edit fix a rule offers, in document offsets. */
export interface TextReplacement {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
  readonly title: string;
  readonly preferred?: true;
  readonly safe?: true;
}

export interface LintOptions {
  readonly today?: string;
  readonly settings?: ServiceSettings;
  readonly project?: ProjectFacts;
  /** Pass `undefined` explicitly to lint without a catalog. */
  readonly catalog?: CatalogIndex | undefined;
  /** The document's URI (default `file:///work/Dockerfile`): dev container rules read its folder. */
  readonly uri?: string;
  /** The build context facts the host would hand in (the .dockerignore files). */
  readonly buildContext?: BuildContextFacts;
  /** As when another extension reports syntax errors. */
  readonly syntaxCheckedElsewhere?: boolean;
}

export interface Found extends Omit<Diagnostic, 'message'> {
  /** The message as text (the protocol also allows markup; our rules write plain text). */
  readonly message: string;
  /** The document text the diagnostic covers. */
  readonly text: string;
  readonly replacements: readonly TextReplacement[];
}

/** Lints a plain text (no markers) and returns every diagnostic with the text it covers. */
export function lint(text: string, options: LintOptions = {}): Found[] {
  const catalog = 'catalog' in options ? options.catalog : realCatalog();
  const service = createDotnetDockerfileService({ catalog, today: () => options.today ?? TODAY });
  const document = TextDocument.create(options.uri ?? 'file:///work/Dockerfile', 'dockerfile', 1, text);
  const model = service.parse(document);
  const request = { settings: options.settings, project: options.project, buildContext: options.buildContext, syntaxCheckedElsewhere: options.syntaxCheckedElsewhere === true };
  const build = buildOf(model, { catalog, today: options.today ?? TODAY, project: options.project, snippetSupport: true, buildContext: options.buildContext, syntaxCheckedElsewhere: request.syntaxCheckedElsewhere });
  return service.validate(model, request).map((d) => ({
    ...d,
    message: typeof d.message === 'string' ? d.message : d.message.value,
    text: document.getText(d.range),
    // The one-edit fixes the rule offers for this diagnostic, as code actions would (best first).
    replacements: fixesForDiagnostic(build, d)
      .filter((fix) => fix.edits.length === 1 && fix.disabled === undefined)
      .map((fix) => ({ ...fix.edits[0]!, title: fix.title, ...(fix.preferred ? { preferred: true as const } : {}), ...(fix.safe ? { safe: true as const } : {}) })),
  }));
}

/**
 * Asserts that `rule` reports exactly at the markers of `source` (in order) and returns those diagnostics.
 */
export function expectRule(rule: string, source: string, options: LintOptions = {}): Found[] {
  const doc = marked(source);
  const found = lint(doc.text, options).filter((d) => d.code === rule);
  const actual = found.map((d) => doc.document.offsetAt(d.range.start));
  const describe = (offsets: readonly number[]): string =>
    offsets.map((o) => `${doc.document.positionAt(o).line + 1}:${doc.document.positionAt(o).character + 1}`).join(', ') || 'none';
  assert.deepEqual(
    actual,
    [...doc.offsets],
    `${rule}: expected at ${describe(doc.offsets)}, got at ${describe(actual)}\n${found.map((d) => `  ${d.text}: ${d.message}`).join('\n')}`,
  );
  return found;
}

/** Applies one replacement to a text. */
export function applyReplacement(text: string, replacement: TextReplacement): string {
  return text.slice(0, replacement.start) + replacement.newText + text.slice(replacement.end);
}

/**
 * Applies the first (preferred) replacement of the only `rule` diagnostic, checks the whole resulting text,
 * then re-validates it: that diagnostic is gone and no other appeared (except the `revealed` ones: rules the
 * old diagnostic stood in for, like eol-version once a retired name is replaced).
 */
export function expectFix(rule: string, text: string, expected: string, options: LintOptions & { readonly revealed?: readonly string[] } = {}): void {
  const before = lint(text, options);
  const target = before.filter((d) => d.code === rule);
  assert.equal(target.length, 1, `${rule}: expected one diagnostic, got ${target.length}`);
  const replacement = target[0]!.replacements[0];
  assert.ok(replacement, `${rule}: the diagnostic offers no replacement`);
  const fixed = applyReplacement(text, replacement);
  assert.equal(fixed, expected);
  const after = lint(fixed, options);
  assert.deepEqual(
    after.filter((d) => d.code === rule).map((d) => d.message),
    [],
    `${rule} is still reported after the fix`,
  );
  const key = (d: Found): string => `${d.code}`;
  const others = (list: Found[]): string[] => list.filter((d) => d.code !== rule).map(key).sort();
  for (const code of others(after)) {
    if (options.revealed?.includes(code)) continue;
    assert.ok(others(before).includes(code), `the fix introduced ${code}: ${after.find((d) => d.code === code)?.message}`);
  }
}
