/**
 * Turns the rows of catalog/reference into the catalog (catalog/schema.ts). Pure: no file access, no clock,
 * output order follows the input files, so the same reference data always gives the same catalog.
 */
import { compareProductVersions } from '../server/src/service/catalog/productVersion';
import { buildRetiredRepositories } from './retiredRepositories';
import type { ReferenceData, Row } from './referenceData';
import {
  ARCHES,
  FLAVOURS,
  VARIANTS,
  type Arch,
  type Catalog,
  type CatalogRepository,
  type CatalogTag,
  type CatalogVersion,
  type FixedPattern,
  type PastTag,
  type Variant,
} from '../server/src/service/catalog/schema';

const REGISTRY = 'mcr.microsoft.com';
const REGISTRY_PREFIX = `${REGISTRY}/`;

/** Manifest repo ids whose registry path is not `dotnet/<id>` (summary.md, column `repo`). */
const REPOSITORY_PATHS: Readonly<Record<string, string>> = { 'monitor-base': 'monitor/base' };

const SUPPORT_PHASES = ['preview', 'go-live', 'active', 'maintenance', 'eol'] as const;
const RELEASE_TYPES = ['lts', 'sts'] as const;
const VERSION_KINDS = ['fixed', 'floating-minor', 'floating-major', 'latest', 'sample'] as const;
const PLATFORMS = ['linux', 'windows', 'linux,windows'] as const;
const REPOSITORY_KINDS = ['core', 'appliance', 'samples'] as const;

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new Error(`unexpected ${what} \`${value}\` (expected one of ${allowed.join(', ')})`);
  return found;
}

function cell(row: Row, column: string): string {
  return row[column] ?? '';
}

function buildVersions(data: ReferenceData): CatalogVersion[] {
  return data.releasesIndex.map((entry) => ({
    version: entry.channelVersion,
    product: entry.product,
    releaseType: oneOf(entry.releaseType, RELEASE_TYPES, 'release type'),
    supportPhase: oneOf(entry.supportPhase, SUPPORT_PHASES, 'support phase'),
    eolDate: entry.eolDate,
    latestRuntime: entry.latestRuntime,
    latestSdk: entry.latestSdk,
  }));
}

/** `mcr.microsoft.com/dotnet/monitor/base:8.1-amd64` → `dotnet/monitor/base`, checked against the repo id. */
function repositoryName(row: Row, nightly: boolean): string {
  const imageRef = cell(row, 'image_ref');
  const tagSuffix = `:${cell(row, 'tag')}`;
  if (!imageRef.startsWith(REGISTRY_PREFIX) || !imageRef.endsWith(tagSuffix)) {
    throw new Error(`image_ref \`${imageRef}\` is not ${REGISTRY_PREFIX}<repository>${tagSuffix}`);
  }
  const name = imageRef.slice(REGISTRY_PREFIX.length, -tagSuffix.length);
  const id = cell(row, 'repo');
  const expected = `dotnet/${nightly ? 'nightly/' : ''}${REPOSITORY_PATHS[id] ?? id}`;
  if (name !== expected) throw new Error(`repo \`${id}\` maps to ${expected} but image_ref says ${name}`);
  return name;
}

function archsOf(row: Row, arch: Arch | null): Arch[] {
  if (cell(row, 'is_shared_tag') !== 'true') {
    if (!arch) throw new Error(`single-platform tag ${cell(row, 'image_ref')} has no arch`);
    return [arch];
  }
  // Samples list amd64 twice (Linux and Windows); keep each arch once, in ARCHES order.
  const listed = new Set(cell(row, 'archs_in_manifest_list').split(',').map((a) => oneOf(a, ARCHES, 'arch')));
  return ARCHES.filter((a) => listed.has(a));
}

function userOf(row: Row, distrolessOrChiseled: boolean): CatalogTag['user'] {
  if (cell(row, 'platform') === 'windows') return 'ContainerUser';
  if (distrolessOrChiseled) return 'app';
  // The samples' Linux Dockerfiles end with `USER $APP_UID` (test/fixtures/microsoft/dotnet-docker-samples/*); the
  // mixed Linux/Windows manifest lists get the Linux answer.
  if (cell(row, 'repo_kind') === 'samples') return 'app';
  return 'root';
}

/** The OS token only when the tag really writes it (the samples' `ubuntu` for `aspnetapp-chiseled` is implied). */
function osInTag(row: Row): string {
  const os = cell(row, 'os_in_tag');
  return os !== '' && `-${cell(row, 'tag')}-`.includes(`-${os}-`) ? os : '';
}

function toTag(row: Row, repository: string, versions: ReadonlyMap<string, CatalogVersion>): CatalogTag {
  const words = cell(row, 'variants').split(',').filter((word) => word !== 'none');
  const flavour = FLAVOURS.find((f) => words.includes(f)) ?? null;
  const variants: Variant[] = words.filter((word) => !FLAVOURS.some((f) => f === word)).map((word) => oneOf(word, VARIANTS, 'variant'));
  const arch = cell(row, 'arch') === 'multi' ? null : oneOf(cell(row, 'arch'), ARCHES, 'arch');
  const version = cell(row, 'dotnet_version');
  const release = cell(row, 'repo_kind') === 'core' ? versions.get(version) : undefined;
  return {
    repository,
    tag: cell(row, 'tag'),
    version,
    productVersion: cell(row, 'product_version'),
    versionKind: oneOf(cell(row, 'version_kind'), VERSION_KINDS, 'version kind'),
    os: cell(row, 'os'),
    osInTag: osInTag(row),
    flavour,
    variants: VARIANTS.filter((v) => variants.includes(v)),
    arch,
    archs: archsOf(row, arch),
    platform: oneOf(cell(row, 'platform'), PLATFORMS, 'platform'),
    multiArch: cell(row, 'is_shared_tag') === 'true',
    shell: cell(row, 'has_shell') === 'true',
    user: userOf(row, flavour !== null),
    documented: cell(row, 'documented') === 'true',
    supportPhase: release?.supportPhase ?? null,
    eolDate: release?.eolDate ?? null,
  };
}

interface TagsAndRepositories {
  readonly tags: CatalogTag[];
  readonly repositories: CatalogRepository[];
}

function buildTags(data: ReferenceData, versions: ReadonlyMap<string, CatalogVersion>): TagsAndRepositories {
  const tags: CatalogTag[] = [];
  const repositories = new Map<string, CatalogRepository>();
  const seen = new Set<string>();
  const add = (rows: readonly Row[], nightly: boolean): void => {
    for (const row of rows) {
      const name = repositoryName(row, nightly);
      const repository: CatalogRepository = {
        name,
        family: cell(row, 'repo'),
        kind: oneOf(cell(row, 'repo_kind'), REPOSITORY_KINDS, 'repo kind'),
        nightly,
      };
      const known = repositories.get(name);
      if (known && known.kind !== repository.kind) throw new Error(`${name} is both ${known.kind} and ${repository.kind}`);
      if (!known) repositories.set(name, repository);
      const tag = toTag(row, name, versions);
      const key = `${name}:${tag.tag}`;
      if (seen.has(key)) throw new Error(`${key} is listed twice`);
      seen.add(key);
      tags.push(tag);
    }
  };
  add(data.mainTags, false);
  add(data.nightlyTags, true);
  return { tags, repositories: [...repositories.values()] };
}

/** `mcr.microsoft.com/dotnet/sdk` → `dotnet/sdk`; Docker Hub names (`microsoft/dotnet`) stay as they are. */
function shortRepositoryName(imageRepo: string): string {
  return imageRepo.startsWith(REGISTRY_PREFIX) ? imageRepo.slice(REGISTRY_PREFIX.length) : imageRepo;
}

function buildPastTags(data: ReferenceData): PastTag[] {
  return data.historyFloating
    .filter((row) => cell(row, 'in_current_manifest') === 'false')
    .map((row) => ({
      repository: shortRepositoryName(cell(row, 'image_repo')),
      tag: cell(row, 'tag'),
      version: cell(row, 'dotnet_version'),
      firstSeen: cell(row, 'first_seen'),
      removedOn: cell(row, 'removed_on') || null,
    }));
}

function newest(versions: readonly string[]): string {
  const sorted = [...versions].sort(compareProductVersions);
  const last = sorted[sorted.length - 1];
  if (last === undefined) throw new Error('a fixed-tag pattern lists no versions');
  return last;
}

/**
 * Patterns from the fixed-tag history, then the current fixed tags of main and nightly folded in (main's are
 * already in the history; nightly's only exist here).
 */
function buildFixedPatterns(data: ReferenceData, tags: readonly CatalogTag[]): FixedPattern[] {
  const patterns = new Map<string, FixedPattern>();
  const keyOf = (p: Pick<FixedPattern, 'repository' | 'version' | 'suffix'>): string => `${p.repository}\t${p.version}\t${p.suffix}`;
  for (const row of data.historyFixedPatterns) {
    const pattern = cell(row, 'fixed_tag_pattern');
    if (!pattern.startsWith('{version}')) throw new Error(`fixed tag pattern \`${pattern}\` does not start with {version}`);
    const entry: FixedPattern = {
      repository: shortRepositoryName(cell(row, 'image_repo')),
      version: cell(row, 'dotnet_version'),
      suffix: pattern.slice('{version}'.length),
      latestSeen: newest(cell(row, 'versions_seen').split(' ')),
      firstSeen: cell(row, 'first_seen'),
      lastSeen: cell(row, 'last_seen'),
      current: cell(row, 'in_current_manifest') === 'true',
    };
    patterns.set(keyOf(entry), entry);
  }
  const dateOf = (tag: CatalogTag): string => (tag.repository.startsWith('dotnet/nightly/') ? data.sources.nightly.date : data.sources.main.date);
  for (const tag of tags) {
    if (tag.versionKind !== 'fixed') continue;
    if (!tag.tag.startsWith(tag.productVersion)) throw new Error(`fixed tag ${tag.repository}:${tag.tag} does not start with ${tag.productVersion}`);
    const key = { repository: tag.repository, version: tag.version, suffix: tag.tag.slice(tag.productVersion.length) };
    const known = patterns.get(keyOf(key));
    const date = dateOf(tag);
    patterns.set(keyOf(key), {
      ...key,
      latestSeen: known ? newest([known.latestSeen, tag.productVersion]) : tag.productVersion,
      firstSeen: known?.firstSeen ?? date,
      lastSeen: known && known.lastSeen > date ? known.lastSeen : date,
      current: true,
    });
  }
  return [...patterns.values()];
}

function sourcesOf(data: ReferenceData): Catalog['sources'] {
  const { main, nightly, core } = data.sources;
  return [main, nightly, core].map(({ name, commit, date }) => ({ name, commit, date }));
}

/** Builds the whole catalog from the reference data. Throws with a precise message when the data looks wrong. */
export function buildCatalog(data: ReferenceData): Catalog {
  const versions = buildVersions(data);
  const versionsByName = new Map(versions.map((v) => [v.version, v]));
  const { tags, repositories } = buildTags(data, versionsByName);
  const sources = sourcesOf(data);
  const liveRepositories = new Set(repositories.map((r) => `${REGISTRY_PREFIX}${r.name}`));
  return {
    $comment: 'GENERATED by catalog/build.ts (npm run catalog) from catalog/reference. Do not edit: change the generator or the reference data and regenerate.',
    schemaVersion: 1,
    date: sources.map((s) => s.date).reduce((a, b) => (a > b ? a : b)),
    sources,
    registry: REGISTRY,
    repositories,
    versions,
    tags,
    pastTags: buildPastTags(data),
    fixedPatterns: buildFixedPatterns(data, tags),
    retiredRepositories: buildRetiredRepositories(data.historyFloating, liveRepositories, versions),
  };
}
