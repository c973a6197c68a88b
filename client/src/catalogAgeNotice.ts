/**
 * "Old catalog, said once": when the .NET image catalog in use is older than OLD_CATALOG_DAYS and the background
 * refresh is off, one notification offers to refresh now, to refresh weekly, or not now. The answer is kept in
 * globalState per catalog date, so the same catalog is never mentioned twice; a newer catalog that is old again
 * (an extension update months later) is. No `vscode` import here: extension.ts passes the editor in, tests a fake.
 */
import { catalogAgeDays, OLD_CATALOG_DAYS, type CatalogStatus } from '../../server/src/protocol';

export const CATALOG_AGE_STATE_KEY = 'dotnetDockerfile.catalogAgeNotice';
export const REFRESH_NOW = 'Refresh now';
export const REFRESH_WEEKLY = 'Refresh weekly';
export const NOT_NOW = 'Not now';

export interface NoticeEditor {
  /** YYYY-MM-DD. */
  today(): string;
  /** `dotnetDockerfile.catalog.refresh`. */
  refreshSetting(): string | undefined;
  /** globalState.get / update. */
  remembered(key: string): unknown;
  remember(key: string, value: unknown): PromiseLike<void>;
  /** showInformationMessage with buttons; undefined when dismissed. */
  ask(message: string, ...choices: string[]): PromiseLike<string | undefined>;
  /** Runs "Refresh .NET image tags". */
  refreshNow(): PromiseLike<unknown>;
  /** Sets `dotnetDockerfile.catalog.refresh` to weekly for the user. */
  refreshWeekly(): PromiseLike<unknown>;
}

export type NoticeOutcome = 'no catalog' | 'recent' | 'refresh is on' | 'said before' | 'dismissed' | typeof REFRESH_NOW | typeof REFRESH_WEEKLY | typeof NOT_NOW;

/** The message, or undefined when there is nothing to say. */
export function oldCatalogMessage(status: CatalogStatus, today: string): string | undefined {
  if (!status.ok || !status.date) return undefined;
  const days = catalogAgeDays(status.date, today);
  if (!(days > OLD_CATALOG_DAYS)) return undefined;
  return `The .NET image catalog is from ${status.date} (${days} days old), so newer tags, versions and support dates are missing. Refresh it from mcr.microsoft.com and the .NET release index?`;
}

/** Shows the notification when it is due; says what happened (for tests and the log). */
export async function maybeNoticeOldCatalog(status: CatalogStatus, editor: NoticeEditor): Promise<NoticeOutcome> {
  if (!status.ok || !status.date) return 'no catalog';
  const message = oldCatalogMessage(status, editor.today());
  if (!message) return 'recent';
  if (editor.refreshSetting() === 'weekly') return 'refresh is on';
  const before = editor.remembered(CATALOG_AGE_STATE_KEY);
  if (before && typeof before === 'object' && (before as { catalogDate?: unknown }).catalogDate === status.date) return 'said before';
  // Remembered before asking: a window closed while the notification is up must not bring it back.
  await editor.remember(CATALOG_AGE_STATE_KEY, { catalogDate: status.date, answer: 'shown' });
  const answer = await editor.ask(message, REFRESH_NOW, REFRESH_WEEKLY, NOT_NOW);
  if (answer === undefined) return 'dismissed';
  await editor.remember(CATALOG_AGE_STATE_KEY, { catalogDate: status.date, answer });
  if (answer === REFRESH_WEEKLY) {
    await editor.refreshWeekly();
    await editor.refreshNow();
  } else if (answer === REFRESH_NOW) {
    await editor.refreshNow();
  }
  return answer === REFRESH_NOW || answer === REFRESH_WEEKLY ? answer : NOT_NOW;
}
