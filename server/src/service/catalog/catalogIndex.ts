/**
 * Lookups over the catalog: every query is a map access, never a scan, because completion, hover and
 * diagnostics ask them on every keystroke. The records (tags, past tags, fixed patterns) are read per
 * repository, the first time that repository is asked about: from the in-memory catalog (tests, the catalog
 * generator) or decoded from the compact file the server ships (compactCatalog.ts). Both answer alike.
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

/** The catalog without its records: what the compact file's header holds and what every start reads. */
export type CatalogHeader = Omit<Catalog, RecordKind>;

/** The catalog's arrays that are grouped by repository and read per repository. */
export const RECORD_KINDS = ['tags', 'pastTags', 'fixedPatterns'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export type CatalogRecord<K extends RecordKind> = Catalog[K][number];
/** The record kinds looked up by tag. */
export type TaggedKind = 'tags' | 'pastTags';

/** Where an index reads its records from, one repository at a time. */
export interface CatalogRecordSource {
  readonly header: CatalogHeader;
  /** How many records of each kind the catalog holds. */
  readonly counts: Readonly<Record<RecordKind, number>>;
  /** Whether the catalog holds a record of the repository (other names share one empty answer). */
  knows(repository: string): boolean;
  /** A repository's records of one kind, in catalog order; empty for a repository without records of that kind. */
  recordsOf<K extends RecordKind>(kind: K, repository: string): readonly CatalogRecord<K>[];
  /**
   * The record of one tag (`found`: the same object `recordsOf` holds, or undefined when there is none), for a source
   * that can find it without decoding the repository's other records (the compact catalog). Undefined when it cannot
   * answer so (the section is decoded already, or was asked too often): the index then maps the decoded records.
   */
  recordByTag?<K extends TaggedKind>(kind: K, repository: string, tag: string): { readonly found: CatalogRecord<K> | undefined } | undefined;
  /** The whole catalog, in its order (for a refresh, the CLI and tests; never on the typing path). */
  whole(): Catalog;
}

export interface CatalogIndex {
  /** The whole catalog, built on first read (a refresh, the CLI); requests use the queries below. */
  readonly catalog: Catalog;
  /** What "today" the catalog describes (its newest source), YYYY-MM-DD. */
  readonly date: string;
  /** The registry the repositories live on: `mcr.microsoft.com`. */
  readonly registry: string;
  /** Where the catalog's data came from. */
  readonly sources: Catalog['sources'];
  /** How many tags, past tags and fixed patterns it holds. */
  readonly counts: Readonly<Record<RecordKind, number>>;
  /** A repository by registry path: `dotnet/sdk`, `dotnet/monitor/base`, `dotnet/nightly/aspnet`. */
  repository(name: string): CatalogRepository | undefined;
  /** Every repository with tags, in catalog order (main first, then nightly). */
  repositories(): readonly CatalogRepository[];
  /** The current tags of a repository, in catalog order; empty for an unknown repository. */
  tags(repository: string): readonly CatalogTag[];
  tag(repository: string, tag: string): CatalogTag | undefined;
  /** A floating tag the manifest once declared and no longer does (`dotnet/sdk`, `microsoft/dotnet`, `dotnet/core/sdk`). */
  pastTag(repository: string, tag: string): PastTag | undefined;
  /** Every past tag of a repository, in catalog order. */
  pastTagsOf(repository: string): readonly PastTag[];
  /** Fixed-tag shapes seen for a repository and major.minor (`10.0`). */
  fixedPatterns(repository: string, version: string): readonly FixedPattern[];
  /** Every fixed-tag shape of a repository, all versions, in catalog order. */
  fixedPatternsOf(repository: string): readonly FixedPattern[];
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

/** An in-memory catalog as a record source: each kind grouped by repository on its first query. */
export function memorySource(catalog: Catalog): CatalogRecordSource {
  const { tags, pastTags, fixedPatterns, ...header } = catalog;
  const groups = {
    tags: lazy(() => groupBy(tags, (t) => t.repository)),
    pastTags: lazy(() => groupBy(pastTags, (t) => t.repository)),
    fixedPatterns: lazy(() => groupBy(fixedPatterns, (p) => p.repository)),
  };
  return {
    header,
    counts: { tags: tags.length, pastTags: pastTags.length, fixedPatterns: fixedPatterns.length },
    knows: (repository) => RECORD_KINDS.some((kind) => groups[kind]().has(repository)),
    recordsOf: <K extends RecordKind>(kind: K, repository: string) => (groups[kind]().get(repository) ?? NONE) as readonly CatalogRecord<K>[],
    whole: () => catalog,
  };
}

/** One repository's lookups, each built on its first use. */
class RepositoryMaps {
  private tagMap: Map<string, CatalogTag> | undefined;
  private pastMap: Map<string, PastTag> | undefined;
  private patternGroups: Map<string, FixedPattern[]> | undefined;
  private patternMap: Map<string, FixedPattern> | undefined;

  /** `source` undefined: a repository the catalog does not hold, with no records at all. */
  constructor(
    private readonly source: CatalogRecordSource | undefined,
    private readonly name: string,
  ) {}

  tags(): readonly CatalogTag[] {
    return this.source?.recordsOf('tags', this.name) ?? NONE;
  }

  pastTags(): readonly PastTag[] {
    return this.source?.recordsOf('pastTags', this.name) ?? NONE;
  }

  patterns(): readonly FixedPattern[] {
    return this.source?.recordsOf('fixedPatterns', this.name) ?? NONE;
  }

  tag(tag: string): CatalogTag | undefined {
    const one = this.tagMap ? undefined : this.source?.recordByTag?.('tags', this.name, tag);
    if (one) return one.found;
    this.tagMap ??= new Map(this.tags().map((t) => [t.tag, t]));
    return this.tagMap.get(tag);
  }

  pastTag(tag: string): PastTag | undefined {
    const one = this.pastMap ? undefined : this.source?.recordByTag?.('pastTags', this.name, tag);
    if (one) return one.found;
    this.pastMap ??= new Map(this.pastTags().map((t) => [t.tag, t]));
    return this.pastMap.get(tag);
  }

  patternsOfVersion(version: string): readonly FixedPattern[] {
    this.patternGroups ??= groupBy(this.patterns(), (p) => p.version);
    return this.patternGroups.get(version) ?? NONE;
  }

  pattern(version: string, suffix: string): FixedPattern | undefined {
    this.patternMap ??= new Map(this.patterns().map((p) => [key(p.version, p.suffix), p]));
    return this.patternMap.get(key(version, suffix));
  }
}

/** Indexes a validated catalog held in memory. */
export function createCatalogIndex(catalog: Catalog): CatalogIndex {
  return indexOfSource(memorySource(catalog));
}

/**
 * Indexes a record source. What every start needs (repositories, versions, retired names) is indexed at once
 * from the header; a repository's records and their maps are read the first time that repository is asked about.
 */
export function indexOfSource(source: CatalogRecordSource): CatalogIndex {
  const header = source.header;
  const versionsNewestFirst = [...header.versions].sort(channelOrder);
  const newest = versionsNewestFirst[0];
  // The schema requires at least one version; this guards a catalog built by hand in a test.
  if (!newest) throw new Error('the catalog lists no .NET versions');
  const versions = new Map(header.versions.map((v) => [v.version, v]));
  const repositories = new Map(header.repositories.map((r) => [r.name, r]));
  const retired = new Map(header.retiredRepositories.map((r) => [r.name, r]));
  // Only repositories the catalog holds get maps: names typed in documents are unbounded.
  const perRepository = new Map<string, RepositoryMaps>();
  const nowhere = new RepositoryMaps(undefined, '');
  const maps = (repository: string): RepositoryMaps => {
    let found = perRepository.get(repository);
    if (!found) {
      if (!source.knows(repository)) return nowhere;
      found = new RepositoryMaps(source, repository);
      perRepository.set(repository, found);
    }
    return found;
  };
  const whole = lazy(() => source.whole());

  return {
    get catalog() {
      return whole();
    },
    date: header.date,
    registry: header.registry,
    sources: header.sources,
    counts: source.counts,
    repository: (name) => repositories.get(name),
    repositories: () => header.repositories,
    tags: (repository) => maps(repository).tags(),
    tag: (repository, tag) => maps(repository).tag(tag),
    pastTag: (repository, tag) => maps(repository).pastTag(tag),
    pastTagsOf: (repository) => maps(repository).pastTags(),
    fixedPatterns: (repository, version) => maps(repository).patternsOfVersion(version),
    fixedPatternsOf: (repository) => maps(repository).patterns(),
    fixedPattern: (repository, version, suffix) => maps(repository).pattern(version, suffix),
    hasFixedPattern: (repository, version, suffix) => maps(repository).pattern(version, suffix) !== undefined,
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
