/**
 * dotnet-docker's ImageBuilder manifests (manifest.json, manifest.samples.json and the manifest.versions.json they
 * include) turned into the rows of catalog/reference/dotnet-tags*.tsv: one row per shared (multi-platform) tag and
 * per platform tag, `$(variable)` references resolved. This is what the throw-away scripts behind the first
 * reference did (see SOURCES.md); test/catalog/manifest.test.ts proves this code gives the same rows from the same
 * manifests, so `npm run catalog:update` can make them from newer ones. Pure: the caller reads the files.
 */
import * as z from 'zod';

const tagInfo = z.object({ docType: z.string().optional() }).passthrough();
const tagMap = z.record(z.string().min(1).max(200), tagInfo);

const platformSchema = z
  .object({
    architecture: z.enum(['amd64', 'arm64', 'arm']).optional(),
    variant: z.string().max(10).optional(),
    dockerfile: z.string().min(1).max(300),
    os: z.enum(['linux', 'windows']),
    osVersion: z.string().min(1).max(100),
    tags: tagMap,
  })
  .passthrough();

const imageSchema = z
  .object({
    productVersion: z.string().min(1).max(200).optional(),
    sharedTags: tagMap.optional(),
    platforms: z.array(platformSchema).min(1).max(100),
  })
  .passthrough();

const repoSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/),
    name: z.string().regex(/^[a-z0-9]+(?:[._/-][a-z0-9]+)*$/),
    images: z.array(imageSchema).max(1000),
  })
  .passthrough();

export const manifestSchema = z
  .object({
    variables: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).optional(),
    // Files beside the manifest it takes variables from: plain names, never a path that leaves the folder.
    includes: z.array(z.string().regex(/^[A-Za-z0-9._-]+\.json$/)).max(10).optional(),
    repos: z.array(repoSchema).min(1).max(50),
  })
  .passthrough();

// values are strings, and a few numbers (`libicu|noble`: 74), which a reference turns into text
export const variablesFileSchema = z.object({ variables: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)) }).passthrough();

export type Manifest = z.infer<typeof manifestSchema>;

/** The columns the catalog generator reads (catalog/referenceData.ts), plus the descriptive ones of the first reference. */
export const TAG_TSV_COLUMNS = [
  'repo', 'tag', 'dotnet_version', 'os', 'variants', 'arch', 'is_shared_tag', 'has_shell', 'platform', 'repo_kind', 'image_ref',
  'product', 'product_version', 'version_kind', 'os_in_tag', 'os_version_raw', 'archs_in_manifest_list', 'documented',
  'release_type', 'support_phase', 'eol_date', 'dockerfile', 'base_image',
] as const;
export type TagRow = Record<(typeof TAG_TSV_COLUMNS)[number], string>;

export interface SupportFacts {
  readonly releaseType: string;
  readonly supportPhase: string;
  readonly eolDate: string | null;
}

const REGISTRY = 'mcr.microsoft.com';
const CORE = new Set(['runtime-deps', 'runtime', 'aspnet', 'sdk']);
const FLAVOURS = ['chiseled', 'distroless'];
const VARIANT_ORDER = ['chiseled', 'distroless', 'composite', 'extra', 'aot'];
const ARCH_WORDS = new Set(['amd64', 'arm64v8', 'arm32v7']);
const MAX_DEPTH = 10;

/** Resolves `$(name)` references, recursively; `$(Repo:…)` (only in buildArgs) stays as it is. */
export function resolveVariables(text: string, variables: Readonly<Record<string, string>>, depth = 0): string {
  if (depth > MAX_DEPTH) throw new Error(`variables nest more than ${MAX_DEPTH} deep in "${text}"`);
  return text.replace(/\$\(([^()]+)\)/g, (whole, name: string) => {
    if (name.startsWith('Repo:')) return whole;
    const value = variables[name];
    if (value === undefined) throw new Error(`the manifest uses $(${name}), which no variables file defines`);
    return resolveVariables(value, variables, depth + 1);
  });
}

function archOf(platform: z.infer<typeof platformSchema>): string {
  if (platform.architecture === 'arm') return `arm32${platform.variant ?? 'v7'}`;
  if (platform.architecture === 'arm64') return `arm64${platform.variant ?? 'v8'}`;
  return 'amd64';
}

/** `noble-chiseled` → `noble`; `azurelinux3.0-distroless` → `azurelinux3.0`. */
function baseOs(osVersion: string): string {
  return osVersion.replace(/-(chiseled|distroless)$/, '');
}

function majorMinor(version: string): string {
  return /^(\d+)\.(\d+)/.exec(version)?.slice(1, 3).join('.') ?? version;
}

/** The variant words a tag, an OS version and a Dockerfile path say, in the catalog's order. */
function variantsOf(...texts: string[]): string[] {
  const words = new Set(texts.flatMap((t) => t.split(/[-./]/)));
  return VARIANT_ORDER.filter((v) => words.has(v));
}

function versionKind(tag: string, productVersion: string, repoKind: string): string {
  if (tag === 'latest') return 'latest';
  if (repoKind === 'samples') return 'sample';
  if (tag === productVersion || tag.startsWith(`${productVersion}-`)) return 'fixed';
  const minor = majorMinor(productVersion);
  if (tag === minor || tag.startsWith(`${minor}-`)) return 'floating-minor';
  const major = minor.split('.')[0]!;
  if (tag === major || tag.startsWith(`${major}-`)) return 'floating-major';
  throw new Error(`cannot tell how tag ${tag} relates to product version ${productVersion}`);
}

/** The OS as the tag writes it: what is left after the app name, the version, prerelease, variant and arch words. */
function osInTag(tag: string, repoKind: string): string {
  if (tag === 'latest') return '';
  let words = tag.split('-');
  if (repoKind === 'samples') words = words.slice(1); // the app: dotnetapp, aspnetapp
  words = words.filter((w) => !VARIANT_ORDER.includes(w) && !ARCH_WORDS.has(w));
  // then the version (and its prerelease word) leads; `1809` in `nanoserver-1809` is part of the OS
  if (/^\d+(\.\d+)*$/.test(words[0] ?? '')) words = words.slice(1);
  if (/^(preview|rc|alpha|beta)(\.\d+)*$/.test(words[0] ?? '')) words = words.slice(1);
  return words.join('-');
}

function commonFolder(paths: readonly string[]): string {
  const split = paths.map((p) => p.split('/'));
  const first = split[0] ?? [];
  let length = 0;
  while (length < first.length && split.every((parts) => parts[length] === first[length])) length++;
  const common = first.slice(0, length).join('/');
  // a common path that is a file (samples/dotnetapp/Dockerfile.alpine shared by every platform) stands for its folder
  return paths.every((p) => p === common) && /\/Dockerfile[^/]*$/.test(common) ? common.replace(/\/[^/]*$/, '') : common;
}

const distinct = (values: readonly string[]): string[] => [...new Set(values)];

/**
 * The rows of one manifest (with its included variables already merged into `variables`).
 * `support` gives release type, phase and end of life per .NET major.minor, for the core repositories.
 */
export function manifestRows(manifest: Manifest, variables: Readonly<Record<string, string>>, support: (version: string) => SupportFacts | undefined): TagRow[] {
  const rows: TagRow[] = [];
  const seen = new Set<string>();
  for (const repo of manifest.repos) {
    const repoKind = CORE.has(repo.id) ? 'core' : repo.id === 'samples' ? 'samples' : 'appliance';
    for (const image of repo.images) {
      if (!image.productVersion) throw new Error(`an image of ${repo.id} has no productVersion`);
      const productVersion = resolveVariables(image.productVersion, variables);
      const dotnetVersion = majorMinor(productVersion);
      // samples carry .NET too: their rows get the version's support facts like the core repositories
      const facts = repoKind === 'appliance' ? undefined : support(dotnetVersion);
      const product = repoKind === 'appliance' ? (repo.id === 'monitor-base' ? 'monitor' : repo.id) : 'dotnet';
      const add = (rawTag: string, info: z.infer<typeof tagInfo>, platforms: readonly z.infer<typeof platformSchema>[], shared: boolean): void => {
        const tag = resolveVariables(rawTag, variables);
        if (!/^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/.test(tag)) throw new Error(`${repo.name}: "${tag}" is not a valid tag`);
        const key = `${repo.name}:${tag}`;
        if (seen.has(key)) throw new Error(`${key} is declared twice`);
        seen.add(key);
        const osVersions = distinct(platforms.map((p) => p.osVersion));
        const dockerfile = shared ? commonFolder(platforms.map((p) => p.dockerfile)) : platforms[0]!.dockerfile;
        const variants = variantsOf(tag, ...osVersions, ...platforms.map((p) => p.dockerfile.split('/').slice(-2).join('-')));
        const kind = versionKind(tag, productVersion, repoKind);
        rows.push({
          repo: repo.id,
          tag,
          dotnet_version: dotnetVersion,
          os: distinct(osVersions.map(baseOs)).join(','),
          variants: variants.length > 0 ? variants.join(',') : 'none',
          arch: shared ? 'multi' : archOf(platforms[0]!),
          is_shared_tag: String(shared),
          has_shell: String(!variants.some((v) => FLAVOURS.includes(v))),
          platform: distinct(platforms.map((p) => p.os)).join(','),
          repo_kind: repoKind,
          image_ref: `${REGISTRY}/${repo.name}:${tag}`,
          product,
          product_version: productVersion,
          version_kind: kind,
          os_in_tag: osInTag(tag, repoKind),
          os_version_raw: osVersions.join(','),
          archs_in_manifest_list: shared ? platforms.map(archOf).join(',') : '',
          documented: String(info.docType !== 'Undocumented'),
          release_type: facts?.releaseType ?? '',
          support_phase: facts?.supportPhase ?? '',
          eol_date: facts?.eolDate ?? '',
          dockerfile,
          // the final FROM of the Dockerfile: not in the manifest (the first reference read the Dockerfiles)
          base_image: '',
        });
      };
      for (const [tag, info] of Object.entries(image.sharedTags ?? {})) add(tag, info, image.platforms, true);
      for (const platform of image.platforms) for (const [tag, info] of Object.entries(platform.tags)) add(tag, info, [platform], false);
    }
  }
  return rows;
}

/** Tab-separated, with a header; a cell with a tab or newline is refused rather than written ambiguously. */
export function formatTsv(columns: readonly string[], rows: readonly Readonly<Record<string, string>>[]): string {
  const line = (cells: readonly string[]): string => {
    for (const cell of cells) if (/[\t\n\r]/.test(cell)) throw new Error(`a cell holds a tab or line break: ${JSON.stringify(cell)}`);
    return cells.join('\t');
  };
  return `${[line(columns), ...rows.map((row) => line(columns.map((c) => row[c] ?? '')))].join('\n')}\n`;
}
