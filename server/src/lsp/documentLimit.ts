/**
 * How big a document the server analyses (issue 19 #12: a 50 MB document cost 18 s and 3.3 GB). Real
 * Dockerfiles are a few KB; the largest we know are tens of KB. Up to MAX_DOCUMENT_CHARS (4 Mi UTF-16 code
 * units, the CLI's 4 MB) every feature runs, and every request of ours stays inside its 1 s budget on up to
 * 1 MB. Past it, the document is kept (the editor's edits must still apply) but not parsed: it gets one
 * diagnostic that says why, and every request about it answers empty, at once. Only that diagnostic is
 * computed: anything more (even the general features' folding) would parse the whole text.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_DOCKERFILE_BYTES } from '../host/io/boundedRead';

export const MAX_DOCUMENT_CHARS = MAX_DOCKERFILE_BYTES;

/** The diagnostic's code, so clients and tests can tell it from a rule's. */
export const DOCUMENT_TOO_LARGE = 'document-too-large';

export function isOversized(document: TextDocument): boolean {
  return document.getText().length > MAX_DOCUMENT_CHARS;
}

function megabytes(chars: number): string {
  return (chars / (1024 * 1024)).toFixed(1);
}

/** The one diagnostic of an oversized document, on its first line. */
export function oversizeDiagnostic(document: TextDocument): Diagnostic {
  const text = document.getText();
  const firstLineEnd = text.search(/\r|\n/);
  const end = firstLineEnd === -1 ? Math.min(text.length, 200) : Math.min(firstLineEnd, 200);
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: end } },
    severity: DiagnosticSeverity.Warning,
    code: DOCUMENT_TOO_LARGE,
    source: 'dotnet-dockerfile',
    message: `This file has ${megabytes(text.length)} million characters, over the ${megabytes(MAX_DOCUMENT_CHARS)} million the .NET Dockerfile extension analyses: it is not checked, and completion, hover, quick fixes and the general Dockerfile features are off for it. Smaller files are analysed as usual.`,
  };
}
