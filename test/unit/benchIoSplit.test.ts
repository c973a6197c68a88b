// The bench's --io-trace split (test/bench/ioSplit.ts): which part of a request our server held, from its I/O moments.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ioSplit } from '../bench/ioSplit';

function traceFile(events: readonly (readonly ['in' | 'out', number])[]): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ddf-io-split-')), 'io.json');
  writeFileSync(file, JSON.stringify(events));
  return file;
}

describe('bench I/O split', () => {
  test('the server holds a request from the first chunk it reads to the last write it makes inside the window', () => {
    const file = traceFile([
      ['out', 999], // an answer to the request before: outside the window
      ['in', 1000.5], // the didOpen
      ['out', 1001], // the settings request
      ['in', 1004], // its answer
      ['out', 1004.5], // the publish
      ['out', 1012], // after the window: not this request's
    ]);
    const [split] = ioSplit(file, [{ metric: 'freshOpen', start: 1000, end: 1005 }]);
    assert.deepEqual(split, { metric: 'freshOpen', samples: 1, total: [5, 5], server: [4, 4], outside: [1, 1] });
  });

  test('percentiles per metric; a window without a read or a write of the server is left out', () => {
    const file = traceFile([
      ['in', 10], ['out', 11],
      ['in', 20], ['out', 23],
      ['in', 30], ['out', 31],
      ['in', 40], // no answer inside the window
    ]);
    const windows = [
      { metric: 'hover', start: 9, end: 12 },
      { metric: 'hover', start: 19, end: 24 },
      { metric: 'completion', start: 29.5, end: 31.5 },
      { metric: 'completion', start: 39, end: 42 },
    ] as const;
    const split = ioSplit(file, windows);
    assert.deepEqual(split.map((s) => s.metric), ['completion', 'hover']); // METRICS order
    assert.deepEqual(split[0], { metric: 'completion', samples: 1, total: [2, 2], server: [1, 1], outside: [1, 1] });
    assert.deepEqual(split[1], { metric: 'hover', samples: 2, total: [3, 5], server: [1, 3], outside: [2, 2] });
  });
});
