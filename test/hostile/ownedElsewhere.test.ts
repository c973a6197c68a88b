/**
 * Issue 19's cases whose fix belongs to the document model (server/src/service/document): #3, ARG values that
 * double per step (expansion is bounded in shell/expansion.ts), and the 10,000-stage FROM chain of #12 (stage facts
 * are built from the parent's, linearly, without deep recursion); and two more the generated cases found: many
 * independent stages, and deeply nested `${A:-…}` defaults. They run against the built server with the same
 * budgets as every other case. Each runs in a server of its own, stopped after its deadline, so a hang here never
 * blocks the suite.
 *
 * What makes them pass: expansion is bounded (shell/expansion.ts: past 16,384 characters an expanded word is cut
 * and marked, and callers treat its value as unknown and say so), `dockerfile-syntax` reports a FROM whose image
 * name passes that limit once its ARGs are expanded, and stage facts follow a FROM chain once per stage
 * (document/stageFacts.ts), so 10,000 chained stages cost 10,000 steps.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { peakRssMb, record, REQUEST_BUDGET_MS, RSS_BUDGET_MB, startHostileServer } from './harness';

async function withinBudget(what: string, text: string): Promise<void> {
  const client = await startHostileServer();
  try {
    const uri = 'file:///hostile/owned-elsewhere/Dockerfile';
    const started = performance.now();
    client.open(uri, text);
    await client.diagnostics(uri, 1, 1500); // the budget is 1 s: waiting longer only slows the run
    const ms = performance.now() - started;
    record({ what: `${what}: diagnostics`, ms, peakRssMb: peakRssMb(client.process.pid!) });
    assert.ok(ms <= REQUEST_BUDGET_MS, `${what}: diagnostics took ${ms.toFixed(0)} ms`);
    const hover = performance.now();
    await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: text.split('\n').length - 2, character: 40 } });
    assert.ok(performance.now() - hover <= REQUEST_BUDGET_MS, `${what}: hover took ${(performance.now() - hover).toFixed(0)} ms`);
    assert.ok(peakRssMb(client.process.pid!) < RSS_BUDGET_MB);
  } finally {
    client.process.kill('SIGKILL');
    await client.stop();
  }
}

describe('cases the document model answers within budget', { timeout: 120_000 }, () => {
  // Before the bounded expansion: 26 doublings took 3.4 s and 736 MB, 28 took 11 s and 3.2 GB.
  test('#3 ARG values doubling 26 times (580 bytes → 67 M characters)', async () => {
    const args = Array.from({ length: 26 }, (_, i) => `ARG A${i + 1}=\${A${i}}\${A${i}}`).join('\n');
    await withinBudget('#3 doubling x26', `ARG A0=x\n${args}\nFROM mcr.microsoft.com/dotnet/aspnet:\${A26}\n`);
  });

  test('18,000 independent stages in 1 MB', async () => {
    await withinBudget('18,000 stages', 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\n'.repeat(18_000));
  });

  test('`${A:-` nested 100,000 deep in a FROM', async () => {
    await withinBudget('${A:- x100,000', `FROM mcr.microsoft.com/dotnet/aspnet:${'${A:-'.repeat(100_000)}10.0${'}'.repeat(100_000)}\n`);
  });

  test('#12 a FROM chain of 10,000 stages', async () => {
    const stages = Array.from({ length: 10_000 }, (_, i) => (i === 0 ? 'FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS s0' : `FROM s${i - 1} AS s${i}`)).join('\n');
    await withinBudget('#12 FROM chain x10,000', `${stages}\n`);
  });
});
