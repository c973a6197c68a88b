/**
 * Which stand-in image a Microsoft .NET image reference gets, and its sibling with a shell. Pure (no buildah), so
 * the unit tests check that every fix case names images the oracle can stand in for.
 *
 * The stand-ins copy what a Dockerfile can observe of the real images (from Microsoft's Dockerfiles):
 * - chiseled / distroless: no /bin/sh; USER 1654 (app); runtime and aspnet add /usr/bin/dotnet and, as the real
 *   runtime images do, ENTRYPOINT ["/usr/bin/dotnet"] CMD ["--info"] (a Dockerfile that sets only CMD inherits it);
 * - full images (Ubuntu, Debian, Azure Linux, Alpine): busybox as /bin/sh, a package-manager stand-in, root;
 * - sdk: a full image whose dotnet also restores, builds, tests and publishes;
 * - runtime-deps has no dotnet at all, as the real one (self-contained apps bring their own).
 */

export type Family = 'sdk' | 'aspnet' | 'runtime' | 'runtime-deps';

export interface StandIn {
  /** The reference as written, with `:latest` when it had no tag. */
  readonly reference: string;
  readonly family: Family;
  /** No /bin/sh: chiseled or distroless. */
  readonly shellless: boolean;
  /** `10.0`: for the DOTNET_VERSION the real images set. */
  readonly version: string;
  /** ICU and tzdata: -extra of a shell-less image, or any full image. */
  readonly globalization: boolean;
  /** The package manager of a full image's distribution. */
  readonly packageManager: 'apt-get' | 'tdnf' | 'apk';
}

const REFERENCE = /mcr\.microsoft\.com\/dotnet\/(sdk|aspnet|runtime|runtime-deps)(?::([A-Za-z0-9_][A-Za-z0-9_.-]*))?(?![A-Za-z0-9_./:-])/g;
const SHELLLESS = /-(chiseled|distroless)/;
const WINDOWS = /nanoserver|windowsservercore|ltsc/;

/** Every Microsoft .NET image reference in a Dockerfile text (FROM lines and COPY --from alike), without `$`. */
export function imageReferences(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(REFERENCE)) found.add(`mcr.microsoft.com/dotnet/${match[1]}:${match[2] ?? 'latest'}`);
  return [...found];
}

/** The stand-in for a reference, or why there is none. */
export function standInFor(reference: string): StandIn | { readonly unsupported: string } {
  const match = /^mcr\.microsoft\.com\/dotnet\/(sdk|aspnet|runtime|runtime-deps)(?::(.+))?$/.exec(reference);
  if (!match) return { unsupported: `${reference} is not an sdk, aspnet, runtime or runtime-deps image of mcr.microsoft.com/dotnet` };
  const family = match[1] as Family;
  const tag = match[2] ?? 'latest';
  if (WINDOWS.test(tag)) return { unsupported: `${reference} is a Windows image; the oracle builds Linux images` };
  const shellless = SHELLLESS.test(tag);
  if (shellless && family === 'sdk') return { unsupported: `${reference}: there is no shell-less SDK image` };
  const version = /^(\d+\.\d+)/.exec(tag)?.[1] ?? '10.0';
  const packageManager = /alpine/.test(tag) ? 'apk' : /azurelinux|cbl-mariner/.test(tag) ? 'tdnf' : 'apt-get';
  return { reference: `mcr.microsoft.com/dotnet/${family}:${tag}`, family, shellless, version, globalization: !shellless || /-extra/.test(tag), packageManager };
}

/**
 * The image of the same version with a shell, as the real tags go: `10.0-noble-chiseled(-extra)` → `10.0-noble`,
 * `10.0-azurelinux3.0-distroless-extra-amd64` → `10.0-azurelinux3.0-amd64`. Undefined for an image with a shell.
 */
export function shellSibling(reference: string): string | undefined {
  const standIn = standInFor(reference);
  if ('unsupported' in standIn || !standIn.shellless) return undefined;
  return standIn.reference.replace(/-(chiseled|distroless)(-composite)?(-extra)?/, '');
}

/**
 * The Dockerfile with every shell-less stand-in image replaced by its sibling with a shell: the same text on
 * images where `/bin/sh` exists, which is where the argv a shell-form command means can be observed.
 */
export function withShellImages(text: string): string {
  return text.replace(REFERENCE, (whole) => {
    const reference = whole.includes(':') ? whole : `${whole}:latest`;
    const sibling = shellSibling(reference);
    return sibling ?? whole;
  });
}
