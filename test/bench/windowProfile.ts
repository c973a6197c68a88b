/**
 * Where our server spends one kind of request, from a CPU profile of an unminified build cut to the request's
 * windows: the client and the server read the same monotonic clock, so each sample of the profile is counted only
 * when it falls between a request's send and its answer. A whole-process profile mixes the start, the idle time and
 * every other request in; this one shows what a user waits through, as a call tree with milliseconds per request
 * (the profiler's overhead included, so the parts compare, the totals run high).
 *
 *   tsx test/bench/windowProfile.ts first-document [--lines 40] [--rounds 12] [--interval 50] [--min 0.25]
 *   tsx test/bench/windowProfile.ts edit|hover [--lines 40] [--rounds 300] [--gap-ms 50] [--interval 50] [--min 0.02]
 *
 * first-document: a fresh server per round (a warm code cache, as the bench starts one), its first didOpen sent
 * with `initialized`, the window from the didOpen to its diagnostics. edit and hover: one server, a document of the
 * bench, the bench's one-character edit (typed, then taken back) or its hover, `--gap-ms` idle before each; the first
 * 20 are left out. A tool for finding causes; `npm run bench` is the measure of record.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateDockerfile } from './generate';
import { LspSession } from './lspSession';
import { oursSpec } from './servers';
import { percentile } from './stats';
import { buildUnminifiedServer } from './unminifiedBuild';
import { readArgs } from '../helpers/args';

type Mode = 'first-document' | 'edit' | 'hover';
const mode = process.argv[2] as Mode;
if (!['first-document', 'edit', 'hover'].includes(mode)) throw new Error('usage: see the header of test/bench/windowProfile.ts');
const firstDocument = mode === 'first-document';
const options = { lines: 40, rounds: firstDocument ? 12 : 300, gapMs: 50, interval: 50, min: firstDocument ? 0.25 : 0.02 };
readArgs(process.argv.slice(3), (cursor) => {
  if (cursor.arg === '--lines') options.lines = cursor.count();
  else if (cursor.arg === '--rounds') options.rounds = cursor.count();
  else if (cursor.arg === '--gap-ms') options.gapMs = cursor.count();
  else if (cursor.arg === '--interval') options.interval = cursor.count();
  else if (cursor.arg === '--min') options.min = Number(cursor.value());
  else throw new Error(`unknown option ${cursor.arg}; see the header of test/bench/windowProfile.ts`);
});

/** A time of this process's performance clock on the monotonic clock V8's profiles use (µs). */
const monotonic = (performanceMs: number): number => Number(process.hrtime.bigint() / 1000n) - (performance.now() - performanceMs) * 1000;

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
}

/** Milliseconds per call stack (root first, joined by '\n') and per leaf, over the samples inside the windows. */
class WindowTotals {
  readonly stacks = new Map<string, number>();
  readonly self = new Map<string, number>();

  add(profile: CpuProfile, windows: readonly (readonly [number, number])[]): void {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
    const label = (n: ProfileNode): string => `${n.callFrame.functionName || '(anonymous)'}:${n.callFrame.lineNumber + 1}`;
    let time = profile.startTime;
    let w = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      time += profile.timeDeltas[i]!;
      while (w < windows.length && time > windows[w]![1]) w++;
      if (w >= windows.length) break;
      if (time < windows[w]![0]) continue;
      // A sample stands for the time until the next one.
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const leaf = byId.get(profile.samples[i]!)!;
      this.self.set(label(leaf), (this.self.get(label(leaf)) ?? 0) + ms);
      const stack: string[] = [];
      for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) stack.unshift(label(byId.get(id)!));
      for (let depth = 1; depth <= stack.length; depth++) {
        const key = stack.slice(0, depth).join('\n');
        this.stacks.set(key, (this.stacks.get(key) ?? 0) + ms);
      }
    }
  }

  print(per: number, min: number): void {
    console.log('\nself time, ms per request');
    for (const [name, ms] of [...this.self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(ms / per).toFixed(3).padStart(8)}  ${name}`);
    console.log('\ncall tree, ms per request');
    const children = new Map<string, [string, number][]>();
    for (const [key, ms] of this.stacks) {
      const cut = key.lastIndexOf('\n');
      const parentKey = cut === -1 ? '' : key.slice(0, cut);
      children.set(parentKey, [...(children.get(parentKey) ?? []), [key, ms]]);
    }
    const walk = (key: string, depth: number): void => {
      for (const [child, ms] of (children.get(key) ?? []).sort((a, b) => b[1] - a[1])) {
        if (ms / per < min) continue;
        console.log(`${'  '.repeat(depth)}${(ms / per).toFixed(3)}  ${child.slice(child.lastIndexOf('\n') + 1)}`);
        walk(child, depth + 1);
      }
    };
    walk('', 0);
  }
}

function profileIn(folder: string): CpuProfile {
  const file = readdirSync(folder).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no CPU profile was written to ${folder}`);
  return JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as CpuProfile;
}

async function main(): Promise<void> {
  const server = await buildUnminifiedServer();
  const cache = mkdtempSync(path.join(os.tmpdir(), 'ddf-window-profile-'));
  const profiles = path.join(cache, 'profiles');
  const profiled = (round: number) => {
    const folder = path.join(profiles, String(round));
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    return { folder, spec: oursSpec({ server, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${folder}`, '--cpu-prof-interval', String(options.interval)] }, cache) };
  };
  const bench = generateDockerfile(options.lines);
  const totals = new WindowTotals();
  const times: number[] = [];
  if (firstDocument) {
    // The code cache a first session leaves (as the bench warms it), then one profiled start per round.
    const { session } = await LspSession.start(oursSpec({ server }, cache));
    const warmed = session.diagnosticsFor('file:///bench/window-profile/warm/Dockerfile', 1);
    await session.open('file:///bench/window-profile/warm/Dockerfile', generateDockerfile(1000).text);
    await warmed;
    await sleep(1500);
    await session.stop();
    for (let round = 0; round < options.rounds; round++) {
      const { folder, spec } = profiled(round);
      const { session: fresh } = await LspSession.start(spec);
      const uri = `file:///bench/window-profile/${round}/Dockerfile`;
      const published = fresh.diagnosticsFor(uri, 1);
      const sent = performance.now();
      await fresh.open(uri, bench.text);
      const { at } = await published;
      times.push(at - sent);
      await fresh.stop();
      await sleep(200); // the profile is written at exit
      totals.add(profileIn(folder), [[monotonic(sent), monotonic(at)]]);
    }
  } else {
    const { folder, spec } = profiled(0);
    const { session } = await LspSession.start(spec);
    const uri = 'file:///bench/window-profile/main/Dockerfile';
    const opened = session.diagnosticsFor(uri, 1);
    await session.open(uri, bench.text);
    await opened;
    const windows: [number, number][] = [];
    for (let round = 0; round < options.rounds; round++) {
      await sleep(options.gapMs);
      const sent = performance.now();
      let answered: number;
      if (mode === 'edit') {
        const at = bench.edit;
        const erase = round % 2 === 1;
        const version = await session.edit(uri, erase ? { start: at, end: { line: at.line, character: at.character + 1 }, text: '' } : { start: at, end: at, text: 'x' });
        answered = (await session.diagnosticsFor(uri, version)).at;
      } else {
        await session.request('textDocument/hover', { textDocument: { uri }, position: bench.hover });
        answered = performance.now();
      }
      if (round < 20) continue;
      times.push(answered - sent);
      windows.push([monotonic(sent), monotonic(answered)]);
    }
    await session.stop();
    await sleep(300);
    totals.add(profileIn(folder), windows);
  }
  console.log(`${mode} at ${options.lines} lines under the profiler: p50 ${percentile(times, 50).toFixed(2)} ms over ${times.length} (${options.interval} µs sampling)`);
  totals.print(times.length, options.min);
  rmSync(cache, { recursive: true, force: true });
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
