/**
 * How much of a keystroke's analysis is this machine's memory rather than our code. On the 2-core VMs we measure
 * on, what a process leaves in the CPU's caches is gone some tens of milliseconds later even while it keeps
 * running (the host shares them), so a request that follows others by a person's pace finds its code and data in
 * main memory. This prints, for each idle gap (a busy loop that touches nothing, so the gap is time, not work):
 *
 * - a random walk over 256 KB and 1 MB of memory: what a cache that is gone costs, with no code of ours (each
 *   measurement follows the others, so at a gap of 0 the caches hold the other measurements' data, not its own);
 * - the bench's one-character edit analysed in this process (parse on the last version, project search, rules,
 *   the published message as JSON), typed and taken back as the bench does: what the same cost does to ours.
 *
 * `--interpreter` runs our code in V8's interpreter only (`--max-opt=0`): if the cold edit costs about the same
 * there, what it waits for is memory, not instructions, and faster code would not shorten it; touching less would.
 * Not the server as shipped (the JSON catalog, no protocol): a tool for causes; `npm run bench` is the measure.
 *
 *   tsx test/bench/coldCache.ts [--lines 40] [--rounds 300] [--gaps 0,1,10,50] [--interpreter]
 */
import { setFlagsFromString } from 'node:v8';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateDockerfile } from './generate';
import { percentile } from './stats';
import { testService } from '../helpers/service';
import { readArgs } from '../helpers/args';

const options = { lines: 40, rounds: 300, gaps: [0, 1, 10, 50], interpreter: false };
readArgs(process.argv.slice(2), (cursor) => {
  if (cursor.arg === '--lines') options.lines = cursor.count();
  else if (cursor.arg === '--rounds') options.rounds = cursor.count();
  else if (cursor.arg === '--gaps') options.gaps = cursor.value().split(',').map((g) => Number(g));
  else if (cursor.arg === '--interpreter') options.interpreter = true;
  else throw new Error(`unknown option ${cursor.arg}; see the header of test/bench/coldCache.ts`);
});
if (options.gaps.some((g) => !Number.isFinite(g) || g < 0)) throw new Error('--gaps wants milliseconds, comma-separated');
// Before our code first runs: V8 reads the flag when it decides whether to compile a function further.
if (options.interpreter) setFlagsFromString('--max-opt=0');

let sink = 0;

/** Spins for `ms` without touching memory (the clock is read every 4,096 steps). */
function busyGap(ms: number): void {
  const end = performance.now() + ms;
  let x = 1;
  for (;;) {
    for (let k = 0; k < 4096; k++) x = (x * 31 + k) | 0;
    if (performance.now() >= end) break;
  }
  sink ^= x;
}

/** A cycle through every 64-byte line of `bytes` of memory, in random order (no prefetcher can guess it). */
function randomCycle(bytes: number): Int32Array {
  const lines = bytes / 64;
  const order = Array.from({ length: lines }, (_, i) => i);
  for (let i = lines - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const next = new Int32Array(lines * 16);
  for (let i = 0; i < lines; i++) next[order[i]! * 16] = order[(i + 1) % lines]! * 16;
  return next;
}

function walk(cycle: Int32Array): void {
  let at = 0;
  for (let i = cycle.length / 16; i > 0; i--) at = cycle[at]!;
  sink ^= at;
}

const micro = (ms: number): string => `${Math.round(ms * 1000)}`;

function main(): void {
  const service = testService();
  const bench = generateDockerfile(options.lines);
  const uri = 'file:///bench/cold/Dockerfile';
  const small = randomCycle(256 * 1024);
  const large = randomCycle(1024 * 1024);

  console.log(`${options.lines} lines, ${options.rounds} rounds per gap, ${options.interpreter ? 'interpreter only (--max-opt=0)' : "V8's defaults (TurboFan on)"}; medians in µs`);
  console.log('| idle gap (ms) | walk 256 KB | walk 1 MB | edit: parse | project search | rules | JSON | edit total |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const gap of options.gaps) {
    let document = TextDocument.create(uri, 'dockerfile', 1, bench.text);
    let model = service.parse(document);
    service.projectSearch(model);
    service.validate(model);
    const samples = { small: [] as number[], large: [] as number[], parse: [] as number[], search: [] as number[], rules: [] as number[], json: [] as number[], total: [] as number[] };
    const warmup = Math.min(20, Math.floor(options.rounds / 5));
    let typed = false;
    for (let round = 0; round < warmup + options.rounds; round++) {
      const keep = round >= warmup;
      // The walks and the edit each after their own gap, so neither warms the caches for the other.
      if (!options.interpreter) {
        busyGap(gap);
        let t = performance.now();
        walk(small);
        if (keep) samples.small.push(performance.now() - t);
        busyGap(gap);
        t = performance.now();
        walk(large);
        if (keep) samples.large.push(performance.now() - t);
      }
      busyGap(gap);
      const at = bench.edit;
      const change = typed ? { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' } : { range: { start: at, end: at }, text: 'x' };
      typed = !typed;
      document = TextDocument.update(document, [change], document.version + 1);
      const t0 = performance.now();
      model = service.parse(document, model);
      const t1 = performance.now();
      service.projectSearch(model);
      const t2 = performance.now();
      const diagnostics = service.validate(model);
      const t3 = performance.now();
      sink ^= JSON.stringify({ uri, version: document.version, diagnostics }).length;
      const t4 = performance.now();
      if (!keep) continue;
      samples.parse.push(t1 - t0);
      samples.search.push(t2 - t1);
      samples.rules.push(t3 - t2);
      samples.json.push(t4 - t3);
      samples.total.push(t4 - t0);
    }
    // Interpreted, the walk would time the interpreter: its columns are left out.
    const m = (key: keyof typeof samples): string => (samples[key].length > 0 ? micro(percentile(samples[key], 50)) : '—');
    console.log(`| ${gap} | ${m('small')} | ${m('large')} | ${m('parse')} | ${m('search')} | ${m('rules')} | ${m('json')} | ${m('total')} |`);
  }
  if (sink === 0.5) console.log(''); // keeps the work observable
}

main();
