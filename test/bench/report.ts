/**
 * Turns benchmark samples into the tables of BENCHMARKS.md: p50 and p99 per request for both servers, the
 * ratio (theirs / ours, so "12x" means ours is 12 times faster), peak memory, and each target of issue 7
 * with whether this run met it.
 */
import { METRIC_LABELS, METRICS, type Answers, type Metric, type Samples } from './scenario';
import { percentile } from './lspSession';

export interface SizeResult {
  readonly lines: number;
  readonly bytes: number;
  readonly iterations: number;
  readonly ours: Samples;
  readonly theirs: Samples;
  readonly oursAnswers: Answers;
  readonly theirsAnswers: Answers;
  readonly oursPeakRssKb: number;
  readonly theirsPeakRssKb: number;
}

export interface BenchResult {
  readonly date: string;
  readonly command: string;
  readonly machine: string;
  /** Our server's validation debounce during the run, subtracted from our edit → diagnostics figures. */
  readonly oursDebounceMs: number;
  readonly debounceFromEnv: boolean;
  /**
   * Spawn → initialize response. `ours` runs from the V8 code cache its first session left (every start after
   * the first), `oursCold` without one (the first start after an install or update); `node` is spawn → exit
   * of an empty Node program, the floor for both servers; `library` is spawn → initialize response of a server
   * that only answers initialize on vscode-languageserver, built and cached as ours is (libraryFloorServer.ts).
   */
  readonly start: { readonly ours: number[]; readonly oursCold: number[]; readonly theirs: number[]; readonly node: number[]; readonly library: number[] };
  readonly sizes: SizeResult[];
}

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

const ms = (value: number): string => (Number.isNaN(value) ? 'n/a' : value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0));
const ratio = (theirs: number, ours: number): string => (ours > 0 && Number.isFinite(theirs) ? `${(theirs / ours).toFixed(theirs / ours < 10 ? 1 : 0)}x` : 'n/a');
const mb = (kb: number): string => (kb > 0 ? `${(kb / 1024).toFixed(0)} MB` : 'n/a');

/** Our samples for a metric, with the debounce delay taken out of the edit → diagnostics times. */
function oursNet(result: BenchResult, size: SizeResult, metric: Metric): number[] {
  const samples = size.ours[metric];
  if (metric !== 'editDiagnostics' || result.oursDebounceMs === 0) return samples;
  return samples.map((value) => Math.max(0, value - result.oursDebounceMs));
}

function row(label: string, ours: readonly number[], theirs: readonly number[]): string {
  const [o50, o99, t50, t99] = [percentile(ours, 50), percentile(ours, 99), percentile(theirs, 50), percentile(theirs, 99)];
  return `| ${label} | ${ms(o50)} | ${ms(o99)} | ${ms(t50)} | ${ms(t99)} | ${ratio(t50, o50)} | ${ratio(t99, o99)} |`;
}

const HEADER = '| measure (ms) | ours p50 | ours p99 | theirs p50 | theirs p99 | ratio p50 | ratio p99 |\n|---|---:|---:|---:|---:|---:|---:|';

export function markdownReport(result: BenchResult): string {
  const out: string[] = [];
  out.push(`Run of ${result.date} on ${result.machine}.`, '', `Command: \`${result.command}\``, '');
  out.push(
    result.oursDebounceMs === 0
      ? `Our validation debounce was 0 ms for this run (\`DOTNET_DOCKERFILE_DEBOUNCE_MS=0\`); the reference server has none (it validates inside its didChange handler).`
      : `Our server ignored \`DOTNET_DOCKERFILE_DEBOUNCE_MS\` (it is not in this build), so our edit → diagnostics rows are measured minus its fixed ${result.oursDebounceMs} ms debounce; the reference server has no debounce.`,
    '',
  );
  out.push(
    '### Server start',
    '',
    HEADER,
    row(METRIC_LABELS.start, result.start.ours, result.start.theirs),
    row(`${METRIC_LABELS.start}, first start after an install (no code cache yet)`, result.start.oursCold, result.start.theirs),
    '',
  );
  out.push(
    `An empty Node program (\`node -e ""\`, spawn → exit) takes ${ms(percentile(result.start.node, 50))} ms (p50) on this machine: the floor under both. ` +
      `A server that does nothing but answer initialize on vscode-languageserver, built and started as ours is ` +
      `(test/bench/libraryFloorServer.ts), takes ${ms(percentile(result.start.library, 50))} ms (p50, p99 ${ms(percentile(result.start.library, 99))}): the floor this library puts under ours.`,
    '',
  );
  for (const size of result.sizes) {
    out.push(`### ${size.lines.toLocaleString('en-US')} lines (${(size.bytes / 1024).toFixed(0)} KB), ${size.iterations} iterations`, '', HEADER);
    for (const metric of METRICS) {
      const label = metric === 'editDiagnostics' && result.oursDebounceMs > 0 ? `${METRIC_LABELS[metric]}, ours net of debounce` : METRIC_LABELS[metric];
      out.push(row(label, oursNet(result, size, metric), size.theirs[metric]));
    }
    out.push(`| peak memory (RSS of the server) | ${mb(size.oursPeakRssKb)} | | ${mb(size.theirsPeakRssKb)} | | ${ratio(size.theirsPeakRssKb, size.oursPeakRssKb)} | |`);
    const a = size.oursAnswers;
    const b = size.theirsAnswers;
    out.push(
      '',
      `Answers (ours / theirs): ${a.completionItems} / ${b.completionItems} completion items, hover of ${a.hoverChars} / ${b.hoverChars} characters, ` +
        `${a.codeActions} / ${b.codeActions} code actions, ${a.diagnostics} / ${b.diagnostics} diagnostics.`,
      '',
    );
  }
  const checks = targetChecks(result);
  if (checks.length > 0) {
    out.push('### Targets of issue 7', '', '| target | measured | met |', '|---|---|---|');
    for (const check of checks) out.push(`| ${check.target} | ${check.measured} | ${check.met ? 'yes' : '**no**'} |`);
    out.push('');
  }
  return out.join('\n');
}

/** The targets of issue 7 that this run's sizes can judge. */
export function targetChecks(result: BenchResult): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const start50 = percentile(result.start.ours, 50);
  const floor50 = percentile(result.start.library, 50);
  checks.push({ target: 'server start under 150 ms (p50)', measured: `${ms(start50)} ms (library floor ${ms(floor50)} ms)`, met: start50 < 150 });
  const big = result.sizes.find((s) => s.lines === 10_000);
  if (big) {
    for (const metric of ['completion', 'hover'] as const) {
      const o = percentile(big.ours[metric], 50);
      const t = percentile(big.theirs[metric], 50);
      checks.push({ target: `10,000 lines: ${metric} ≥ 80x faster and p50 < 3 ms`, measured: `${ms(o)} ms vs ${ms(t)} ms = ${ratio(t, o)}`, met: t / o >= 80 && o < 3 });
    }
    const o = percentile(oursNet(result, big, 'editDiagnostics'), 50);
    const t = percentile(big.theirs.editDiagnostics, 50);
    checks.push({ target: '10,000 lines: diagnostics after an edit ≥ 10x faster (p50)', measured: `${ms(o)} ms vs ${ms(t)} ms = ${ratio(t, o)}`, met: t / o >= 10 });
    const first = percentile(big.ours.firstDiagnostics, 50);
    checks.push({ target: '10,000 lines: first diagnostics under 150 ms (p50)', measured: `${ms(first)} ms`, met: first < 150 });
  }
  const mid = result.sizes.find((s) => s.lines === 1_000);
  if (mid) {
    for (const metric of ['completion', 'hover', 'codeActions', 'firstDiagnostics', 'editDiagnostics', 'keystrokeCompletion'] as const) {
      const p99 = percentile(oursNet(result, mid, metric), 99);
      checks.push({ target: `1,000 lines: ${metric} p99 < 10 ms`, measured: `${ms(p99)} ms`, met: p99 < 10 });
    }
  }
  return checks;
}

/** A plain-text table for the terminal. */
export function consoleReport(result: BenchResult): string {
  return markdownReport(result)
    .split('\n')
    .filter((line) => !line.startsWith('|---'))
    .join('\n');
}
