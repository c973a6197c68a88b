/**
 * Hover on a .NET image reference: the part under the cursor (registry, repository, one tag segment,
 * digest, or a `${VAR}`) explained first, then a summary of the whole image: family, support measured
 * against today, OS, shell, user, architectures, floating or fixed, catalog status, and its MCR page.
 */
import type { ServiceContext } from '../context';
import type { Span } from '../syntax/model';
import type { ArgDeclaration } from '../document/stages';
import type { Build, ImageSite } from '../document/build';
import type { ImageFacts } from '../images/imageFacts';
import { parseTag, type ParsedTag, type TagSegment } from '../catalog/tagGrammar';
import { code, familyText, fill, lookup, TEXTS } from '../texts/texts';
import { carriesDotnetVersion, MCR_HOST, mcrPageUrl, osName, osText, platformOfArch, supportOf, supportSentence } from './tagFacts';

export interface HoverText {
  readonly markdown: string;
  readonly span: Span;
}

/** `catalogTag.os` is the base OS; the tag may only imply it (no OS written). */
function osLine(facts: ImageFacts): string | undefined {
  const os = facts.catalogTag?.os ?? facts.parsedTag?.os?.text;
  if (!os) return undefined;
  const names = os.split(',').map((o) => osName(o).long).join(' + ');
  const flavour = facts.catalogTag?.flavour ?? facts.parsedTag?.flavour?.value;
  const written = facts.catalogTag ? facts.catalogTag.osInTag !== '' : true;
  const label = flavour ? `${names}, ${flavour}` : names;
  return fill(written ? TEXTS.image.os : TEXTS.image.osDefault, { os: label });
}

function shellLine(facts: ImageFacts): string {
  if (facts.shell === false) return fill(TEXTS.shell.none, { reason: facts.shellReason ?? 'distroless' });
  if (facts.shell === true) return fill(TEXTS.shell.yes, { shell: facts.platform === 'windows' ? 'cmd.exe' : '/bin/sh' });
  return TEXTS.shell.unknown;
}

function archLine(facts: ImageFacts): string | undefined {
  const tag = facts.catalogTag;
  if (!tag) {
    const arch = facts.parsedTag?.arch?.value;
    return arch ? fill(TEXTS.image.singleArch, { platform: platformOfArch(arch) }) : undefined;
  }
  const platforms = tag.platform.split(',').flatMap((platform) => tag.archs.map((arch) => platformOfArch(arch, platform === 'windows' ? 'windows' : 'linux')));
  const unique = [...new Set(platforms)].map((p) => `\`${p}\``).join(', ');
  return tag.multiArch ? fill(TEXTS.image.multiArch, { platforms: unique }) : fill(TEXTS.image.singleArch, { platform: unique });
}

/** The version a floating tag follows: `10.0`, or `10` for a floating major (`monitor:10`). */
function versionWord(facts: ImageFacts): string {
  const version = facts.parsedTag?.version;
  if (version?.kind === 'floating-major' && version.major !== null) return String(version.major);
  return facts.version ?? version?.text ?? '';
}

function versionKindLine(facts: ImageFacts): string | undefined {
  const kind = facts.catalogTag?.versionKind ?? facts.parsedTag?.version?.kind;
  if (!kind) return undefined;
  const text = lookup(TEXTS.versionKindsShort, kind);
  return text ? fill(text, { version: versionWord(facts) }) : undefined;
}

function catalogLine(context: ServiceContext, facts: ImageFacts): string | undefined {
  const catalog = context.catalog;
  if (!catalog) return undefined;
  const date = catalog.date;
  if (!facts.reference.resolved) return TEXTS.catalog.unresolved;
  if (facts.catalogTag) return fill(facts.catalogTag.documented ? TEXTS.catalog.listed : TEXTS.catalog.listedUndocumented, { date });
  const parsed = facts.parsedTag;
  if (!parsed || !facts.repositoryName) return undefined;
  if (!parsed.wellFormed) return fill(TEXTS.catalog.unknown, { reason: parsed.reason ?? 'unknown' });
  const past = catalog.pastTag(facts.repositoryName, parsed.tag);
  if (past) return fill(TEXTS.catalog.past, { removedOn: past.removedOn ?? 'unknown' });
  const version = parsed.version;
  if (version?.kind === 'fixed' && version.majorMinor) {
    const suffix = parsed.tag.slice(parsed.revision?.end ?? version.end);
    if (catalog.hasFixedPattern(facts.repositoryName, version.majorMinor, suffix)) return fill(TEXTS.catalog.wellFormed, { date, version: version.majorMinor });
  }
  return fill(TEXTS.catalog.notPublished, { date });
}

function supportLine(context: ServiceContext, facts: ImageFacts): string | undefined {
  if (!facts.version || !carriesDotnetVersion(facts.repository?.kind ?? 'core') || !/^\d+\.\d+$/.test(facts.version)) return undefined;
  return supportSentence(supportOf(context.catalog, facts.version, context.today), context.catalog);
}

/** The summary of the whole image, as a markdown list. */
export function imageSummary(context: ServiceContext, facts: ImageFacts): string {
  const lines: (string | undefined)[] = [
    facts.family ? `\`${facts.family}\`: ${familyText(facts.family)?.summary ?? facts.family}` : undefined,
    facts.tag === undefined ? TEXTS.image.noTag : undefined,
    supportLine(context, facts),
    osLine(facts),
    shellLine(facts),
    facts.catalogTag ? lookup(TEXTS.user, facts.catalogTag.user) as string | undefined : undefined,
    archLine(facts),
    versionKindLine(facts),
    catalogLine(context, facts),
  ];
  const list = lines.filter((line): line is string => !!line).map((line) => `- ${line}`);
  const page = facts.repositoryName ? fill(TEXTS.registry.page, { name: `${MCR_HOST}/${facts.repositoryName}`, url: mcrPageUrl(facts.repositoryName) }) : undefined;
  return [list.join('\n'), page].filter(Boolean).join('\n\n');
}

/** The explanation of one tag segment. */
function segmentFocus(context: ServiceContext, facts: ImageFacts, parsed: ParsedTag, segment: TagSegment): string | undefined {
  switch (segment.kind) {
    case 'version': {
      const parts: string[] = [];
      const support = supportLine(context, facts);
      if (support) parts.push(support);
      const kind = parsed.version?.kind;
      const kindText = kind ? lookup(TEXTS.versionKinds, kind) : undefined;
      if (kindText) parts.push(fill(kindText, { version: versionWord(facts) || segment.text }));
      if (parsed.version?.prerelease) parts.push(fill(TEXTS.versionKinds.preview, { version: facts.version ?? segment.text }));
      return parts.join('\n\n');
    }
    case 'os':
      return osText(segment.text);
    case 'flavour': {
      const text = lookup(TEXTS.flavours, segment.text);
      return text ? fill(text) : undefined;
    }
    case 'variant': {
      if (segment.text === 'aot' && facts.family !== 'sdk') return TEXTS.variants.aotAlias;
      const text = lookup(TEXTS.variants, segment.text);
      return text ? fill(text) : undefined;
    }
    case 'arch': {
      const text = lookup(TEXTS.arches, parsed.arch?.value ?? segment.text);
      return text ? fill(text) : undefined;
    }
    case 'revision':
      return `Rebuild **${segment.text}** of a fixed version: an out-of-band fix of a component in the image, the .NET version is unchanged.`;
    case 'unknown':
      return fill(TEXTS.catalog.unknown, { reason: parsed.reason ?? `\`${segment.text}\` is not a part of a .NET tag` });
    default:
      return undefined;
  }
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset < span.end;
}

/** The shared heading: the resolved reference as code. */
function heading(facts: ImageFacts): string {
  return `**${code(facts.reference.text)}**`;
}

function variableHover(context: ServiceContext, facts: ImageFacts, offset: number, globalArgs: readonly ArgDeclaration[]): HoverText | undefined {
  const variable = facts.reference.variables.find((v) => contains(v.span, offset));
  if (!variable) return undefined;
  const declaration = [...globalArgs].reverse().find((arg) => arg.name === variable.name && arg.value !== undefined);
  const first =
    variable.value !== undefined && declaration
      ? fill(TEXTS.phrases.variable, { name: variable.name, value: variable.value, line: declaration.instruction.startLine + 1 })
      : variable.value !== undefined
        ? `\`${variable.name}\` = \`${variable.value}\`.`
        : fill(TEXTS.phrases.variableUnset, { name: variable.name });
  const parts = [first];
  if (facts.reference.resolved) parts.push(fill(TEXTS.phrases.resolvedImage, { image: facts.reference.text }));
  if (facts.kind === 'dotnet') parts.push(imageSummary(context, facts));
  return { markdown: parts.join('\n\n'), span: variable.span };
}

/**
 * The hover for a position inside an image reference; undefined when the image is not a .NET image (other
 * hovers may answer) and the position is not on a variable.
 */
export function imageHover(build: Build, site: ImageSite, offset: number): HoverText | undefined {
  const context = build.context;
  const facts = site.facts;
  const reference = site.reference;
  const onVariable = variableHover(context, facts, offset, build.model.stages.globalArgs);
  if (onVariable) return onVariable;
  if (facts.kind !== 'dotnet') return undefined;

  const summary = imageSummary(context, facts);
  const compose = (focus: string | undefined, span: Span): HoverText => ({
    markdown: [heading(facts), focus, '---', summary].filter((part): part is string => !!part).join('\n\n'),
    span,
  });
  const { registry, repository, tag, digest } = reference;
  if (registry && contains(registry.span, offset)) return compose(fill(TEXTS.registry.mcr), registry.span);
  if (contains(repository.span, offset)) {
    const family = familyText(facts.family);
    const nightly = facts.repository?.nightly ?? facts.repositoryName?.includes('/nightly/') ?? false;
    return compose([family?.text, nightly ? TEXTS.registry.nightly : undefined].filter(Boolean).join('\n\n'), repository.span);
  }
  if (digest && contains(digest.span, offset)) return compose(TEXTS.registry.digest, digest.span);
  if (tag && offset >= tag.span.start && offset <= tag.span.end) {
    const parsed = facts.parsedTag ?? parseTag(tag.text);
    for (const segment of parsed.segments) {
      const span = reference.toDocument(tag.start + segment.start, tag.start + segment.end);
      if (contains(span, offset)) return compose(segmentFocus(context, facts, parsed, segment), span);
    }
    return compose(undefined, tag.span);
  }
  return compose(undefined, reference.rawSpan);
}
