/**
 * Our server alone over stdio, on the bench's scenario, for comparing two builds with less noise than the full
 * race. NOT the shipped configuration by default: it starts the server with DOTNET_DOCKERFILE_DEBOUNCE_MS=0 to
 * time validation alone (`--debounce shipped` leaves the server's own scheduling in place): no reference server competes for the two cores, and the time it would take per request is left as idle
 * time instead: `--gap-ms` (default 50) before each iteration, as in the race (at 1,000 lines the reference's
 * iteration takes ~200 ms), or with `--gaps requests` before each measured request, as when a person types.
 * Prints p50 and p99 of first diagnostics, hover, completion, code actions, diagnostics after an edit, and the typing burst,
 * and each server's peak RSS (VmHWM).
 *
 *   tsx test/bench/oursAlone.ts [--server dist/server.js] [--node-args "--flag …"] [--against other/server.js] [--lines 1000] [--iterations 300] [--gap-ms 50] [--gaps iterations|requests] [--debounce 0|shipped]
 *
 * `--against` runs a second build in the same loop, the two taking turns iteration by iteration (who goes first
 * alternates): this VM's speed drifts by a third within minutes, and builds timed in separate runs compare the
 * drift as much as the code. `npm run bench` stays the measure of record.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateDockerfile } from './generate';
import { LspSession, nodeServer } from './lspSession';
import { percentile } from './stats';
import { readStatusKb } from './procStatus';
import { BenchRun } from './scenario';
import { readArgs } from '../helpers/args';

const root = path.resolve(__dirname, '../..');
const options = { server: path.join(root, 'dist/server.js'), against: undefined as string | undefined, nodeArgs: [] as string[], lines: 1000, iterations: 300, gapMs: 50, gaps: 'iterations' as 'iterations' | 'requests', debounce: '0' };
readArgs(process.argv.slice(2), (cursor) => {
  if (cursor.arg === '--server') options.server = path.resolve(cursor.value());
  else if (cursor.arg === '--against') options.against = path.resolve(cursor.value());
  else if (cursor.arg === '--lines') options.lines = cursor.count();
  else if (cursor.arg === '--node-args') options.nodeArgs = cursor.value().split(/\s+/).filter(Boolean);
  else if (cursor.arg === '--iterations') options.iterations = cursor.count();
  else if (cursor.arg === '--gap-ms') options.gapMs = cursor.count();
  else if (cursor.arg === '--debounce') options.debounce = cursor.value();
  else if (cursor.arg === '--gaps') {
    const gaps = cursor.value();
    if (gaps !== 'iterations' && gaps !== 'requests') throw new Error(`--gaps takes iterations or requests, not ${gaps}`);
    options.gaps = gaps;
  }
  else throw new Error(`unknown option ${cursor.arg}; see the header of test/bench/oursAlone.ts`);
});

async function startRun(server: string, perRequest: boolean): Promise<{ server: string; session: LspSession; run: BenchRun }> {
  const env: Record<string, string> = { DOTNET_DOCKERFILE_CACHE: mkdtempSync(path.join(os.tmpdir(), 'ddf-alone-')) };
  if (options.debounce !== 'shipped') env.DOTNET_DOCKERFILE_DEBOUNCE_MS = options.debounce;
  const { session } = await LspSession.start(nodeServer(path.basename(path.dirname(path.dirname(server))), server, ['--stdio'], env, options.nodeArgs));
  const run = new BenchRun(session, generateDockerfile(options.lines), String(options.lines), async () => void (perRequest && (await sleep(options.gapMs))));
  await run.openMain();
  return { server, session, run };
}

async function main(): Promise<void> {
  const perRequest = options.gaps === 'requests';
  const runs = [await startRun(options.server, perRequest)];
  if (options.against) runs.push(await startRun(options.against, perRequest));
  const warmup = 10;
  for (let i = 0; i < warmup + options.iterations; i++) {
    for (const { run } of i % 2 === 0 ? runs : [...runs].reverse()) {
      if (!perRequest) await sleep(options.gapMs);
      await run.iterate(i >= warmup);
    }
  }
  const metrics = ['freshOpen', 'hover', 'completion', 'codeActions', 'edit', 'burstDiagnostics', 'burstCompletion'] as const;
  for (const { server, run, session } of runs) {
    const peakMb = (readStatusKb(session.pid, 'VmHWM') ?? 0) / 1024;
    console.log(
      `${path.relative(process.cwd(), server)}: ${options.lines} lines, ${options.iterations} iterations, ${options.gapMs} ms idle before each ${perRequest ? 'request' : 'iteration'}: ` +
        metrics.map((m) => `${m} p50 ${percentile(run.samples[m], 50).toFixed(1)} p99 ${percentile(run.samples[m], 99).toFixed(1)} ms`).join(', ') + `, peak RSS ${peakMb.toFixed(0)} MB`,
    );
  }
  for (const { session } of runs) await session.stop();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
