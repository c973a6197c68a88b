/**
 * "Old catalog, said once" in VS Code: the decision and the answers, with a fake editor and a fixed clock
 * (client/src/catalogAgeNotice.ts takes the editor as an argument; extension.ts passes the real one).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CATALOG_AGE_STATE_KEY,
  maybeNoticeOldCatalog,
  NOT_NOW,
  oldCatalogMessage,
  REFRESH_NOW,
  REFRESH_WEEKLY,
  type NoticeEditor,
} from '../../client/src/catalogAgeNotice';
import { catalogAgeDays, todayFrom } from '../../server/src/protocol';

const OLD = { ok: true, date: '2026-08-21', origin: 'bundled' } as const;

function fakeEditor(options: { today?: string; setting?: string; answer?: string } = {}) {
  const state = new Map<string, unknown>();
  const calls: string[] = [];
  const editor: NoticeEditor = {
    today: () => options.today ?? '2026-12-15',
    refreshSetting: () => options.setting ?? 'off',
    remembered: (key) => state.get(key),
    remember: async (key, value) => void state.set(key, value),
    ask: async (message, ...choices) => {
      calls.push(`ask: ${message} [${choices.join(' | ')}]`);
      return options.answer;
    },
    refreshNow: async () => void calls.push('refresh now'),
    refreshWeekly: async () => void calls.push('setting weekly'),
  };
  return { editor, state, calls };
}

describe('the old-catalog notice', () => {
  test('counts days and reads DOTNET_DOCKERFILE_TODAY', () => {
    assert.equal(catalogAgeDays('2026-08-21', '2026-12-15'), 116);
    assert.equal(todayFrom({ DOTNET_DOCKERFILE_TODAY: '2027-01-02' }), '2027-01-02');
    assert.equal(todayFrom({ DOTNET_DOCKERFILE_TODAY: 'tomorrow' }, new Date('2026-12-15T23:00:00Z')), '2026-12-15');
  });

  test('60 days is not old; 61 is', () => {
    assert.equal(oldCatalogMessage(OLD, '2026-10-20'), undefined);
    assert.match(oldCatalogMessage(OLD, '2026-10-21') ?? '', /from 2026-08-21 \(61 days old\)/);
  });

  test('Refresh now: asked once with the three answers, refreshes, and is not asked again for this catalog', async () => {
    const { editor, state, calls } = fakeEditor({ answer: REFRESH_NOW });
    assert.equal(await maybeNoticeOldCatalog(OLD, editor), REFRESH_NOW);
    assert.deepEqual(calls, [
      'ask: The .NET image catalog is from 2026-08-21 (116 days old), so newer tags, versions and support dates are missing. Refresh it from mcr.microsoft.com and the .NET release index? [Refresh now | Refresh weekly | Not now]',
      'refresh now',
    ]);
    assert.deepEqual(state.get(CATALOG_AGE_STATE_KEY), { catalogDate: '2026-08-21', answer: REFRESH_NOW });
    assert.equal(await maybeNoticeOldCatalog(OLD, editor), 'said before');
    assert.equal(calls.length, 2);
  });

  test('Refresh weekly turns the setting on and refreshes now', async () => {
    const { editor, calls } = fakeEditor({ answer: REFRESH_WEEKLY });
    assert.equal(await maybeNoticeOldCatalog(OLD, editor), REFRESH_WEEKLY);
    assert.deepEqual(calls.slice(1), ['setting weekly', 'refresh now']);
  });

  test('Not now and a dismissed notification are remembered too: said once', async () => {
    for (const answer of [NOT_NOW, undefined]) {
      const { editor, calls } = fakeEditor(answer === undefined ? {} : { answer });
      assert.equal(await maybeNoticeOldCatalog(OLD, editor), answer ?? 'dismissed');
      assert.equal(await maybeNoticeOldCatalog(OLD, editor), 'said before');
      assert.equal(calls.filter((c) => c.startsWith('ask')).length, 1);
      assert.ok(!calls.includes('refresh now'));
    }
  });

  test('a newer catalog that is old again is mentioned again', async () => {
    const { editor } = fakeEditor({ answer: NOT_NOW, today: '2027-06-01' });
    await maybeNoticeOldCatalog(OLD, editor);
    assert.equal(await maybeNoticeOldCatalog({ ok: true, date: '2027-02-01', origin: 'bundled' }, editor), NOT_NOW);
  });

  test('nothing when the catalog is recent, refresh is weekly, or there is no catalog', async () => {
    for (const [status, options, expected] of [
      [OLD, { today: '2026-09-01' }, 'recent'],
      [OLD, { setting: 'weekly' }, 'refresh is on'],
      [{ ok: false }, {}, 'no catalog'],
    ] as const) {
      const { editor, calls } = fakeEditor(options);
      assert.equal(await maybeNoticeOldCatalog(status, editor), expected);
      assert.deepEqual(calls, []);
    }
  });
});
