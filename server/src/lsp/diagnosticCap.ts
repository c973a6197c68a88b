/**
 * What an editor is sent for one document: at most MAX_PUBLISHED_DIAGNOSTICS problems. A document of control
 * characters or other junk can hold a problem per line (1 MB of it gave 31,441 diagnostics, a 12.5 MB message and
 * ~40 MB of the server's peak memory), which no one reads in an editor. The first ones in document order are sent,
 * with one more saying how many were left out. The CLI reports every problem (its report goes to a file or a pipe).
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';

export const MAX_PUBLISHED_DIAGNOSTICS = 1000;

export function capDiagnostics(diagnostics: Diagnostic[], max = MAX_PUBLISHED_DIAGNOSTICS): Diagnostic[] {
  if (diagnostics.length <= max) return diagnostics;
  const shown = [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character).slice(0, max);
  const last = shown[shown.length - 1]!.range.start;
  const left = diagnostics.length - max;
  shown.push({
    range: { start: last, end: last },
    severity: DiagnosticSeverity.Information,
    source: 'dotnet-dockerfile',
    message: `${left.toLocaleString('en-US')} more problems in this file are not shown: an editor gets the first ${max.toLocaleString('en-US')} (run 'dotnet-dockerfile lint' for all of them).`,
  });
  return shown;
}
