/**
 * The contract between diagnostics and quick fixes: what a rule puts in `Diagnostic.data` so its fix needs
 * no second analysis. Rules that suggest new text (a tag, a reference, a port) compute it once, here;
 * fixes that restructure the file (exec form, moving steps to an SDK stage) recompute from the model.
 */

/** The diagnostic `source` of everything we publish; fixes act only on diagnostics with this source. */
export const DIAGNOSTIC_SOURCE = 'dotnet-dockerfile';

/** One replacement the fix offers: `newText` replaces the document text at `[start, end)` (offsets). */
export interface TextReplacement {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
  /** The fix's title, e.g. "Use 10.0-noble-chiseled", "Use mcr.microsoft.com/dotnet/aspnet". */
  readonly title: string;
  /** True for the obvious choice (the first suggestion); the editor marks it preferred. */
  readonly preferred?: boolean;
  /** True when applying it cannot change what the Dockerfile means beyond the diagnostic's concern (offered in fix-all). */
  readonly safe?: boolean;
}

export interface DiagnosticData {
  /** The rule id again, so fixes can dispatch even when a client drops `code`. */
  readonly rule: string;
  /** Ready-made replacements, best first (unknown-tag, eol-version, retired-repository, sdk-in-final-stage, version-mismatch, privileged-port, globalization-without-icu, untagged-image, ...). */
  readonly replacements?: readonly TextReplacement[];
  /** For shell-form rules: the document offset of the instruction's keyword (fixes find the instruction by it). */
  readonly instructionStart?: number;
  /** For shell-form rules: the index of the stage. */
  readonly stageIndex?: number;
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  return !!value && typeof value === 'object' && typeof (value as { rule?: unknown }).rule === 'string';
}
