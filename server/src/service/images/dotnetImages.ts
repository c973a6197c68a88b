/** Small shared questions about .NET images and versions that several rules ask. */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { CatalogVersion } from '../catalog/schema';
import type { TagSpan } from '../catalog/tagGrammar';
import type { ImageFacts } from './imageFacts';
import type { ImageReference } from './imageReference';
import type { Span } from '../syntax/model';
import { compareMajorMinor } from '../catalog/repositoryIndex';

export const CORE_FAMILIES: ReadonlySet<string> = new Set(['runtime-deps', 'runtime', 'aspnet', 'sdk']);
export const RUNTIME_FAMILIES: ReadonlySet<string> = new Set(['runtime-deps', 'runtime', 'aspnet']);

/** Programs chiseled and distroless images do not ship: shells, package managers, download tools. */
export const TOOLS_SHELLLESS_IMAGES_LACK: ReadonlySet<string> = new Set(['sh', 'bash', 'apt-get', 'apt', 'apk', 'tdnf', 'dnf', 'yum', 'microdnf', 'curl', 'wget']);

/**
 * The package managers the full (not chiseled or distroless) image of a .NET image's OS has: what switching to the
 * image with a shell brings besides /bin/sh.
 */
export function packageManagersOf(image: ImageFacts | undefined): readonly string[] {
  switch (image?.parsedTag?.os?.family) {
    case 'ubuntu':
    case 'debian':
      return ['apt-get', 'apt'];
    case 'azurelinux':
    case 'cbl-mariner':
      return ['tdnf'];
    case 'alpine':
      return ['apk'];
    default:
      return [];
  }
}

/** Shells: a stage needs an image with a shell to run them. */
export const SHELL_PROGRAMS: ReadonlySet<string> = new Set(['sh', 'bash', 'busybox']);

/** The .NET major version of a `major.minor`. */
export function majorOf(version: string): number {
  const dot = version.indexOf('.');
  return Number(dot < 0 ? version : version.slice(0, dot));
}

/** Supported on `today`: known to the catalog, past preview, not past its end of life. */
export function isSupported(catalog: CatalogIndex, version: string, today: string): boolean {
  const entry = catalog.version(version);
  return !!entry && entry.supportPhase !== 'preview' && !isEndOfLife(entry, today) && entry.supportPhase !== 'eol';
}

/** A product image (runtime-deps, runtime, aspnet, sdk; main or nightly), whose version is the .NET version. */
export function isCoreImage(image: ImageFacts | undefined): image is ImageFacts {
  return !!image && image.kind === 'dotnet' && !!image.family && CORE_FAMILIES.has(image.family);
}

/** The document span of a part of the reference's tag (through `${ARG}` when the tag came from one). */
export function tagPartSpan(reference: ImageReference, part: TagSpan): Span | undefined {
  const tag = reference.tag;
  if (!tag) return undefined;
  return reference.toDocument(tag.start + part.start, tag.start + part.end);
}

/** The document span of `registry/repository` (what retired-repository and sdk-in-final-stage point at). */
export function nameSpan(reference: ImageReference): Span {
  const start = reference.registry?.start ?? reference.repository.start;
  return reference.toDocument(start, reference.repository.end);
}

/** Is the version past its end of life on `today`? */
export function isEndOfLife(version: CatalogVersion | undefined, today: string): version is CatalogVersion & { eolDate: string } {
  return !!version?.eolDate && version.eolDate < today;
}

/** The newest LTS release still supported on `today` (10.0 on 2026-11-22). */
export function newestSupportedLts(catalog: CatalogIndex, today: string): CatalogVersion | undefined {
  let best: CatalogVersion | undefined;
  for (const version of catalog.versions()) {
    if (version.releaseType !== 'lts' || version.supportPhase === 'preview' || !version.eolDate || version.eolDate < today) continue;
    if (!best || compareMajorMinor(version.version, best.version) > 0) best = version;
  }
  return best;
}

/** `mcr.microsoft.com/dotnet/aspnet:10.0` from a facts' registry name and a tag. */
export function imageText(image: ImageFacts, tag: string): string {
  return `${image.name}:${tag}`;
}
