/**
 * What the tag rules need to know about one repository beyond single lookups: its current tags split into
 * parts, the .NET versions it ever had, the OSes each version came on. Built on first use, once per catalog
 * (WeakMap) and per repository, so validating a document only touches the repositories it names.
 */
import type { CatalogIndex } from './catalogIndex';
import type { CatalogTag, PastTag } from './schema';
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

/** Past tags and fixed-pattern versions grouped by repository: one pass over the catalog, once. */
interface CatalogGroups {
  readonly pastTags: Map<string, PastTag[]>;
  readonly patternVersions: Map<string, Set<string>>;
  readonly repositories: Map<string, RepositoryIndex>;
}

// eslint-disable-next-line no-restricted-syntax -- keyed by the catalog index, which lives as long as the catalog
const groupsByCatalog = new WeakMap<CatalogIndex, CatalogGroups>();

function groupsOf(catalog: CatalogIndex): CatalogGroups {
  let groups = groupsByCatalog.get(catalog);
  if (groups) return groups;
  const pastTags = new Map<string, PastTag[]>();
  for (const past of catalog.catalog.pastTags) {
    const list = pastTags.get(past.repository);
    if (list) list.push(past);
    else pastTags.set(past.repository, [past]);
  }
  const patternVersions = new Map<string, Set<string>>();
  for (const pattern of catalog.catalog.fixedPatterns) {
    const set = patternVersions.get(pattern.repository);
    if (set) set.add(pattern.version);
    else patternVersions.set(pattern.repository, new Set([pattern.version]));
  }
  groups = { pastTags, patternVersions, repositories: new Map() };
  groupsByCatalog.set(catalog, groups);
  return groups;
}

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
  const groups = groupsOf(catalog);
  const known = groups.repositories.get(name);
  if (known) return known;

  const tags: IndexedTag[] = catalog.tags(name).map((entry) => new LazyIndexedTag(entry));
  const pastTags = groups.pastTags.get(name) ?? [];
  const versions = new Set<string>(groups.patternVersions.get(name) ?? []);
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
    for (const version of groups.patternVersions.get(name) ?? []) {
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
  groups.repositories.set(name, index);
  return index;
}
