/**
 * The rule runner: runs every rule of the table on one parsed document, each isolated so that one failing
 * rule never hides the others' findings, and turns findings into LSP diagnostics with the user's severity,
 * the rule id as `code`, a link to the rule's README section and the `data` its quick fix needs.
 *
 * Suppression: `# dotnet-dockerfile ignore=<id>[,<id>]` on the line directly above an instruction silences
 * those rules for diagnostics that start in that instruction; before the first instruction, for the file.
 */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import type { ServiceContext } from '../context';
import type { DockerfileModel } from '../document/model';
import type { RuleSeverity, ServiceSettings } from './settings';
import { createAnalysis } from '../document/analysis';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './diagnosticData';
import { RULES, ruleDocumentationUrl } from './allRules';
import type { Finding, Rule } from './rule';

const SEVERITY: Readonly<Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const IGNORE_COMMENT = /^dotnet-dockerfile\s+ignore\s*=\s*([\w-]+(?:\s*,\s*[\w-]+)*)/i;

export interface Suppressions {
  /** Rule ids ignored in the whole file. */
  readonly file: ReadonlySet<string>;
  /** Zero-based line of an instruction's first line → rule ids ignored for it. */
  readonly byInstructionLine: ReadonlyMap<number, ReadonlySet<string>>;
}

/** Reads the `# dotnet-dockerfile ignore=` comments of a document. */
export function readSuppressions(model: DockerfileModel): Suppressions {
  const file = new Set<string>();
  const byInstructionLine = new Map<number, Set<string>>();
  const firstLine = model.syntax.instructions[0]?.startLine ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i < model.syntax.comments.length; i++) {
    const comment = model.syntax.comments[i]!;
    const match = IGNORE_COMMENT.exec(comment.text);
    if (!match) continue;
    const ids = match[1]!.split(',').map((id) => id.trim().toLowerCase());
    if (comment.line < firstLine) {
      for (const id of ids) file.add(id);
      continue;
    }
    const line = comment.line + 1;
    const set = byInstructionLine.get(line) ?? new Set<string>();
    for (const id of ids) set.add(id);
    byInstructionLine.set(line, set);
  }
  return { file, byInstructionLine };
}

function isSuppressed(model: DockerfileModel, suppressions: Suppressions, id: string, offset: number): boolean {
  if (suppressions.file.has(id)) return true;
  if (suppressions.byInstructionLine.size === 0) return false;
  const instruction = model.instructionAt(offset);
  return !!instruction && !!suppressions.byInstructionLine.get(instruction.startLine)?.has(id);
}

function toDiagnostic(model: DockerfileModel, rule: Rule, severity: DiagnosticSeverity, finding: Finding): Diagnostic {
  // Keys only when set, in this order: `data` travels to the client and back as JSON.
  const data: { -readonly [K in keyof DiagnosticData]: DiagnosticData[K] } = { rule: rule.id };
  if (finding.replacements?.length) data.replacements = finding.replacements;
  if (finding.instructionStart !== undefined) data.instructionStart = finding.instructionStart;
  if (finding.stageIndex !== undefined) data.stageIndex = finding.stageIndex;
  const diagnostic: Diagnostic = {
    range: model.rangeOf(finding.span),
    severity,
    code: rule.id,
    codeDescription: { href: ruleDocumentationUrl(rule.id) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
  if (finding.deprecated) diagnostic.tags = [DiagnosticTag.Deprecated];
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri: model.document.uri, range: model.rangeOf(r.span) },
      message: r.message,
    }));
  }
  return diagnostic;
}

/** A rule that threw: reported once, as information at the top, so the failure is visible but not alarming. */
function ruleFailure(rule: Rule, error: unknown): Diagnostic {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: rule.id,
    codeDescription: { href: ruleDocumentationUrl(rule.id) },
    source: DIAGNOSTIC_SOURCE,
    message: `The rule ${rule.id} failed on this file (${detail}), so its findings are missing; the other rules ran. Please report this with the Dockerfile.`,
    data: { rule: rule.id } satisfies DiagnosticData,
  };
}

/**
 * Validates one parsed document. `rules` defaults to the full table (tests pass their own to check the
 * runner's isolation).
 */
export function validate(context: ServiceContext, model: DockerfileModel, settings: ServiceSettings, rules: readonly Rule[] = RULES): Diagnostic[] {
  const analysis = createAnalysis(context, model);
  const suppressions = readSuppressions(model);
  const diagnostics: Diagnostic[] = [];
  const ruleContext = { service: context, model, analysis };
  for (const rule of rules) {
    const configured = settings.rules[rule.id] ?? rule.defaultSeverity;
    if (configured === 'off' || suppressions.file.has(rule.id)) continue;
    const severity = SEVERITY[configured];
    try {
      const findings = rule.check(ruleContext);
      // Converted inside the guard too: a finding with a bad span must not cost the other rules theirs.
      const converted: Diagnostic[] = [];
      for (const finding of findings) {
        if (!isSuppressed(model, suppressions, rule.id, finding.span.start)) converted.push(toDiagnostic(model, rule, severity, finding));
      }
      for (const diagnostic of converted) diagnostics.push(diagnostic);
    } catch (error) {
      diagnostics.push(ruleFailure(rule, error));
    }
  }
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
