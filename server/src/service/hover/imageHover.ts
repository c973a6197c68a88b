/**
 * Hover on a .NET image reference: the part under the cursor (registry, repository, one tag segment,
 * digest, or a `${VAR}`) explained first, then a summary of the whole image: family, support measured
 * against today, OS, shell, user, architectures, floating or fixed, catalog status, and its MCR page.
 */
import type { ServiceContext } from '../context';
import type { Span } from '../syntax/model';
import type { Stage } from '../document/stages';
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

/** The facts a summary can show; a focus text that explains one of them already leaves it out of the summary. */
export type FactKey = 'family' | 'support' | 'os' | 'shell' | 'user' | 'platforms' | 'versionKind' | 'catalog';

export interface SummaryOptions {
  /** Facts the text above the summary already explains. */
  readonly covered?: ReadonlySet<FactKey>;
  /** The stage the image is the base of: its shell-form instructions are named when the image cannot run them. */
  readonly stage?: Stage;
}

const NO_KEYS: ReadonlySet<FactKey> = new Set();

/** The shell-form instructions of the stage that cannot run on it, as "the shell-form `CMD` on line 4". */
function blockedInstructions(build: Build, stage: Stage | undefined): string | undefined {
  if (!stage) return undefined;
  const blocked = build.shelllessCommandsIn(stage).shellForm.map((command) => command.instruction);
  if (blocked.length === 0) return undefined;
  const first = blocked[0]!;
  const more = blocked.length > 1 ? fill(TEXTS.shell.blockedMore, { count: blocked.length - 1 }) : '';
  return fill(TEXTS.shell.blocked, { keyword: first.name, line: first.startLine + 1, more });
}

/** What matters most, first: can it run this stage's instructions, who it runs as, which .NET until when. */
function essentials(build: Build, facts: ImageFacts, options: SummaryOptions): string[] {
  const covered = options.covered ?? NO_KEYS;
  const lines: string[] = [];
  const blocked = facts.shell === false ? blockedInstructions(build, options.stage) : undefined;
  const runs: string[] = [];
  if (!covered.has('shell') || blocked) {
    if (facts.shell === false) runs.push(`${fill(TEXTS.shell.noneShort, { reason: facts.shellReason ?? 'distroless' })}${blocked ? `: ${blocked}` : ''}`);
    else if (facts.shell === true) runs.push(fill(TEXTS.shell.yesShort, { shell: facts.platform === 'windows' ? 'cmd.exe' : '/bin/sh' }));
  }
  const user = facts.catalogTag ? lookup(TEXTS.userShort, facts.catalogTag.user) : undefined;
  if (user && !covered.has('user')) runs.push(fill(user));
  if (runs.length) lines.push(runs.join(' · '));
  if (!covered.has('support')) {
    const support = supportLine(build.context, facts);
    if (support) lines.push(support);
  }
  return lines;
}

/**
 * The summary of the whole image: the essentials as short paragraphs, then the other facts as a list, each said
 * once (nothing the text above already explains), then the image's page.
 */
export function imageSummary(build: Build, facts: ImageFacts, options: SummaryOptions = {}): string {
  const summary = summarize(build, facts, options);
  return [...summary.essentials, ...summary.rest].join('\n\n');
}

interface Summary {
  /** Short paragraphs for the top of a hover. */
  readonly essentials: readonly string[];
  /** The list of the other facts, and the image's page. */
  readonly rest: readonly string[];
}

function summarize(build: Build, facts: ImageFacts, options: SummaryOptions): Summary {
  const context = build.context;
  const covered = options.covered ?? NO_KEYS;
  const details: (string | undefined)[] = [
    facts.family && !covered.has('family') ? `\`${facts.family}\`: ${familyText(facts.family)?.summary ?? facts.family}` : undefined,
    facts.tag === undefined ? TEXTS.image.noTag : undefined,
    covered.has('os') ? undefined : osLine(facts),
    covered.has('platforms') ? undefined : archLine(facts),
    covered.has('versionKind') ? undefined : versionKindLine(facts),
    covered.has('catalog') ? undefined : catalogLine(context, facts),
  ];
  const list = details.filter((line): line is string => !!line).map((line) => `- ${line}`);
  const page = facts.repositoryName ? fill(TEXTS.registry.page, { name: `${MCR_HOST}/${facts.repositoryName}`, url: mcrPageUrl(facts.repositoryName) }) : undefined;
  return { essentials: essentials(build, facts, options), rest: [list.join('\n'), page].filter((part): part is string => !!part) };
}

interface Focus {
  readonly text: string | undefined;
  /** The summary facts the text explains, left out of the summary below it. */
  readonly covers: readonly FactKey[];
}

/** The explanation of one tag segment. */
function segmentFocus(context: ServiceContext, facts: ImageFacts, parsed: ParsedTag, segment: TagSegment): Focus {
  return { text: segmentText(context, facts, parsed, segment), covers: COVERED_BY_SEGMENT[segment.kind] ?? [] };
}

const COVERED_BY_SEGMENT: Partial<Record<TagSegment['kind'], readonly FactKey[]>> = {
  version: ['support', 'versionKind'],
  os: ['os'],
  flavour: ['shell', 'user'],
  arch: ['platforms'],
  unknown: ['catalog'],
};

function segmentText(context: ServiceContext, facts: ImageFacts, parsed: ParsedTag, segment: TagSegment): string | undefined {
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

function variableHover(build: Build, site: ImageSite, offset: number): HoverText | undefined {
  const facts = site.facts;
  const variable = facts.reference.variables.find((v) => contains(v.span, offset));
  if (!variable) return undefined;
  const declaration = [...build.model.stages.globalArgs].reverse().find((arg) => arg.name === variable.name && arg.value !== undefined);
  const first =
    variable.value !== undefined && declaration
      ? fill(TEXTS.phrases.variable, { name: variable.name, value: variable.value, line: declaration.instruction.startLine + 1 })
      : variable.value !== undefined
        ? `\`${variable.name}\` = \`${variable.value}\`.`
        : fill(TEXTS.phrases.variableUnset, { name: variable.name });
  const parts = [first];
  if (facts.reference.resolved) parts.push(fill(TEXTS.phrases.resolvedImage, { image: facts.reference.text }));
  if (facts.kind === 'dotnet') parts.push(imageSummary(build, facts, { stage: site.kind === 'from' ? site.stage : undefined }));
  return { markdown: parts.join('\n\n'), span: variable.span };
}

/**
 * The hover for a position inside an image reference: the reference, what matters most about the image (can it run
 * this stage's instructions, who it runs as, which .NET until when), the part under the cursor explained, then the
 * other facts; each said once. Undefined when the image is not a .NET image (other hovers may answer) and the
 * position is not on a variable.
 */
export function imageHover(build: Build, site: ImageSite, offset: number): HoverText | undefined {
  const context = build.context;
  const facts = site.facts;
  const reference = site.reference;
  const onVariable = variableHover(build, site, offset);
  if (onVariable) return onVariable;
  if (facts.kind !== 'dotnet') return undefined;

  const stage = site.kind === 'from' ? site.stage : undefined;
  const compose = (focus: Focus, span: Span): HoverText => {
    const summary = summarize(build, facts, { covered: new Set<FactKey>(focus.covers), stage });
    // The essentials first, then the part under the cursor, then the rest of the summary.
    return { markdown: [heading(facts), ...summary.essentials, focus.text, '---', ...summary.rest].filter((part): part is string => !!part).join('\n\n'), span };
  };
  const plain = (text: string | undefined, covers: readonly FactKey[] = []): Focus => ({ text, covers });
  const { registry, repository, tag, digest } = reference;
  if (registry && contains(registry.span, offset)) return compose(plain(fill(TEXTS.registry.mcr)), registry.span);
  if (contains(repository.span, offset)) {
    const family = familyText(facts.family);
    const nightly = facts.repository?.nightly ?? facts.repositoryName?.includes('/nightly/') ?? false;
    return compose(plain([family?.text, nightly ? TEXTS.registry.nightly : undefined].filter(Boolean).join('\n\n'), ['family']), repository.span);
  }
  if (digest && contains(digest.span, offset)) return compose(plain(TEXTS.registry.digest), digest.span);
  if (tag && offset >= tag.span.start && offset <= tag.span.end) {
    const parsed = facts.parsedTag ?? parseTag(tag.text);
    for (const segment of parsed.segments) {
      const span = reference.toDocument(tag.start + segment.start, tag.start + segment.end);
      if (contains(span, offset)) return compose(segmentFocus(context, facts, parsed, segment), span);
    }
    return compose(plain(undefined), tag.span);
  }
  return compose(plain(undefined), reference.rawSpan);
}
