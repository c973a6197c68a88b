/**
 * globalization-without-icu: chiseled and distroless images ship without ICU and time zone data unless
 * they are the `-extra` variant, and run with DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true. Turning invariant
 * mode off (`false`/`0`) then crashes the app at start ("Couldn't find a valid ICU package"), and a `TZ`
 * other than UTC finds no zone data. The quick fix moves the image to its `-extra` tag where one exists.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { ImageFacts } from '../images/imageFacts';
import type { Span } from '../syntax/model';
import type { Declaration } from '../document/environment';
import { quote } from '../texts/quote';
import type { Fix } from '../fixes/editKit';
import { isCoreImage, RUNTIME_FAMILIES, tagPartSpan } from '../images/dotnetImages';
import { editReference } from '../fixes/referenceEdits';
import type { Finding, Rule } from '../diagnostics/rule';

const UTC_ZONES = new Set(['', 'utc', 'etc/utc', 'utc0', 'gmt', 'etc/gmt', 'zulu', 'etc/zulu', 'universal']);

function needsIcu(assignment: Declaration): string | undefined {
  if (assignment.keyword !== 'ENV' || assignment.value === undefined) return undefined;
  const key = assignment.name.toUpperCase();
  const value = assignment.value.trim().toLowerCase();
  if (key === 'DOTNET_SYSTEM_GLOBALIZATION_INVARIANT' && (value === 'false' || value === '0')) {
    return `${quote(`${assignment.name}=${assignment.value}`)} turns on culture-aware globalization, which needs ICU`;
  }
  if (key === 'TZ' && !UTC_ZONES.has(value)) return `${quote(`TZ=${assignment.value}`)} needs time zone data`;
  return undefined;
}

function isShelllessWithoutExtra(image: ImageFacts): boolean {
  const flavour = image.catalogTag?.flavour ?? image.parsedTag?.flavour?.value;
  const variants: readonly string[] = image.catalogTag?.variants ?? image.parsedTag?.variants.map((v) => v.value) ?? [];
  return !!flavour && !variants.includes('extra');
}

/** The same tag with `-extra` (before the architecture), if it is published. */
export function extraTag(catalog: CatalogIndex, image: ImageFacts): string | undefined {
  const parsed = image.parsedTag;
  const repository = image.repositoryName;
  if (!parsed || !repository) return undefined;
  const parts = parsed.segments.filter((s) => s.kind !== 'arch').map((s) => s.text);
  const tag = [...parts, 'extra', ...(parsed.arch ? [parsed.arch.text] : [])].join('-');
  if (catalog.tag(repository, tag)) return tag;
  const version = parsed.version;
  if (version?.kind === 'fixed' && version.majorMinor) {
    const versionEnd = parsed.revision?.end ?? version.end;
    if (catalog.fixedPattern(repository, version.majorMinor, tag.slice(versionEnd))?.current) return tag;
  }
  return undefined;
}

export const globalizationWithoutIcu: Rule = {
  id: 'globalization-without-icu',
  defaultSeverity: 'warning',
  summary: 'Globalization or a time zone is asked for on a chiseled/distroless image without ICU and tzdata (not -extra).',
  check({ service, model, build }) {
    const findings: Finding[] = [];
    const seen = new Set<number>();
    for (let s = 0; s < model.stages.stages.length; s++) {
      const stage = model.stages.stages[s]!;
      const facts = build.stage(stage);
      const image = facts.image;
      if (!isCoreImage(image) || !RUNTIME_FAMILIES.has(image.family!) || !isShelllessWithoutExtra(image)) continue;
      const reference = image.reference;
      const extra = service.catalog ? extraTag(service.catalog, image) : undefined;
      const replacements: Fix[] = [];
      if (extra && reference.tag) {
        const edit = editReference(model, reference, reference.tag.start, reference.tag.end, extra, { title: `Use ${extra}`, preferred: true });
        if (edit) replacements.push(edit);
      }
      const fix = extra ? `use ${quote(`${image.name}:${extra}`)}, which includes ICU and tzdata` : "use an '-extra' image (ICU and tzdata included) or a full (non-chiseled) one";
      const report = (span: Span, need: string): void => {
        if (seen.has(span.start)) return;
        seen.add(span.start);
        findings.push({
          span,
          message: `${need}, but ${quote(image.reference.text)} has neither ICU nor time zone data (only '-extra' chiseled/distroless images do), so the app fails or falls back at run time: ${fix}.`,
          fixes: replacements,
        });
      };
      for (const assignment of facts.effectiveEnv()) {
        const need = needsIcu(assignment);
        if (need) report(assignment.span, need);
      }
      if (stage.isFinal && service.project?.invariantGlobalization === false && image.parsedTag?.flavour) {
        const span = tagPartSpan(reference, image.parsedTag.flavour);
        if (span) report(span, `${service.project.projectFile} sets InvariantGlobalization to false, which needs ICU`);
      }
    }
    return findings;
  },
};
