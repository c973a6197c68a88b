/**
 * The tag history tables (dotnet-tags.history-floating.tsv, dotnet-tags.history-fixed-patterns.tsv) were made from
 * every revision of dotnet-docker's manifests since 2017; today's manifests alone cannot rebuild them. So
 * `npm run catalog:update` carries them forward: a tag of the new manifest that the table has is seen again, one it
 * lacks is added (first seen on the new commit's date), and one that left the manifest is marked removed on that
 * date, so the catalog keeps knowing it as a past tag (an 8.0 tag after 8.0's images are deleted, say) instead of
 * forgetting it. Only the product repositories of main are in these tables (not samples, not nightly). Pure.
 */
import type { Row } from '../referenceData';
import type { TagRow } from './manifest';

export interface Snapshot {
  /** YYYY-MM-DD of the manifest's commit. */
  readonly date: string;
  /** The commit, as the tables write it: its first 10 hex digits. */
  readonly commit: string;
}

type MutableRow = Record<string, string>;

const REGISTRY = 'mcr.microsoft.com/';
const inHistory = (row: TagRow): boolean => row.repo_kind !== 'samples';
const imageRepo = (row: TagRow): string => row.image_ref.slice(0, row.image_ref.length - row.tag.length - 1);

function unionList(existing: string, added: readonly string[]): string {
  const values = existing === '' ? [] : existing.split(',');
  for (const value of added) if (!values.includes(value)) values.push(value);
  return values.join(',');
}

/** The floating-tag history after a manifest at `snapshot` lists `current` (all rows of main's manifests). */
export function carryFloatingHistory(history: readonly Row[], current: readonly TagRow[], snapshot: Snapshot): MutableRow[] {
  const now = new Map(current.filter((r) => inHistory(r) && r.version_kind !== 'fixed').map((r) => [`${imageRepo(r)}\t${r.tag}`, r]));
  const seen = new Set<string>();
  const rows: MutableRow[] = history.map((old) => {
    const row: MutableRow = { ...old };
    const key = `${row.image_repo}\t${row.tag}`;
    const tag = now.get(key);
    if (tag && row.syndicated_from === '') {
      seen.add(key);
      Object.assign(row, {
        dotnet_version: tag.dotnet_version,
        version_kind: tag.version_kind,
        os_version_raw: tag.os_version_raw,
        // platforms and architectures are what the tag has had over time (`latest` was Linux and Windows once)
        platform: unionList(row.platform ?? '', tag.platform.split(',')),
        arch: tag.arch,
        is_shared_tag: tag.is_shared_tag,
        archs_seen: unionList(row.archs_seen ?? '', tag.is_shared_tag === 'true' ? tag.archs_in_manifest_list.split(',') : [tag.arch]),
        last_seen: snapshot.date,
        last_commit: snapshot.commit,
        removed_on: '',
        removed_in_commit: '',
        in_current_manifest: 'true',
        last_product_version: tag.product_version,
        documented_last: tag.documented,
      });
    } else if (row.in_current_manifest === 'true' && row.image_repo?.startsWith(REGISTRY) && row.syndicated_from === '') {
      Object.assign(row, { in_current_manifest: 'false', removed_on: snapshot.date, removed_in_commit: snapshot.commit });
    }
    return row;
  });
  for (const [key, tag] of now) {
    if (seen.has(key)) continue;
    rows.push({
      image_repo: imageRepo(tag),
      tag: tag.tag,
      dotnet_version: tag.dotnet_version,
      version_kind: tag.version_kind,
      os_version_raw: tag.os_version_raw,
      platform: tag.platform,
      arch: tag.arch,
      is_shared_tag: tag.is_shared_tag,
      archs_seen: tag.is_shared_tag === 'true' ? unionList('', tag.archs_in_manifest_list.split(',')) : tag.arch,
      first_seen: snapshot.date,
      first_commit: snapshot.commit,
      last_seen: snapshot.date,
      last_commit: snapshot.commit,
      removed_on: '',
      removed_in_commit: '',
      in_current_manifest: 'true',
      last_product_version: tag.product_version,
      documented_last: tag.documented,
      syndicated_from: '',
    });
  }
  return rows;
}

/** The fixed-tag patterns after a manifest at `snapshot` lists `current`. */
export function carryFixedPatterns(history: readonly Row[], current: readonly TagRow[], snapshot: Snapshot): MutableRow[] {
  const now = new Map<string, TagRow[]>();
  for (const tag of current) {
    if (!inHistory(tag) || tag.version_kind !== 'fixed') continue;
    const key = `${imageRepo(tag)}\t${tag.dotnet_version}\t{version}${tag.tag.slice(tag.product_version.length)}`;
    now.set(key, [...(now.get(key) ?? []), tag]);
  }
  const seen = new Set<string>();
  const rows: MutableRow[] = history.map((old) => {
    const row: MutableRow = { ...old };
    const key = `${row.image_repo}\t${row.dotnet_version}\t${row.fixed_tag_pattern}`;
    const tags = now.get(key);
    if (tags) {
      seen.add(key);
      const versions = (row.versions_seen ?? '').split(' ').filter(Boolean);
      for (const tag of tags) if (!versions.includes(tag.product_version)) versions.push(tag.product_version);
      Object.assign(row, { versions_seen_count: String(versions.length), versions_seen: versions.join(' '), last_seen: snapshot.date, in_current_manifest: 'true' });
    } else if (row.in_current_manifest === 'true') {
      row.in_current_manifest = 'false';
    }
    return row;
  });
  for (const [key, tags] of now) {
    if (seen.has(key)) continue;
    const [image_repo = '', dotnet_version = '', fixed_tag_pattern = ''] = key.split('\t');
    const versions = [...new Set(tags.map((t) => t.product_version))];
    rows.push({ image_repo, dotnet_version, fixed_tag_pattern, versions_seen_count: String(versions.length), versions_seen: versions.join(' '), first_seen: snapshot.date, last_seen: snapshot.date, in_current_manifest: 'true' });
  }
  return rows;
}
