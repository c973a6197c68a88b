/**
 * A FROM chain in which every stage declares a new ENV or ARG name: each stage copies what it inherits, so the
 * copies grew quadratically (8,000 stages, 380 KB: 5 s and 1.5 GB). The copies now have a budget per document
 * (environment.ts MAX_COPIED_ENTRIES); ordinary chains inherit as before.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { testService } from '../../helpers/service';
import { environmentAt, environmentLookupAt } from '../../helpers/build';

function chain(stages: number, keyword: 'ENV' | 'ARG'): string {
  const lines = ['FROM mcr.microsoft.com/dotnet/sdk:10.0 AS s0'];
  for (let i = 1; i <= stages; i++) lines.push(`FROM s${i - 1} AS s${i}`, `${keyword} V${i}=${i}`, 'RUN echo $V1');
  return `${lines.join('\n')}\n`;
}

const service = testService();

describe('a FROM chain where every stage declares a new name', () => {
  for (const keyword of ['ENV', 'ARG'] as const) {
    test(`${keyword}: 8,000 stages are read and validated in bounded time`, () => {
      const text = chain(8000, keyword);
      const started = performance.now();
      const model = service.parse(TextDocument.create('file:///chain/Dockerfile', 'dockerfile', 1, text));
      service.projectSearch(model);
      service.validate(model);
      const ms = performance.now() - started;
      assert.ok(ms < 3000, `${ms.toFixed(0)} ms (5 s before the budget, on this VM)`);
    });

    test(`${keyword}: past the budget a stage's map is what it inherits, and its own name is still looked up`, () => {
      // 1,000 stages copy ~500,000 inherited entries in all: the budget (200,000) runs out on the way.
      const model = service.parse(TextDocument.create('file:///chain/Dockerfile', 'dockerfile', 1, chain(1000, keyword)));
      const last = model.stages.stages[1000]!;
      const parent = model.stages.stages[999]!;
      const seen = (stage: typeof last) => {
        const environment = environmentAt(model, stage, Number.POSITIVE_INFINITY);
        return keyword === 'ENV' ? environment.env : environment.args;
      };
      assert.equal(seen(last).has('V1000'), false, 'not copied into the map');
      assert.equal(seen(last).size, seen(parent).size, 'the map is what the stage inherits');
      const lookup = environmentLookupAt(model, last, Number.POSITIVE_INFINITY);
      assert.equal((keyword === 'ENV' ? lookup.env('V1000') : lookup.arg('V1000'))?.value, '1000');
    });

    test(`${keyword}: an ordinary chain still passes every name down`, () => {
      const model = service.parse(TextDocument.create('file:///chain/Dockerfile', 'dockerfile', 1, chain(20, keyword)));
      const last = model.stages.stages[20]!;
      const environment = environmentAt(model, last, Number.POSITIVE_INFINITY);
      const seen = keyword === 'ENV' ? environment.env : environment.args;
      assert.equal(seen.size, 20);
      assert.equal(seen.get('V1')?.value, '1');
    });
  }
});
