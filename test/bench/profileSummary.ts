/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`, or `npm run bench -- --cpu-prof dir`) in the terminal:
 * the functions with the most self time and the most inclusive time. The bundle keeps function names
 * (esbuild keepNames), so names are enough to find the code.
 *
 *   tsx test/bench/profileSummary.ts <file.cpuprofile> [--top 25] [--under functionName]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function isCpuProfile(value: unknown): value is CpuProfile {
  const v = value as Partial<CpuProfile> | null;
  return !!v && Array.isArray(v.nodes) && Array.isArray(v.samples) && Array.isArray(v.timeDeltas);
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  const file = url ? path.basename(url.replace(/^file:\/\//, '')) : '';
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}:${columnNumber + 1}` : ''}`;
}

export interface ProfileTotals {
  readonly totalMs: number;
  readonly self: Map<string, number>;
  readonly inclusive: Map<string, number>;
}

/** Totals over the whole profile, or only inside calls of functions whose label contains `under`. */
export function summarise(profile: CpuProfile, under?: string): ProfileTotals {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfById = new Map<number, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    selfById.set(id, (selfById.get(id) ?? 0) + ms);
  });
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  // Inclusive time per function, counting a recursive function once per stack.
  let insideMs = 0;
  const walk = (id: number, onStack: Set<string>, inside: boolean): number => {
    const node = byId.get(id);
    if (!node) return 0;
    const name = label(node);
    const counts = inside || (under !== undefined && name.includes(under));
    const own = selfById.get(id) ?? 0;
    if (counts) {
      self.set(name, (self.get(name) ?? 0) + own);
      insideMs += own;
    }
    const nested = new Set(onStack).add(name);
    let sum = own;
    for (const child of node.children ?? []) sum += walk(child, nested, counts);
    if (counts && !onStack.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + sum);
    return counts ? sum : 0;
  };
  const root = profile.nodes[0];
  if (root) walk(root.id, new Set(), under === undefined);
  return { totalMs: under === undefined ? totalMs : insideMs, self, inclusive };
}

function main(): void {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
  if (!file) throw new Error('usage: tsx test/bench/profileSummary.ts <file.cpuprofile> [--top 25] [--under functionName]');
  const topIndex = args.indexOf('--top');
  const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 25;
  const underIndex = args.indexOf('--under');
  const under = underIndex >= 0 ? args[underIndex + 1] : undefined;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isCpuProfile(parsed)) throw new Error(`${file} is not a V8 CPU profile`);
  const totals = summarise(parsed, under);
  const show = (title: string, map: Map<string, number>): void => {
    console.log(`\n${title} (of ${totals.totalMs.toFixed(0)} ms sampled${under ? ` inside ${under}` : ''})`);
    const rows = [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
    for (const [name, ms] of rows) console.log(`${ms.toFixed(1).padStart(10)} ms  ${((100 * ms) / totals.totalMs).toFixed(1).padStart(5)}%  ${name}`);
  };
  show('self time', totals.self);
  show('inclusive time', totals.inclusive);
}

main();
