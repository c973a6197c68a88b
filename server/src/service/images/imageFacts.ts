/**
 * What we know about the image a FROM names: is it a .NET image (and which repository, tag, catalog
 * entry), a retired .NET name, a well-known shell-less base, `scratch`, or something else; and the
 * facts every feature asks about it: does it have `/bin/sh`, does it run as non-root, which platform.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { CatalogRepository, CatalogTag } from '../catalog/schema';
import { parseTag, type ParsedTag } from '../catalog/tagGrammar';
import { imageName, type ImageReference, type ReferencePart } from './imageReference';
import { detach } from '../syntax/detach';
import { imageStartOf, type ImageStart } from './imageStart';
import { TextKeyedCache } from '../texts/cacheBounds';

export const MCR = 'mcr.microsoft.com';

export type ImageKind = 'dotnet' | 'retired-dotnet' | 'shellless-base' | 'scratch' | 'other';

export interface ImageFacts {
  readonly reference: ImageReference;
  readonly kind: ImageKind;
  /** `mcr.microsoft.com/dotnet/aspnet` style name, lower case. */
  readonly name: string;
  /** For .NET images: the path on mcr.microsoft.com (`dotnet/aspnet`, `dotnet/nightly/sdk`). */
  readonly repositoryName: string | undefined;
  /** The catalog's repository, when the catalog knows it. */
  readonly repository: CatalogRepository | undefined;
  /** `sdk`, `aspnet`, `runtime`, `runtime-deps`, `monitor`, `monitor-base`, `aspire-dashboard`, `samples`, `yarp`. */
  readonly family: string | undefined;
  /** The resolved tag; undefined when the reference has none (Docker then pulls `latest`). */
  readonly tag: string | undefined;
  readonly parsedTag: ParsedTag | undefined;
  /** The catalog entry of exactly this tag. */
  readonly catalogTag: CatalogTag | undefined;
  /** false: no `/bin/sh`; true: has a shell (`cmd.exe` on Windows); undefined: cannot tell. */
  readonly shell: boolean | undefined;
  /** Why the image has no shell, in words for messages: "Ubuntu chiseled", "distroless", "scratch". */
  readonly shellReason: string | undefined;
  /** True when the image runs as a non-root user by default (chiseled/distroless run as `app`, UID 1654). */
  readonly nonRoot: boolean | undefined;
  readonly platform: 'linux' | 'windows' | undefined;
  /** major.minor of .NET in the image (from the catalog or the tag). */
  readonly version: string | undefined;
  /** The image's own ENTRYPOINT and CMD (imageStart.ts); undefined when they cannot be told. */
  readonly start: ImageStart | undefined;
}

/** Families whose images are all distroless: the appliances. */
const APPLIANCE_FAMILIES = new Set(['monitor', 'monitor-base', 'aspire-dashboard', 'yarp']);

/** `dotnet/monitor/base` → `monitor-base`, `dotnet/nightly/sdk` → `sdk`. */
export function familyOfRepository(repositoryName: string): string | undefined {
  const parts = repositoryName.toLowerCase().split('/');
  if (parts[0] !== 'dotnet') return undefined;
  const rest = parts[1] === 'nightly' ? parts.slice(2) : parts.slice(1);
  if (rest.length === 0) return undefined;
  return rest.join('-');
}

/** Well-known shell-less bases that are not .NET images. */
function shelllessBase(name: string, tag: string | undefined): string | undefined {
  const t = (tag ?? 'latest').toLowerCase();
  if (name.startsWith('gcr.io/distroless/')) return t.includes('debug') ? undefined : 'Google distroless';
  if (/^mcr\.microsoft\.com\/(azurelinux|azurelinux-beta|cbl-mariner)\/distroless\//.test(name)) return 'Azure Linux distroless';
  if (name.startsWith('cgr.dev/chainguard/')) return t === 'dev' || t.endsWith('-dev') ? undefined : 'Chainguard (no shell unless -dev)';
  return undefined;
}

function isRetiredDotnetName(name: string): boolean {
  return (
    name === 'microsoft/dotnet' ||
    name.startsWith('microsoft/aspnetcore') ||
    name.startsWith('microsoft/dotnet-') ||
    name.startsWith(`${MCR}/dotnet/core/`) ||
    name.startsWith(`${MCR}/dotnet/core-nightly/`)
  );
}

export function describeImage(reference: ImageReference, catalog: CatalogIndex | undefined): ImageFacts {
  const name = imageName(reference);
  const tag = reference.tag?.text;
  const base = {
    reference,
    name,
    repositoryName: undefined,
    repository: undefined,
    family: undefined,
    tag,
    parsedTag: undefined,
    catalogTag: undefined,
    nonRoot: undefined,
    platform: undefined,
    version: undefined,
    start: undefined,
  } as const;
  if (name === 'scratch') return { ...base, kind: 'scratch', shell: false, shellReason: 'scratch (an empty image)', platform: 'linux', start: { entrypoint: undefined, cmd: undefined } };

  const retired = isRetiredDotnetName(name);
  const isDotnet = name.startsWith(`${MCR}/dotnet/`) && !retired;
  if (!isDotnet && !retired) {
    const reason = shelllessBase(name, tag);
    return reason
      ? { ...base, kind: 'shellless-base', shell: false, shellReason: reason, nonRoot: undefined, platform: 'linux' }
      : { ...base, kind: 'other', shell: undefined, shellReason: undefined };
  }

  const repositoryName = retired ? name : name.slice(MCR.length + 1);
  const family = retired ? undefined : familyOfRepository(repositoryName);
  const parsedTag = tag !== undefined && reference.resolved ? parseTag(tag) : undefined;
  const repository = catalog?.repository(repositoryName);
  const catalogTag = catalog && reference.resolved ? catalog.tag(repositoryName, tag ?? 'latest') : undefined;

  let shell: boolean | undefined;
  let shellReason: string | undefined;
  let platform: 'linux' | 'windows' | undefined;
  if (catalogTag) {
    shell = catalogTag.shell;
    platform = catalogTag.platform === 'windows' ? 'windows' : 'linux';
    if (!shell) shellReason = catalogTag.flavour === 'chiseled' ? 'Ubuntu chiseled' : 'distroless';
  } else if (parsedTag || tag === undefined) {
    // Not in the catalog (newer, or unresolved): judge by what the tag says, as the images are built.
    const flavour = parsedTag?.flavour?.value;
    platform = parsedTag?.os?.platform ?? (parsedTag ? 'linux' : undefined);
    if (flavour) {
      shell = false;
      shellReason = flavour === 'chiseled' ? 'Ubuntu chiseled' : 'distroless';
    } else if (family && APPLIANCE_FAMILIES.has(family)) {
      shell = false;
      shellReason = 'distroless';
    } else if (reference.resolved) {
      shell = true;
    }
  }
  const version = catalogTag?.version ?? parsedTag?.version?.majorMinor ?? undefined;
  return {
    ...base,
    kind: retired ? 'retired-dotnet' : 'dotnet',
    repositoryName,
    repository,
    family,
    parsedTag,
    catalogTag,
    shell,
    shellReason,
    nonRoot: shell === false ? true : platform === 'windows' ? true : shell === true ? false : undefined,
    platform,
    version: version ?? undefined,
    start: retired ? undefined : imageStartOf(family, shell, parsedTag, platform),
  };
}

/**
 * Image facts depend only on the reference's resolved text (and the catalog), not on where it stands, so they
 * are shared across stages and keystrokes; each call gets them back with its own `reference` (with its spans) in
 * a small new object. Rules and fixes of one version share the facts of a stage through stageFacts.ts, which
 * keeps them on the model.
 *
 * The entries by text outlive the document version they were made for, so they hold nothing of it: strings cut
 * from a document keep the whole document text alive (V8 slices share their parent), and typing in a FROM line
 * makes a new entry per keystroke. Entries are made from a detached copy of the reference.
 */
type SharedFacts = Omit<ImageFacts, 'reference'>;

interface CatalogCache {
  /** By reference text: resolved references (`true`) and unresolved ones apart, as they get different facts. */
  readonly resolved: TextKeyedCache<SharedFacts>;
  readonly unresolved: TextKeyedCache<SharedFacts>;
}

// eslint-disable-next-line no-restricted-syntax -- keyed by the catalog index, which lives as long as the catalog
const factsCache = new WeakMap<object, CatalogCache>();
const NO_CATALOG = {};
const FACTS_CACHE_LIMIT = 2000;

function detachPart<T extends ReferencePart | undefined>(part: T): T {
  return (part && { ...part, text: detach(part.text) }) as T;
}

/** What `describeImage` reads of a reference, copied out of the document: no variables, no mapping back. */
function detachedReference(reference: ImageReference): ImageReference {
  return {
    raw: detach(reference.raw),
    rawSpan: reference.rawSpan,
    text: detach(reference.text),
    resolved: reference.resolved,
    overLimit: reference.overLimit,
    variables: [],
    registry: detachPart(reference.registry),
    repository: detachPart(reference.repository),
    tag: detachPart(reference.tag),
    digest: detachPart(reference.digest),
    toDocument: (start, end) => ({ start, end }),
  };
}

export function describeImageCached(reference: ImageReference, catalog: CatalogIndex | undefined): ImageFacts {
  let perCatalog = factsCache.get(catalog ?? NO_CATALOG);
  if (!perCatalog) {
    perCatalog = { resolved: new TextKeyedCache(FACTS_CACHE_LIMIT), unresolved: new TextKeyedCache(FACTS_CACHE_LIMIT) };
    factsCache.set(catalog ?? NO_CATALOG, perCatalog);
  }
  const byText = reference.resolved ? perCatalog.resolved : perCatalog.unresolved;
  let shared = byText.get(reference.text);
  if (!shared) {
    const { reference: _detached, ...facts } = describeImage(detachedReference(reference), catalog);
    shared = byText.set(detach(reference.text), facts);
  }
  // Not remembered per reference object: a WeakMap entry keyed by a young object keeps its value, and through
  // it the whole parse, alive through young-generation collections (modelMemo.ts). This copy dies young.
  return { ...shared, reference };
}
