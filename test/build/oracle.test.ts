/**
 * The oracle can fail: time limits end what hangs, and a fixed file that prints other words, loses a file the
 * reference has, or a `before` that does not fail as the case says, are all caught. Without these, a green
 * `npm run test:build` would prove nothing.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixCases } from '../fixes/cases';
import { imagesOfCases } from '../fixes/cases/caseImages';
import type { FixCase } from '../fixes/cases/fixCase';
import { printedArgv, standInLayers } from './oracle';
import { proveFix } from './proveFix';
import { run } from './run';
import { ensureTools } from './setup';
import { ensureStandIns } from './standins/images';

let layers = new Map<string, string>();

before(async () => {
  ensureTools();
  const images = imagesOfCases(fixCases);
  await ensureStandIns(images);
  layers = await standInLayers(images);
});

function fixCase(name: string): FixCase {
  const found = fixCases.find((c) => c.name === name);
  assert.ok(found, `no fix case "${name}"`);
  return found;
}

describe('the oracle catches what is wrong', () => {
  test('a program past its time limit is ended, with everything it started', async () => {
    const ran = await run('sh', ['-c', 'sleep 30 & sleep 30'], { timeoutMs: 300 });
    assert.equal(ran.timedOut, true);
    assert.equal(ran.code, null);
    assert.ok(ran.ms < 5_000, `took ${ran.ms} ms`);
  });

  test('only lines that are JSON arrays of strings count as printed arguments', () => {
    assert.deepEqual(printedArgv('[1/2] STEP 1/3: FROM x\n["a","b c"]\n  App -> /app/\n[3]\n[]\n'), [['a', 'b c'], []]);
  });

  test('a fixed file whose command prints other words', async () => {
    const c = fixCase('ENTRYPOINT: quotes removed, JSON escaped');
    const verdict = await proveFix(c, layers, c.after.replace('"my \\"app\\""', '"my app"'));
    assert.equal(verdict.problems.length, 1, verdict.problems.join('\n'));
    assert.ok(verdict.problems[0]!.includes('the command prints ["App.dll","--urls","http://+:8080","--name","my app"], expected ["App.dll","--urls","http://+:8080","--name","my \\"app\\""]'), verdict.problems[0]);
  });

  test('a fixed file that does not copy what the moved step made', async () => {
    const c = fixCase('the RUN moves, its WORKDIR comes along, and what it creates is copied back');
    const verdict = await proveFix(c, layers, c.after.replace('COPY --from=build /app/data /app/data\n', ''));
    assert.equal(verdict.problems.length, 1, verdict.problems.join('\n'));
    assert.match(verdict.problems[0]!, /adds other files than the reference: only after the fix \[\], only in the reference \["\+ \/app\/data d","\+ \/app\/data\/.keep f /);
  });

  test('a before that does not fail the way the case says', async () => {
    const c = fixCase('RUN sees the stage ARGs too');
    const verdict = await proveFix({ ...c, beforeOutcome: 'start-fails' }, layers);
    assert.deepEqual(verdict.problems, ['before the fix: expected start-fails, the builder shows build-fails']);
  });
});
