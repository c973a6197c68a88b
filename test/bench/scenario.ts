/**
 * One benchmark iteration, identical for both servers: open a fresh copy and wait for its first diagnostics,
 * hover an image, complete a tag, ask for code actions over the whole file, edit and wait for the
 * diagnostics of that version, then type one more character and ask for completion at once (the typing path:
 * whatever a server must redo after a keystroke is inside that number).
 */
import { performance } from 'node:perf_hooks';
import type { CompletionItem, CompletionList, Hover, Position } from 'vscode-languageserver-protocol';
import type { BenchDocument } from './generate';
import type { LspSession } from './lspSession';

export const METRICS = ['firstDiagnostics', 'completion', 'hover', 'codeActions', 'editDiagnostics', 'keystrokeCompletion'] as const;
export type Metric = (typeof METRICS)[number];

export const METRIC_LABELS: Record<Metric | 'start', string> = {
  start: 'server start (spawn → initialize response)',
  firstDiagnostics: 'first diagnostics (didOpen → publish)',
  completion: 'completion in a tag (`aspnet:10.0-`)',
  hover: 'hover on an image reference',
  codeActions: 'code actions, whole file',
  editDiagnostics: 'diagnostics after an edit (didChange → publish)',
  keystrokeCompletion: 'keystroke + completion (didChange → completion response)',
};

/** What each answer contained, to show both servers did real work (and the same work every time). */
export interface Answers {
  completionItems: number;
  hoverChars: number;
  codeActions: number;
  diagnostics: number;
}

export type Samples = Record<Metric, number[]>;

/** When a measured request ran, in absolute milliseconds (performance.timeOrigin + now): for ioSplit.ts. */
export interface RequestWindow {
  readonly metric: Metric;
  readonly start: number;
  readonly end: number;
}

export function emptySamples(): Samples {
  return { firstDiagnostics: [], completion: [], hover: [], codeActions: [], editDiagnostics: [], keystrokeCompletion: [] };
}

/** A server with one benchmark document open; tracks the document version and whether the edit is applied. */
export class BenchRun {
  readonly samples = emptySamples();
  readonly answers: Answers = { completionItems: 0, hoverChars: 0, codeActions: 0, diagnostics: 0 };
  readonly windows: RequestWindow[] = [];
  private version = 1;
  private opened = 0;
  private readonly uri: string;

  constructor(
    readonly session: LspSession,
    private readonly document: BenchDocument,
    label: string,
    /** Awaited before each measured step, outside its time (oursAlone.ts: idle time between requests). */
    private readonly beforeStep: () => Promise<void> = async () => undefined,
  ) {
    this.uri = `file:///bench/${label}/main/Dockerfile`;
  }

  /** Opens the main document and waits until the server has validated it. */
  async openMain(): Promise<void> {
    const published = this.session.nextDiagnostics(this.uri, 1);
    await this.session.open(this.uri, this.document.text, 1);
    this.answers.diagnostics = (await published).diagnostics.length;
  }

  async iterate(record: boolean): Promise<void> {
    const s = this.session;
    const doc = this.document;
    const time = async (metric: Metric, work: () => Promise<unknown>): Promise<void> => {
      await this.beforeStep();
      const t0 = performance.now();
      await work();
      const t1 = performance.now();
      if (!record) return;
      this.samples[metric].push(t1 - t0);
      this.windows.push({ metric, start: performance.timeOrigin + t0, end: performance.timeOrigin + t1 });
    };

    // A fresh URI every time, so no server can answer from a cache.
    const freshUri = this.uri.replace('/main/', `/open-${++this.opened}/`);
    const fresh = s.nextDiagnostics(freshUri, 1);
    await time('firstDiagnostics', async () => {
      await s.open(freshUri, doc.text, 1);
      await fresh;
    });
    await s.close(freshUri);

    await time('hover', async () => {
      const hover = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri: this.uri }, position: doc.hover });
      this.answers.hoverChars = hoverLength(hover);
    });
    await time('completion', async () => {
      const list = await s.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri: this.uri }, position: doc.completion });
      this.answers.completionItems = list === null ? 0 : Array.isArray(list) ? list.length : list.items.length;
    });
    const whole = { start: { line: 0, character: 0 }, end: { line: doc.lineCount, character: 0 } };
    const diagnostics = s.diagnosticsOf(this.uri);
    await time('codeActions', async () => {
      const actions = await s.request<unknown[] | null>('textDocument/codeAction', { textDocument: { uri: this.uri }, range: whole, context: { diagnostics } });
      this.answers.codeActions = actions?.length ?? 0;
    });

    // Edit: insert one character inside a RUN line, wait for that version's diagnostics.
    const inserted = ++this.version;
    const edited = s.nextDiagnostics(this.uri, inserted);
    await time('editDiagnostics', async () => {
      await s.change(this.uri, inserted, [{ range: { start: doc.edit, end: doc.edit }, text: 'x' }]);
      this.answers.diagnostics = (await edited).diagnostics.length;
    });

    // Keystroke: delete it again (the document is back to the original) and ask for completion right away.
    const deleted = ++this.version;
    const settled = s.nextDiagnostics(this.uri, deleted);
    await time('keystrokeCompletion', async () => {
      const change = s.change(this.uri, deleted, [{ range: { start: doc.edit, end: after(doc.edit) }, text: '' }]);
      const list = s.request('textDocument/completion', { textDocument: { uri: this.uri }, position: doc.completion });
      await Promise.all([change, list]);
    });
    await settled;
  }
}

function after(position: Position): Position {
  return { line: position.line, character: position.character + 1 };
}

function hoverLength(hover: Hover | null): number {
  if (!hover) return 0;
  const contents: unknown = hover.contents;
  if (typeof contents === 'string') return contents.length;
  if (Array.isArray(contents)) return contents.reduce<number>((n, part: unknown) => n + (typeof part === 'string' ? part.length : String((part as { value?: unknown }).value ?? '').length), 0);
  return String((contents as { value?: unknown }).value ?? '').length;
}
