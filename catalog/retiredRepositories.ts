/**
 * Retired repository names: derived from the history files where they can be (`microsoft/dotnet`,
 * `mcr.microsoft.com/dotnet/core/*`), completed by a short table of facts the history does not hold.
 */
import type { CatalogVersion, RetiredRepository } from '../server/src/service/catalog/schema';
import type { Row } from './referenceData';

const MCR = 'mcr.microsoft.com/';

/**
 * Names the history files cannot fully describe. Source: catalog/reference/dotnet-tags.summary.md,
 * "Legacy repository names a linter should also recognise" and surprise 17 (history starts 2017-05;
 * `microsoft/aspnetcore*` and `core-nightly` never appear in main's manifest).
 * `retired` is either a history repository (take its last removal date) or .NET versions (take their latest EOL).
 */
const LEGACY_TABLE: readonly {
  readonly name: string;
  readonly replacement: string;
  readonly retired: { readonly historyRepository: string } | { readonly lastVersionsCarried: readonly string[] };
  readonly note: string;
}[] = [
  {
    name: 'microsoft/dotnet',
    replacement: `${MCR}dotnet/{sdk,aspnet,runtime,runtime-deps}`,
    retired: { historyRepository: 'microsoft/dotnet' },
    note:
      'Docker Hub. The image kind is written in the tag: `<v>-sdk` → mcr.microsoft.com/dotnet/sdk:<v>, ' +
      '`<v>-aspnetcore-runtime` → mcr.microsoft.com/dotnet/aspnet:<v>, `<v>-runtime` → mcr.microsoft.com/dotnet/runtime:<v>, ' +
      '`<v>-runtime-deps` → mcr.microsoft.com/dotnet/runtime-deps:<v>. Moved to mcr.microsoft.com/dotnet/core/* on that date; every version it carried is end of life.',
  },
  {
    name: 'microsoft/aspnetcore',
    replacement: `${MCR}dotnet/aspnet`,
    retired: { lastVersionsCarried: ['1.0', '1.1', '2.0'] },
    note:
      'Docker Hub, ASP.NET Core 1.x/2.0 runtime images; from 2.1 on they were `microsoft/dotnet:<v>-aspnetcore-runtime`, today mcr.microsoft.com/dotnet/aspnet. ' +
      'Date: end of life of the last version it carried.',
  },
  {
    name: 'microsoft/aspnetcore-build',
    replacement: `${MCR}dotnet/sdk`,
    retired: { lastVersionsCarried: ['1.0', '1.1', '2.0'] },
    note:
      'Docker Hub, ASP.NET Core 1.x/2.0 build images; from 2.1 on the SDK image (`microsoft/dotnet:<v>-sdk`, today mcr.microsoft.com/dotnet/sdk) replaced it. ' +
      'Date: end of life of the last version it carried.',
  },
  {
    name: `${MCR}dotnet/core/*`,
    replacement: `${MCR}dotnet/*`,
    retired: { historyRepository: `${MCR}dotnet/core/sdk` },
    note: 'Same path without `core/` (`dotnet/core/sdk` → `dotnet/sdk`). .NET Core 2.1/3.1 were still published under both names until their end of life.',
  },
  {
    name: `${MCR}dotnet/core-nightly/*`,
    replacement: `${MCR}dotnet/nightly/*`,
    retired: { historyRepository: `${MCR}dotnet/core/sdk` },
    note: 'Nightly builds; renamed with the product repositories (core-nightly is not in the history files, so the date is the one of `dotnet/core/*`).',
  },
];

function maxDate(dates: Iterable<string>): string | null {
  let newest: string | null = null;
  for (const date of dates) if (date !== '' && (newest === null || date > newest)) newest = date;
  return newest;
}

function latestEndOfLife(versions: readonly CatalogVersion[], carried: readonly string[]): string | null {
  return maxDate(versions.filter((version) => carried.includes(version.version)).map((version) => version.eolDate ?? ''));
}

/**
 * @param historyFloating rows of dotnet-tags.history-floating.tsv
 * @param liveRepositories full names (`mcr.microsoft.com/dotnet/sdk`) that still have tags: never retired
 */
export function buildRetiredRepositories(
  historyFloating: readonly Row[],
  liveRepositories: ReadonlySet<string>,
  versions: readonly CatalogVersion[],
): RetiredRepository[] {
  const byRepository = new Map<string, Row[]>();
  for (const row of historyFloating) {
    const name = row['image_repo'] ?? '';
    const rows = byRepository.get(name) ?? [];
    rows.push(row);
    byRepository.set(name, rows);
  }
  const removedOn = (repository: string): string => {
    const date = maxDate((byRepository.get(repository) ?? []).map((row) => row['removed_on'] ?? ''));
    if (!date) throw new Error(`the floating-tag history has no removal date for ${repository}`);
    return date;
  };

  const retired: RetiredRepository[] = [];
  // Repositories the history shows syndicated to a new name and gone since (mcr.microsoft.com/dotnet/core/sdk, ...).
  for (const [repository, rows] of byRepository) {
    if (liveRepositories.has(repository) || rows.some((row) => row['in_current_manifest'] === 'true')) continue;
    const targets = new Set(rows.map((row) => row['syndicated_from'] ?? '').filter((target) => target !== ''));
    if (targets.size !== 1) continue;
    retired.push({
      name: repository,
      replacement: [...targets][0] ?? '',
      retired: removedOn(repository),
      note: 'Its tags were copies (syndication) of the replacement\'s; the manifest stopped declaring them on that date.',
    });
  }
  for (const entry of LEGACY_TABLE) {
    const date =
      'historyRepository' in entry.retired
        ? removedOn(entry.retired.historyRepository)
        : latestEndOfLife(versions, entry.retired.lastVersionsCarried);
    if (!date) throw new Error(`no retirement date for ${entry.name}`);
    retired.push({ name: entry.name, replacement: entry.replacement, retired: date, note: entry.note });
  }
  return retired.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
