/**
 * The targets of issue 21, judged from one run: ratios against docker-langserver measured in the same run, p50
 * throughout. A target whose size or server was not in the run is "not measured", neither met nor missed.
 * (The old absolute start target, 150 ms, is retired: the library floor alone is above it on this machine.)
 */
import type { BenchResult, SizeResult } from './results';
import type { Metric } from './scenario';
import { percentile } from './stats';

export type Verdict = 'met' | 'missed' | 'not measured';

export interface TargetRow {
  readonly target: string;
  readonly measured: string;
  readonly verdict: Verdict;
}

const p50 = (samples: readonly number[] | undefined): number => percentile(samples ?? [], 50);
export const formatMs = (value: number): string => (Number.isNaN(value) ? 'n/a' : value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0));
export const formatRatio = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(value < 10 ? 2 : 0)}x` : 'n/a');

function size(result: BenchResult, lines: number): SizeResult | undefined {
  return result.sizes.find((s) => s.lines === lines);
}

function notMeasured(target: string, why: string): TargetRow {
  return { target, measured: why, verdict: 'not measured' };
}

/** `ours` is at most `limit` times `theirs`. */
function atMostTimes(target: string, ours: number, theirs: number, limit: number, unit = 'ms'): TargetRow {
  if (Number.isNaN(ours) || Number.isNaN(theirs)) return notMeasured(target, 'no samples');
  const ratio = ours / theirs;
  return { target, measured: `${formatMs(ours)} ${unit} vs ${formatMs(theirs)} ${unit} = ${formatRatio(ratio)} (needs ≤ ${formatRatio(limit)})`, verdict: ratio <= limit ? 'met' : 'missed' };
}

/**
 * Ours is at least `factor` times faster: theirs ÷ ours ≥ factor. `floor`: the library floor's time for the same
 * measure in the same run, said beside it (what no server on this library could go under).
 */
function faster(target: string, ours: number, theirs: number, factor: number, floor = Number.NaN): TargetRow {
  if (Number.isNaN(ours) || Number.isNaN(theirs)) return notMeasured(target, 'no samples');
  const speedup = theirs / ours;
  const verdict = speedup >= factor ? 'met' : 'missed';
  const short = verdict === 'missed' ? `; ${formatRatio(factor / speedup)} short` : '';
  const floorSaid = Number.isNaN(floor) ? '' : `; library floor ${formatMs(floor)} ms, ${formatRatio(theirs / floor)} faster`;
  return { target, measured: `ours ${formatMs(ours)} ms, docker-langserver ${formatMs(theirs)} ms: ${formatRatio(speedup)} faster (needs ≥ ${formatRatio(factor)}${short})${floorSaid}`, verdict };
}

function under(target: string, value: number, limit: number): TargetRow {
  if (Number.isNaN(value)) return notMeasured(target, 'no samples');
  return { target, measured: `${formatMs(value)} ms (needs < ${limit} ms${value >= limit ? `; ${formatMs(value - limit)} ms over` : ''})`, verdict: value < limit ? 'met' : 'missed' };
}

function steadyP50(s: SizeResult, server: 'ours' | 'docker-langserver' | 'floor', metric: Metric): number {
  return p50(server === 'floor' ? s.steadyFloor?.samples[metric] : s.steady[server]?.samples[metric]);
}

export function evaluateTargets(result: BenchResult): TargetRow[] {
  const rows: TargetRow[] = [];
  const small = size(result, 40);

  const startTarget = 'spawn → first diagnostics at 40 lines ≤ 0.8x docker-langserver (warm code cache)';
  const floorTarget = 'spawn → first diagnostics at 40 lines within 60 ms of the library floor (its spawn → initialize)';
  const openCold = 'didOpen → first diagnostics at 40 lines < 15 ms, catalog not loaded (first document of a fresh server, warm code cache)';
  const openWarm = 'didOpen → first diagnostics at 40 lines < 15 ms, catalog loaded (a fresh URI)';
  if (!small) {
    for (const target of [startTarget, floorTarget, openCold, openWarm]) rows.push(notMeasured(target, '40 lines not in this run'));
  } else {
    const ours = p50(small.starts['ours-warm'].firstDiagnosticsMs);
    rows.push(atMostTimes(startTarget, ours, p50(small.starts['docker-langserver'].firstDiagnosticsMs), 0.8));
    const floor = p50(small.starts.floor.initializeMs);
    if (Number.isNaN(ours) || Number.isNaN(floor)) rows.push(notMeasured(floorTarget, 'no samples'));
    else rows.push({ target: floorTarget, measured: `${formatMs(ours)} − ${formatMs(floor)} = ${formatMs(ours - floor)} ms (needs ≤ 60 ms)`, verdict: ours - floor <= 60 ? 'met' : 'missed' });
    rows.push(under(openCold, p50(small.starts['ours-warm'].openToDiagnosticsMs), 15));
    rows.push(under(openWarm, steadyP50(small, 'ours', 'freshOpen'), 15));
  }

  for (const [lines, factor] of [[40, 2], [1000, 2], [10_000, 10]] as const) {
    const target = `one-character edit → diagnostics at ${lines.toLocaleString('en-US')} lines, as shipped: ≥ ${factor}x faster than docker-langserver`;
    const s = size(result, lines);
    rows.push(s ? faster(target, steadyP50(s, 'ours', 'edit'), steadyP50(s, 'docker-langserver', 'edit'), factor, steadyP50(s, 'floor', 'edit')) : notMeasured(target, `${lines.toLocaleString('en-US')} lines not in this run`));
  }

  for (const s of result.sizes) {
    const target = `peak RSS at ${s.lines.toLocaleString('en-US')} lines ≤ docker-langserver's`;
    const ours = s.steady.ours?.peakRssKb;
    const theirs = s.steady['docker-langserver']?.peakRssKb;
    if (ours === undefined || theirs === undefined) rows.push(notMeasured(target, 'no VmHWM (not Linux?)'));
    else rows.push(atMostTimes(target, ours / 1024, theirs / 1024, 1, 'MB'));
  }

  const big = size(result, 10_000);
  for (const metric of ['completion', 'hover'] as const) {
    const target = `${metric} at 10,000 lines ≥ 100x faster than docker-langserver`;
    rows.push(big ? faster(target, steadyP50(big, 'ours', metric), steadyP50(big, 'docker-langserver', metric), 100, steadyP50(big, 'floor', metric)) : notMeasured(target, '10,000 lines not in this run'));
  }
  return rows;
}
