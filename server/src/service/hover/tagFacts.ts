/**
 * Words for the facts of a .NET image tag, shared by hover and completion: the OS by name, the support
 * status of a .NET version measured against today, a one-line `detail` such as
 * `10.0 LTS · Ubuntu 24.04 chiseled · no shell · non-root`.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { CatalogTag } from '../catalog/schema';
import { parseTag, type TagOs } from '../catalog/tagGrammar';
import { fill, lookup, TEXTS } from '../texts/texts';

export const MCR_HOST = 'mcr.microsoft.com';

/** The image's page on mcr.microsoft.com (`dotnet/aspnet` → …/artifact/mar/dotnet/aspnet/about). */
export function mcrPageUrl(repositoryName: string): string {
  return `https://${MCR_HOST}/artifact/mar/${repositoryName}/about`;
}

/** The OS part of a tag parsed on its own: the grammar reads OS words only after a version. */
function parseOs(os: string): TagOs | null {
  return parseTag(`0.0-${os}`).os;
}

/** `ltsc2022` → `LTSC 2022`, `1809` → `1809`. */
function windowsRelease(release: string): string {
  return release.replace(/^(ltsc|sac)(\d+)$/, (_, kind: string, year: string) => `${kind.toUpperCase()} ${year}`);
}

export interface OsName {
  /** `Ubuntu 24.04 LTS (Noble Numbat)`. */
  readonly long: string;
  /** `Ubuntu 24.04`, for one-line details. */
  readonly short: string;
  /** The key of the OS family text (`ubuntu`, `alpine`, ...). */
  readonly family: string | undefined;
  readonly floating: boolean;
}

/** OS names are asked for on every completion request: remember them (the catalog has a few dozen OS tokens). */
const osNames = new Map<string, OsName>();
const OS_NAME_CACHE_LIMIT = 512;

/** Names an OS token as the catalog or a tag writes it: `noble`, `alpine3.24`, `alpine`, `bookworm-slim`, `nanoserver-ltsc2022`. */
export function osName(os: string): OsName {
  const cached = osNames.get(os);
  if (cached) return cached;
  const name = computeOsName(os);
  if (osNames.size < OS_NAME_CACHE_LIMIT) osNames.set(os, name);
  return name;
}

function computeOsName(os: string): OsName {
  const parsed = parseOs(os);
  if (!parsed) return { long: os, short: os, family: undefined, floating: false };
  const release = parsed.release ?? '';
  const names = TEXTS.osNames;
  let long: string;
  switch (parsed.family) {
    case 'ubuntu':
      long = parsed.release ? (lookup(names, release) as string | undefined) ?? fill(names.unknownUbuntu, { release }) : names.ubuntu;
      break;
    case 'debian': {
      const base = (lookup(names, release) as string | undefined) ?? fill(names.unknownDebian, { release });
      long = parsed.slim ? fill(names.slim, { name: base }) : base;
      break;
    }
    case 'alpine':
      long = parsed.release ? fill(names.alpine, { release }) : names.alpineFloating;
      break;
    case 'azurelinux':
      long = parsed.release ? fill(names.azurelinux, { release }) : names.azurelinuxFloating;
      break;
    case 'cbl-mariner':
      long = fill(names['cbl-mariner'], { release }).trim();
      break;
    case 'nanoserver':
    case 'windowsservercore':
      long = fill(names[parsed.family], { release: windowsRelease(release) }).trim();
      break;
  }
  const short = (lookup(TEXTS.osShort, release) as string | undefined) ?? long.replace(/ \(.*\)$/, '').replace(/ LTS$/, '');
  const floating = !parsed.release && (parsed.family === 'alpine' || parsed.family === 'azurelinux' || parsed.family === 'ubuntu');
  return { long, short, family: parsed.family, floating };
}

/** The markdown that explains an OS family (and, for `alpine` alone, that it floats). */
export function osText(os: string): string | undefined {
  const name = osName(os);
  if (!name.family) return undefined;
  const base = lookup(TEXTS.os, name.family);
  if (!base) return undefined;
  const heading = `**${name.long}**`;
  const extra = name.family === 'alpine' && name.floating ? `\n\n${TEXTS.os.alpineFloating}` : '';
  return `${heading}\n\n${fill(base)}${extra}`;
}

export type SupportStatus = 'preview' | 'go-live' | 'supported' | 'near-eol' | 'eol' | 'unknown';

export interface Support {
  readonly status: SupportStatus;
  /** major.minor of .NET. */
  readonly version: string;
  readonly releaseType: 'lts' | 'sts' | undefined;
  readonly eolDate: string | undefined;
  /** Whole days from today to the end of life (negative once past). */
  readonly daysLeft: number | undefined;
}

/** How long before end of life the status turns to `eol-soon`. */
const EOL_SOON_DAYS = 180;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The support of a .NET major.minor on `today` (YYYY-MM-DD), from the catalog's release index. */
export function supportOf(catalog: CatalogIndex | undefined, version: string, today: string): Support {
  const entry = catalog?.version(version);
  if (!entry) return { status: 'unknown', version, releaseType: undefined, eolDate: undefined, daysLeft: undefined };
  const eolDate = entry.eolDate ?? undefined;
  const daysLeft = eolDate ? daysBetween(today, eolDate) : undefined;
  let status: SupportStatus;
  if (entry.supportPhase === 'eol' || (daysLeft !== undefined && daysLeft <= 0)) status = 'eol';
  else if (entry.supportPhase === 'preview') status = 'preview';
  else if (entry.supportPhase === 'go-live') status = 'go-live';
  else if (daysLeft !== undefined && daysLeft <= EOL_SOON_DAYS) status = 'near-eol';
  else status = 'supported';
  return { status, version, releaseType: entry.releaseType, eolDate, daysLeft };
}

/** `2 years`, `5 months`, `12 days`. */
function timeLeft(days: number): string {
  if (days >= 730) return `${Math.floor(days / 365)} years left`;
  if (days >= 60) return `${Math.floor(days / 30)} months left`;
  return days === 1 ? '1 day left' : `${days} days left`;
}

/** One sentence on the support of a version, e.g. "**.NET 9.0 reached end of life on 2026-11-10**: …". */
export function supportSentence(support: Support, catalog: CatalogIndex | undefined): string {
  const texts = TEXTS.support;
  const releaseType = support.releaseType === 'lts' ? TEXTS.releaseTypes.ltsLong : support.releaseType === 'sts' ? TEXTS.releaseTypes.stsLong : '';
  const newest = newestSupported(catalog);
  const values = {
    version: support.version,
    releaseType,
    eolDate: support.eolDate ?? '',
    left: support.daysLeft !== undefined ? timeLeft(support.daysLeft) : '',
    newest: newest ? `.NET ${newest}` : 'a supported version',
  };
  switch (support.status) {
    case 'preview':
      return fill(texts.preview, values);
    case 'go-live':
      return fill(texts['go-live'], values);
    case 'supported':
      return fill(texts.supported, values);
    case 'near-eol':
      return fill(texts.eolSoon, values);
    case 'eol':
      return fill(texts.eol, values);
    case 'unknown':
      return fill(texts.unknown, values);
  }
}

/** The newest GA version that is not past its end of life by the catalog's own phase (used in advice). */
function newestSupported(catalog: CatalogIndex | undefined): string | undefined {
  return catalog?.versions().find((v) => v.supportPhase === 'active' || v.supportPhase === 'maintenance')?.version;
}

/** `10.0 LTS`, `9.0 STS · end of life`, `11.0 preview`. */
export function versionLabel(support: Support): string {
  const type = support.releaseType === 'lts' ? TEXTS.releaseTypes.lts : support.releaseType === 'sts' ? TEXTS.releaseTypes.sts : '';
  switch (support.status) {
    case 'preview':
      return `${support.version} ${TEXTS.phrases.preview}`;
    case 'eol':
      return `${support.version} ${type} · ${TEXTS.phrases.endOfLife}`.replace('  ', ' ');
    default:
      return `${support.version} ${type}`.trim();
  }
}

/** The Docker platform string of a catalog architecture. */
export function platformOfArch(arch: string, platform: 'linux' | 'windows' = 'linux'): string {
  if (platform === 'windows') return 'windows/amd64';
  switch (arch) {
    case 'amd64':
      return 'linux/amd64';
    case 'arm64v8':
      return 'linux/arm64';
    case 'arm32v7':
      return 'linux/arm/v7';
    default:
      return `linux/${arch}`;
  }
}

/** True for the families whose `version` is .NET's (the appliances carry their own version numbers). */
export function carriesDotnetVersion(kind: 'core' | 'appliance' | 'samples' | undefined): boolean {
  return kind === 'core' || kind === 'samples';
}

export interface DetailOptions {
  /** Leave the architecture out (the tag is not complete yet: an architecture still has to be chosen). */
  readonly partial?: boolean;
}

/**
 * The one-line summary of a catalog tag: `10.0 LTS · Ubuntu 24.04 chiseled · composite · no shell · non-root · multi-arch`.
 * `support` is passed in because it depends on today.
 */
export function tagDetail(tag: CatalogTag, support: Support | undefined, kind: 'core' | 'appliance' | 'samples' | undefined, options: DetailOptions = {}): string {
  const parts: string[] = [];
  const fixedVersion = tag.versionKind === 'fixed' ? parseTag(tag.tag).version?.text : undefined;
  if (support && carriesDotnetVersion(kind)) {
    parts.push(fixedVersion && fixedVersion !== support.version ? `${fixedVersion} · ${versionLabel(support)}` : versionLabel(support));
  } else {
    parts.push(tag.versionKind === 'fixed' ? tag.productVersion : tag.version);
  }
  const os = tag.os.split(',').map((o) => osName(o).short).join(' + ');
  parts.push(tag.flavour ? `${os} ${tag.flavour}` : os);
  parts.push(...tag.variants);
  if (!tag.shell) parts.push(TEXTS.phrases.noShell);
  if (tag.user === 'app' || tag.user === 'ContainerUser') parts.push(TEXTS.phrases.nonRoot);
  if (!options.partial) {
    if (tag.arch) parts.push(tag.arch);
    else if (tag.multiArch) parts.push(TEXTS.phrases.multiArch);
    else if (tag.platform === 'windows') parts.push(`${TEXTS.phrases.windows} amd64`);
  }
  return parts.join(' · ');
}
