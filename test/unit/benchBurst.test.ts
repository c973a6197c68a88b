// The typing burst's pure part (test/bench/burst.ts): the keystrokes, their schedule, and the timing arithmetic.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BURST_COMPLETION_AFTER, BURST_GAP_MS, BURST_KEYSTROKES, BURST_TEXT, burstEdits, burstTiming, keystrokeSchedule } from '../bench/burst';
import { EditorDocument } from '../bench/editorDocument';

const LINE = 'RUN echo "publishing Service1" && \\';

function applied(text: string, mode: 'type' | 'erase', at = { line: 1, character: 29 }): string[] {
  const document = new EditorDocument('file:///b/Dockerfile', text, 2);
  return burstEdits(at, BURST_TEXT, mode).map((edit) => (document.apply(edit), document.text.split('\n')[1]!));
}

describe('bench typing burst', () => {
  test('20 keystrokes 50 ms apart, the completion with the 10th', () => {
    assert.equal(BURST_TEXT.length, BURST_KEYSTROKES);
    assert.equal(BURST_KEYSTROKES, 20);
    assert.equal(BURST_GAP_MS, 50);
    assert.equal(BURST_COMPLETION_AFTER, 10);
  });

  test('typing inserts one character per keystroke at the cursor, which moves along', () => {
    const steps = applied(`FROM x\n${LINE}\n`, 'type');
    assert.equal(steps.length, 20);
    assert.equal(steps[0], 'RUN echo "publishing Service1 " && \\');
    assert.equal(steps[2], 'RUN echo "publishing Service1 fo" && \\');
    assert.equal(steps[19], `RUN echo "publishing Service1${BURST_TEXT}" && \\`);
  });

  test('erasing is backspace from the end of the typed text, back to the original line', () => {
    const typed = `FROM x\nRUN echo "publishing Service1${BURST_TEXT}" && \\\n`;
    const steps = applied(typed, 'erase');
    assert.equal(steps[0], `RUN echo "publishing Service1${BURST_TEXT.slice(0, 19)}" && \\`);
    assert.equal(steps[18], 'RUN echo "publishing Service1 " && \\');
    assert.equal(steps[19], LINE);
  });

  test('the schedule is fixed from the start, so one late keystroke does not push the others', () => {
    assert.deepEqual(keystrokeSchedule(1000, 4, 50), [1000, 1050, 1100, 1150]);
    assert.equal(keystrokeSchedule(0).length, 20);
    assert.equal(keystrokeSchedule(0).at(-1), 950);
  });

  test('timing: last keystroke → final diagnostics, the completion round trip, the worst lateness', () => {
    const scheduledAt = [0, 50, 100];
    const timing = burstTiming({ scheduledAt, sentAt: [0.5, 58, 100.2], finalDiagnosticsAt: 310.2, completion: { sentAt: 58.1, answeredAt: 60.6 } });
    assert.equal(timing.lastKeystrokeToDiagnosticsMs.toFixed(3), '210.000');
    assert.equal(timing.completionMs?.toFixed(3), '2.500');
    assert.equal(timing.maxLatenessMs, 8);
  });

  test('timing without a completion (a server that offers none)', () => {
    assert.equal(burstTiming({ scheduledAt: [0], sentAt: [1], finalDiagnosticsAt: 5 }).completionMs, undefined);
  });

  test('moments that cannot be one burst are a broken measurement, not a number', () => {
    assert.throws(() => burstTiming({ scheduledAt: [0, 50], sentAt: [1], finalDiagnosticsAt: 5 }), /1 keystrokes sent for 2 scheduled/);
    assert.throws(() => burstTiming({ scheduledAt: [], sentAt: [], finalDiagnosticsAt: 5 }), /0 keystrokes/);
    assert.throws(() => burstTiming({ scheduledAt: [0, 50], sentAt: [60, 55], finalDiagnosticsAt: 500 }), /before keystroke 1/);
    assert.throws(() => burstTiming({ scheduledAt: [0, 50], sentAt: [1, 51], finalDiagnosticsAt: 40 }), /matched to the wrong version/);
    assert.throws(() => burstTiming({ scheduledAt: [0], sentAt: [1], finalDiagnosticsAt: 5, completion: { sentAt: 3, answeredAt: 2 } }), /answered before it was sent/);
  });
});
