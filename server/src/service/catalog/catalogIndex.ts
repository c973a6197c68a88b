/**
 * Lookups over the catalog: every query is a map access, never a scan, because completion, hover and
 * diagnostics ask them on every keystroke.
 */
import type {
  Catalog,
  CatalogRepository,
  CatalogTag,
  CatalogVersion,
  FixedPattern,
  PastTag,
  RetiredRepository,
} from './schema';

export interface CatalogIndex {
  /** The raw catalog data. */
  readonly catalog: Catalog;
  /** What "today" the catalog describes (its newest source), YYYY-MM-DD. */
  readonly date: string;
  /** A repository by registry path: `dotnet/sdk`, `dotnet/monitor/base`, `dotnet/nightly/aspnet`. */
  repository(name: string): CatalogRepository | undefined;
  /** Every repository with tags, in catalog order (main first, then nightly). */
  repositories(): readonly CatalogRepository[];
  /** The current tags of a repository, in catalog order; empty for an unknown repository. */
  tags(repository: string): readonly CatalogTag[];
  tag(repository: string, tag: string): CatalogTag | undefined;
  /** A floating tag the manifest once declared and no longer does (`dotnet/sdk`, `microsoft/dotnet`, `dotnet/core/sdk`). */
  pastTag(repository: string, tag: string): PastTag | undefined;
  /** Fixed-tag shapes seen for a repository and major.minor (`10.0`). */
  fixedPatterns(repository: string, version: string): readonly FixedPattern[];
  fixedPattern(repository: string, version: string, suffix: string): FixedPattern | undefined;
  hasFixedPattern(repository: string, version: string, suffix: string): boolean;
  /** A .NET release channel: `10.0`. */
  version(majorMinor: string): CatalogVersion | undefined;
  /** Every channel of the release index, newest first. */
  versions(): readonly CatalogVersion[];
  /** The highest channel, previews included (`11.0` while it is in preview). */
  newestVersion(): CatalogVersion;
  /**
   * A retired repository by the name users write: `microsoft/dotnet` (also as `docker.io/microsoft/dotnet`),
   * `mcr.microsoft.com/dotnet/core/sdk`. Exact entries win over `/*` entries, the longest `/*` prefix first.
   */
  retiredRepository(fullName: string): RetiredRepository | undefined;
}

const NONE: readonly never[] = Object.freeze([]);

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Index keys joined with a character that cannot occur in repository names, tags or versions. */
function key(...parts: string[]): string {
  return parts.join('\u0000');
}

function channelOrder(a: CatalogVersion, b: CatalogVersion): number {
  const [aMajor = 0, aMinor = 0] = a.version.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.version.split('.').map(Number);
  return bMajor - aMajor || bMinor - aMinor;
}

/** Docker Hub names may be written with their registry; the catalog stores them without. */
function withoutDockerHub(name: string): string {
  return name.replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
}

/** Builds a value on first use, then keeps it. */
function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

/**
 * Indexes a validated catalog. Each map is built once, on its first query, so loading the catalog at server
 * start does not pay for the history maps before anyone hovers an old tag.
 */
export function createCatalogIndex(catalog: Catalog): CatalogIndex {
  const versionsNewestFirst = [...catalog.versions].sort(channelOrder);
  const newest = versionsNewestFirst[0];
  // The schema requires at least one version; this guards a catalog built by hand in a test.
  if (!newest) throw new Error('the catalog lists no .NET versions');
  const versions = new Map(catalog.versions.map((v) => [v.version, v]));
  const repositories = new Map(catalog.repositories.map((r) => [r.name, r]));
  const retired = new Map(catalog.retiredRepositories.map((r) => [r.name, r]));
  const tagsByRepository = lazy(() => groupBy(catalog.tags, (t) => t.repository));
  const tags = lazy(() => new Map(catalog.tags.map((t) => [key(t.repository, t.tag), t])));
  const pastTags = lazy(() => new Map(catalog.pastTags.map((t) => [key(t.repository, t.tag), t])));
  const patternsByVersion = lazy(() => groupBy(catalog.fixedPatterns, (p) => key(p.repository, p.version)));
  const patterns = lazy(() => new Map(catalog.fixedPatterns.map((p) => [key(p.repository, p.version, p.suffix), p])));

  return {
    catalog,
    date: catalog.date,
    repository: (name) => repositories.get(name),
    repositories: () => catalog.repositories,
    tags: (repository) => tagsByRepository().get(repository) ?? NONE,
    tag: (repository, tag) => tags().get(key(repository, tag)),
    pastTag: (repository, tag) => pastTags().get(key(repository, tag)),
    fixedPatterns: (repository, version) => patternsByVersion().get(key(repository, version)) ?? NONE,
    fixedPattern: (repository, version, suffix) => patterns().get(key(repository, version, suffix)),
    hasFixedPattern: (repository, version, suffix) => patterns().has(key(repository, version, suffix)),
    version: (majorMinor) => versions.get(majorMinor),
    versions: () => versionsNewestFirst,
    newestVersion: () => newest,
    retiredRepository(fullName) {
      const name = withoutDockerHub(fullName);
      const exact = retired.get(name);
      if (exact) return exact;
      // `a/b/c/d` → try `a/b/c/*`, `a/b/*`, `a/*`: a handful of map lookups, no scan.
      for (let slash = name.lastIndexOf('/'); slash > 0; slash = name.lastIndexOf('/', slash - 1)) {
        const wildcard = retired.get(`${name.slice(0, slash)}/*`);
        if (wildcard) return wildcard;
      }
      return undefined;
    },
  };
}
