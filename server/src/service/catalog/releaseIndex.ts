/**
 * The .NET release metadata index (`releases-index.json`, published at
 * https://builds.dotnet.microsoft.com/dotnet/release-metadata/releases-index.json and kept in dotnet/core as
 * release-notes/releases-index.json): per release channel, its support phase, release type, end-of-life date and
 * newest runtime and SDK. The catalog generator reads it from catalog/reference; a catalog refresh downloads it.
 * Pure: validation and conversion only, the caller does the I/O.
 */
import * as z from 'zod';
import type { CatalogVersion } from './schema';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
/** A version string as the index writes it (`10.0.11`, `11.0.100-preview.6.26359.118`): bounded, never a novel. */
const versionText = z.string().min(1).max(64).regex(/^\d{1,4}\.\d{1,4}\.\d{1,4}(?:-[0-9A-Za-z.-]{1,48})?$/, 'expected a version like 10.0.11');

export const releaseIndexEntrySchema = z.object({
  'channel-version': z.string().regex(/^\d{1,3}\.\d{1,2}$/, 'expected a channel like 10.0'),
  product: z.string().min(1).max(40),
  'release-type': z.enum(['lts', 'sts']),
  'support-phase': z.enum(['preview', 'go-live', 'active', 'maintenance', 'eol']),
  // Absent (or null) while a version is in preview.
  'eol-date': isoDate.nullable().optional(),
  'latest-release': versionText,
  'latest-release-date': isoDate,
  'latest-runtime': versionText,
  'latest-sdk': versionText,
});

export const releaseIndexSchema = z.object({
  // A hundred channels is decades of .NET; more is not an index.
  'releases-index': z.array(releaseIndexEntrySchema).min(1).max(100),
});

/** One channel's `releases.json`: only what the GA date needs. */
export const channelReleasesSchema = z.object({
  'channel-version': z.string(),
  releases: z.array(z.object({ 'release-date': isoDate, 'release-version': versionText })).max(10000),
});

export type ReleaseIndexEntry = z.infer<typeof releaseIndexEntrySchema>;

/** Why the data is not a release index, in one line (the first issues, with where they are). */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Validates parsed JSON as a release index. */
export function parseReleaseIndex(data: unknown): { ok: true; entries: ReleaseIndexEntry[] } | { ok: false; error: string } {
  const result = releaseIndexSchema.safeParse(data);
  if (!result.success) return { ok: false, error: `not a .NET release index (${describeIssues(result.error)})` };
  const channels = new Set<string>();
  for (const entry of result.data['releases-index']) {
    if (channels.has(entry['channel-version'])) return { ok: false, error: `not a .NET release index (channel ${entry['channel-version']} is listed twice)` };
    channels.add(entry['channel-version']);
  }
  return { ok: true, entries: result.data['releases-index'] };
}

/** The day `channel`.0 shipped, from the channel's `releases.json`; undefined when it has not shipped. */
export function gaDateFromReleases(data: unknown, channel: string): { ok: true; gaDate: string | undefined } | { ok: false; error: string } {
  const result = channelReleasesSchema.safeParse(data);
  if (!result.success) return { ok: false, error: `not a .NET releases.json (${describeIssues(result.error)})` };
  if (result.data['channel-version'] !== channel) return { ok: false, error: `releases.json is for channel ${result.data['channel-version']}, not ${channel}` };
  return { ok: true, gaDate: result.data.releases.find((r) => r['release-version'] === `${channel}.0`)?.['release-date'] };
}

/** The GA date when the index alone tells it: the newest release is the `.0` release itself. */
export function gaDateFromIndex(entry: ReleaseIndexEntry): string | undefined {
  return entry['support-phase'] !== 'preview' && entry['latest-release'] === `${entry['channel-version']}.0` ? entry['latest-release-date'] : undefined;
}

/** An index entry as a catalog version (without a GA date: the index does not always say it). */
export function catalogVersionOf(entry: ReleaseIndexEntry): CatalogVersion {
  return {
    version: entry['channel-version'],
    product: entry.product,
    releaseType: entry['release-type'],
    supportPhase: entry['support-phase'],
    eolDate: entry['eol-date'] ?? null,
    latestRuntime: entry['latest-runtime'],
    latestSdk: entry['latest-sdk'],
  };
}
