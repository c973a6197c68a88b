// The idle warm-up runs what a first document runs: the rules over a usual .NET Dockerfile and a tag completion.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { warmUp } from '../../server/src/lsp/idleWarmUp';
import { testService } from '../helpers/service';

describe('the idle warm-up', () => {
  test('validates a usual .NET Dockerfile (only the tag being typed is reported) and completes that tag', () => {
    const result = warmUp(testService());
    assert.deepEqual(result.diagnostics, ['unknown-tag'], 'the sample is otherwise right: the rules ran through their ordinary paths');
    assert.ok(result.completionItems > 3, `tag completion after runtime:10.0- offered ${result.completionItems} items`);
  });
});
