/**
 * The image family (sdk, aspnet, runtime, runtime-deps) of a retired .NET image name, which the name alone does not
 * always say: `mcr.microsoft.com/dotnet/core/aspnet`, `microsoft/aspnetcore-build`, and `microsoft/dotnet`, whose tags
 * carried the kind (`2.1-aspnetcore-runtime`, `2.2-sdk`). Current images have it as `ImageFacts.family`.
 */
import type { ImageFacts } from './imageFacts';

/** The kind a `microsoft/dotnet` tag names → today's repository. */
export const LEGACY_FAMILY_REPOSITORY: Readonly<Record<string, string>> = {
  sdk: 'sdk',
  runtime: 'runtime',
  'runtime-deps': 'runtime-deps',
  'aspnetcore-runtime': 'aspnet',
  core: 'runtime',
  'core-deps': 'runtime-deps',
};

/** The family of a .NET image, retired names included; undefined when it cannot be told. */
export function dotnetFamilyOf(image: ImageFacts | undefined): string | undefined {
  if (!image) return undefined;
  if (image.kind === 'dotnet') return image.family;
  if (image.kind !== 'retired-dotnet') return undefined;
  const name = image.name.replace(/^(?:docker\.io|index\.docker\.io)\//, '');
  const core = /^mcr\.microsoft\.com\/dotnet\/core(?:-nightly)?\/(sdk|aspnet|runtime|runtime-deps)$/.exec(name);
  if (core) return core[1];
  if (name === 'microsoft/aspnetcore') return 'aspnet';
  if (name === 'microsoft/aspnetcore-build') return 'sdk';
  if (name === 'microsoft/dotnet') {
    const kind = image.parsedTag?.family?.value;
    return kind ? LEGACY_FAMILY_REPOSITORY[kind] : undefined;
  }
  return undefined;
}
