/**
 * What travels with each of our diagnostics: the source and, in `data`, the rule id again (so code actions can
 * dispatch even when a client drops `code`). Fixes are not carried: code actions find the diagnostic's finding in
 * the current model and ask its rule, so a fix never acts on offsets from another version of the text.
 */

/** The diagnostic `source` of everything we publish; fixes act only on diagnostics with this source. */
export const DIAGNOSTIC_SOURCE = 'dotnet-dockerfile';

export interface DiagnosticData {
  readonly rule: string;
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  return !!value && typeof value === 'object' && typeof (value as { rule?: unknown }).rule === 'string';
}
