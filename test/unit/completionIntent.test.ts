// Completion ranks with the intent of the stage being typed in; each part of it is worked out only when a ranking
// reads it, since the app's intent walks the whole file (issue 21: 10,000 lines, completion 0.77 → 0.48 ms).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { intentFor } from '../../server/src/service/completion/intent';
import type { Build } from '../../server/src/service/document/build';
import type { AppIntent } from '../../server/src/service/document/intent';
import type { Stage } from '../../server/src/service/document/stages';

/** A build that counts what is asked of it; only the parts intentFor reads are there. */
function countingBuild(app: AppIntent): { build: Build; asked: string[] } {
  const asked: string[] = [];
  const build = {
    project: undefined,
    model: { stages: { stages: [] as Stage[] } },
    intent: () => (asked.push('intent'), app),
    role: () => (asked.push('role'), 'final' as const),
    stage: () => ({ image: undefined }),
  } as unknown as Build;
  return { build, asked };
}

const stage = { index: 0 } as unknown as Stage;
const app: AppIntent = { web: undefined, deployment: { value: 'aot', source: 'dockerfile', because: '-p:PublishAot=true' }, targetVersion: { value: '10.0', source: 'dockerfile', because: '-f net10.0' }, runtimeFamily: 'runtime-deps', knownRuntimeFamily: 'runtime-deps' };

describe('the completion intent', () => {
  test('nothing is worked out before a ranking reads it', () => {
    const { build, asked } = countingBuild(app);
    intentFor(build, stage);
    assert.deepEqual(asked, []);
  });

  test("a tag's tail ranked by the stage's role does not walk the app", () => {
    const { build, asked } = countingBuild(app);
    const intent = intentFor(build, stage);
    assert.equal(intent.role, 'final');
    assert.equal(intent.role, 'final');
    assert.deepEqual(asked, ['role'], 'the role once, the app never');
  });

  test('the app parts give the same answers as before, each worked out once', () => {
    const { build, asked } = countingBuild(app);
    const intent = intentFor(build, stage);
    assert.equal(intent.prefersAot, true);
    assert.equal(intent.runtimeFamily, 'runtime-deps');
    // No other stage names a .NET version: the target framework's is preferred.
    assert.equal(intent.preferredVersion, '10.0');
    assert.deepEqual(asked, ['intent', 'role']);
  });

  test('before the first FROM the role is unknown and the version is the target', () => {
    const { build, asked } = countingBuild(app);
    const intent = intentFor(build, undefined);
    assert.equal(intent.role, 'unknown');
    assert.equal(intent.preferredVersion, '10.0');
    assert.deepEqual(asked, ['intent']);
  });
});
