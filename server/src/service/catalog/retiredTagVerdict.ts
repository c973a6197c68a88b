/**
 * Does a tag exist under a retired name? `mcr.microsoft.com/dotnet/core/sdk:8.0-jammy` never did: the `core/*`
 * repositories stopped at .NET 5.0, so the pull fails, whatever retired-repository says about the name. The catalog
 * keeps the history of the retired repositories (their past floating tags and fixed-tag shapes, `dotnet/core/sdk`,
 * `microsoft/dotnet`), and this judges a tag against what they really published.
 *
 * Only the verdict "never published" is given (never "known": the frozen and end-of-life rules speak about retired
 * names already). `core/*` history is complete (the repositories were created in 2019, after the history starts);
 * `microsoft/dotnet` existed before the history does (2017-05), so only its versions newer than the last one it
 * carried are judged there.
 */
import type { CatalogIndex } from './catalogIndex';
import type { ImageFacts } from '../images/imageFacts';
import type { TagVerdict } from './tagVerdict';
import { parseTag } from './tagGrammar';
import { compareProductVersions } from './productVersion';
import { compareMajorMinor } from './repositoryIndex';
import { bounded } from '../texts/quote';

interface History {
  /** Every major.minor the repository carried, newest first. */
  readonly versions: readonly string[];
}

// eslint-disable-next-line no-restricted-syntax -- keyed by the catalog index, which lives as long as the catalog
const histories = new WeakMap<CatalogIndex, Map<string, History | undefined>>();

/** The versions a retired repository carried, read once per catalog and repository. */
function historyOf(catalog: CatalogIndex, repository: string): History | undefined {
  let all = histories.get(catalog);
  if (!all) histories.set(catalog, (all = new Map()));
  if (all.has(repository)) return all.get(repository);
  const versions = new Set<string>();
  const add = (version: string): void => {
    if (/^\d+\.\d+$/.test(version)) versions.add(version);
  };
  for (const tag of catalog.pastTagsOf(repository)) add(tag.version);
  for (const pattern of catalog.fixedPatternsOf(repository)) add(pattern.version);
  const history = versions.size > 0 ? { versions: [...versions].sort((a, b) => compareMajorMinor(b, a)) } : undefined;
  all.set(repository, history);
  return history;
}

/** The repository path the catalog's history uses for a retired name: `dotnet/core/sdk`, `microsoft/dotnet`. */
function historyRepository(name: string): string | undefined {
  const plain = name.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  const core = /^mcr\.microsoft\.com\/(dotnet\/core\/(?:sdk|aspnet|runtime|runtime-deps))$/.exec(plain);
  if (core) return core[1];
  return plain === 'microsoft/dotnet' ? plain : undefined;
}

/** The verdict on a retired image's tag: `unknown` when the repository never published it, else undefined. */
export function judgeRetiredTag(catalog: CatalogIndex, image: ImageFacts): TagVerdict | undefined {
  if (image.kind !== 'retired-dotnet' || !image.reference.resolved) return undefined;
  const repository = historyRepository(image.name);
  const history = repository ? historyOf(catalog, repository) : undefined;
  if (!repository || !history || history.versions.length === 0) return undefined;
  const tag = image.tag ?? 'latest';
  if (catalog.pastTag(repository, tag)) return undefined;
  const parsed = parseTag(tag);
  const version = parsed.version;
  if (!version?.majorMinor) return undefined;
  const whole = { text: tag, start: 0, end: tag.length };
  const newest = history.versions[0]!;
  const entry = catalog.retiredRepository(image.name);
  const since = entry ? ` (retired ${entry.retired})` : '';
  const currentRepository = repository.startsWith('dotnet/core/') ? repository.replace('dotnet/core/', 'dotnet/') : undefined;
  const current = currentRepository ? `mcr.microsoft.com/${currentRepository}` : 'the mcr.microsoft.com/dotnet/* images';
  const existsToday = currentRepository !== undefined && (catalog.tag(currentRepository, tag) !== undefined || catalog.pastTag(currentRepository, tag) !== undefined);
  const instead = existsToday ? `; '${current}:${bounded(tag)}' exists` : '';
  if (compareMajorMinor(version.majorMinor, newest) > 0) {
    return {
      kind: 'unknown',
      tag,
      reason: `${image.name} stopped at .NET ${newest}${since}, so it never had .NET ${version.majorMinor} images: they are published as ${current} only${instead}`,
      part: version,
      suggestions: [],
    };
  }
  // microsoft/dotnet's tags from before the history started (2017-05) are not all known: judge only newer versions.
  if (repository === 'microsoft/dotnet') return undefined;
  if (version.kind === 'fixed') {
    const versionEnd = parsed.revision?.end ?? version.end;
    const pattern = catalog.fixedPattern(repository, version.majorMinor, tag.slice(versionEnd));
    if (pattern && compareProductVersions(tag.slice(0, versionEnd), pattern.latestSeen) <= 0) return undefined;
  }
  if (!history.versions.includes(version.majorMinor)) {
    return { kind: 'unknown', tag, reason: `${image.name} never had .NET ${version.majorMinor} images (it carried ${history.versions.slice().reverse().join(', ')})${instead}`, part: version, suggestions: [] };
  }
  return {
    kind: 'unknown',
    tag,
    reason: `${image.name} never published '${bounded(tag)}'${since}${instead || `: use ${current} with a current tag`}`,
    part: whole,
    suggestions: [],
  };
}
