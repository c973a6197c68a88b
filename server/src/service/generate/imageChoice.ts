/**
 * The images a generated Dockerfile builds and runs on, from the project's facts, as the SDK's container
 * publishing picks them (msbuild/containerDefaults.ts: the family from how the app is published, the tag from the
 * target framework, `ContainerFamily`, `-alpine` for musl runtime identifiers, `-extra` for globalized apps on
 * chiseled images) and then the smallest fitting one: Ubuntu chiseled when the project names no family, `-extra`
 * whenever a globalized app lands on an image without ICU, `-composite` for ASP.NET Core apps on their own
 * runtime. `ContainerBaseImage` is taken as it is. The SDK image is on the same OS as the final one, so what the
 * SDK builds for its own platform (`-a`, `--use-current-runtime`) fits it; Native AOT gets the `-aot` SDK.
 * Every tag is checked against the catalog (current and documented), else its nearest equivalent.
 */
import type { ProjectFacts } from '../context';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { parseTag, type ParsedTag } from '../catalog/tagGrammar';
import { equivalentTags } from '../catalog/equivalentTags';
import { publishContainerBaseImage } from '../msbuild/containerDefaults';
import { parseImageReference } from '../images/imageReference';
import { describeImage } from '../images/imageFacts';

export interface ImageChoice {
  /** `mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-composite-extra`. */
  readonly image: string;
  /** Why, in words, for the generated comments. */
  readonly reasons: readonly string[];
}

export interface ImageChoices {
  readonly final: ImageChoice;
  /** The final image is a .NET 8+ image (so it defines `APP_UID` and runs .NET's default port 8080). */
  readonly finalIsDotnet: boolean;
  /** The final image is `-extra` and the app's runtime does not carry its own globalization setting (runtime-deps). */
  readonly finalNeedsInvariantOff: boolean;
  readonly sdk: ImageChoice;
  /** The SDK image lacks the Native AOT toolchain: the Dockerfile installs it (apt, apk or tdnf). */
  readonly installToolchain: 'apt' | 'apk' | 'tdnf' | undefined;
}

const MCR = 'mcr.microsoft.com/dotnet';
const DEFAULT_FAMILY = 'noble-chiseled';

function isMusl(rid: string | undefined): boolean {
  return rid?.toLowerCase().startsWith('linux-musl') ?? false;
}

/** The tag if the catalog has it (current, documented), else the nearest equivalent tag, else the tag as computed. */
function published(catalog: CatalogIndex | undefined, repository: string, tag: string, version: string): string {
  if (!catalog) return tag;
  const entry = catalog.tag(repository, tag);
  if (entry?.documented) return tag;
  return equivalentTags(catalog, repository, parseTag(tag), version, { limit: 1 })[0] ?? tag;
}

function has(catalog: CatalogIndex | undefined, repository: string, tag: string): boolean {
  return !catalog || catalog.tag(repository, tag)?.documented === true;
}

/** The tag with a variant added in grammar order (`-composite` before `-extra`, both before the architecture). */
function withVariant(parsed: ParsedTag, variant: 'composite' | 'extra' | 'aot'): string {
  const order = ['composite', 'extra', 'aot'];
  const variants = [...parsed.variants.map((v) => v.value), variant].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const head = parsed.segments.filter((s) => s.kind !== 'variant' && s.kind !== 'arch').map((s) => s.text);
  return [...head, ...variants, ...(parsed.arch ? [parsed.arch.text] : [])].join('-');
}

export function chooseImages(project: ProjectFacts, version: string, catalog: CatalogIndex | undefined): ImageChoices {
  const globalized = project.invariantGlobalization !== true;
  const runtimeCarried = project.publishAot || project.selfContained;
  let final: ImageChoice;
  let finalRepository: string | undefined;
  let finalTag: ParsedTag | undefined;
  if (project.containerBaseImage) {
    final = { image: project.containerBaseImage, reasons: [`ContainerBaseImage in ${project.projectFile}`] };
    const facts = describeImage(parseImageReference(project.containerBaseImage, 0), catalog);
    if (facts.kind === 'dotnet' && facts.parsedTag) {
      finalRepository = facts.repositoryName;
      finalTag = facts.parsedTag;
    }
  } else {
    const family = project.containerFamily ?? (isMusl(project.publishRuntimeIdentifier ?? project.runtimeIdentifier) ? undefined : DEFAULT_FAMILY);
    const choice = publishContainerBaseImage({ ...project, containerFamily: family })!;
    // The SDK's reasons, with ours for the family it did not choose itself.
    const reasons = choice.reason.split('; ').map((reason) =>
      !project.containerFamily && family && reason === `ContainerFamily ${family}` ? 'no ContainerFamily in the project → Ubuntu chiseled, the smallest (no shell, no package manager, non-root)' : reason,
    );
    finalRepository = choice.repository;
    let parsed = parseTag(choice.tag);
    const shellless = parsed.flavour !== null || parsed.os?.family === 'alpine';
    if (globalized && shellless && !parsed.variants.some((v) => v.value === 'extra') && has(catalog, finalRepository, withVariant(parsed, 'extra'))) {
      parsed = parseTag(withVariant(parsed, 'extra'));
      reasons.push('globalization is not invariant → -extra (ICU and time zone data)');
    }
    // ASP.NET Core ahead-of-time compiled with the runtime: faster start, smaller in total. Only on its own runtime image.
    if (project.isWeb && !runtimeCarried && !project.containerFamily && has(catalog, finalRepository, withVariant(parsed, 'composite'))) {
      parsed = parseTag(withVariant(parsed, 'composite'));
      reasons.push('ASP.NET Core on its own runtime → -composite (the framework compiled ahead of time as one: faster start)');
    }
    const tag = published(catalog, finalRepository, parsed.tag, version);
    finalTag = parseTag(tag);
    final = { image: `mcr.microsoft.com/${finalRepository}:${tag}`, reasons };
  }
  const finalIsDotnet = finalRepository !== undefined && Number(version.split('.')[0]) >= 8;
  const finalNeedsInvariantOff = globalized && runtimeCarried && finalTag?.variants.some((v) => v.value === 'extra') === true;

  // The SDK on the final image's OS: chiseled is Ubuntu, distroless Azure Linux, Alpine is Alpine.
  const os = finalTag?.os;
  const sdkOs = os ? os.text : undefined;
  const sdkRepository = 'dotnet/sdk';
  const sdkReasons: string[] = [];
  let sdkTag = published(catalog, sdkRepository, sdkOs ? `${version}-${sdkOs}` : version, version);
  if (sdkOs) sdkReasons.push(`the final image's OS (${sdkOs})`);
  let installToolchain: ImageChoices['installToolchain'];
  if (project.publishAot) {
    const aot = withVariant(parseTag(sdkTag), 'aot');
    // The -aot SDK images start with .NET 10; without a catalog, trust that.
    if (catalog ? has(catalog, sdkRepository, aot) : Number(version.split('.')[0]) >= 10) {
      sdkTag = aot;
      sdkReasons.push('Native AOT → the -aot SDK (clang and the native toolchain)');
    } else {
      const family = parseTag(sdkTag).os?.family;
      installToolchain = family === 'alpine' ? 'apk' : family === 'azurelinux' || family === 'cbl-mariner' ? 'tdnf' : 'apt';
      sdkReasons.push('Native AOT: no -aot SDK for this version, so clang is installed');
    }
  }
  return {
    final,
    finalIsDotnet,
    finalNeedsInvariantOff,
    sdk: { image: `${MCR}/sdk:${sdkTag}`, reasons: sdkReasons },
    installToolchain,
  };
}
