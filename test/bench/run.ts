/**
 * `npm run bench`: races our server as shipped against docker-langserver (dockerfile-language-server-nodejs, what
 * Container Tools runs) and tally (a Go linter with an LSP server) over stdio, on generated .NET Dockerfiles of
 * 40, 1,000 and 10,000 lines, and writes the results as a new dated section at the top of BENCHMARKS.md's runs.
 *
 *   tsx test/bench/run.ts [--sizes 40,1000,10000] [--iterations N] [--tally-iterations N] [--warmup N]
 *                         [--starts N] [--tally-starts N] [--idle-starts N] [--seed N] [--ci] [--no-write] [--json file]
 *                         [--debounce MS] [--server path/to/server.js] [--node-args "--flag …"] [--io-trace] [--cpu-prof dir]
 *
 * Per size: starts (starts.ts: spawn → first diagnostics with a warm and a cold code cache, the peers, the library
 * floor, in rotation), then the steady scenario (scenario.ts: a fresh open, hover, completion, code actions, a
 * one-character edit, a typing burst) with the three servers taking turns, and each server's peak RSS.
 *
 * The default run starts ours exactly as shipped (servers.ts). --debounce, --server, --node-args, --io-trace and
 * --cpu-prof depart from that, and the report's title says so. --ci is a smoke run (40 and 1,000 lines, a few
 * iterations, all three servers) that writes nothing and
 * fails only when a measure produced no number (a broken measurement), never on a missed target.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateDockerfile, type BenchDocument } from './generate';
import { LspSession, nodeServer, type ServerSpec } from './lspSession';
import { consoleReport, markdownReport, missingMeasures } from './report';
import { START_IDS, type BenchResult, type SizeResult, type SteadyResult, type StartId } from './results';
import { ioSplit, type IoSplit } from './ioSplit';
import { BenchRun, METRIC_LABELS } from './scenario';
import { buildLibraryFloorServer, buildSteadyFloorServer } from './libraryFloor';
import { buildUnminifiedServer } from './unminifiedBuild';
import { bareNodeStart, measureStarts, type StartSamples, type Starter } from './starts';
import { benchFolder, checkInstalled, departures, dockerLangserverSpec, madeFolders, oursSpec, packageVersion, paths, SERVER_IDS, tallySpec, type OursOptions, type ServerId } from './servers';
import { insertRun } from './benchmarksFile';
import { readArgs } from '../helpers/args';

const benchmarksFile = path.join(paths.root, 'BENCHMARKS.md');

interface Options {
  sizes: number[];
  iterations: number | undefined;
  tallyIterations: number | undefined;
  warmup: number | undefined;
  starts: number | undefined;
  tallyStarts: number | undefined;
  idleStarts: number;
  idleMs: number;
  seed: number;
  ci: boolean;
  write: boolean;
  json: string | undefined;
  cpuProf: string | undefined;
  server: string | undefined;
  nodeArgs: string[];
  ioTrace: boolean;
  debounceMs: number | undefined;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    sizes: [40, 1000, 10_000], iterations: undefined, tallyIterations: undefined, warmup: undefined, starts: undefined, tallyStarts: undefined,
    idleStarts: 10, idleMs: 1000, seed: 7, ci: false, write: true, json: undefined, cpuProf: undefined, server: undefined, nodeArgs: [], ioTrace: false, debounceMs: undefined,
  };
  readArgs(argv, (cursor) => {
    if (cursor.arg === '--sizes') options.sizes = cursor.value().split(',').map((s) => Number(s.trim().replace(/_/g, '')));
    else if (cursor.arg === '--iterations') options.iterations = cursor.count();
    else if (cursor.arg === '--tally-iterations') options.tallyIterations = cursor.count();
    else if (cursor.arg === '--warmup') options.warmup = cursor.count();
    else if (cursor.arg === '--starts') options.starts = cursor.count();
    else if (cursor.arg === '--tally-starts') options.tallyStarts = cursor.count();
    else if (cursor.arg === '--idle-starts') options.idleStarts = cursor.count();
    else if (cursor.arg === '--seed') options.seed = cursor.count();
    else if (cursor.arg === '--ci') Object.assign(options, { ci: true, write: false, sizes: [40, 1000], iterations: 3, tallyIterations: 2, warmup: 1, starts: 3, tallyStarts: 2, idleStarts: 2 });
    else if (cursor.arg === '--no-write') options.write = false;
    else if (cursor.arg === '--json') options.json = cursor.value();
    else if (cursor.arg === '--cpu-prof') options.cpuProf = path.resolve(cursor.value());
    else if (cursor.arg === '--server') options.server = path.resolve(cursor.value());
    else if (cursor.arg === '--node-args') options.nodeArgs = cursor.value().split(/\s+/).filter(Boolean);
    else if (cursor.arg === '--io-trace') options.ioTrace = true;
    else if (cursor.arg === '--debounce') options.debounceMs = cursor.count();
    else throw new Error(`unknown option ${cursor.arg}; see the header of test/bench/run.ts`);
  });
  if (options.sizes.some((n) => !Number.isInteger(n) || n < 40)) throw new Error('--sizes wants line counts of at least 40, comma-separated');
  return options;
}

/**
 * Steady iterations per server and size: tally lints a 10,000-line file in ~14 s, so it gets fewer. Ours and
 * docker-langserver get 20 at 10,000 lines: with 10, two runs of the same build put the edit at 9.2x and 9.9x and
 * the verdicts near a threshold flipped with the run.
 */
function iterationsFor(server: ServerId, lines: number, options: Options): number {
  if (server === 'tally') return options.tallyIterations ?? (lines >= 10_000 ? 3 : lines >= 1000 ? 10 : 30);
  return options.iterations ?? (lines >= 10_000 ? 20 : lines >= 1000 ? 30 : 40);
}

/** Warm-up iterations (not recorded): Node's JIT needs a few; tally (Go, no JIT) at 10,000 lines, where one takes minutes, none. */
function warmupFor(server: ServerId, lines: number, options: Options): number {
  if (options.warmup !== undefined) return options.warmup;
  if (server === 'tally') return lines >= 10_000 ? 0 : 1;
  return lines >= 10_000 ? 1 : 3;
}

function startsFor(id: StartId, lines: number, options: Options): number {
  if (id === 'tally') return options.tallyStarts ?? (lines >= 10_000 ? 3 : options.starts ?? 20);
  return options.starts ?? (lines >= 10_000 ? 10 : 20);
}

const log = (message: string): void => void process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

/** Waits until a server has written its V8 code cache into `<folder>/code-cache`, doing `work` meanwhile. */
async function whileNoCodeCache(folder: string, deadlineMs: number, work: () => Promise<void>): Promise<void> {
  const cacheFolder = path.join(folder, 'code-cache');
  const deadline = performance.now() + deadlineMs;
  while (!(existsSync(cacheFolder) && readdirSync(cacheFolder).some((name) => name.endsWith('.v8cache')))) {
    if (performance.now() > deadline) throw new Error(`no code cache was written into ${cacheFolder} within ${deadlineMs} ms`);
    await work();
  }
}

/**
 * A first session that leaves the code cache behind, as a user's first session does: it opens the 1,000-line file
 * and runs the steady scenario until the server writes its cache, as shipped (half a second after its first
 * diagnostics are sent, server/src/launch/codeCacheSignal.ts).
 */
async function primeCodeCache(ours: OursOptions, folder: string, document: BenchDocument): Promise<string> {
  const spec = oursSpec(ours, folder);
  const t0 = performance.now();
  const { session } = await LspSession.start(spec);
  try {
    const run = new BenchRun(session, document, 'prime');
    await run.openMain();
    await whileNoCodeCache(folder, 90_000, () => run.iterate(false));
  } finally {
    await session.stop();
  }
  const after = ((performance.now() - t0) / 1000).toFixed(1);
  return `The warm code cache was written by a first session of ours that opened the 1,000-line file and ran the steady scenario until the cache was written, as shipped (half a second after its first diagnostics; the session ran ${after} s).`;
}

/**
 * Makes sure the warm starts will run from the primed cache: a start with the cache's log on (stderr only; this
 * start is not measured) must report the cache accepted. A build that logs nothing about its cache is let through.
 */
async function confirmWarmCache(ours: OursOptions, folder: string): Promise<void> {
  const { session } = await LspSession.start(oursSpec({ ...ours, env: { ...ours.env, DOTNET_DOCKERFILE_CODE_CACHE_LOG: '1' } }, folder));
  await new Promise((resolve) => setTimeout(resolve, 200));
  await session.stop();
  const said = session.stderrText();
  if (said.includes('code cache') && !said.includes('code cache accepted')) throw new Error(`the primed code cache in ${folder} is not used: the server said ${JSON.stringify(said.trim())}`);
}

/** The library floor, built now and started once so that its code cache exists, as ours does. */
async function libraryFloor(): Promise<ServerSpec> {
  const script = await buildLibraryFloorServer(benchFolder('floor'));
  const cache = benchFolder('floor-cache');
  const spec = nodeServer('library floor', script, ['--stdio'], { DOTNET_DOCKERFILE_CACHE: cache });
  const { session } = await LspSession.start({ ...spec, env: { ...spec.env, DOTNET_DOCKERFILE_CODE_CACHE_WRITE_MS: '500' } });
  try {
    await whileNoCodeCache(cache, 15_000, () => new Promise((resolve) => setTimeout(resolve, 100)));
  } finally {
    await session.stop();
  }
  return spec;
}

/** The steady floor (steadyFloorServer.ts), built now; its steady measures come after warm-up iterations, as ours do. */
async function steadyFloor(): Promise<ServerSpec> {
  const script = await buildSteadyFloorServer(benchFolder('steady-floor'));
  return nodeServer('library floor', script, ['--stdio'], { DOTNET_DOCKERFILE_CACHE: benchFolder('steady-floor-cache') });
}

/** Our server with serverIoTrace.cjs preloaded, writing its I/O moments to `file` when it exits. */
function ioTraceEnv(file: string): Record<string, string> {
  const preload = `--require ${JSON.stringify(path.join(__dirname, 'serverIoTrace.cjs'))}`;
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${preload}`.trim(), DOTNET_DOCKERFILE_IO_TRACE: file };
}

function printIoSplit(lines: number, split: readonly IoSplit[]): void {
  const pair = ([p50, p99]: readonly [number, number]): string => `${p50.toFixed(2)} / ${p99.toFixed(2)}`;
  console.log(`\nOur server's part of each request at ${lines.toLocaleString('en-US')} lines (--io-trace), p50 / p99 in ms:\n`);
  console.log('| request | whole | held by our server | the rest: pipes, bench client |');
  console.log('|---|---:|---:|---:|');
  for (const row of split) console.log(`| ${METRIC_LABELS[row.metric]} | ${pair(row.total)} | ${pair(row.server)} | ${pair(row.outside)} |`);
}

interface Context {
  readonly options: Options;
  readonly ours: OursOptions;
  readonly warmCache: string;
  readonly floor: ServerSpec;
  readonly steadyFloor: ServerSpec;
  readonly nodeStarts: number[];
}

async function measureStartsAt(lines: number, document: BenchDocument, ctx: Context): Promise<Record<StartId, StartSamples>> {
  const specs: Record<StartId, () => ServerSpec> = {
    'ours-warm': () => oursSpec(ctx.ours, ctx.warmCache),
    'ours-cold': () => oursSpec(ctx.ours, benchFolder('cold')),
    'docker-langserver': dockerLangserverSpec,
    tally: tallySpec,
    floor: () => ctx.floor,
  };
  const starters: Starter[] = START_IDS.map((id) => ({
    id,
    spec: specs[id],
    rounds: startsFor(id, lines, ctx.options),
    ...(id === 'floor' ? { initializeOnly: true } : {}),
    ...(id === 'ours-cold' ? { cleanup: (spec: ServerSpec) => rmSync(spec.env!.DOTNET_DOCKERFILE_CACHE!, { recursive: true, force: true }) } : {}),
  }));
  return (await measureStarts(starters, document.text, String(lines), {
    beforeRound: async () => void ctx.nodeStarts.push(await bareNodeStart()),
    progress: (done, total) => log(`${lines} lines: start round ${done}/${total}`),
  })) as Record<StartId, StartSamples>;
}

/** The first document sent after the server idled: ours (warm code cache), docker-langserver, tally. */
async function measureIdleStarts(lines: number, document: BenchDocument, ctx: Context): Promise<Partial<Record<StartId, StartSamples>>> {
  const starters: Starter[] = [
    { id: 'ours-warm', spec: () => oursSpec(ctx.ours, ctx.warmCache), rounds: ctx.options.idleStarts },
    { id: 'docker-langserver', spec: dockerLangserverSpec, rounds: ctx.options.idleStarts },
    { id: 'tally', spec: tallySpec, rounds: ctx.options.idleStarts },
  ];
  return measureStarts(starters, document.text, `idle-${lines}`, { idleMs: ctx.options.idleMs, progress: (done, total) => log(`${lines} lines: idle start round ${done}/${total}`) });
}

async function measureSteady(lines: number, document: BenchDocument, ctx: Context): Promise<{ steady: Record<ServerId, SteadyResult>; steadyFloor: SteadyResult }> {
  const traceFile = ctx.options.ioTrace ? path.join(benchFolder('io'), 'io.json') : undefined;
  const ours = traceFile ? { ...ctx.ours, env: { ...ctx.ours.env, ...ioTraceEnv(traceFile) } } : ctx.ours;
  const specs: Record<ServerId | 'floor', ServerSpec> = { ours: oursSpec(ours, ctx.warmCache), 'docker-langserver': dockerLangserverSpec(), tally: tallySpec(), floor: ctx.steadyFloor };
  const runs: { id: ServerId | 'floor'; run: BenchRun; total: number; warmup: number }[] = [];
  try {
    for (const id of [...SERVER_IDS, 'floor'] as const) {
      const { session } = await LspSession.start(specs[id]);
      const run = new BenchRun(session, document, `${id}-${lines}`);
      // The floor takes its turn like a server, as often as ours.
      const counted = id === 'floor' ? 'ours' : id;
      const warmup = warmupFor(counted, lines, ctx.options);
      runs.push({ id, run, warmup, total: warmup + iterationsFor(counted, lines, ctx.options) });
      await run.openMain();
    }
    const rounds = Math.max(...runs.map((r) => r.total));
    for (let i = 0; i < rounds; i++) {
      // Rotate who goes first, so background noise lands on every server alike.
      for (let k = 0; k < runs.length; k++) {
        const { run, total, warmup } = runs[(i + k) % runs.length]!;
        if (i < total) await run.iterate(i >= warmup);
      }
      log(`${lines} lines: steady round ${i + 1}/${rounds}`);
    }
    const result = {} as Record<ServerId | 'floor', SteadyResult>;
    for (const { id, run, total, warmup } of runs) {
      result[id] = { iterations: total - warmup, samples: run.samples, answers: run.answers, unsupported: run.unsupported, peakRssKb: run.session.peakRssKb(), maxKeystrokeLatenessMs: run.maxKeystrokeLatenessMs };
    }
    const { floor, ...steady } = result;
    return { steady, steadyFloor: floor };
  } finally {
    await Promise.all(runs.map(({ run }) => run.session.stop()));
    const oursRun = runs.find((r) => r.id === 'ours');
    if (traceFile && oursRun) printIoSplit(lines, ioSplit(traceFile, oursRun.run.windows));
  }
}

function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: paths.root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'catalog', 'scripts'], { cwd: paths.root, encoding: 'utf8' }).trim() !== '';
    return `at ${commit}${dirty ? ' with uncommitted changes to the server' : ''}`;
  } catch {
    return '(commit unknown)';
  }
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const options = parseOptions(process.argv.slice(2));
  if (options.cpuProf) mkdirSync(options.cpuProf, { recursive: true });
  // Profiles of the minified bundle name functions `Hd` and `BK`: profile an unminified build of the same sources.
  const server = options.server ?? (options.cpuProf ? await buildUnminifiedServer() : undefined);
  const ours: OursOptions = {
    ...(server ? { server } : {}),
    ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
    nodeArgs: [...options.nodeArgs, ...(options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProf}`] : [])],
  };
  checkInstalled(server ?? paths.ourEntry);
  const loadStart = os.loadavg()[0]!;
  const cpus = os.cpus();

  log('building the library floor; priming our code cache');
  const floor = await libraryFloor();
  const floorSteady = await steadyFloor();
  const warmCache = benchFolder('warm');
  const codeCache = await primeCodeCache(ours, warmCache, generateDockerfile(1000, options.seed));
  await confirmWarmCache(ours, warmCache);
  const ctx: Context = { options, ours, warmCache, floor, steadyFloor: floorSteady, nodeStarts: [] };

  const sizes: SizeResult[] = [];
  const smallest = Math.min(...options.sizes);
  for (const lines of options.sizes) {
    const document = generateDockerfile(lines, options.seed);
    const starts = await measureStartsAt(lines, document, ctx);
    const idleStarts = lines === smallest && options.idleStarts > 0 ? await measureIdleStarts(lines, document, ctx) : undefined;
    const { steady, steadyFloor: floorResult } = await measureSteady(lines, document, ctx);
    sizes.push({ lines, bytes: Buffer.byteLength(document.text), starts, ...(idleStarts ? { idleStarts } : {}), steady, steadyFloor: floorResult });
  }

  const versions = {
    ours: `0.1.0 ${gitCommit()}${server ? ` (${server})` : ''}`,
    'docker-langserver': packageVersion(paths.dockerLangserverPackage),
    tally: packageVersion(paths.tallyPackage),
  };
  const result: BenchResult = {
    date: `${new Date(Date.now() - (performance.now() - t0)).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: `${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.platform()} ${os.release()}, Node ${process.version}`,
    loadAverage: { start: loadStart, end: os.loadavg()[0]! },
    durationS: (performance.now() - t0) / 1000,
    departures: departures({ ...ours, ioTrace: options.ioTrace, cpuProfile: options.cpuProf !== undefined }),
    versions,
    codeCache,
    idleMs: options.idleMs,
    nodeStartMs: ctx.nodeStarts,
    sizes,
  };

  console.log(consoleReport(result));
  if (options.json) writeFileSync(options.json, JSON.stringify(result, null, 2));
  if (options.write) {
    writeFileSync(benchmarksFile, insertRun(readFileSync(benchmarksFile, 'utf8'), markdownReport(result)));
    console.log(`\nwrote the run into ${path.relative(process.cwd(), benchmarksFile)}`);
  }
  if (options.cpuProf) console.log(`CPU profiles of our server: ${options.cpuProf} (open in Chrome DevTools → Performance, or VS Code)`);
  console.log(`\nbench ran ${result.durationS.toFixed(0)} s`);
  const problems = missingMeasures(result);
  if (problems.length > 0) {
    console.error(`\nbroken measurement: these measures produced no number:\n- ${problems.join('\n- ')}`);
    process.exitCode = 1;
  }
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  })
  .finally(() => {
    for (const folder of madeFolders()) rmSync(folder, { recursive: true, force: true });
  });
