/**
 * The steady part of the benchmark: a server that is initialized and has validated the main document. One
 * iteration, identical for every server: open a fresh copy of the file and wait for its first diagnostics, hover
 * an image, complete a tag, ask for code actions on a line with a problem, make a one-character edit and wait for the
 * diagnostics of that version, then a typing burst (burst.ts). Requests a server does not offer (tally has no
 * hover or completion) are not sent, as an editor would not send them, and are reported as unsupported.
 *
 * The edit and the burst alternate direction so that the text comes back every second iteration without extra
 * validations: even iterations insert `x` in a RUN line and type the burst after it; odd ones delete the `x` and
 * erase the burst with backspaces.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CompletionItem, CompletionList, Hover } from 'vscode-languageserver-protocol';
import type { BenchDocument } from './generate';
import type { LspSession } from './lspSession';
import { BURST_COMPLETION_AFTER, BURST_TEXT, burstEdits, burstTiming, keystrokeSchedule } from './burst';

export const STEADY_METRICS = ['freshOpen', 'edit', 'burstDiagnostics', 'burstCompletion', 'completion', 'hover', 'codeActions'] as const;
export type Metric = (typeof STEADY_METRICS)[number];

export const METRIC_LABELS: Record<Metric, string> = {
  freshOpen: 'didOpen → first diagnostics, catalog loaded (a fresh URI on a server that has validated a file)',
  hover: 'hover on an image reference',
  completion: 'completion in a tag (`aspnet:10.0-`)',
  codeActions: 'code actions on the line being typed (its diagnostics in the context)',
  edit: 'one-character edit → diagnostics of that version',
  burstDiagnostics: 'typing burst: last keystroke → diagnostics of the final version',
  burstCompletion: 'typing burst: completion sent with the 10th keystroke',
};

/** The server capability a metric needs; the rest only need diagnostics, which every server publishes. */
const PROVIDER: Partial<Record<Metric, 'hoverProvider' | 'completionProvider' | 'codeActionProvider'>> = {
  hover: 'hoverProvider',
  completion: 'completionProvider',
  codeActions: 'codeActionProvider',
  burstCompletion: 'completionProvider',
};

/** What each answer contained, to show every server did real work (and the same work every time). */
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
  return { freshOpen: [], hover: [], completion: [], codeActions: [], edit: [], burstDiagnostics: [], burstCompletion: [] };
}

/** A server with one benchmark document open. */
export class BenchRun {
  readonly samples = emptySamples();
  readonly answers: Answers = { completionItems: 0, hoverChars: 0, codeActions: 0, diagnostics: 0 };
  readonly windows: RequestWindow[] = [];
  /** The metrics this server does not offer. */
  readonly unsupported: Metric[];
  /** How late the bench client sent a burst keystroke, at worst (its own delay, reported to show it stayed small). */
  maxKeystrokeLatenessMs = 0;
  private iteration = 0;
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
    this.unsupported = STEADY_METRICS.filter((metric) => PROVIDER[metric] !== undefined && !session.supports(PROVIDER[metric]));
  }

  /** Opens the main document and waits until the server has validated it. */
  async openMain(): Promise<void> {
    const published = this.session.diagnosticsFor(this.uri, 1);
    await this.session.open(this.uri, this.document.text);
    this.answers.diagnostics = (await published).params.diagnostics.length;
  }

  private record(record: boolean, metric: Metric, start: number, end: number): void {
    if (!record) return;
    this.samples[metric].push(end - start);
    this.windows.push({ metric, start: performance.timeOrigin + start, end: performance.timeOrigin + end });
  }

  private supported(metric: Metric): boolean {
    return !this.unsupported.includes(metric);
  }

  async iterate(record: boolean): Promise<void> {
    const s = this.session;
    const doc = this.document;
    const forward = this.iteration++ % 2 === 0;

    // A fresh URI every time, so no server can answer from a cache.
    await this.beforeStep();
    const freshUri = this.uri.replace('/main/', `/open-${++this.opened}/`);
    const fresh = s.diagnosticsFor(freshUri, 1);
    const opening = performance.now();
    await s.open(freshUri, doc.text);
    this.record(record, 'freshOpen', opening, (await fresh).at);
    await s.close(freshUri);

    if (this.supported('hover')) {
      await this.beforeStep();
      const t0 = performance.now();
      const hover = await s.request<Hover | null>('textDocument/hover', { textDocument: { uri: this.uri }, position: doc.hover });
      this.record(record, 'hover', t0, performance.now());
      this.answers.hoverChars = hoverLength(hover);
    }
    if (this.supported('completion')) {
      await this.beforeStep();
      const t0 = performance.now();
      const list = await s.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri: this.uri }, position: doc.completion });
      this.record(record, 'completion', t0, performance.now());
      this.answers.completionItems = itemCount(list);
    }
    if (this.supported('codeActions')) {
      // As an editor asks on a cursor move: the cursor's line, with the diagnostics published on it. (A whole-file
      // request with every diagnostic, as the bench of issue 7 sent, is no editor's request; tally spent minutes
      // and gigabytes on one at 10,000 lines.)
      await this.beforeStep();
      const line = doc.completion.line;
      const range = { start: { line, character: 0 }, end: { line: line + 1, character: 0 } };
      const diagnostics = s.diagnosticsOf(this.uri).filter((d) => d.range.start.line <= line && d.range.end.line >= line);
      const t0 = performance.now();
      const actions = await s.request<unknown[] | null>('textDocument/codeAction', { textDocument: { uri: this.uri }, range, context: { diagnostics } });
      this.record(record, 'codeActions', t0, performance.now());
      this.answers.codeActions = actions?.length ?? 0;
    }

    // One character in a RUN line: inserted on even iterations, deleted on odd ones.
    await this.beforeStep();
    const next = { line: doc.edit.line, character: doc.edit.character + 1 };
    const edit = forward ? { start: doc.edit, end: doc.edit, text: 'x' } : { start: doc.edit, end: next, text: '' };
    const expected = (s.document(this.uri)?.version ?? 0) + 1;
    const edited = s.diagnosticsFor(this.uri, expected);
    const t0 = performance.now();
    await s.edit(this.uri, edit);
    const published = await edited;
    this.record(record, 'edit', t0, published.at);
    this.answers.diagnostics = published.params.diagnostics.length;

    await this.beforeStep();
    await this.burst(record, forward ? { line: doc.edit.line, character: doc.edit.character + 1 } : doc.edit, forward ? 'type' : 'erase');
  }

  /** 20 keystrokes 50 ms apart at `at`, with a completion request sent right after the 10th. */
  private async burst(record: boolean, at: { line: number; character: number }, mode: 'type' | 'erase'): Promise<void> {
    const s = this.session;
    const edits = burstEdits(at, BURST_TEXT, mode);
    const finalVersion = (s.document(this.uri)?.version ?? 0) + edits.length;
    const final = s.diagnosticsFor(this.uri, finalVersion);
    const scheduledAt = keystrokeSchedule(performance.now());
    const sentAt: number[] = [];
    let completion: Promise<{ sentAt: number; answeredAt: number }> | undefined;
    for (let k = 0; k < edits.length; k++) {
      const wait = scheduledAt[k]! - performance.now();
      if (wait > 0) await sleep(wait);
      await s.edit(this.uri, edits[k]!);
      sentAt.push(performance.now());
      if (k + 1 === BURST_COMPLETION_AFTER && this.supported('burstCompletion')) {
        const requested = performance.now();
        completion = s.request('textDocument/completion', { textDocument: { uri: this.uri }, position: this.document.completion }).then(() => ({ sentAt: requested, answeredAt: performance.now() }));
      }
    }
    const [published, answered] = await Promise.all([final, completion]);
    if (published.version !== finalVersion) throw new Error(`${s.spec.name}: waited for diagnostics of v${finalVersion}, got v${published.version}`);
    const timing = burstTiming({ scheduledAt, sentAt, finalDiagnosticsAt: published.at, ...(answered ? { completion: answered } : {}) });
    this.maxKeystrokeLatenessMs = Math.max(this.maxKeystrokeLatenessMs, timing.maxLatenessMs);
    if (!record) return;
    this.samples.burstDiagnostics.push(timing.lastKeystrokeToDiagnosticsMs);
    if (timing.completionMs !== undefined) this.samples.burstCompletion.push(timing.completionMs);
  }
}

function itemCount(list: CompletionList | CompletionItem[] | null): number {
  return list === null ? 0 : Array.isArray(list) ? list.length : list.items.length;
}

function hoverLength(hover: Hover | null): number {
  if (!hover) return 0;
  const contents: unknown = hover.contents;
  if (typeof contents === 'string') return contents.length;
  if (Array.isArray(contents)) return contents.reduce<number>((n, part: unknown) => n + (typeof part === 'string' ? part.length : String((part as { value?: unknown }).value ?? '').length), 0);
  return String((contents as { value?: unknown }).value ?? '').length;
}
