/**
 * A typing burst: 20 keystrokes 50 ms apart on one line (typed, or erased with backspace), a completion request
 * sent with the 10th. What a person typing waits for is the diagnostics of the text they ended with: the bench
 * times the last keystroke → the publish for the final version, and the mid-burst completion's answer.
 * The pure part (the edits, the schedule, the arithmetic) lives here, so it is unit-tested (test/unit/benchBurst.test.ts).
 */
import type { Position } from 'vscode-languageserver-protocol';
import type { Edit } from './editorDocument';

export const BURST_KEYSTROKES = 20;
export const BURST_GAP_MS = 50;
/** The completion request goes out right after this keystroke (1-based): the middle of the burst. */
export const BURST_COMPLETION_AFTER = 10;
/** Twenty characters a person might type inside a RUN line. */
export const BURST_TEXT = ' for linux-x64 today';

/**
 * The keystrokes that type `text` at `at`, one character each, or (`erase`) the backspaces that delete it again
 * from its end, `text` standing at `at` already.
 */
export function burstEdits(at: Position, text: string, mode: 'type' | 'erase'): Edit[] {
  const edits: Edit[] = [];
  for (let k = 0; k < text.length; k++) {
    if (mode === 'type') {
      const where = { line: at.line, character: at.character + k };
      edits.push({ start: where, end: where, text: text[k]! });
    } else {
      const end = at.character + text.length - k;
      edits.push({ start: { line: at.line, character: end - 1 }, end: { line: at.line, character: end }, text: '' });
    }
  }
  return edits;
}

/** When each keystroke is due: `gapMs` apart from `start`, so a late keystroke does not push the later ones back. */
export function keystrokeSchedule(start: number, count = BURST_KEYSTROKES, gapMs = BURST_GAP_MS): number[] {
  return Array.from({ length: count }, (_, k) => start + k * gapMs);
}

/** The moments of one burst, in performance.now() milliseconds. */
export interface BurstMoments {
  readonly scheduledAt: readonly number[];
  /** When each didChange was written to the server's stdin. */
  readonly sentAt: readonly number[];
  /** When the publish for the final version arrived. */
  readonly finalDiagnosticsAt: number;
  /** The mid-burst completion, when the server offers completion. */
  readonly completion?: { readonly sentAt: number; readonly answeredAt: number };
}

export interface BurstTiming {
  /** Last keystroke → diagnostics of the final version. */
  readonly lastKeystrokeToDiagnosticsMs: number;
  /** Request → answer of the mid-burst completion. */
  readonly completionMs: number | undefined;
  /** How far behind its schedule the latest keystroke went out (the bench client's own delay; should stay small). */
  readonly maxLatenessMs: number;
}

/** Times a burst; throws when the moments cannot belong to one burst (then the measurement, not the server, is broken). */
export function burstTiming(moments: BurstMoments): BurstTiming {
  const { scheduledAt, sentAt, finalDiagnosticsAt, completion } = moments;
  if (sentAt.length === 0 || sentAt.length !== scheduledAt.length) throw new Error(`burst: ${sentAt.length} keystrokes sent for ${scheduledAt.length} scheduled`);
  for (let k = 1; k < sentAt.length; k++) {
    if (sentAt[k]! < sentAt[k - 1]!) throw new Error(`burst: keystroke ${k + 1} went out before keystroke ${k}`);
  }
  const last = sentAt[sentAt.length - 1]!;
  if (!(finalDiagnosticsAt >= last)) throw new Error(`burst: the final version's diagnostics (at ${finalDiagnosticsAt}) came before its keystroke (at ${last}): a publish was matched to the wrong version`);
  if (completion && !(completion.answeredAt >= completion.sentAt)) throw new Error('burst: the completion was answered before it was sent');
  const maxLatenessMs = Math.max(...sentAt.map((at, k) => at - scheduledAt[k]!));
  return { lastKeystrokeToDiagnosticsMs: finalDiagnosticsAt - last, completionMs: completion ? completion.answeredAt - completion.sentAt : undefined, maxLatenessMs };
}
