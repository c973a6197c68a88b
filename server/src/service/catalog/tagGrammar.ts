/**
 * The grammar of .NET image tags on mcr.microsoft.com (shared/reference/dotnet-tags.summary.md, "Tag anatomy"):
 *
 *   <version>[-<revision>][-<os>][-<flavour>][-<variant>...][-<arch>]     10.0.11-alpine3.24-amd64
 *
 * plus the retired Docker Hub `microsoft/dotnet` scheme (`2.1-sdk`, `2.1-runtime-deps-stretch-slim`) and the
 * samples repository's own scheme (`aspnetapp-chiseled`, `dotnetapp-10.0-alpine-amd64`).
 *
 * The parser never throws: whatever it does not recognise is kept as an `unknown` segment, so every tag
 * round-trips (`printTag(parseTag(t)) === t`) and the editor can still point at the one part that is wrong.
 * It knows the grammar only; whether a tag exists is the catalog's business.
 */
import { bounded } from '../texts/quote';
import type { Arch, Flavour, Variant } from './schema';

export type TagScheme = 'product' | 'legacy' | 'sample';
export type TagSegmentKind = 'version' | 'revision' | 'app' | 'family' | 'os' | 'flavour' | 'variant' | 'arch' | 'unknown';

/** A piece of the tag: its text and its half-open offset range inside the tag. */
export interface TagSpan {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface TagSegment extends TagSpan {
  readonly kind: TagSegmentKind;
}

/** Same names as the catalog's `versionKind`; a floating preview (`11.0-preview`) is `floating-minor` with prerelease `preview`. */
export type TagVersionKind = 'fixed' | 'floating-minor' | 'floating-major' | 'latest';

export interface TagVersion extends TagSpan {
  readonly kind: TagVersionKind;
  readonly major: number | null;
  readonly minor: number | null;
  readonly patch: number | null;
  /** `10.0` for `10.0`, `10.0.11`, `10.0-preview`; null for a floating major and `latest`. */
  readonly majorMinor: string | null;
  /** `preview.7`, `rc.1`, `preview1`, or `preview` for a floating preview; null for a release. */
  readonly prerelease: string | null;
}

export type OsFamily = 'alpine' | 'azurelinux' | 'cbl-mariner' | 'debian' | 'ubuntu' | 'nanoserver' | 'windowsservercore';

export interface TagOs extends TagSpan {
  readonly family: OsFamily;
  /** `3.24`, `3.0`, `noble`, `bookworm`, `ltsc2022`; null when the tag names only the family (`alpine`, `azurelinux`, `ubuntu`). */
  readonly release: string | null;
  /** Debian `-slim`. */
  readonly slim: boolean;
  readonly platform: 'linux' | 'windows';
}

/** The image kind written inside a `microsoft/dotnet` tag (`2.1-aspnetcore-runtime`). */
export type LegacyFamily = 'sdk' | 'runtime' | 'runtime-deps' | 'aspnetcore-runtime' | 'core' | 'core-deps';

export interface ParsedTag {
  readonly tag: string;
  readonly scheme: TagScheme;
  readonly version: TagVersion | null;
  /** Out-of-band rebuild number after a fixed version: the `1` of `5.0.102-1-focal`. */
  readonly revision: (TagSpan & { readonly value: number }) | null;
  /** Samples only: `dotnetapp`, `aspnetapp`. */
  readonly app: TagSpan | null;
  /** `microsoft/dotnet` scheme only. */
  readonly family: (TagSpan & { readonly value: LegacyFamily }) | null;
  /** `microsoft/dotnet` 1.x SDK tags name the runtime, then the SDK: the `1.0.4` of `1.0.5-sdk-1.0.4-jessie`. */
  readonly sdkVersion: TagVersion | null;
  readonly os: TagOs | null;
  readonly flavour: (TagSpan & { readonly value: Flavour }) | null;
  readonly variants: readonly (TagSpan & { readonly value: Variant })[];
  /** `value` is the catalog's arch; `text` may be the historic Nano Server `arm32`. */
  readonly arch: (TagSpan & { readonly value: Arch }) | null;
  /** Every part in order; together with one `-` between neighbours they spell the tag exactly. */
  readonly segments: readonly TagSegment[];
  readonly wellFormed: boolean;
  /** Why the tag is not well-formed; null when it is. */
  readonly reason: string | null;
}

const FLAVOUR_WORDS: ReadonlyMap<string, Flavour> = new Map<string, Flavour>([
  ['chiseled', 'chiseled'],
  ['distroless', 'distroless'],
]);
/** Written in this order when combined (`-composite-extra`). */
const VARIANT_ORDER: readonly Variant[] = ['composite', 'extra', 'aot'];
const ARCH_WORDS: ReadonlyMap<string, Arch> = new Map<string, Arch>([
  ['amd64', 'amd64'],
  ['arm64v8', 'arm64v8'],
  ['arm32v7', 'arm32v7'],
  // Nano Server 1809 ARM images of .NET Core 2.2/3.0 (`2.2-runtime-nanoserver-1809-arm32`).
  ['arm32', 'arm32v7'],
]);
const LEGACY_FAMILIES_TWO_WORDS: ReadonlyMap<string, LegacyFamily> = new Map<string, LegacyFamily>([
  ['runtime-deps', 'runtime-deps'],
  ['aspnetcore-runtime', 'aspnetcore-runtime'],
  ['core-deps', 'core-deps'],
]);
const LEGACY_FAMILIES_ONE_WORD: ReadonlyMap<string, LegacyFamily> = new Map<string, LegacyFamily>([
  ['sdk', 'sdk'],
  ['runtime', 'runtime'],
  ['core', 'core'],
]);

/**
 * Codenames seen in the tag history (dotnet-tags.history-*.tsv), plus Debian's announced next releases (forky, duke).
 * Unseen codenames still parse through the generic `<name>-slim` (Debian) and `<name>-chiseled` (Ubuntu) rules.
 */
const DEBIAN_CODENAMES = new Set(['jessie', 'stretch', 'buster', 'bullseye', 'bookworm', 'trixie', 'forky', 'duke']);
const UBUNTU_CODENAMES = new Set(['bionic', 'disco', 'focal', 'jammy', 'noble', 'resolute']);

/** Words that are never an OS codename, so the generic codename rules cannot swallow them. */
const RESERVED_WORDS = new Set([
  ...FLAVOUR_WORDS.keys(),
  ...VARIANT_ORDER,
  ...ARCH_WORDS.keys(),
  'sdk', 'runtime', 'deps', 'aspnetcore', 'core', 'latest', 'preview', 'slim', 'ubuntu', 'nanoserver', 'windowsservercore',
]);

const FIXED_VERSION = /^(\d+)\.(\d+)\.(\d+)$/;
const MINOR_VERSION = /^(\d+)\.(\d+)$/;
const MAJOR_VERSION = /^(\d+)$/;
/** `preview.7`, `rc.1`, `preview1`, `rc1`, bare `preview` (5.0.0-preview), build numbers (`preview.6.26359.118`). */
const PRERELEASE = /^(?:alpha|beta|preview|rc)(?:\.?\d+(?:\.\d+)*)?$/;
const REVISION = /^\d+$/;
/** `ltsc2022`, `sac2016`, `1809`, `20H2`, `10.0.14393.1198`. */
const WINDOWS_RELEASE = /^(?:ltsc\d{4}|sac\d{4}|\d{4}|\d{2}H\d|\d+(?:\.\d+){3})$/;
const SAMPLE_APP = /^[a-z][a-z0-9]*app$/;
const CODENAME = /^[a-z]+$/;

type Token = TagSpan;

function tokenize(tag: string): Token[] {
  const tokens: Token[] = [];
  let start = 0;
  for (;;) {
    const dash = tag.indexOf('-', start);
    const end = dash === -1 ? tag.length : dash;
    tokens.push({ text: tag.slice(start, end), start, end });
    if (dash === -1) return tokens;
    start = dash + 1;
  }
}

/** A match of `count` tokens starting at some index. */
interface Match<T> {
  readonly count: number;
  readonly value: T;
}

type VersionFields = Omit<TagVersion, keyof TagSpan>;

function matchVersion(tokens: readonly Token[], i: number): Match<VersionFields> | null {
  const text = tokens[i]?.text ?? '';
  const next = tokens[i + 1]?.text;
  if (text === 'latest') {
    return { count: 1, value: { kind: 'latest', major: null, minor: null, patch: null, majorMinor: null, prerelease: null } };
  }
  const fixed = FIXED_VERSION.exec(text);
  if (fixed) {
    const prerelease = next !== undefined && PRERELEASE.test(next) ? next : null;
    const [major, minor, patch] = [Number(fixed[1]), Number(fixed[2]), Number(fixed[3])];
    return { count: prerelease ? 2 : 1, value: { kind: 'fixed', major, minor, patch, majorMinor: `${fixed[1]}.${fixed[2]}`, prerelease } };
  }
  const preview = next === 'preview' ? 'preview' : null;
  const minor = MINOR_VERSION.exec(text);
  if (minor) {
    const value: VersionFields = {
      kind: 'floating-minor',
      major: Number(minor[1]),
      minor: Number(minor[2]),
      patch: null,
      majorMinor: text,
      prerelease: preview,
    };
    return { count: preview ? 2 : 1, value };
  }
  if (MAJOR_VERSION.test(text)) {
    const value: VersionFields = { kind: 'floating-major', major: Number(text), minor: null, patch: null, majorMinor: null, prerelease: preview };
    return { count: preview ? 2 : 1, value };
  }
  return null;
}

function matchLegacyFamily(tokens: readonly Token[], i: number): Match<LegacyFamily> | null {
  const first = tokens[i]?.text;
  if (first === undefined) return null;
  const second = tokens[i + 1]?.text;
  const twoWords = second === undefined ? undefined : LEGACY_FAMILIES_TWO_WORDS.get(`${first}-${second}`);
  if (twoWords) return { count: 2, value: twoWords };
  const oneWord = LEGACY_FAMILIES_ONE_WORD.get(first);
  return oneWord ? { count: 1, value: oneWord } : null;
}

type OsFields = Omit<TagOs, keyof TagSpan>;

function linuxOs(family: OsFamily, release: string | null, slim = false): OsFields {
  return { family, release, slim, platform: 'linux' };
}

function matchOs(tokens: readonly Token[], i: number): Match<OsFields> | null {
  const text = tokens[i]?.text;
  if (text === undefined) return null;
  const next = tokens[i + 1]?.text;

  if (text === 'nanoserver' || text === 'windowsservercore') {
    const release = next !== undefined && WINDOWS_RELEASE.test(next) ? next : null;
    return { count: release ? 2 : 1, value: { family: text, release, slim: false, platform: 'windows' } };
  }
  if (text === 'cbl' && next !== undefined) {
    const mariner = /^mariner(\d+\.\d+)?$/.exec(next);
    if (mariner) return { count: 2, value: linuxOs('cbl-mariner', mariner[1] ?? null) };
  }
  const alpine = /^alpine(\d+\.\d+)?$/.exec(text);
  if (alpine) return { count: 1, value: linuxOs('alpine', alpine[1] ?? null) };
  const azureLinux = /^azurelinux(\d+\.\d+)?$/.exec(text);
  if (azureLinux) return { count: 1, value: linuxOs('azurelinux', azureLinux[1] ?? null) };
  if (text === 'ubuntu') return { count: 1, value: linuxOs('ubuntu', null) };
  if (UBUNTU_CODENAMES.has(text)) return { count: 1, value: linuxOs('ubuntu', text) };

  if (!CODENAME.test(text) || RESERVED_WORDS.has(text)) return null;
  const slim = next === 'slim';
  if (DEBIAN_CODENAMES.has(text) || slim) return { count: slim ? 2 : 1, value: linuxOs('debian', text, slim) };
  // Only Ubuntu is chiseled, so an unseen codename before `-chiseled` is a new Ubuntu release.
  if (next === 'chiseled') return { count: 1, value: linuxOs('ubuntu', text) };
  return null;
}

/** The order parts must appear in after the version (or family). */
const STAGE = { os: 0, flavour: 1, variant: 2, arch: 3 } as const;
type TailKind = keyof typeof STAGE;

/** The mutable state of one parse; frozen into a `ParsedTag` at the end. */
class TagParse {
  scheme: TagScheme = 'product';
  version: TagVersion | null = null;
  revision: (TagSpan & { value: number }) | null = null;
  app: TagSpan | null = null;
  family: (TagSpan & { value: LegacyFamily }) | null = null;
  sdkVersion: TagVersion | null = null;
  os: TagOs | null = null;
  flavour: (TagSpan & { value: Flavour }) | null = null;
  readonly variants: (TagSpan & { value: Variant })[] = [];
  arch: (TagSpan & { value: Arch }) | null = null;
  readonly segments: TagSegment[] = [];
  readonly problems: string[] = [];
  /** The furthest tail stage reached, to report parts written out of order. */
  private stage = -1;

  constructor(
    readonly tag: string,
    readonly tokens: readonly Token[],
  ) {}

  /** Records a segment covering `count` tokens from `i` and returns its span. */
  take(kind: TagSegmentKind, i: number, count: number): TagSpan {
    const first = this.tokens[i];
    const last = this.tokens[i + count - 1];
    if (!first || !last) throw new RangeError('token index out of range'); // a bug in this file, not bad input
    const span = { text: this.tag.slice(first.start, last.end), start: first.start, end: last.end };
    this.segments.push({ kind, ...span });
    return span;
  }

  unknown(i: number, why: string): void {
    this.take('unknown', i, 1);
    this.problems.push(why);
  }

  /** Checks the order of tail parts: os, flavour, variants, arch; each at most once. */
  enterStage(kind: TailKind, text: string): void {
    const stage = STAGE[kind];
    if (this.arch) this.problems.push(`'${bounded(text)}' comes after the architecture, which must be the last part`);
    else if (stage < this.stage) this.problems.push(`'${bounded(text)}' is out of order: the parts go <os>-<flavour>-<variants>-<arch>`);
    this.stage = Math.max(this.stage, stage);
  }

  /** Parses os / flavour / variants / arch from token `i` to the end. */
  tail(i: number): void {
    while (i < this.tokens.length) {
      i = this.tailPart(i);
    }
  }

  private tailPart(i: number): number {
    const text = this.tokens[i]?.text ?? '';
    const os = matchOs(this.tokens, i);
    if (os) {
      if (this.os) this.problems.push(`a second OS '${bounded(text)}' after '${bounded(this.os.text)}'`);
      this.enterStage('os', text);
      const span = this.take('os', i, os.count);
      if (!this.os) this.os = { ...span, ...os.value };
      return i + os.count;
    }
    const flavour = FLAVOUR_WORDS.get(text);
    if (flavour) {
      if (this.flavour) this.problems.push(`a second flavour '${bounded(text)}'`);
      this.enterStage('flavour', text);
      const span = this.take('flavour', i, 1);
      if (!this.flavour) this.flavour = { ...span, value: flavour };
      return i + 1;
    }
    const variant = VARIANT_ORDER.find((v) => v === text);
    if (variant) {
      const previous = this.variants[this.variants.length - 1];
      if (previous && VARIANT_ORDER.indexOf(previous.value) >= VARIANT_ORDER.indexOf(variant)) {
        this.problems.push(`'${bounded(text)}' after '${bounded(previous.text)}': variants are written once each, in the order composite, extra, aot`);
      }
      this.enterStage('variant', text);
      this.variants.push({ ...this.take('variant', i, 1), value: variant });
      return i + 1;
    }
    const arch = ARCH_WORDS.get(text);
    if (arch) {
      this.enterStage('arch', text);
      const span = this.take('arch', i, 1);
      if (!this.arch) this.arch = { ...span, value: arch };
      return i + 1;
    }
    this.unknown(i, text === '' ? "an empty part (a doubled, leading or trailing '-')" : `'${bounded(text)}' is not a known part of a .NET image tag`);
    return i + 1;
  }

  /** Reads a version at `i` (and the rebuild number after a fixed one); returns the next index. */
  readVersion(i: number): number {
    const version = matchVersion(this.tokens, i);
    if (!version) return i;
    this.version = { ...this.take('version', i, version.count), ...version.value };
    i += version.count;
    const next = this.tokens[i];
    if (version.value.kind === 'fixed' && next && REVISION.test(next.text)) {
      this.revision = { ...this.take('revision', i, 1), value: Number(next.text) };
      i += 1;
    }
    return i;
  }

  readLegacyFamily(i: number): number {
    const family = matchLegacyFamily(this.tokens, i);
    if (!family) return i;
    this.scheme = 'legacy';
    this.family = { ...this.take('family', i, family.count), value: family.value };
    i += family.count;
    const sdkVersion = family.value === 'sdk' ? matchVersion(this.tokens, i) : null;
    if (sdkVersion?.value.kind === 'fixed') {
      this.sdkVersion = { ...this.take('version', i, sdkVersion.count), ...sdkVersion.value };
      i += sdkVersion.count;
    }
    return i;
  }

  result(): ParsedTag {
    return {
      tag: this.tag,
      scheme: this.scheme,
      version: this.version,
      revision: this.revision,
      app: this.app,
      family: this.family,
      sdkVersion: this.sdkVersion,
      os: this.os,
      flavour: this.flavour,
      variants: this.variants,
      arch: this.arch,
      segments: this.segments,
      wellFormed: this.problems.length === 0,
      // Each problem once: 100,000 `-` are 100,001 empty parts, and one sentence says what is wrong with them.
      reason: this.problems.length === 0 ? null : [...new Set(this.problems)].join('; '),
    };
  }
}

/** `aspnetapp[-chiseled][-10.0][-<os>][-<arch>]`. */
function parseSample(parse: TagParse): void {
  parse.scheme = 'sample';
  parse.app = parse.take('app', 0, 1);
  let i = 1;
  const flavour = FLAVOUR_WORDS.get(parse.tokens[i]?.text ?? '');
  if (flavour) {
    parse.flavour = { ...parse.take('flavour', i, 1), value: flavour };
    i += 1;
  }
  i = parse.readVersion(i);
  if (parse.version && parse.version.kind !== 'floating-minor') {
    parse.problems.push(`samples tags name a .NET version as major.minor, not '${bounded(parse.version.text)}'`);
  }
  parse.tail(i);
}

/** `<version>[-<revision>][-<family>][-<os>][-<flavour>][-<variant>...][-<arch>]`, or a version-less legacy tag. */
function parseProductOrLegacy(parse: TagParse): void {
  let i = parse.readVersion(0);
  i = parse.readLegacyFamily(i);
  if (parse.version?.kind === 'latest' && i < parse.tokens.length) {
    parse.problems.push("'latest' takes no other parts");
  }
  if (!parse.version) {
    // `microsoft/dotnet` had version-less tags (`runtime`, `sdk-nanoserver`, `nanoserver`); nothing newer does.
    if (!parse.family && matchOs(parse.tokens, 0)) parse.scheme = 'legacy';
    if (parse.scheme !== 'legacy') {
      parse.problems.push("a tag starts with a .NET version ('10.0', '10.0.11', '11.0-preview') or 'latest'");
    }
  }
  parse.tail(i);
}

/** Splits a tag into its parts. Never throws; see `ParsedTag.wellFormed` and `reason`. */
export function parseTag(tag: string): ParsedTag {
  const parse = new TagParse(tag, tag === '' ? [] : tokenize(tag));
  if (tag === '') {
    parse.problems.push('the tag is empty');
  } else if (SAMPLE_APP.test(parse.tokens[0]?.text ?? '')) {
    parseSample(parse);
  } else {
    parseProductOrLegacy(parse);
  }
  return parse.result();
}

/** Spells a parsed tag again: its segments joined by `-`. `printTag(parseTag(t)) === t` for every string. */
export function printTag(parsed: Pick<ParsedTag, 'segments'>): string {
  return parsed.segments.map((segment) => segment.text).join('-');
}
