/**
 * What a lint run found, in the shape every output format starts from: 1-based lines and columns
 * (UTF-16 code units, as LSP and SARIF count them), severities as words, rule ids.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';

export const SEVERITY_NAMES = ['error', 'warning', 'information', 'hint'] as const;
export type SeverityName = (typeof SEVERITY_NAMES)[number];

export interface Problem {
  readonly ruleId: string;
  readonly severity: SeverityName;
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  /** 1-based; the end column is exclusive (the column after the last character). */
  readonly endLine: number;
  readonly endColumn: number;
}

export interface FileReport {
  /** Absolute path. */
  readonly file: string;
  /** Relative to the working directory, `/`-separated (absolute when outside it). */
  readonly displayPath: string;
  readonly problems: readonly Problem[];
  /** True when `--fix` rewrote the file. */
  readonly fixed: boolean;
}

/** Information about a rule, for SARIF's rule list. */
export interface RuleInfo {
  readonly id: string;
  readonly description: string;
  readonly defaultSeverity: SeverityName;
}

export interface LintReport {
  readonly files: readonly FileReport[];
  readonly rules: readonly RuleInfo[];
  readonly toolVersion: string;
  /** The working directory, for SARIF's `%SRCROOT%`. */
  readonly cwd: string;
}

export function severityName(severity: DiagnosticSeverity | undefined): SeverityName {
  switch (severity) {
    case DiagnosticSeverity.Warning:
      return 'warning';
    case DiagnosticSeverity.Information:
      return 'information';
    case DiagnosticSeverity.Hint:
      return 'hint';
    default:
      return 'error';
  }
}

/** Lower is more severe: error 0 … hint 3. */
export function severityRank(severity: SeverityName): number {
  return SEVERITY_NAMES.indexOf(severity);
}

export function toProblem(diagnostic: Diagnostic): Problem {
  return {
    ruleId: typeof diagnostic.code === 'string' || typeof diagnostic.code === 'number' ? String(diagnostic.code) : 'unknown',
    severity: severityName(diagnostic.severity),
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    endLine: diagnostic.range.end.line + 1,
    endColumn: diagnostic.range.end.character + 1,
  };
}

export function countBySeverity(files: readonly FileReport[]): Record<SeverityName, number> {
  const counts: Record<SeverityName, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const file of files) for (const problem of file.problems) counts[problem.severity]++;
  return counts;
}
