/**
 * The service alone, in this process, on a generated benchmark Dockerfile: time per phase (parse, validate,
 * code actions over the whole file, completion, hover) and bytes allocated per phase. For finding where a
 * request's time and garbage go without the protocol in between; `npm run bench` is the real measure.
 *
 *   tsx test/bench/inProcess.ts [--lines 1000] [--iterations 200] [--seed 7] [--allocations]
 *
 * --allocations samples allocations (V8's sampling heap profiler, collected objects included) and prints the
 * functions that allocate most per iteration, instead of timing.
 */
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { generateDockerfile } from './generate';
import { testService } from '../helpers/service';
import { readArgs } from '../helpers/args';

const PHASES = ['parse', 'validate', 'codeActions', 'complete', 'hover'] as const;
type Phase = (typeof PHASES)[number];

const options = { lines: 1000, iterations: 200, seed: 7, allocations: false };
readArgs(process.argv.slice(2), (cursor) => {
  if (cursor.arg === '--lines') options.lines = cursor.count();
  else if (cursor.arg === '--iterations') options.iterations = cursor.count();
  else if (cursor.arg === '--seed') options.seed = cursor.count();
  else if (cursor.arg === '--allocations') options.allocations = true;
  else throw new Error(`unknown option ${cursor.arg}; see the header of test/bench/inProcess.ts`);
});

const document = generateDockerfile(options.lines, options.seed);
const service = testService();
const whole = { start: { line: 0, character: 0 }, end: { line: document.lineCount, character: 0 } };

/** One round of every phase on a new version of the document (as after a keystroke). */
function round(version: number, time: (phase: Phase, work: () => unknown) => unknown): void {
  const text = version % 2 === 0 ? document.text : `${document.text}\n# ${version}`;
  const model = time('parse', () => service.parse(TextDocument.create('file:///bench/Dockerfile', 'dockerfile', version, text))) as ReturnType<typeof service.parse>;
  const diagnostics = time('validate', () => service.validate(model)) as Diagnostic[];
  time('codeActions', () => service.codeActions(model, whole, { diagnostics }));
  time('complete', () => service.complete(model, document.completion));
  time('hover', () => service.hover(model, document.hover));
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

function timing(): void {
  const samples = Object.fromEntries(PHASES.map((p) => [p, [] as number[]])) as Record<Phase, number[]>;
  const warmup = Math.min(20, Math.floor(options.iterations / 5));
  for (let i = 0; i < warmup + options.iterations; i++) {
    round(i, (phase, work) => {
      const t0 = performance.now();
      const result = work();
      if (i >= warmup) samples[phase].push(performance.now() - t0);
      return result;
    });
  }
  console.log(`${options.lines} lines, ${options.iterations} iterations (ms)`);
  for (const phase of PHASES) {
    const sorted = [...samples[phase]].sort((a, b) => a - b);
    console.log(`${phase.padEnd(12)} p50 ${percentile(sorted, 0.5).toFixed(2).padStart(7)}  p99 ${percentile(sorted, 0.99).toFixed(2).padStart(7)}  max ${sorted[sorted.length - 1]!.toFixed(2).padStart(7)}`);
  }
}

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

async function allocations(): Promise<void> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params: object = {}): Promise<T> =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
  for (let i = 0; i < 20; i++) round(i, (_phase, work) => work());
  await post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  for (let i = 0; i < options.iterations; i++) round(1000 + i, (_phase, work) => work());
  const { profile } = await post<{ profile: { head: SamplingNode } }>('HeapProfiler.stopSampling');
  const bySite = new Map<string, number>();
  let total = 0;
  const walk = (node: SamplingNode): void => {
    const site = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber + 1}`;
    total += node.selfSize;
    bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    node.children.forEach(walk);
  };
  walk(profile.head);
  const kb = (bytes: number): string => (bytes / options.iterations / 1024).toFixed(0).padStart(6);
  console.log(`${options.lines} lines: ${kb(total).trim()} KB allocated per iteration (all phases), top sites:`);
  for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${kb(bytes)} KB  ${site}`);
}

if (options.allocations) void allocations();
else timing();
