/**
 * A quick-fix case, shared by the fast whole-text test (test/unit/fixes/fixCases.test.ts) and the build oracle
 * (test/build/fixes.test.ts): the Dockerfile before, the fix to apply, the whole text after, and what a real
 * builder must see. The Dockerfiles are real ones (the SDK stage copies the sources and publishes), so that the
 * only thing wrong with a `before` is what the diagnostic says.
 */

/** A file of the build context: text, or `{ program: true }`, a program that prints its arguments (executable). */
export type ContextFile = string | { readonly program: true };

/**
 * What building and starting the file shows:
 * - `build-fails`: a RUN cannot run (no /bin/sh in the stage);
 * - `start-fails`: the image builds, its ENTRYPOINT/CMD cannot start;
 * - `healthcheck-fails`: it starts, its HEALTHCHECK cannot run;
 * - `image-missing`: a FROM names an image that does not exist (an unknown tag, a retired name);
 * - `builds-and-starts`: nothing a build shows (the fix is about support, size or safety).
 */
export type Outcome = 'build-fails' | 'start-fails' | 'healthcheck-fails' | 'image-missing' | 'builds-and-starts';

export type FixFamily =
  | 'exec-form rewrite'
  | 'CMD under the image ENTRYPOINT'
  | 'switch to the image with a shell'
  | 'move into the SDK stage'
  | 'remove a health check the image cannot run'
  | 'image reference replacement';

export interface FixCase {
  /** Unique, says what the case shows. */
  readonly name: string;
  readonly family: FixFamily;
  /** The Dockerfile; `|` marks where the diagnostic `validate` reports starts (`||` is a literal `|`). */
  readonly before: string;
  readonly rule: string;
  /** The code action's exact title. */
  readonly title: string;
  /** The whole text after the fix. */
  readonly after: string;
  /** The build context; default: APP (App.csproj, Program.cs). */
  readonly context?: Readonly<Record<string, ContextFile>>;
  /** What the builder sees on `before`; `after` must build and start (and pass its HEALTHCHECK). */
  readonly beforeOutcome: Outcome;
  /**
   * The argv the fixed image's command (`start`) or HEALTHCHECK must print, when it is not the one the same file
   * printed on images with a shell: where there is no such file (`image-missing`), or where the fix rightly changes
   * it (a shell-form ENTRYPOINT ignores CMD; its exec form takes CMD as arguments). With the reason.
   */
  readonly expectedArgv?: { readonly start?: readonly string[]; readonly healthcheck?: readonly string[]; readonly reason: string };
  /**
   * The file before the fix does not work on the images with a shell either, and why (it runs `dotnet publish` on
   * a runtime image): the oracle asserts that, and then compares the fixed file with `expectedArgv` alone.
   */
  readonly referenceFails?: string;
  /** The fixed file does not build or start today, and why: the oracle asserts that it still fails. */
  readonly expectBroken?: string;
  /** The builder (Debian 12's buildah 1.28) cannot build this text at all, and why: the oracle asserts that. */
  readonly builderLimit?: string;
  /**
   * A snippet fix (LSP 3.18 snippet edits, offered only to editors that apply them): what the user types into each
   * tab stop. The case asserts the fix is never offered to a client without snippet edits.
   */
  readonly fill?: Readonly<Record<number, string>>;
  /** Fixes (title starts) that must not be offered for this diagnostic, and why. */
  readonly notOffered?: { readonly titles: readonly string[]; readonly reason: string };
  /**
   * What the fix removes from the image on purpose, so the oracle does not hold it against the fix: the HEALTHCHECK
   * (then the fixed image must have none), files the reference added (`/usr/bin/curl`, with what is inside).
   */
  readonly removes?: { readonly healthcheck?: true; readonly files?: readonly string[]; readonly reason: string };
}

export const APP_CSPROJ = `<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
</Project>
`;

/** A web app's sources, as the fix cases' build contexts hold them. */
export const APP: Readonly<Record<string, ContextFile>> = {
  'App.csproj': APP_CSPROJ,
  'Program.cs': 'var app = WebApplication.CreateBuilder(args).Build();\napp.Run();\n',
};

export const SDK10 = 'mcr.microsoft.com/dotnet/sdk:10.0';
export const CHISELED10 = 'mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled';

/** The usual build stage: sources copied, published to /app/publish. */
export const BUILD_STAGE = `FROM ${SDK10} AS build
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -o /app/publish
`;
