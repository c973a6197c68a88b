/**
 * Starts of ours alone, one or more builds taking turns in the bench's rotation (starts.ts): spawn → initialize,
 * spawn → first diagnostics and didOpen → first diagnostics of a first document, and the peak RSS then, without
 * the peers' starts in between. For seeing what a change does to a start; `npm run bench` stays the measure of
 * record. Each build's code cache is warmed first as the bench warms it: a session opens the 1,000-line file and
 * stays until the server has written its cache (half a second after its first diagnostics).
 *
 *   tsx test/bench/startsAlone.ts [--lines 40] [--rounds 20] [--node-args "--flag …"] <build>/server.js [<another build>/server.js …]
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateDockerfile } from './generate';
import { LspSession } from './lspSession';
import { oursSpec } from './servers';
import { measureStarts, type Starter } from './starts';
import { percentile } from './stats';
import { readArgs } from '../helpers/args';

const options = { lines: 40, rounds: 20, nodeArgs: [] as string[], servers: [] as string[] };
readArgs(process.argv.slice(2), (cursor) => {
  if (cursor.arg === '--lines') options.lines = cursor.count();
  else if (cursor.arg === '--rounds') options.rounds = cursor.count();
  else if (cursor.arg === '--node-args') options.nodeArgs = cursor.value().split(/\s+/).filter(Boolean);
  else if (cursor.arg.startsWith('--')) throw new Error(`unknown option ${cursor.arg}; see the header of test/bench/startsAlone.ts`);
  else options.servers.push(path.resolve(cursor.arg));
});
if (options.servers.length === 0) options.servers.push(path.resolve(__dirname, '../../dist/server.js'));

/** The session a user's first start leaves behind: the code cache written after the first diagnostics. */
async function warmCodeCache(starter: () => ReturnType<typeof oursSpec>): Promise<void> {
  const { session } = await LspSession.start(starter());
  const uri = 'file:///bench/starts-alone/warm/Dockerfile';
  const published = session.diagnosticsFor(uri, 1);
  await session.open(uri, generateDockerfile(1000).text);
  await published;
  await sleep(1500);
  await session.stop();
}

async function main(): Promise<void> {
  const starters: Starter[] = [];
  for (const [index, server] of options.servers.entries()) {
    const spec = oursSpec({ server, nodeArgs: options.nodeArgs }, mkdtempSync(path.join(os.tmpdir(), 'ddf-starts-alone-')));
    await warmCodeCache(() => spec);
    starters.push({ id: `${index + 1}: ${path.relative(process.cwd(), server)}`, spec: () => spec, rounds: options.rounds });
  }
  const results = await measureStarts(starters, generateDockerfile(options.lines).text, String(options.lines));
  for (const [id, samples] of Object.entries(results)) {
    const p50 = (values: readonly number[]): string => percentile(values, 50).toFixed(1);
    console.log(
      `${id}: ${options.lines} lines, ${options.rounds} starts: spawn → initialize ${p50(samples.initializeMs)} ms, spawn → first diagnostics ${p50(samples.firstDiagnosticsMs)} ms, ` +
        `didOpen → first diagnostics ${p50(samples.openToDiagnosticsMs)} ms, peak RSS ${(percentile(samples.peakRssKb, 50) / 1024).toFixed(0)} MB (p50)`,
    );
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
