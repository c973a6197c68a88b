/**
 * Why a .NET image tag cannot exist, in words, pointing at the part of the tag that is to blame.
 * The rules follow the published images (shared/reference/dotnet-tags.summary.md, "Which variants exist"):
 * they explain a tag the catalog does not know; they never decide on their own that a tag is unknown.
 */
import type { CatalogIndex } from './catalogIndex';
import type { ParsedTag, TagSegment, TagSpan } from './tagGrammar';
import { bounded } from '../texts/quote';
import { compareMajorMinor, type RepositoryIndex } from './repositoryIndex';

export interface TagReason {
  readonly message: string;
  /** The blamed part, as offsets inside the tag. */
  readonly part: TagSpan;
}

const CORE_FAMILIES = new Set(['runtime-deps', 'runtime', 'aspnet', 'sdk']);

function wholeTag(parsed: ParsedTag): TagSpan {
  return { text: parsed.tag, start: 0, end: parsed.tag.length };
}

function listOf(values: Iterable<string>, limit = 8): string {
  const all = [...values];
  const shown = all.slice(0, limit).map((v) => `'${bounded(v)}'`);
  return all.length > limit ? `${shown.join(', ')}, …` : shown.join(', ');
}

function grammarReason(parsed: ParsedTag): TagReason | undefined {
  if (parsed.wellFormed) return undefined;
  const unknown: TagSegment | undefined = parsed.segments.find((s) => s.kind === 'unknown');
  return { message: `${parsed.reason ?? 'the tag is not well-formed'}`, part: unknown ?? wholeTag(parsed) };
}

/** Rules about which parts go together, independent of the catalog's version data. */
function combinationReason(family: string, parsed: ParsedTag, nightly: boolean): TagReason | undefined {
  const { flavour, os, arch } = parsed;
  const variant = (name: string): TagSpan | undefined => parsed.variants.find((v) => v.value === name);
  const core = CORE_FAMILIES.has(family);
  const major = parsed.version?.major ?? null;

  if (parsed.scheme === 'legacy' && parsed.family) {
    return {
      message: `'${bounded(parsed.family.text)}' in a tag is the retired microsoft/dotnet naming; on mcr.microsoft.com the image kind is the repository (mcr.microsoft.com/dotnet/sdk, …/aspnet, …/runtime, …/runtime-deps)`,
      part: parsed.family,
    };
  }
  if (family === 'sdk' && flavour) {
    return {
      message: `the SDK has no ${flavour.value} images (building needs a shell and tools): build on an sdk image such as '10.0-noble' and run on a ${flavour.value} runtime image`,
      part: flavour,
    };
  }
  const composite = variant('composite');
  if (composite && core && family !== 'aspnet') {
    return { message: `'composite' images exist only for aspnet (ASP.NET Core compiled together with the runtime), not for ${family}`, part: composite };
  }
  if (composite && !flavour && os?.family !== 'alpine') {
    return { message: "'composite' exists only on chiseled, Azure Linux distroless and Alpine images (e.g. '10.0-noble-chiseled-composite')", part: composite };
  }
  const extra = variant('extra');
  if (extra && family === 'sdk') {
    return { message: "the SDK has no '-extra' images: it already includes ICU and time zone data", part: extra };
  }
  if (extra && !flavour && os?.family !== 'alpine') {
    const message = !os
      ? "'extra' needs a chiseled, distroless or Alpine base: write e.g. '10.0-noble-chiseled-extra'"
      : os.family === 'azurelinux'
        ? "'extra' on Azure Linux exists only for the distroless images: write '-distroless-extra' (e.g. '10.0-azurelinux3.0-distroless-extra')"
        : `'extra' exists only on chiseled, Azure Linux distroless and Alpine images; full ${os.family === 'debian' ? 'Debian' : os.family === 'ubuntu' ? 'Ubuntu' : os.family} images already include ICU and time zone data`;
    return { message, part: extra };
  }
  const aot = variant('aot');
  // Nightly repositories had .NET 8/9 `aot` images for sdk and runtime-deps (2023-09 to 2025-04).
  if (aot && core && family !== 'sdk' && !nightly) {
    return { message: "'aot' images are SDK images (the native AOT toolchain); run a native AOT app on runtime-deps", part: aot };
  }
  if (aot && family === 'sdk' && major !== null && major < 10 && !nightly) {
    return { message: "SDK 'aot' images start with .NET 10", part: aot };
  }
  if (os?.platform === 'windows' && family === 'runtime-deps') {
    return { message: 'runtime-deps has no Windows images: use runtime or aspnet on nanoserver or windowsservercore', part: os };
  }
  if (os?.platform === 'windows' && arch) {
    return { message: 'Windows tags have no architecture part (Windows images are amd64 only): remove it', part: arch };
  }
  if (flavour?.value === 'chiseled' && os?.family !== 'ubuntu') {
    const message = os
      ? `chiseled images are Ubuntu only (jammy, noble, resolute), not ${os.text}`
      : "chiseled needs the Ubuntu release before it: write e.g. '10.0-noble-chiseled'";
    return { message, part: flavour };
  }
  if (flavour?.value === 'distroless' && os?.family !== 'azurelinux' && os?.family !== 'cbl-mariner') {
    const message = os
      ? `distroless images are Azure Linux ('azurelinux3.0-distroless'), not ${os.text}; Ubuntu's are called chiseled`
      : "distroless needs the Azure Linux release before it: write e.g. '10.0-azurelinux3.0-distroless'";
    return { message, part: flavour };
  }
  return undefined;
}

/**
 * SDK images are tagged with SDK versions (`10.0.400`), the others with runtime versions (`10.0.11`): a
 * fixed tag with the other kind of number cannot exist, however well its shape matches (from 3.0 on; older
 * SDKs were numbered differently).
 */
export function numberingReason(catalog: CatalogIndex, repository: string, family: string, parsed: ParsedTag): TagReason | undefined {
  const version = parsed.version;
  const majorMinor = version?.majorMinor;
  if (!version || version.kind !== 'fixed' || version.patch === null || !majorMinor || compareMajorMinor(majorMinor, '3.0') < 0) return undefined;
  // The floating tag's image has the newest version the catalog knows (the release index can lag behind).
  const current = catalog.tag(repository, majorMinor)?.productVersion;
  if (family === 'sdk' && version.patch < 100) {
    const latest = current ?? catalog.version(majorMinor)?.latestSdk;
    return { message: `SDK image tags use the SDK version${latest ? ` (e.g. '${bounded(latest)}')` : ''}, not a runtime version like '${bounded(version.text)}'`, part: version };
  }
  if ((family === 'runtime' || family === 'aspnet' || family === 'runtime-deps') && version.patch >= 100) {
    const latest = current ?? catalog.version(majorMinor)?.latestRuntime;
    return { message: `${family} image tags use the runtime version${latest ? ` (e.g. '${bounded(latest)}')` : ''}; '${bounded(version.text)}' is an SDK version`, part: version };
  }
  return undefined;
}

/** Rules that need the catalog: which versions, OSes and architectures the repository has. */
function catalogReason(catalog: CatalogIndex, repository: RepositoryIndex, family: string, parsed: ParsedTag): TagReason | undefined {
  const version = parsed.version;
  const majorMinor = version?.majorMinor;
  if (version && majorMinor && !repository.versions.has(majorMinor)) {
    const newest = repository.newestVersion;
    if (newest && compareMajorMinor(majorMinor, newest) > 0) {
      return {
        message: `${majorMinor} is newer than the catalog (from ${catalog.date}, newest ${family} version ${newest}), and ${newest} has no tag of this shape to expect it from`,
        part: version,
      };
    }
    const versions = [...repository.versions].sort(compareMajorMinor).reverse();
    return { message: `there are no ${majorMinor} images of ${family}; it has ${listOf(versions)}`, part: version };
  }
  const os = parsed.os;
  if (os && majorMinor && repository.versions.has(majorMinor) && !repository.osesOf(majorMinor).has(os.text)) {
    const current = repository.currentOsesOf(majorMinor);
    const offered = current.size > 0 ? `; ${majorMinor} comes on ${listOf(current, 10)}` : '';
    return { message: `${family} ${majorMinor} has never been published on '${bounded(os.text)}'${offered}`, part: os };
  }
  const arch = parsed.arch;
  if (arch) {
    const withoutArch = parsed.tag.slice(0, arch.start - 1);
    const base = catalog.tag(repository.name, withoutArch);
    if (base && !base.archs.includes(arch.value)) {
      return { message: `'${bounded(withoutArch)}' is built for ${listOf(base.archs)} only, not ${arch.text}`, part: arch };
    }
  }
  return undefined;
}

/**
 * The reason a tag of `family` (`sdk`, `aspnet`, `monitor`, ...) in `repository` cannot exist, if one is known.
 * For a nightly repository only the rules that always held apply: the catalog keeps no nightly history.
 */
export function explainTag(catalog: CatalogIndex, repository: RepositoryIndex, family: string, parsed: ParsedTag, nightly = false): TagReason | undefined {
  return grammarReason(parsed) ?? combinationReason(family, parsed, nightly) ?? (nightly ? undefined : catalogReason(catalog, repository, family, parsed));
}
