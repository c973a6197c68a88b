/**
 * `npm run fuzz -- --runs N`: the service properties of test/fuzz/properties.ts for as long as you like.
 *
 *   tsx test/fuzz/run.ts [--runs 10000] [--seed S] [--property text] [--time-limit seconds] [--chunk 2000] [--json file]
 *
 * Runs are shared out over the properties in chunks, round-robin; each chunk has its own seed (seed + chunk
 * number), so any failure is reproduced by the one-line command it prints. --time-limit stops after the
 * chunk that crosses the limit and reports how many cases ran.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { emptyCoverage, type Coverage } from './checks';
import { runCase, serviceProperties, type FuzzCase } from './properties';
import { readArgs } from '../helpers/args';

interface Options {
  runs: number;
  seed: number;
  property: string | undefined;
  timeLimitS: number | undefined;
  chunk: number;
  json: string | undefined;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { runs: 10_000, seed: Date.now() % 2 ** 31, property: undefined, timeLimitS: undefined, chunk: 2000, json: undefined };
  readArgs(argv, (cursor) => {
    if (cursor.arg === '--runs') options.runs = cursor.count();
    else if (cursor.arg === '--seed') options.seed = cursor.count();
    else if (cursor.arg === '--property') options.property = cursor.value();
    else if (cursor.arg === '--time-limit') options.timeLimitS = cursor.count();
    else if (cursor.arg === '--chunk') options.chunk = Math.max(1, cursor.count());
    else if (cursor.arg === '--json') options.json = cursor.value();
    else throw new Error(`unknown option ${cursor.arg}; see the header of test/fuzz/run.ts`);
  });
  return options;
}

interface PropertyTally {
  readonly name: string;
  cases: number;
  readonly coverage: Coverage;
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const properties = serviceProperties().filter((p) => !options.property || p.name.includes(options.property));
  if (properties.length === 0) throw new Error(`no property matches "${options.property}"`);
  const tallies: PropertyTally[] = properties.map((p) => ({ name: p.name, cases: 0, coverage: emptyCoverage() }));
  const started = performance.now();
  console.log(`fuzzing ${options.runs.toLocaleString('en-US')} cases over ${properties.length} properties, seed ${options.seed}`);

  let total = 0;
  let chunkIndex = 0;
  let stoppedEarly = false;
  while (total < options.runs) {
    const which = chunkIndex % properties.length;
    const property = properties[which]!;
    const tally = tallies[which]!;
    const numRuns = Math.min(options.chunk, options.runs - total);
    const seed = (options.seed + chunkIndex) % 2 ** 31;
    const result = fc.check(
      fc.property(property.arbitrary, (c: FuzzCase) => runCase(c, tally.coverage)),
      { numRuns, seed },
    );
    if (result.failed) {
      console.error(`\nFAILED: ${property.name} after ${(total + result.numRuns).toLocaleString('en-US')} cases in all`);
      console.error(fc.defaultReportMessage(result) ?? 'no report');
      const counterexample = result.counterexample?.[0] as FuzzCase | undefined;
      if (counterexample) console.error(`\nthe text, as a JSON string:\n${JSON.stringify(counterexample.text)}\nprobe: ${JSON.stringify(counterexample.probe)}\ntoday: ${counterexample.today}, catalog: ${counterexample.withCatalog}`);
      console.error(`\nreproduce: npm run fuzz -- --runs ${numRuns} --seed ${seed} --chunk ${numRuns} --property "${property.name}"`);
      process.exitCode = 1;
      return;
    }
    tally.cases += numRuns;
    total += numRuns;
    chunkIndex++;
    const seconds = (performance.now() - started) / 1000;
    console.log(`${total.toLocaleString('en-US')} cases, ${seconds.toFixed(0)} s, ${(total / seconds).toFixed(0)} cases/s`);
    if (options.timeLimitS !== undefined && seconds >= options.timeLimitS && total < options.runs) {
      stoppedEarly = true;
      break;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n${stoppedEarly ? 'STOPPED at the time limit' : 'PASSED'}: ${total.toLocaleString('en-US')} cases in ${(seconds / 60).toFixed(1)} min, seed ${options.seed}, no invariant broken`);
  for (const t of tallies) {
    const c = t.coverage;
    console.log(
      `  ${t.name}: ${t.cases.toLocaleString('en-US')} cases, ${c.diagnostics.toLocaleString('en-US')} diagnostics, ${c.completionItems.toLocaleString('en-US')} completion items, ` +
        `${c.hovers.toLocaleString('en-US')} hovers, ${c.codeActions.toLocaleString('en-US')} code actions, ${c.editsApplied.toLocaleString('en-US')} edits applied and re-validated`,
    );
  }
  if (options.json) writeFileSync(options.json, JSON.stringify({ seed: options.seed, cases: total, seconds, stoppedEarly, properties: tallies }, null, 2));
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
