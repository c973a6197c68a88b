/**
 * retired-repository: an image name .NET no longer publishes under: `microsoft/dotnet`,
 * `microsoft/aspnetcore`, `microsoft/aspnetcore-build` (Docker Hub), `mcr.microsoft.com/dotnet/core/*`,
 * `mcr.microsoft.com/dotnet/core-nightly/*`. Its images are frozen, and every version they carried is out
 * of support. The quick fix writes the current name (and, for `microsoft/dotnet`, moves the image kind
 * from the tag to the name: `microsoft/dotnet:2.1-sdk` → `mcr.microsoft.com/dotnet/sdk:2.1`).
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { ImageFacts } from '../images/imageFacts';
import type { Fix } from '../fixes/editKit';
import { isEndOfLife, nameSpan, newestSupportedLts } from '../images/dotnetImages';
import { editReference } from '../fixes/referenceEdits';
import type { Finding, StageRule } from '../diagnostics/rule';
import { quote } from '../texts/quote';
import { LEGACY_FAMILY_REPOSITORY } from '../images/retiredFamily';

interface Replacement {
  readonly name: string;
  /** The tag to write with the new name when it changes (microsoft/dotnet tags carried the image kind); `''` drops it. */
  readonly tag: string | undefined;
}

/** The current name of a retired one; undefined when there is no single answer. */
export function currentName(image: ImageFacts): Replacement | undefined {
  const name = image.name.replace(/^(?:docker\.io|index\.docker\.io)\//, '');
  const core = /^mcr\.microsoft\.com\/dotnet\/core\/(.+)$/.exec(name);
  if (core) return { name: `mcr.microsoft.com/dotnet/${core[1]}`, tag: undefined };
  const coreNightly = /^mcr\.microsoft\.com\/dotnet\/core-nightly\/(.+)$/.exec(name);
  if (coreNightly) return { name: `mcr.microsoft.com/dotnet/nightly/${coreNightly[1]}`, tag: undefined };
  if (name === 'microsoft/aspnetcore') return { name: 'mcr.microsoft.com/dotnet/aspnet', tag: undefined };
  if (name === 'microsoft/aspnetcore-build') return { name: 'mcr.microsoft.com/dotnet/sdk', tag: undefined };
  if (name === 'microsoft/dotnet') {
    const parsed = image.parsedTag;
    const family = parsed?.family ? LEGACY_FAMILY_REPOSITORY[parsed.family.value] : undefined;
    if (!parsed?.family || !family) return undefined;
    // Drop the kind (and a 1.x SDK's own version) from the tag: `2.1-aspnetcore-runtime-alpine` → `2.1-alpine`.
    const dropped = new Set([parsed.family, parsed.sdkVersion].filter((s) => s !== null).map((s) => s.start));
    const tag = parsed.segments.filter((s) => !dropped.has(s.start)).map((s) => s.text).join('-');
    return { name: `mcr.microsoft.com/dotnet/${family}`, tag };
  }
  return undefined;
}

function isKnownTag(catalog: CatalogIndex | undefined, fullName: string, tag: string | undefined): boolean {
  if (!catalog || !fullName.startsWith('mcr.microsoft.com/')) return false;
  const repository = fullName.slice('mcr.microsoft.com/'.length);
  const t = tag ?? 'latest';
  return !!(catalog.tag(repository, t) ?? catalog.pastTag(repository, t));
}

export const retiredRepository: StageRule = {
  id: 'retired-repository',
  defaultSeverity: 'warning',
  summary: 'An image name .NET no longer publishes under (microsoft/dotnet, microsoft/aspnetcore*, mcr.microsoft.com/dotnet/core/*).',
  checkStage({ service, model, build }, stage) {
    const findings: Finding[] = [];
    for (const use of build.imageSitesIn(stage)) {
      const image = use.facts;
      if (image.kind !== 'retired-dotnet') continue;
      const entry = service.catalog?.retiredRepository(image.name);
      const replacement = currentName(image);
      const since = entry ? ` (no new images since ${entry.retired})` : '';
      const target = replacement ? quote(`${replacement.name}${replacement.tag ? `:${replacement.tag}` : ''}`) : entry ? quote(entry.replacement) : 'the mcr.microsoft.com/dotnet/* images';
      let eol = '';
      const versionText = image.parsedTag?.version?.majorMinor;
      const version = versionText ? service.catalog?.version(versionText) : undefined;
      if (service.catalog && isEndOfLife(version, service.today)) {
        const lts = newestSupportedLts(service.catalog, service.today);
        eol = ` .NET ${version.version} itself reached end of life on ${version.eolDate}${lts ? `; move to .NET ${lts.version}` : ''}.`;
      }
      const replacements: Fix[] = [];
      const reference = use.reference;
      if (replacement) {
        const start = reference.registry?.start ?? reference.repository.start;
        const tagChanges = replacement.tag !== undefined && replacement.tag !== reference.tag?.text;
        const end = tagChanges ? (reference.tag?.end ?? reference.repository.end) : reference.repository.end;
        const newText = tagChanges && replacement.tag ? `${replacement.name}:${replacement.tag}` : replacement.name;
        const edit = editReference(model, reference, start, end, newText, {
          title: `Use ${newText}`,
          preferred: true,
          safe: isKnownTag(service.catalog, replacement.name, replacement.tag === undefined ? reference.tag?.text : replacement.tag || undefined),
        });
        if (edit) replacements.push(edit);
      }
      findings.push({
        span: nameSpan(reference),
        message: `${quote(image.name)} is a retired image name${since}: use ${target}.${eol}`,
        fixes: replacements,
        deprecated: true,
      });
    }
    return findings;
  },
};
