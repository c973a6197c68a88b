/**
 * Runtime identifiers and the platforms images run on, in the same terms, so "does this publish fit that image" is
 * one comparison: the C library (glibc Linux, musl Linux, Windows, macOS) and the architecture (`x64`, `arm64`,
 * `arm`, `x86`, ...; Docker's `amd64`, `arm64v8`, `linux/arm/v7` are translated).
 */
import type { ImageFacts } from '../images/imageFacts';
import type { StageFacts } from './stageFacts';

/** `linux` is glibc Linux; `linux-musl` is musl (Alpine); `other` is a RID we do not place (Android, iOS, ...). */
export type RuntimeOs = 'linux' | 'linux-musl' | 'win' | 'osx' | 'other';

export interface ParsedRid {
  readonly os: RuntimeOs;
  /** undefined when the RID has no known architecture (`linux-$TARGETARCH`). */
  readonly arch: string | undefined;
}

const ARCHES = new Set(['x64', 'x86', 'arm64', 'arm', 'armv6', 's390x', 'ppc64le', 'loongarch64', 'riscv64']);
/** Docker's names for what .NET calls x64, arm64, arm. */
const DOCKER_ARCHES: Readonly<Record<string, string>> = { amd64: 'x64', x86_64: 'x64', arm64v8: 'arm64', aarch64: 'arm64', arm32v7: 'arm', arm32: 'arm', i386: 'x86', '386': 'x86' };
/** Distribution-specific RIDs of .NET Core 2.x/3.x (`alpine.3.18-x64`, `ubuntu.22.04-x64`), by their first word. */
const MUSL_DISTROS = new Set(['alpine']);
const GLIBC_DISTROS = new Set(['ubuntu', 'debian', 'rhel', 'centos', 'fedora', 'ol', 'opensuse', 'sles', 'linuxmint', 'tizen', 'azurelinux', 'mariner', 'cbl-mariner']);

/** `amd64` → `x64`, `arm64` → `arm64`; undefined for words that name no architecture. */
export function ridArch(word: string): string | undefined {
  const lower = word.toLowerCase();
  const arch = DOCKER_ARCHES[lower] ?? lower;
  return ARCHES.has(arch) ? arch : undefined;
}

/** Reads a runtime identifier (`linux-musl-arm64`, `win-x64`, `alpine.3.18-x64`); `linux-` alone (a variable cut off) gives the OS only. */
export function parseRid(rid: string): ParsedRid | undefined {
  const lower = rid.trim().toLowerCase();
  if (lower === '') return undefined;
  const dash = lower.lastIndexOf('-');
  const head = dash < 0 ? lower : lower.slice(0, dash);
  const arch = dash < 0 ? undefined : ridArch(lower.slice(dash + 1));
  const os = ridOs(arch === undefined && dash === lower.length - 1 ? head : arch === undefined ? lower : head);
  return os ? { os, arch } : undefined;
}

function ridOs(head: string): RuntimeOs | undefined {
  if (head === 'linux') return 'linux';
  if (head === 'linux-musl') return 'linux-musl';
  if (head === 'linux-bionic' || head === 'android' || head === 'ios' || head === 'maccatalyst' || head === 'browser' || head === 'wasi' || head === 'freebsd') return 'other';
  if (/^win(?:\d|$|-)/.test(head)) return 'win';
  if (/^osx(?:\.|$)/.test(head)) return 'osx';
  const distro = head.split('.')[0]!;
  if (MUSL_DISTROS.has(distro)) return 'linux-musl';
  if (GLIBC_DISTROS.has(distro)) return 'linux';
  return undefined;
}

/** What an image's containers run on. */
export type ImageOs = Exclude<RuntimeOs, 'osx' | 'other'>;

export interface ImagePlatform {
  /** The one OS the image runs, when it is one; undefined when it does not say or is several. */
  readonly os: ImageOs | undefined;
  /** Every OS the image may run (a multi-platform tag like `aspnet:8.0` is Linux and Windows); undefined when unknown. */
  readonly oses: readonly ImageOs[] | undefined;
  /** The architectures the image can run as (RID names), when known. */
  readonly arches: readonly string[] | undefined;
  /** In words, for messages: "'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled' (Ubuntu, glibc)". */
  readonly osReason: string | undefined;
  /** Where the architectures come from: "the tag", "--platform=linux/arm64". */
  readonly archReason: string | undefined;
}

const GLIBC_IMAGE_NAMES = /(?:^|\/)(?:debian|ubuntu|fedora|centos|rockylinux|almalinux|oraclelinux|amazonlinux|redhat\/ubi\d*(?:-minimal)?|ubi\d*(?:-minimal)?)$/;

/** The platform a stage's containers run on: its image's OS and C library, and the architectures the tag or `--platform` allow. */
export function imagePlatformOf(facts: StageFacts): ImagePlatform {
  const image = facts.image;
  const os = image ? imageOs(image) : undefined;
  let arches: readonly string[] | undefined;
  let archReason: string | undefined;
  // `FROM --platform=linux/arm64 ...` on the FROM that names the image decides the architecture.
  const platform = facts.root.platform?.value;
  if (platform !== undefined && !platform.includes('$')) {
    const arch = ridArch(platform.split('/')[1] ?? '');
    if (arch) {
      arches = [arch];
      archReason = `--platform=${platform}`;
    }
  }
  if (!arches && image) {
    const tagArch = image.parsedTag?.arch?.value;
    if (tagArch) {
      arches = [ridArch(tagArch)!];
      archReason = `the tag's -${image.parsedTag!.arch!.text}`;
    } else if (image.catalogTag) {
      arches = image.catalogTag.archs.map((a) => ridArch(a)!);
      archReason = 'the architectures it is published for';
    }
  }
  const oses = os?.oses;
  return { os: oses?.length === 1 ? oses[0] : undefined, oses, arches, osReason: os?.reason, archReason };
}

function imageOs(image: ImageFacts): { oses: readonly ImageOs[]; reason: string } | undefined {
  if (image.kind === 'dotnet' || image.kind === 'retired-dotnet') {
    const tagOs = image.parsedTag?.os;
    if (tagOs?.family === 'alpine' || image.catalogTag?.os.startsWith('alpine')) return { oses: ['linux-musl'], reason: 'Alpine, musl' };
    if (tagOs?.platform === 'windows' || image.catalogTag?.platform === 'windows') return { oses: ['win'], reason: 'Windows' };
    if (tagOs) return { oses: ['linux'], reason: `${osName(tagOs.family)}, glibc` };
    // A tag without an OS is a manifest list: Debian or Ubuntu, and for some versions Windows Nano Server too.
    if (image.catalogTag?.platform === 'linux') return { oses: ['linux'], reason: 'Debian or Ubuntu, glibc' };
    if (image.catalogTag || (image.parsedTag && image.parsedTag.wellFormed)) return { oses: ['linux', 'win'], reason: 'Debian or Ubuntu (glibc), or Windows' };
    return undefined;
  }
  if (image.kind === 'shellless-base') return { oses: ['linux'], reason: 'glibc' };
  const name = image.name;
  if (/(?:^|\/)alpine$/.test(name)) return { oses: ['linux-musl'], reason: 'Alpine, musl' };
  if (GLIBC_IMAGE_NAMES.test(name)) return { oses: ['linux'], reason: 'glibc' };
  return undefined;
}

function osName(family: string): string {
  if (family === 'azurelinux' || family === 'cbl-mariner') return 'Azure Linux';
  return family.charAt(0).toUpperCase() + family.slice(1);
}

/** What a stage's .NET SDK is itself: the OS part of the runtime identifier `dotnet publish -a`/`--ucr` builds for there. */
export function sdkRuntimeOs(facts: StageFacts): ImageOs | undefined {
  const image = facts.image;
  if (!image || image.kind !== 'dotnet' || image.family !== 'sdk') return undefined;
  return imagePlatformOf(facts).os;
}

/** `linux-musl` → "musl Linux (Alpine)", for messages. */
export function describeRuntimeOs(os: RuntimeOs): string {
  switch (os) {
    case 'linux':
      return 'glibc Linux';
    case 'linux-musl':
      return 'musl Linux (Alpine)';
    case 'win':
      return 'Windows';
    case 'osx':
      return 'macOS';
    default:
      return 'another platform';
  }
}
