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

/** A current tag whose parse is done on first use (suggestions only need the parts split on `-`). */
class LazyIndexedTag implements IndexedTag {
  readonly tokens: readonly string[];
  readonly sortedKey: string;
  private parse: ParsedTag | undefined;
  constructor(readonly entry: CatalogTag) {
    this.tokens = entry.tag.split('-');
    this.sortedKey = [...this.tokens].sort().join('-');
  }
  get parsed(): ParsedTag {
    this.parse ??= parseTag(this.entry.tag);
    return this.parse;
  }
}

export function repositoryIndex(catalog: CatalogIndex, name: string): RepositoryIndex {
  let indexes = indexesByCatalog.get(catalog);
  if (!indexes) indexesByCatalog.set(catalog, (indexes = new Map()));
  const known = indexes.get(name);
  if (known) return known;

  const tags: IndexedTag[] = catalog.tags(name).map((entry) => new LazyIndexedTag(entry));
  const pastTags = catalog.pastTagsOf(name);
  const patternVersions = new Set(catalog.fixedPatternsOf(name).map((pattern) => pattern.version));
  const versions = new Set<string>(patternVersions);
  let newestVersion: string | undefined;
  for (const tag of tags) {
    versions.add(tag.entry.version);
    if (!newestVersion || compareMajorMinor(tag.entry.version, newestVersion) > 0) newestVersion = tag.entry.version;
  }
  for (const past of pastTags) versions.add(past.version);

  // The OS parts need every tag parsed: built only when a tag is explained.
  let oses: Map<string, Set<string>> | undefined;
  let currentOses: Map<string, Set<string>> | undefined;
  const buildOses = (): void => {
    oses = new Map();
    currentOses = new Map();
    for (const tag of tags) {
      const os = tag.parsed.os?.text;
      if (!os) continue;
      addTo(oses, tag.entry.version, os);
      addTo(currentOses, tag.entry.version, os);
    }
    for (const past of pastTags) {
      const os = parseTag(past.tag).os?.text;
      if (os) addTo(oses, past.version, os);
    }
    for (const version of patternVersions) {
      for (const pattern of catalog.fixedPatterns(name, version)) {
        const os = parseTag(`0.0.0${pattern.suffix}`).os?.text;
        if (os) addTo(oses, version, os);
      }
    }
  };
  const index: RepositoryIndex = {
    name,
    tags,
    versions,
    newestVersion,
    osesOf(version) {
      if (!oses) buildOses();
      return oses!.get(version) ?? EMPTY;
    },
    currentOsesOf(version) {
      if (!currentOses) buildOses();
      return currentOses!.get(version) ?? EMPTY;
    },
  };
  indexes.set(name, index);
  return index;
}
