/**
 * Writes the Dockerfile a .NET container expert would write for a project, from its facts (pure: the host reads
 * the project and hands in the facts, the paths and the files restore needs):
 *  - multi-stage: the SDK builds, the smallest fitting runtime image ships (imageChoice.ts);
 *  - the SDK stage runs on the build machine (`--platform=$BUILDPLATFORM`) and publishes for the target
 *    architecture (`-a $TARGETARCH`); Native AOT compiles natively instead (the `-aot` SDK, or clang installed);
 *  - restore in its own layer: the project files (and what restore reads: Directory.*.props, NuGet.config,
 *    global.json, the referenced projects) first, with the NuGet packages in a BuildKit cache;
 *  - exec form, `USER $APP_UID`, `EXPOSE 8080` for web apps, the ENTRYPOINT the build produces (AssemblyName);
 *  - a `.dockerignore` (dockerignore.ts).
 * Every Dockerfile it writes lints with no finding (test/unit/generator.test.ts runs the rules over a matrix).
 */
import type { ProjectFacts } from '../context';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { chooseImages, type ImageChoices } from './imageChoice';
import { dockerignoreText } from './dockerignore';

export interface GenerateInput {
  readonly project: ProjectFacts;
  /** The project file relative to the build context, `/`-separated (`src/Api/Api.csproj`). */
  readonly projectPath: string;
  /**
   * Other files restore reads, relative to the build context: referenced projects, Directory.Build.props,
   * Directory.Packages.props, NuGet.config, global.json.
   */
  readonly restoreFiles?: readonly string[];
  /** Where the Dockerfile will be, relative to the build context (for the build command in its header). */
  readonly dockerfilePath?: string;
  readonly catalog: CatalogIndex | undefined;
}

export type GenerateResult =
  | { readonly ok: true; readonly dockerfile: string; readonly dockerignore: string; readonly finalImage: string; readonly sdkImage: string }
  | { readonly ok: false; readonly error: string };

/** The first .NET whose images define APP_UID, listen on 8080 and have the chiseled and -extra tags used here. */
const FIRST_VERSION = 8;
const NUGET_CACHE = '--mount=type=cache,id=nuget,target=/root/.nuget/packages';

const TOOLCHAIN: Readonly<Record<NonNullable<ImageChoices['installToolchain']>, readonly string[]>> = {
  apt: ['RUN apt-get update \\', '    && apt-get install -y --no-install-recommends clang zlib1g-dev \\', '    && rm -rf /var/lib/apt/lists/*'],
  apk: ['RUN apk add --no-cache clang build-base zlib-dev'],
  tdnf: ['RUN tdnf install -y clang build-essential zlib-devel \\', '    && tdnf clean all'],
};

/** A path or name as a JSON string, for exec-form and JSON COPY. */
const json = (text: string): string => JSON.stringify(text);

/** `api` from `Contoso.Api`: an image name Docker accepts. */
function imageNameFor(assembly: string): string {
  const name = assembly.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|[._-]+$/g, '');
  return name || 'app';
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Why the generator cannot write a Dockerfile for this project, in words that say what to do; undefined when it can. */
function refusal(project: ProjectFacts): string | undefined {
  const file = project.projectFile;
  const tfm = project.targetFramework;
  if (!project.targetVersion) {
    return tfm
      ? `${file} targets ${tfm}, which is not .NET (Core) 5 or later: it does not run on the mcr.microsoft.com/dotnet images. Target net10.0 (or net8.0+).`
      : `${file} has no target framework that can be read (TargetFramework or TargetFrameworks, in the project or its Directory.Build.props). Set <TargetFramework>net10.0</TargetFramework>.`;
  }
  if (tfm && /-(?:windows|android|ios|maccatalyst|macos|tvos|browser)/i.test(tfm)) return `${file} targets ${tfm}: Linux containers cannot run it. Containerize a project that targets plain net${project.targetVersion}.`;
  if (project.outputType && !/^(?:exe|winexe)$/i.test(project.outputType)) {
    return `${file} builds a library (OutputType ${project.outputType}), not an app: create the Dockerfile for the project that runs (OutputType Exe, or the Web or Worker SDK).`;
  }
  if (Number(project.targetVersion.split('.')[0]) < FIRST_VERSION) {
    return `${file} targets .NET ${project.targetVersion}, which is out of support: its images get no security fixes and lack what this Dockerfile uses (APP_UID, chiseled -extra images). Retarget to net10.0 (or net8.0+) first.`;
  }
  return undefined;
}

export function generateDockerfile(input: GenerateInput): GenerateResult {
  const { project, catalog } = input;
  const refused = refusal(project);
  if (refused) return { ok: false, error: refused };
  const version = project.targetVersion!;
  const name = project.assemblyName ?? (project.projectFileName ?? input.projectPath.slice(input.projectPath.lastIndexOf('/') + 1)).replace(/\.[^.]*$/, '');
  const images = chooseImages(project, version, catalog);
  const aot = project.publishAot;
  const runtimeCarried = aot || project.selfContained;
  const kind = aot ? 'Native AOT' : project.selfContained ? 'self-contained' : 'framework-dependent';
  const what = project.isWeb ? 'an ASP.NET Core app' : /worker/i.test(project.sdk ?? '') ? 'a worker service' : 'a console app';
  const dockerfilePath = input.dockerfilePath ?? 'Dockerfile';
  const build = dockerfilePath === 'Dockerfile' ? `docker build -t ${imageNameFor(name)} .` : `docker build -f ${dockerfilePath} -t ${imageNameFor(name)} .`;
  // Native AOT compiles for the machine the stage runs on; everything else cross-publishes from the build machine.
  const platformArgs = aot ? '--use-current-runtime' : '-a $TARGETARCH';
  const framework = project.multiTargeted && project.targetFramework ? ` -f ${project.targetFramework}` : '';

  const lines: string[] = [
    '# syntax=docker/dockerfile:1',
    `# Written by dotnet-dockerfile for ${input.projectPath}: ${what}, ${project.targetFramework ?? `net${version}`}, ${kind}.`,
    `# Build it from the build context (the folder that holds ${folderOf(input.projectPath) === '' ? 'the project' : 'the projects'}): ${build}`,
    '',
  ];
  if (aot) {
    lines.push('# Native AOT compiles for the platform this stage runs on (emulated when you build for another architecture).');
    lines.push(`FROM ${images.sdk.image} AS build`);
  } else {
    lines.push('# The SDK runs on the build machine and publishes for the target architecture.');
    lines.push(`FROM --platform=$BUILDPLATFORM ${images.sdk.image} AS build`, 'ARG TARGETARCH');
  }
  if (images.installToolchain) {
    lines.push('# Native AOT needs clang and zlib (the -aot SDK images start with .NET 10).', ...TOOLCHAIN[images.installToolchain]);
  }
  lines.push('WORKDIR /src', '');
  lines.push('# Restore in its own layer, reused until a project file changes; NuGet packages stay in a cache between builds.');
  for (const [folder, files] of groupByFolder([...(input.restoreFiles ?? []), input.projectPath])) {
    lines.push(`COPY [${[...files, folder === '' ? './' : `${folder}/`].map(json).join(', ')}]`);
  }
  lines.push(`RUN ${NUGET_CACHE} \\`, `    dotnet restore ${json(input.projectPath)} ${platformArgs}`, '');
  lines.push('# Build and publish the app.', 'COPY . .');
  const publish = `dotnet publish ${json(input.projectPath)} ${platformArgs}${framework} --no-restore -o /app`;
  // The native symbols (.dbg) are not needed to run a Native AOT app.
  lines.push(`RUN ${NUGET_CACHE} \\`, aot ? `    ${publish} \\` : `    ${publish}`);
  if (aot) lines.push('    && rm -f /app/*.dbg');
  lines.push('');

  lines.push(...finalComment(images, project));
  lines.push(`FROM ${images.final.image} AS final`);
  lines.push('WORKDIR /app');
  if (project.isWeb && images.finalIsDotnet) lines.push('# ASP.NET Core listens on 8080 in .NET 8+ images (ASPNETCORE_HTTP_PORTS).', 'EXPOSE 8080');
  if (images.finalNeedsInvariantOff) lines.push('# The app uses culture data: ICU is in this -extra image.', 'ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false');
  lines.push('COPY --link --from=build /app .');
  if (images.finalIsDotnet) lines.push('USER $APP_UID');
  lines.push(runtimeCarried ? `ENTRYPOINT [${json(`./${name}`)}]` : `ENTRYPOINT ["dotnet", ${json(`${name}.dll`)}]`);
  lines.push('');
  return { ok: true, dockerfile: lines.join('\n'), dockerignore: dockerignoreText(), finalImage: images.final.image, sdkImage: images.sdk.image };
}

function finalComment(images: ImageChoices, project: ProjectFacts): string[] {
  if (project.containerBaseImage) return [`# The image ${project.projectFile} names (ContainerBaseImage).`];
  return ['# The image `dotnet publish /t:PublishContainer` would pick, then the smallest that fits:', ...images.final.reasons.map((reason) => `#   ${reason}`)];
}

/** Files grouped by their folder (COPY puts each group into its own folder), root files first, then by path. */
function groupByFolder(files: readonly string[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const file of [...new Set(files)]) {
    const folder = folderOf(file);
    const group = groups.get(folder);
    if (group) group.push(file);
    else groups.set(folder, [file]);
  }
  return [...groups].sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b)));
}
