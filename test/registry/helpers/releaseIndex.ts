/**
 * A .NET release index as builds.dotnet.microsoft.com would serve it in December 2026, made from the one in
 * catalog/reference (July 2026): .NET 11 released on 2026-11-10 and already at 11.0.1, .NET 8 and 9 past their end.
 * Plus 11.0's releases.json (the GA date is in it, not in the index, once 11.0.1 is out), and a server for both.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sendJson, startServer, type TestServer } from './fakeServer';

const REFERENCE = path.resolve(__dirname, '..', '..', '..', 'catalog', 'reference', 'dotnet-core', 'releases-index.json');

export const ELEVEN_GA = '2026-11-10';
export const ELEVEN_EOL = '2028-05-09';

type Entry = Record<string, unknown>;

/** The reference index with December's facts. */
export function decemberIndex(): { 'releases-index': Entry[] } {
  const index = JSON.parse(readFileSync(REFERENCE, 'utf8')) as { 'releases-index': Entry[] };
  for (const entry of index['releases-index']) {
    const channel = entry['channel-version'];
    if (channel === '11.0') {
      Object.assign(entry, {
        'latest-release': '11.0.1',
        'latest-release-date': '2026-12-08',
        'latest-runtime': '11.0.1',
        'latest-sdk': '11.0.101',
        'support-phase': 'active',
        'eol-date': ELEVEN_EOL,
      });
    }
    if (channel === '8.0' || channel === '9.0') entry['support-phase'] = 'eol';
  }
  return index;
}

export function elevenReleases(): unknown {
  return {
    'channel-version': '11.0',
    releases: [
      { 'release-date': '2026-12-08', 'release-version': '11.0.1' },
      { 'release-date': ELEVEN_GA, 'release-version': '11.0.0' },
      { 'release-date': '2026-10-13', 'release-version': '11.0.0-rc.2' },
    ],
  };
}

/** Serves `/release-metadata/releases-index.json` and `/release-metadata/11.0/releases.json`; anything else is 404. */
export function startReleaseMetadataServer(index: unknown = decemberIndex()): Promise<TestServer & { indexUrl: string }> {
  return startServer((_req, res, url) => {
    if (url.pathname === '/release-metadata/releases-index.json') return sendJson(res, 200, index);
    if (url.pathname === '/release-metadata/11.0/releases.json') return sendJson(res, 200, elevenReleases());
    return sendJson(res, 404, {});
  }).then((server) => ({ ...server, indexUrl: `${server.url}/release-metadata/releases-index.json` }));
}
