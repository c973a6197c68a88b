/**
 * What the tag rules need to know about one repository beyond single lookups: its current tags split into
 * parts, the .NET versions it ever had, the OSes each version came on. Built on first use, once per catalog
 * (WeakMap) and per repository, so validating a document only touches the repositories it names.
 */
import type { CatalogIndex } from './catalogIndex';
import type { CatalogTag } from './schema';
import { parseTag, type ParsedTag } from './tagGrammar';

export interface IndexedTag {
  readonly entry: CatalogTag;
  readonly parsed: ParsedTag;
  /** The tag split on `-`. */
  readonly tokens: readonly string[];
  /** The parts sorted and joined: equal for two tags with the same parts in another order. */
  readonly sortedKey: string;
}

export interface RepositoryIndex {
  readonly name: string;
  readonly tags: readonly IndexedTag[];
  /** Every major.minor the repository ever had (current tags, past tags, fixed patterns). */
  readonly versions: ReadonlySet<string>;
  /** The highest major.minor among the current tags. */
  readonly newestVersion: string | undefined;
  /** major.minor → the OS parts (as tags write them: `noble`, `bookworm-slim`, `alpine3.24`) ever seen with it. */
  osesOf(version: string): ReadonlySet<string>;
  /** major.minor → the OS parts of the current tags only. */
  currentOsesOf(version: string): ReadonlySet<string>;
}

// eslint-disable-next-line no-restricted-syntax -- keyed by the catalog index, which lives as long as the catalog
const indexesByCatalog = new WeakMap<CatalogIndex, Map<string, RepositoryIndex>>();

/** Orders `10.0` after `9.0` (numerically), `13.5` after `13.0`. */
export function compareMajorMinor(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * A current tag whose parts and parse are worked out on first use: the first document of a session meets this
 * code before the JIT does, and most queries need a few tags' parts, not every tag's.
 */
class LazyIndexedTag implements IndexedTag {
  private parts: readonly string[] | undefined;
  private sorted: string | undefined;
  private parse: ParsedTag | undefined;
  constructor(readonly entry: CatalogTag) {}
  get tokens(): readonly string[] {
    return (this.parts ??= this.entry.tag.split('-'));
  }
  get sortedKey(): string {
    return (this.sorted ??= [...this.tokens].sort().join('-'));
  }
  get parsed(): ParsedTag {
    return (this.parse ??= parseTag(this.entry.tag));
  }
}

/** A repository's facts, each worked out on its first read. */
class LazyRepositoryIndex implements RepositoryIndex {
  private indexed: readonly IndexedTag[] | undefined;
  private allVersions: ReadonlySet<string> | undefined;
  private newest: { readonly version: string | undefined } | undefined;
  private oses: Map<string, Set<string>> | undefined;
  private currentOses: Map<string, Set<string>> | undefined;

  constructor(
    private readonly catalog: CatalogIndex,
    readonly name: string,
  ) {}

  get tags(): readonly IndexedTag[] {
    return (this.indexed ??= this.catalog.tags(this.name).map((entry) => new LazyIndexedTag(entry)));
  }

  get versions(): ReadonlySet<string> {
    if (!this.allVersions) {
      const versions = new Set<string>();
      for (const pattern of this.catalog.fixedPatternsOf(this.name)) versions.add(pattern.version);
      for (const tag of this.catalog.tags(this.name)) versions.add(tag.version);
      for (const past of this.catalog.pastTagsOf(this.name)) versions.add(past.version);
      this.allVersions = versions;
    }
    return this.allVersions;
  }

  get newestVersion(): string | undefined {
    if (!this.newest) {
      // Compared once per distinct version (a dozen), not once per tag (hundreds).
      let version: string | undefined;
      for (const candidate of new Set(this.catalog.tags(this.name).map((tag) => tag.version))) {
        if (version === undefined || compareMajorMinor(candidate, version) > 0) version = candidate;
      }
      this.newest = { version };
    }
    return this.newest.version;
  }

  osesOf(version: string): ReadonlySet<string> {
    if (!this.oses) this.buildOses();
    return this.oses!.get(version) ?? EMPTY;
  }

  currentOsesOf(version: string): ReadonlySet<string> {
    if (!this.currentOses) this.buildOses();
    return this.currentOses!.get(version) ?? EMPTY;
  }

  /** The OS parts need every tag parsed: built only when a tag is explained. */
  private buildOses(): void {
    const oses = new Map<string, Set<string>>();
    const currentOses = new Map<string, Set<string>>();
    for (const tag of this.tags) {
      const os = tag.parsed.os?.text;
      if (!os) continue;
      addTo(oses, tag.entry.version, os);
      addTo(currentOses, tag.entry.version, os);
    }
    for (const past of this.catalog.pastTagsOf(this.name)) {
      const os = parseTag(past.tag).os?.text;
      if (os) addTo(oses, past.version, os);
    }
    for (const version of new Set(this.catalog.fixedPatternsOf(this.name).map((pattern) => pattern.version))) {
      for (const pattern of this.catalog.fixedPatterns(this.name, version)) {
        const os = parseTag(`0.0.0${pattern.suffix}`).os?.text;
        if (os) addTo(oses, version, os);
      }
    }
    this.oses = oses;
    this.currentOses = currentOses;
  }
}

export function repositoryIndex(catalog: CatalogIndex, name: string): RepositoryIndex {
  let indexes = indexesByCatalog.get(catalog);
  if (!indexes) indexesByCatalog.set(catalog, (indexes = new Map()));
  let index = indexes.get(name);
  if (!index) indexes.set(name, (index = new LazyRepositoryIndex(catalog, name)));
  return index;
}
