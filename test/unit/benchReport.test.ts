// The bench's verdicts and report (test/bench/targets.ts, report.ts, benchmarksFile.ts): targets of issue 21
// judged from a run's own numbers, the title that says whether ours ran as shipped, broken measurements, and
// where a new run goes in BENCHMARKS.md.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateTargets, type TargetRow } from '../bench/targets';
import { markdownReport, missingMeasures, runTitle } from '../bench/report';
import { insertRun, RUNS_MARKER } from '../bench/benchmarksFile';
import type { BenchResult, SizeResult, SteadyResult } from '../bench/results';
import { emptySamples, type Metric } from '../bench/scenario';
import { emptyStartSamples, type StartSamples } from '../bench/starts';

function starts(first: number, open: number, init = 100): StartSamples {
  return { ...emptyStartSamples(), initializeMs: [init, init], firstDiagnosticsMs: [first, first], openToDiagnosticsMs: [open, open], peakRssKb: [80_000] };
}

function steady(values: Partial<Record<Metric, number>>, rssMb: number, unsupported: Metric[] = []): SteadyResult {
  const samples = emptySamples();
  for (const [metric, value] of Object.entries(values) as [Metric, number][]) samples[metric].push(value, value);
  return { iterations: 2, samples, answers: { completionItems: 10, hoverChars: 800, codeActions: 3, diagnostics: 2 }, unsupported, peakRssKb: rssMb * 1024, maxKeystrokeLatenessMs: 1 };
}

const ALL = { freshOpen: 5, edit: 200, burstDiagnostics: 200, burstCompletion: 1, completion: 1, hover: 1, codeActions: 1 };
/** The library floor's steady measures: every answer at once, with nothing. */
const FLOOR = { freshOpen: 0.6, edit: 0.3, burstDiagnostics: 0.5, burstCompletion: 0.3, completion: 0.3, hover: 0.4, codeActions: 0.3 };

function size(lines: number, ours: Partial<Record<Metric, number>>, theirs: Partial<Record<Metric, number>>, rss: [number, number]): SizeResult {
  return {
    lines,
    bytes: lines * 32,
    starts: { 'ours-warm': starts(215, 81), 'ours-cold': starts(250, 95), 'docker-langserver': starts(206, 25), tally: starts(400, 300), floor: { ...emptyStartSamples(), initializeMs: [150, 150] } },
    steady: { ours: steady({ ...ALL, ...ours }, rss[0]), 'docker-langserver': steady({ ...ALL, ...theirs }, rss[1]), tally: steady({ freshOpen: 50, edit: 50, burstDiagnostics: 40, codeActions: 5 }, 190, ['completion', 'hover', 'burstCompletion']) },
    steadyFloor: steady(FLOOR, 40),
  };
}

function run(sizes: SizeResult[], departures: string[] = []): BenchResult {
  return {
    date: '2026-12-07', command: 'npm run bench', machine: 'test', loadAverage: { start: 0.5, end: 0.7 }, durationS: 600, departures,
    versions: { ours: '0.1.0', 'docker-langserver': '0.15.0', tally: '0.45.0' }, codeCache: 'primed', idleMs: 1000, nodeStartMs: [120], sizes,
  };
}

const verdict = (rows: TargetRow[], start: string): TargetRow => {
  const row = rows.find((r) => r.target.startsWith(start));
  assert.ok(row, `no target row starting with "${start}"`);
  return row;
};

describe('bench targets of issue 21', () => {
  test("today's shape: slower start and edits than docker-langserver, more memory, fast completion", () => {
    const rows = evaluateTargets(run([
      size(40, { edit: 204 }, { edit: 4 }, [72, 57]),
      size(1000, { edit: 210 }, { edit: 30 }, [77, 64]),
      size(10_000, { edit: 240, completion: 1, hover: 1.2 }, { edit: 600, completion: 262, hover: 247 }, [100, 77]),
    ]));
    assert.equal(verdict(rows, 'spawn → first diagnostics at 40 lines ≤ 0.8x').verdict, 'missed');
    assert.match(verdict(rows, 'spawn → first diagnostics at 40 lines ≤ 0.8x').measured, /215 ms vs 206 ms = 1\.04x \(needs ≤ 0\.80x\)/);
    const floor = verdict(rows, 'spawn → first diagnostics at 40 lines within 60 ms');
    assert.equal(floor.verdict, 'missed');
    assert.match(floor.measured, /215 − 150 = 65\.0 ms/);
    assert.equal(verdict(rows, 'didOpen → first diagnostics at 40 lines < 15 ms, catalog not loaded').verdict, 'missed');
    assert.equal(verdict(rows, 'didOpen → first diagnostics at 40 lines < 15 ms, catalog loaded').verdict, 'met');
    const edit40 = verdict(rows, 'one-character edit → diagnostics at 40 lines');
    assert.equal(edit40.verdict, 'missed');
    assert.match(edit40.measured, /0\.02x faster \(needs ≥ 2\.00x; 102x short\); library floor 0\.30 ms, 13x faster$/);
    assert.match(verdict(rows, 'hover at 10,000 lines').measured, /; library floor 0\.40 ms, 618x faster$/);
    assert.equal(verdict(rows, 'one-character edit → diagnostics at 10,000 lines').verdict, 'missed');
    for (const lines of ['40', '1,000', '10,000']) assert.equal(verdict(rows, `peak RSS at ${lines} lines`).verdict, 'missed');
    assert.equal(verdict(rows, 'completion at 10,000 lines').verdict, 'met');
    assert.equal(verdict(rows, 'hover at 10,000 lines').verdict, 'met');
    assert.ok(!rows.some((r) => /150 ms/.test(r.target)), 'the absolute 150 ms start target is retired');
  });

  test('the limits themselves count as met (≤ 0.8x, ≤ 60 ms, ≥ 2x, ≥ 10x, ≥ 100x, RSS equal)', () => {
    const s40 = size(40, { edit: 2, freshOpen: 14.9 }, { edit: 4 }, [57, 57]);
    const result = run([
      { ...s40, starts: { ...s40.starts, 'ours-warm': starts(160, 14.9), 'docker-langserver': starts(200, 25), floor: { ...emptyStartSamples(), initializeMs: [100] } } },
      size(1000, { edit: 15 }, { edit: 30 }, [64, 64]),
      size(10_000, { edit: 60, completion: 2, hover: 2 }, { edit: 600, completion: 200, hover: 200 }, [77, 77]),
    ]);
    const missed = evaluateTargets(result).filter((r) => r.verdict !== 'met');
    assert.deepEqual(missed, []);
  });

  test('sizes not in the run are "not measured", neither met nor missed', () => {
    const rows = evaluateTargets(run([size(1000, {}, {}, [60, 64])]));
    assert.equal(verdict(rows, 'spawn → first diagnostics at 40 lines ≤ 0.8x').verdict, 'not measured');
    assert.equal(verdict(rows, 'completion at 10,000 lines').verdict, 'not measured');
    assert.equal(verdict(rows, 'peak RSS at 1,000 lines').verdict, 'met');
    assert.ok(!rows.some((r) => r.target.startsWith('peak RSS at 40 lines')));
  });
});

describe('bench report', () => {
  test('a run of the server as shipped says so; any departure is in the title and the text', () => {
    const shipped = run([size(40, {}, {}, [70, 60])]);
    assert.equal(runTitle(shipped), 'Run of 2026-12-07: the shipped configuration');
    const forced = run([size(40, {}, {}, [70, 60])], ['our validation delay forced to 0 ms (DOTNET_DOCKERFILE_DEBOUNCE_MS=0)']);
    assert.equal(runTitle(forced), 'Run of 2026-12-07: NOT the shipped configuration: our validation delay forced to 0 ms (DOTNET_DOCKERFILE_DEBOUNCE_MS=0)');
    const text = markdownReport(forced);
    assert.ok(text.startsWith('## Run of 2026-12-07: NOT the shipped configuration'));
    assert.match(text, /\*\*NOT the shipped configuration:\*\*/);
  });

  test('the report shows p50 · p90 · p99 with counts, and "not offered" for what tally lacks', () => {
    const text = markdownReport(run([size(40, {}, {}, [70, 60])]));
    assert.match(text, /\| one-character edit → diagnostics of that version \| 200 · 200 · 200 \(2\) \| 200 · 200 · 200 \(2\) \| 50\.0 · 50\.0 · 50\.0 \(2\) \| 0\.30 · 0\.30 · 0\.30 \(2\) \|/);
    assert.match(text, /\| spawn → initialize response, warm code cache \| 100 · 100 · 100 \(2\) \| 100 · 100 · 100 \(2\) \| 100 · 100 · 100 \(2\) \| 150 · 150 · 150 \(2\) \|/, 'the floor start in its column');
    assert.match(text, /\| hover on an image reference \| 1\.00 · 1\.00 · 1\.00 \(2\) \| 1\.00 · 1\.00 · 1\.00 \(2\) \| not offered \|/);
  });

  test('a complete run has no missing measure; an empty one, a server without samples, an empty answer are broken', () => {
    const complete = run([size(40, {}, {}, [70, 60])]);
    assert.deepEqual(missingMeasures(complete), []);
    const s = size(40, {}, {}, [70, 60]);
    const broken = run([{ ...s, steady: { ...s.steady, tally: steady({}, 100, ['completion', 'hover', 'burstCompletion']), ours: { ...s.steady.ours, answers: { ...s.steady.ours.answers, completionItems: 0 } } } }]);
    const problems = missingMeasures(broken);
    assert.ok(problems.some((p) => /tally: no samples of "one-character edit/.test(p)), problems.join('\n'));
    assert.ok(!problems.some((p) => /tally: no samples of "hover/.test(p)), 'what a server does not offer is not missing');
    assert.ok(problems.some((p) => /completion .* returned no items/.test(p)));
    const { steadyFloor: _left, ...withoutFloor } = s;
    assert.ok(missingMeasures(run([withoutFloor])).some((p) => /library floor: no steady run/.test(p)));
    const noStart = run([{ ...s, starts: { ...s.starts, tally: emptyStartSamples() } }]);
    assert.ok(missingMeasures(noStart).some((p) => /tally: no start/.test(p)));
  });
});

describe('BENCHMARKS.md runs', () => {
  test('a new run goes right below the marker, above the older runs, which stay as they were', () => {
    const file = `# Benchmarks\n\nHow it works.\n\n${RUNS_MARKER}\n\n## Run of 2026-11-23: old\n\nold text\n`;
    const next = insertRun(file, '## Run of 2026-12-07: new\n\nnew text\n');
    assert.equal(next, `# Benchmarks\n\nHow it works.\n\n${RUNS_MARKER}\n\n## Run of 2026-12-07: new\n\nnew text\n\n## Run of 2026-11-23: old\n\nold text\n`);
    const again = insertRun(next, '## Run of 2026-12-08: newer');
    assert.ok(again.indexOf('2026-12-08') < again.indexOf('2026-12-07') && again.indexOf('2026-12-07') < again.indexOf('2026-11-23'));
  });

  test('a file without the marker gets it, with the run, at its end', () => {
    const next = insertRun('# Benchmarks\n', '## Run of 2026-12-07: new');
    assert.equal(next, `# Benchmarks\n\n${RUNS_MARKER}\n\n## Run of 2026-12-07: new\n`);
  });
});
