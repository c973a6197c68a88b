/**
 * Splits each measured request of our server into the time the server held it and the rest (the pipes and the
 * bench client), from the server's I/O trace (serverIoTrace.cjs) and the bench's request windows. The server held
 * a request from the first chunk it read inside the window to the last write it made inside it; for first
 * diagnostics that includes the settings round trip, which it overlaps with its own work.
 */
import { readFileSync } from 'node:fs';
import { percentile } from './stats';
import { STEADY_METRICS, type Metric, type RequestWindow } from './scenario';

type IoEvent = readonly ['in' | 'out', number];

export interface IoSplit {
  readonly metric: Metric;
  readonly samples: number;
  /** p50 and p99 (ms) of the whole request, of the server's part, and of the rest. */
  readonly total: readonly [number, number];
  readonly server: readonly [number, number];
  readonly outside: readonly [number, number];
}

export function ioSplit(traceFile: string, windows: readonly RequestWindow[]): IoSplit[] {
  const events = JSON.parse(readFileSync(traceFile, 'utf8')) as IoEvent[];
  const split: IoSplit[] = [];
  for (const metric of STEADY_METRICS) {
    const total: number[] = [];
    const server: number[] = [];
    const outside: number[] = [];
    for (const window of windows.filter((w) => w.metric === metric)) {
      const inside = events.filter(([, at]) => at >= window.start && at <= window.end);
      const firstIn = inside.find(([kind]) => kind === 'in');
      const lastOut = [...inside].reverse().find(([kind]) => kind === 'out');
      if (!firstIn || !lastOut || lastOut[1] < firstIn[1]) continue;
      total.push(window.end - window.start);
      server.push(lastOut[1] - firstIn[1]);
      outside.push(window.end - window.start - (lastOut[1] - firstIn[1]));
    }
    if (total.length === 0) continue;
    const p = (xs: number[]) => [percentile(xs, 50), percentile(xs, 99)] as const;
    split.push({ metric, samples: total.length, total: p(total), server: p(server), outside: p(outside) });
  }
  return split;
}
