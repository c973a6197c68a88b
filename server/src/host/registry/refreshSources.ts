/**
 * How a refresh names what it added to a catalog's `sources`: a catalog's own data date leaves these out
 * (catalogCache.ts baseDate). Apart from mergeTags.ts and supportFacts.ts so that reading a catalog at start
 * does not load what a refresh needs (the release index schema, zod).
 */
export const REFRESH_SOURCE_PREFIX = 'registry tags/list';
export const RELEASE_INDEX_SOURCE_PREFIX = 'release index';
