/**
 * What the .NET SDK would pick for a project, so the editor can compare a Dockerfile with it.
 *
 * `dotnet publish /t:PublishContainer` infers the base image in the SDK's `ComputeDotnetBaseImageAndTag`
 * task (dotnet/sdk, src/Containers): the repository from how the app is published (self-contained or AOT →
 * `runtime-deps`, ASP.NET Core → `aspnet`, else `runtime`), the tag from the target framework's
 * major.minor, then `-<ContainerFamily>` when the project sets one, else `-alpine` for `linux-musl-*`
 * RIDs and `-<ubuntu>-chiseled` for AOT apps; and `-extra` (ICU and time zones) when a globalized app
 * lands on a chiseled family or is AOT-published, from .NET 8 on. `PublishTrimmed` acts like AOT there,
 * but ProjectFacts do not carry it yet.
 */
import type { ProjectFacts } from '../context';
import { runtimeFamilyFor } from '../document/intent';

/** The first .NET version whose images have the `-extra` and chiseled-by-default tags the SDK uses. */
const FIRST_EXTRA_VERSION = 8;
/** Ubuntu release the SDK uses for chiseled defaults (SDK 8.0.300 and later). */
const DEFAULT_UBUNTU = 'noble';

export interface PublishContainerChoice {
  /** `dotnet/aspnet`. */
  readonly repository: string;
  /** `10.0-noble-chiseled-extra`. */
  readonly tag: string;
  /** `mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra`. */
  readonly image: string;
  /** Why, in words, step by step: "web app → aspnet; net10.0 → 10.0; ...". */
  readonly reason: string;
}

function majorOf(version: string): number {
  return Number(version.split('.')[0]);
}

function isMusl(facts: ProjectFacts): boolean {
  return facts.runtimeIdentifier?.toLowerCase().startsWith('linux-musl') ?? false;
}


/**
 * The base image `dotnet publish /t:PublishContainer` would choose for the project (without an explicit
 * `ContainerBaseImage`), or undefined when the project's target framework is unknown.
 * Assumes a released SDK of the target version (a preview SDK tags `11.0.0-preview.N` instead).
 */
export function publishContainerBaseImage(facts: ProjectFacts): PublishContainerChoice | undefined {
  const version = facts.targetVersion;
  if (!version) return undefined;
  const family = runtimeFamilyFor(facts.publishAot ? 'aot' : facts.selfContained ? 'self-contained' : 'framework-dependent', facts.isWeb);
  const reasons: string[] = [
    facts.publishAot
      ? 'native AOT app → runtime-deps'
      : facts.selfContained
        ? 'self-contained app → runtime-deps'
        : facts.isWeb
          ? 'ASP.NET Core app → aspnet'
          : 'framework-dependent console app → runtime',
    `net${version} → ${version}`,
  ];
  const modern = majorOf(version) >= FIRST_EXTRA_VERSION;
  const globalized = facts.invariantGlobalization !== true;
  let tag = version;
  const containerFamily = facts.containerFamily?.trim();
  if (containerFamily) {
    tag += `-${containerFamily}`;
    reasons.push(`ContainerFamily ${containerFamily}`);
    if (modern && !isMusl(facts) && containerFamily.endsWith('-chiseled') && globalized) {
      tag += '-extra';
      reasons.push('globalization is not invariant, chiseled has no ICU → -extra');
    }
  } else if (isMusl(facts)) {
    tag += '-alpine';
    reasons.push(`${facts.runtimeIdentifier} → alpine`);
    if (modern && facts.publishAot && globalized) {
      tag += '-extra';
      reasons.push('AOT app with globalization → -extra');
    }
  } else if (modern && facts.publishAot) {
    tag += `-${DEFAULT_UBUNTU}-chiseled`;
    reasons.push(`AOT app → ${DEFAULT_UBUNTU}-chiseled`);
    if (globalized) {
      tag += '-extra';
      reasons.push('globalization is not invariant → -extra');
    }
  }
  const repository = `dotnet/${family}`;
  return { repository, tag, image: `mcr.microsoft.com/${repository}:${tag}`, reason: reasons.join('; ') };
}
