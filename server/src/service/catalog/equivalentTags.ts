/**
 * The tag of another version or repository that is "the same image, otherwise": same kind of version
 * (fixed/floating), same flavour, variants and architecture, the same OS or else the same OS family or else
 * the default OS. Used to suggest the move from an end-of-life version to the newest LTS, from the SDK to a
 * runtime image, and to align a runtime with its SDK.
 */
import type { CatalogIndex } from './catalogIndex';
import type { ParsedTag, TagVersionKind } from './tagGrammar';
import { repositoryIndex, type IndexedTag } from './repositoryIndex';

export interface EquivalentOptions {
  /** Variants the target repository does not have and that should be left out (`aot` for runtime-deps, ...). */
  readonly dropVariants?: readonly string[];
  readonly limit?: number;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function versionKindMatches(source: TagVersionKind, candidate: string): boolean {
  if (source === 'fixed') return candidate === 'fixed';
  if (source === 'floating-major') return candidate === 'floating-major';
  // `latest` has no version; its closest concrete form is the floating major.minor.
  return candidate === 'floating-minor';
}

/**
 * Current, documented tags of `repository` at major.minor `version` shaped like `source`, best first.
 * `source` may come from another repository (sdk → aspnet) or another version (8.0 → 10.0).
 */
export function equivalentTags(catalog: CatalogIndex, repository: string, source: ParsedTag, version: string, options: EquivalentOptions = {}): readonly string[] {
  let perCatalog = cache.get(catalog);
  if (!perCatalog) {
    perCatalog = new Map();
    cache.set(catalog, perCatalog);
  }
  const key = [repository, source.tag, version, options.limit ?? 3, ...(options.dropVariants ?? [])].join('\u0000');
  let found = perCatalog.get(key);
  if (!found) {
    found = compute(catalog, repository, source, version, options);
    perCatalog.set(key, found);
  }
  return found;
}

// eslint-disable-next-line no-restricted-syntax -- keyed by the catalog index, which lives as long as the catalog
const cache = new WeakMap<CatalogIndex, Map<string, readonly string[]>>();

function compute(catalog: CatalogIndex, repository: string, source: ParsedTag, version: string, options: EquivalentOptions): readonly string[] {
  const index = repositoryIndex(catalog, repository);
  const kind = source.version?.kind ?? 'latest';
  const flavour = source.flavour?.value ?? null;
  const variants = source.variants.map((v) => v.value).filter((v) => !options.dropVariants?.includes(v));
  const arch = source.arch?.value ?? null;
  const sourceOs = source.os;
  const defaultOs = catalog.tag(repository, version)?.os;

  const candidates = index.tags.filter(
    (t) =>
      t.entry.version === version &&
      t.entry.documented &&
      versionKindMatches(kind, t.entry.versionKind) &&
      (t.parsed.flavour?.value ?? null) === flavour &&
      sameSet(t.parsed.variants.map((v) => v.value), variants) &&
      (t.parsed.arch?.value ?? null) === arch,
  );
  const rank = (t: IndexedTag): number => {
    const os = t.parsed.os;
    if (!sourceOs) return os ? 4 : 0;
    if (os?.text === sourceOs.text) return 0;
    if (os && os.family === sourceOs.family) return t.entry.os === defaultOs ? 1 : 2;
    if (!os) return 3; // the version's default OS
    return 5;
  };
  // Windows and Linux images are not interchangeable: never cross platforms.
  const platform = sourceOs?.platform ?? 'linux';
  return candidates
    .filter((t) => (t.parsed.os?.platform ?? 'linux') === platform)
    .map((t, order) => ({ t, order, rank: rank(t) }))
    .sort((a, b) => a.rank - b.rank || b.t.entry.os.localeCompare(a.t.entry.os) || a.order - b.order)
    .slice(0, options.limit ?? 3)
    .map((x) => x.t.entry.tag);
}
