/**
 * Turns a run into its BENCHMARKS.md section: a title that says whether ours ran as shipped, the targets of
 * issue 21 with their verdicts, a headline table (p50 of ours / docker-langserver / tally per size), the
 * speed-up against each peer, and per size every measure with p50 · p90 · p99 and the number of samples.
 */
import { METRIC_LABELS, STEADY_METRICS, type Metric } from './scenario';
import { SERVER_IDS, type ServerId } from './servers';
import { START_NAMES, type BenchResult, type SizeResult, type StartId } from './results';
import type { StartSamples } from './starts';
import { summarize } from './stats';
import { evaluateTargets, formatMs, formatRatio } from './targets';

const lines = (n: number): string => `${n.toLocaleString('en-US')} lines`;
const mb = (kb: number | undefined): string => (kb === undefined || Number.isNaN(kb) ? 'n/a' : `${(kb / 1024).toFixed(0)}`);
const p50 = (samples: readonly number[] | undefined): number => summarize(samples ?? []).p50;

/** "p50 · p90 · p99 (n)", or one figure when there is one sample, or why there is none. */
export function cell(samples: readonly number[] | undefined, unsupported = false): string {
  if (unsupported) return 'not offered';
  if (!samples || samples.length === 0) return 'n/a';
  const s = summarize(samples);
  if (s.n === 1) return `${formatMs(s.p50)} (1)`;
  return `${formatMs(s.p50)} · ${formatMs(s.p90)} · ${formatMs(s.p99)} (${s.n})`;
}

/** The title of a run: the shipped configuration, or what departs from it. */
export function runTitle(result: BenchResult): string {
  const what = result.departures.length === 0 ? 'the shipped configuration' : `NOT the shipped configuration: ${result.departures.join('; ')}`;
  return `Run of ${result.date}: ${what}`;
}

function steadyCell(size: SizeResult, server: ServerId, metric: Metric, format: (n: number) => string = formatMs): string {
  const steady = size.steady[server];
  if (!steady) return 'n/a';
  if (steady.unsupported.includes(metric)) return '—';
  return format(p50(steady.samples[metric]));
}

/** p50 of the three servers, "ours / docker-langserver / tally". */
function trio(values: readonly string[]): string {
  return values.join(' / ');
}

function headline(result: BenchResult): string[] {
  const out = [
    `| p50: ours / docker-langserver / tally | ${result.sizes.map((s) => lines(s.lines)).join(' | ')} |`,
    `|---|${result.sizes.map(() => '---:').join('|')}|`,
  ];
  const startRow = (label: string, ids: readonly StartId[], field: keyof StartSamples) =>
    `| ${label} | ${result.sizes.map((s) => trio(ids.map((id) => formatMs(p50(s.starts[id][field]))))).join(' | ')} |`;
  out.push(startRow('spawn → first diagnostics, warm code cache (ms)', ['ours-warm', 'docker-langserver', 'tally'], 'firstDiagnosticsMs'));
  out.push(`| spawn → first diagnostics, ours with a cold code cache (ms) | ${result.sizes.map((s) => formatMs(p50(s.starts['ours-cold'].firstDiagnosticsMs))).join(' | ')} |`);
  out.push(startRow('didOpen → first diagnostics, first document of a fresh server (ms)', ['ours-warm', 'docker-langserver', 'tally'], 'openToDiagnosticsMs'));
  for (const metric of STEADY_METRICS) {
    out.push(`| ${METRIC_LABELS[metric]} (ms) | ${result.sizes.map((s) => trio(SERVER_IDS.map((id) => steadyCell(s, id, metric)))).join(' | ')} |`);
  }
  out.push(`| peak RSS over the steady scenario (MB) | ${result.sizes.map((s) => trio(SERVER_IDS.map((id) => mb(s.steady[id]?.peakRssKb)))).join(' | ')} |`);
  out.push(`| library floor: spawn → initialize (ms) | ${result.sizes.map((s) => formatMs(p50(s.starts.floor.initializeMs))).join(' | ')} |`);
  return out;
}

/** How many times faster ours is than each peer, p50 ÷ p50 (below 1: ours is slower). */
function speedups(result: BenchResult): string[] {
  const ratio = (ours: number, theirs: number): string => formatRatio(theirs / ours);
  const out = [
    `| peer's p50 ÷ ours (docker-langserver, tally) | ${result.sizes.map((s) => lines(s.lines)).join(' | ')} |`,
    `|---|${result.sizes.map(() => '---:').join('|')}|`,
  ];
  const startPair = (s: SizeResult, field: keyof StartSamples): string =>
    ['docker-langserver', 'tally'].map((id) => ratio(p50(s.starts['ours-warm'][field]), p50(s.starts[id as StartId][field]))).join(', ');
  out.push(`| spawn → first diagnostics (warm code cache) | ${result.sizes.map((s) => startPair(s, 'firstDiagnosticsMs')).join(' | ')} |`);
  out.push(`| didOpen → first diagnostics, first document | ${result.sizes.map((s) => startPair(s, 'openToDiagnosticsMs')).join(' | ')} |`);
  for (const metric of STEADY_METRICS) {
    const pair = (s: SizeResult): string =>
      (['docker-langserver', 'tally'] as const).map((id) => (s.steady[id]?.unsupported.includes(metric) ? '—' : ratio(p50(s.steady.ours.samples[metric]), p50(s.steady[id]?.samples[metric])))).join(', ');
    out.push(`| ${METRIC_LABELS[metric]} | ${result.sizes.map(pair).join(' | ')} |`);
  }
  out.push(`| peak RSS (theirs ÷ ours: above 1x ours is smaller) | ${result.sizes.map((s) => (['docker-langserver', 'tally'] as const).map((id) => ratio(s.steady.ours.peakRssKb ?? Number.NaN, s.steady[id]?.peakRssKb ?? Number.NaN)).join(', ')).join(' | ')} |`);
  return out;
}

function sizeDetail(result: BenchResult, size: SizeResult): string[] {
  const out = [
    `#### ${lines(size.lines)} (${(size.bytes / 1024).toFixed(0)} KB)`,
    '',
    '| ms: p50 · p90 · p99 (samples) | ours | docker-langserver | tally | library floor |',
    '|---|---:|---:|---:|---:|',
  ];
  const startIds = (ours: StartId): StartId[] => [ours, 'docker-langserver', 'tally'];
  const startRow = (label: string, ids: StartId[], field: keyof StartSamples, from = size.starts) => `| ${label} | ${ids.map((id) => cell(from[id]?.[field])).join(' | ')} |`;
  out.push(`${startRow('spawn → initialize response, warm code cache', startIds('ours-warm'), 'initializeMs')} ${cell(size.starts.floor.initializeMs)} |`);
  out.push(`| spawn → initialize response, cold code cache | ${cell(size.starts['ours-cold'].initializeMs)} | | |`);
  out.push(startRow('spawn → first diagnostics, warm code cache', startIds('ours-warm'), 'firstDiagnosticsMs'));
  out.push(`| spawn → first diagnostics, cold code cache | ${cell(size.starts['ours-cold'].firstDiagnosticsMs)} | | |`);
  out.push(startRow('didOpen → first diagnostics, first document (sent with `initialized`), warm code cache', startIds('ours-warm'), 'openToDiagnosticsMs'));
  out.push(`| didOpen → first diagnostics, first document, cold code cache | ${cell(size.starts['ours-cold'].openToDiagnosticsMs)} | | |`);
  if (size.idleStarts) {
    const idle = size.idleStarts;
    out.push(`| didOpen → first diagnostics, first document sent ${result.idleMs} ms after \`initialized\` (warm code cache) | ${startIds('ours-warm').map((id) => cell(idle[id]?.openToDiagnosticsMs)).join(' | ')} |`);
  }
  for (const metric of STEADY_METRICS) {
    out.push(`| ${METRIC_LABELS[metric]} | ${SERVER_IDS.map((id) => cell(size.steady[id]?.samples[metric], size.steady[id]?.unsupported.includes(metric))).join(' | ')} | ${size.steadyFloor ? cell(size.steadyFloor.samples[metric]) : ''} |`);
  }
  out.push(`| peak RSS at first diagnostics of a fresh server (MB, p50) | ${startIds('ours-warm').map((id) => mb(p50(size.starts[id].peakRssKb))).join(' | ')} |`);
  out.push(`| peak RSS over the steady scenario (MB) | ${SERVER_IDS.map((id) => mb(size.steady[id]?.peakRssKb)).join(' | ')} |`);
  const answers = SERVER_IDS.map((id) => {
    const a = size.steady[id]?.answers;
    return a ? `${id}: ${a.completionItems} completion items, hover of ${a.hoverChars} characters, ${a.codeActions} code actions, ${a.diagnostics} diagnostics` : `${id}: none`;
  });
  const lateness = SERVER_IDS.map((id) => `${formatMs(size.steady[id]?.maxKeystrokeLatenessMs ?? Number.NaN)} ms (${id})`).join(', ');
  out.push(
    '',
    `Steady iterations: ${SERVER_IDS.map((id) => `${id} ${size.steady[id]?.iterations ?? 0}`).join(', ')}, library floor ${size.steadyFloor?.iterations ?? 0}. Answers: ${answers.join('; ')}. ` +
      `The bench client sent each burst keystroke at most ${lateness} after its schedule.`,
    '',
  );
  return out;
}

export function markdownReport(result: BenchResult): string {
  const out: string[] = [];
  out.push(`## ${runTitle(result)}`, '');
  out.push(`Command: \`${result.command}\` (${Math.round(result.durationS / 60)} min). Machine: ${result.machine}; load average ${result.loadAverage.start.toFixed(1)} at the start, ${result.loadAverage.end.toFixed(1)} at the end.`, '');
  out.push(`Servers: ours ${result.versions.ours}, docker-langserver ${result.versions['docker-langserver']}, tally ${result.versions.tally}. ${result.codeCache}`, '');
  if (result.departures.length > 0) out.push(`**NOT the shipped configuration:** ${result.departures.join('; ')}.`, '');
  out.push('### Targets of issue 21 (p50, ratios within this run)', '', '| target | measured | met |', '|---|---|---|');
  for (const row of evaluateTargets(result)) out.push(`| ${row.target} | ${row.measured} | ${row.verdict === 'met' ? 'yes' : row.verdict === 'missed' ? '**no**' : 'not measured'} |`);
  out.push('', '### Headline', '', ...headline(result), '', '— : the server does not offer the request (tally has no hover or completion).', '');
  out.push('### Speed-up of ours', '', ...speedups(result), '');
  const node = summarize(result.nodeStartMs);
  out.push('### Every measure', '', `An empty Node program (\`node -e ""\`, spawn → exit) takes ${formatMs(node.p50)} ms (p50 of ${node.n}) here: the floor under the Node servers.`, '');
  for (const size of result.sizes) out.push(...sizeDetail(result, size));
  return out.join('\n');
}

/** The same for the terminal: no table separator lines. */
export function consoleReport(result: BenchResult): string {
  return markdownReport(result)
    .split('\n')
    .filter((line) => !/^\|[-:|]+\|$/.test(line))
    .join('\n');
}

/** Measures that produced no number though they should have: a broken measurement, which fails `bench:ci`. */
export function missingMeasures(result: BenchResult): string[] {
  const problems: string[] = [];
  if (result.nodeStartMs.length === 0) problems.push('no empty-Node start');
  for (const size of result.sizes) {
    const at = lines(size.lines);
    for (const [id, samples] of Object.entries(size.starts) as [StartId, StartSamples][]) {
      if (samples.initializeMs.length === 0) problems.push(`${at}: ${START_NAMES[id]}: no start`);
      if (id !== 'floor' && (samples.firstDiagnosticsMs.length === 0 || samples.openToDiagnosticsMs.length === 0)) problems.push(`${at}: ${START_NAMES[id]}: no first diagnostics`);
      if (id !== 'floor' && samples.peakRssKb.length === 0) problems.push(`${at}: ${START_NAMES[id]}: no peak RSS`);
    }
    for (const [id, samples] of Object.entries(size.idleStarts ?? {}) as [StartId, StartSamples][]) {
      if (samples.openToDiagnosticsMs.length === 0) problems.push(`${at}: ${START_NAMES[id]}: no first diagnostics after idling`);
    }
    for (const id of SERVER_IDS) {
      const steady = size.steady[id];
      if (!steady) {
        problems.push(`${at}: ${id}: no steady run`);
        continue;
      }
      for (const metric of STEADY_METRICS) {
        if (!steady.unsupported.includes(metric) && steady.samples[metric].length === 0) problems.push(`${at}: ${id}: no samples of "${METRIC_LABELS[metric]}"`);
        if (steady.samples[metric].some((v) => !Number.isFinite(v) || v < 0)) problems.push(`${at}: ${id}: a sample of "${METRIC_LABELS[metric]}" is not a time`);
      }
      if (steady.peakRssKb === undefined) problems.push(`${at}: ${id}: no peak RSS`);
    }
    const floor = size.steadyFloor;
    if (!floor) problems.push(`${at}: library floor: no steady run`);
    else for (const metric of STEADY_METRICS) if (floor.samples[metric].length === 0) problems.push(`${at}: library floor: no samples of "${METRIC_LABELS[metric]}"`);
    // Ours must have answered with content: an empty answer means the bench measured nothing real.
    const ours = size.steady.ours?.answers;
    if (ours && ours.completionItems === 0) problems.push(`${at}: our completion in \`aspnet:10.0-\` returned no items`);
    if (ours && ours.hoverChars === 0) problems.push(`${at}: our hover on an image returned nothing`);
  }
  return problems;
}
