/**
 * Fixes are worked out on request, and fix-all works out every diagnostic's fixes: on a hostile file (thousands of
 * shell-form RUN steps on a chiseled image) moving steps, following their inputs and removing a health check's tool
 * stay linear (bounded searches, answers kept per stage), so fix-all answers in well under a second per thousand
 * diagnostics. Before the bounds, the first shape below did not answer within ten minutes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, service } from './fixHarness';

const CHISELED = 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled\nWORKDIR /app\nCOPY . .\n';
const N = 2000;
const SHAPES: Record<string, string> = {
  'adjacent RUN steps': Array.from({ length: N }, (_, i) => `RUN mkdir -p /app/d${i} && ./tool${i}\n`).join(''),
  'RUN and ENV alternating': Array.from({ length: N }, (_, i) => `RUN ./tool${i} > /app/out${i}\nENV X${i}=1\n`).join(''),
  'package installs and a HEALTHCHECK': Array.from({ length: N }, (_, i) => `RUN apt-get install -y curl\nENV X${i}=1\n`).join('') + 'HEALTHCHECK CMD ["curl", "http://x"]\n',
  'COPY and RUN alternating': Array.from({ length: N }, (_, i) => `COPY f${i} /app/\nRUN cat /app/f${i} > /app/g${i}\n`).join(''),
};

for (const [shape, body] of Object.entries(SHAPES)) {
  test(`fix-all on ${N} shell-form RUN steps (${shape}) stays fast`, () => {
    const model = parse(CHISELED + body);
    assert.ok(service.validate(model).length >= N);
    const started = performance.now();
    service.codeActions(model, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [], only: ['source.fixAll'] });
    const ms = performance.now() - started;
    assert.ok(ms < 4000, `fix-all took ${ms.toFixed(0)} ms`);
  });
}
