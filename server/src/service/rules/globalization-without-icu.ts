/**
 * globalization-without-icu: chiseled and distroless images ship without ICU and time zone data unless
 * they are the `-extra` variant, and run with DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true. Turning invariant
 * mode off (`false`/`0`) then crashes the app at start ("Couldn't find a valid ICU package"), and a `TZ`
 * other than UTC finds no zone data. The quick fix moves the image to its `-extra` tag where one exists.
 *
 * Alpine images have a shell and a package manager but no ICU either (they run invariant too): turning invariant
 * mode off there needs `icu-libs` installed in the stage (`RUN apk add icu-libs`, or `icu-data-full`). The fixes:
 * the `-extra` tag where published, or the `apk add` right after the FROM.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { ImageFacts } from '../images/imageFacts';
import type { Span } from '../syntax/model';
import type { Declaration } from '../document/environment';
import { quote } from '../texts/quote';
import type { Fix } from '../fixes/editKit';
import { isCoreImage, RUNTIME_FAMILIES, tagPartSpan } from '../images/dotnetImages';
import { editReference } from '../fixes/referenceEdits';
import type { Finding, StageRule } from '../diagnostics/rule';
import type { StageFacts } from '../document/stageFacts';
import { afterLineBreak, lineBreakOf } from '../fixes/editKit';

const UTC_ZONES = new Set(['', 'utc', 'etc/utc', 'utc0', 'gmt', 'etc/gmt', 'zulu', 'etc/zulu', 'universal']);

function needsIcu(assignment: Declaration, alpine: boolean): string | undefined {
  if (assignment.keyword !== 'ENV' || assignment.value === undefined) return undefined;
  const key = assignment.name.toUpperCase();
  const value = assignment.value.trim().toLowerCase();
  if (key === 'DOTNET_SYSTEM_GLOBALIZATION_INVARIANT' && (value === 'false' || value === '0')) {
    return `${quote(`${assignment.name}=${assignment.value}`)} turns on culture-aware globalization, which needs ICU`;
  }
  // Alpine's time zone data is a question of its own (tzdata); this rule speaks about ICU there.
  if (key === 'TZ' && !alpine && !UTC_ZONES.has(value)) return `${quote(`TZ=${assignment.value}`)} needs time zone data`;
  return undefined;
}

/** One `apk add ... icu-libs` (or `icu-data-full`, `icu`) among the commands of a script, read command by command. */
function addsIcu(script: string): boolean {
  if (!script.includes('apk') || !script.includes('icu')) return false;
  for (const command of script.split(/&&|\|\||[;\n|]/)) {
    const words = command.trim().split(/\s+/);
    const apk = words.indexOf('apk');
    if (apk >= 0 && words.indexOf('add', apk) > apk && words.some((w) => /^icu(?:-libs|-data-full)?$/.test(w))) return true;
  }
  return false;
}

/** `RUN apk add ... icu-libs` in the stage or one it is built FROM, before `offset`. */
function icuInstalled(facts: StageFacts, offset: number): boolean {
  for (const stage of facts.lineage()) {
    for (const instruction of stage.instructions) {
      if (stage === facts.stage && instruction.span.start >= offset) break;
      if (instruction.name === 'RUN' && (addsIcu(instruction.args) || instruction.heredocs.some((h) => addsIcu(h.content)))) return true;
    }
  }
  return false;
}

function isAlpine(image: ImageFacts): boolean {
  return image.parsedTag?.os?.family === 'alpine' && !(image.parsedTag.variants.some((v) => v.value === 'extra'));
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

export const globalizationWithoutIcu: StageRule = {
  id: 'globalization-without-icu',
  defaultSeverity: 'warning',
  summary: 'Globalization or a time zone is asked for on an image without ICU and tzdata: chiseled/distroless without -extra, Alpine without icu-libs.',
  // An ENV of a stage this one is built FROM is the runner's to report once (rule.ts, StageRule).
  checkStage({ service, model, build }, stage) {
    const findings: Finding[] = [];
    const seen = new Set<number>();
    const facts = build.stage(stage);
    const image = facts.image;
    if (!isCoreImage(image) || !RUNTIME_FAMILIES.has(image.family!)) return findings;
    const alpine = isAlpine(image);
    if (!alpine && !isShelllessWithoutExtra(image)) return findings;
    const reference = image.reference;
    const extra = service.catalog ? extraTag(service.catalog, image) : undefined;
    const replacements: Fix[] = [];
    if (extra && reference.tag) {
      const edit = editReference(model, reference, reference.tag.start, reference.tag.end, extra, { title: `Use ${extra}`, preferred: true });
      if (edit) replacements.push(edit);
    }
    if (alpine) {
      // Right after the FROM of the stage whose base is the image: still root there.
      const root = facts.root;
      const end = root.from.fullSpan.end;
      const text = model.syntax.text;
      const after = afterLineBreak(text, end);
      const newline = lineBreakOf(text);
      const line = 'RUN apk add --no-cache icu-libs icu-data-full';
      replacements.push({ title: `Install ICU (${line})`, edits: [after === end ? { start: end, end, newText: `${newline}${line}` } : { start: after, end: after, newText: `${line}${newline}` }], preferred: replacements.length === 0 });
    }
    const fix = alpine
      ? `install ICU in this stage (${quote('RUN apk add --no-cache icu-libs')})${extra ? ` or use ${quote(`${image.name}:${extra}`)}` : ''}`
      : extra ? `use ${quote(`${image.name}:${extra}`)}, which includes ICU and tzdata` : "use an '-extra' image (ICU and tzdata included) or a full (non-chiseled) one";
    const lacks = alpine ? 'has no ICU (Alpine .NET images run globalization-invariant unless icu-libs is installed)' : "has neither ICU nor time zone data (only '-extra' chiseled/distroless images do)";
    const report = (span: Span, need: string): void => {
      if (seen.has(span.start)) return;
      seen.add(span.start);
      findings.push({
        span,
        message: `${need}, but ${quote(image.reference.text)} ${lacks}, so the app fails or falls back at run time: ${fix}.`,
        fixes: replacements,
      });
    };
    for (const assignment of facts.effectiveEnv()) {
      const need = needsIcu(assignment, alpine);
      if (need && !(alpine && icuInstalled(facts, Number.POSITIVE_INFINITY))) report(assignment.span, need);
    }
    if (stage.isFinal && service.project?.invariantGlobalization === false && alpine && !icuInstalled(facts, Number.POSITIVE_INFINITY) && reference.tag && image.parsedTag?.os) {
      const span = tagPartSpan(reference, image.parsedTag.os);
      if (span) report(span, `${service.project.projectFile} sets InvariantGlobalization to false, which needs ICU`);
    }
    if (stage.isFinal && service.project?.invariantGlobalization === false && !alpine && image.parsedTag?.flavour) {
      const span = tagPartSpan(reference, image.parsedTag.flavour);
      if (span) report(span, `${service.project.projectFile} sets InvariantGlobalization to false, which needs ICU`);
    }
    return findings;
  },
};
