/**
 * The part of the OCI distribution API we need: list a repository's tags.
 *
 *   GET /v2/<name>/tags/list?n=<page size>   →  { "name": "...", "tags": ["..."] }   Link: </v2/...&last=x>; rel="next"
 *
 * Pages are followed through the `Link` header (same origin only, no loops, bounded). A registry that
 * answers 401 with `WWW-Authenticate: Bearer realm=...,service=...,scope=...` gets the token dance
 * (anonymous pull token), as Docker Hub and most registries want; mcr.microsoft.com needs none.
 * Every answer is validated; anything unexpected is an error that names the URL and what was wrong.
 */
import * as z from 'zod';
import { httpGet, HttpError, type HttpGetOptions, type HttpResponse } from './httpGet';
import type { ByteBudget } from './byteBudget';

export interface ListTagsOptions extends Omit<HttpGetOptions, 'headers'> {
  /** Tags per page (`n=`); default 1000. */
  readonly pageSize?: number;
  /** Upper bound on pages, against a registry that pages forever (default 200). */
  readonly maxPages?: number;
  /** Upper bound on the tags of one repository (default 100,000; mcr.microsoft.com has a few thousand per repository). */
  readonly maxTags?: number;
  /** Bytes all answers of one refresh may add up to, shared by its requests. */
  readonly budget?: ByteBudget;
}

export class RegistryError extends Error {
  /** The HTTP status that caused it, when it was one. */
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

const tagListSchema = z.object({
  name: z.string(),
  // The distribution spec allows `null` for a repository without tags.
  tags: z.array(z.string()).nullable(),
});

/** `<url>; rel="next"` from a Link header (RFC 8288), resolved against the request URL. */
export function nextLink(link: string | undefined, base: URL): URL | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match && /(^|;)\s*rel\s*=\s*"?next"?\s*(;|$)/i.test(match[2]!)) return new URL(match[1]!, base);
  }
  return undefined;
}

/** The parameters of `WWW-Authenticate: Bearer realm="...",service="...",scope="..."`. */
export function bearerChallenge(header: string | undefined): Record<string, string> | undefined {
  if (!header || !/^\s*bearer\s/i.test(header)) return undefined;
  const params: Record<string, string> = {};
  for (const match of header.replace(/^\s*bearer\s+/i, '').matchAll(/([a-z_]+)\s*=\s*(?:"([^"]*)"|([^,\s]*))/gi)) {
    params[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? '';
  }
  return params.realm ? params : undefined;
}

const tokenSchema = z.object({ token: z.string().optional(), access_token: z.string().optional() });

function parseJson(response: HttpResponse, what: string): unknown {
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch (error) {
    throw new RegistryError(`GET ${response.url.href}: ${what} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function fetchToken(challenge: Record<string, string>, repository: string, options: HttpGetOptions): Promise<string> {
  const realm = new URL(challenge.realm!);
  if (realm.protocol !== 'https:' && realm.protocol !== 'http:') throw new RegistryError(`the registry's token realm ${realm.href} is not http(s)`);
  if (challenge.service) realm.searchParams.set('service', challenge.service);
  realm.searchParams.set('scope', challenge.scope ?? `repository:${repository}:pull`);
  const response = await httpGet(realm, { ...options, headers: { accept: 'application/json' } });
  if (response.status !== 200) throw new RegistryError(`GET ${realm.href}: the token service answered HTTP ${response.status}`);
  const parsed = tokenSchema.safeParse(parseJson(response, 'the token answer'));
  const token = parsed.success ? (parsed.data.token ?? parsed.data.access_token) : undefined;
  if (!token) throw new RegistryError(`GET ${realm.href}: the token answer has no token`);
  return token;
}

/**
 * Lists every tag of `repository` on the registry at `registryUrl` (`https://mcr.microsoft.com`).
 * Rejects with a `RegistryError`/`HttpError` on any failure: callers treat a partial list as no list.
 */
export async function listTags(registryUrl: string, repository: string, options: ListTagsOptions = {}): Promise<string[]> {
  const base = new URL(registryUrl.endsWith('/') ? registryUrl : `${registryUrl}/`);
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(repository)) {
    throw new RegistryError(`${repository} is not a valid repository name`);
  }
  const pageSize = options.pageSize ?? 1000;
  const maxPages = options.maxPages ?? 200;
  const maxTags = options.maxTags ?? 100_000;
  const budget = options.budget;
  const get = async (target: URL, headers: Record<string, string>): Promise<HttpResponse> => {
    const maxBytes = Math.min(options.maxBytes ?? 16 * 1024 * 1024, budget ? Math.max(1, budget.remaining) : Number.POSITIVE_INFINITY);
    const response = await httpGet(target, { ...options, maxBytes, headers });
    try {
      budget?.take(response.body.length, `GET ${target.href}`);
    } catch (error) {
      throw new RegistryError(error instanceof Error ? error.message : String(error));
    }
    return response;
  };
  let url: URL | undefined = new URL(`v2/${repository}/tags/list?n=${pageSize}`, base);
  const seen = new Set<string>();
  const tags: string[] = [];
  let authorization: string | undefined;
  for (let page = 0; url; page++) {
    if (page >= maxPages) throw new RegistryError(`${repository}: more than ${maxPages} pages of tags; stopped`);
    seen.add(url.href);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (authorization) headers.authorization = authorization;
    let response = await get(url, headers);
    if (response.status === 401 && !authorization) {
      const challenge = bearerChallenge(headerText(response.headers['www-authenticate']));
      if (!challenge) throw new RegistryError(`GET ${url.href}: the registry wants credentials (HTTP 401) and offers no anonymous token`);
      authorization = `Bearer ${await fetchToken(challenge, repository, options)}`;
      response = await get(url, { ...headers, authorization });
    }
    if (response.status === 404 && page === 0) throw new RegistryError(`GET ${url.href}: the registry has no repository ${repository} (HTTP 404)`, 404);
    // A later page that is gone means the listing was cut short: an error, never "no such repository".
    if (page > 0 && response.status !== 200) throw new RegistryError(`GET ${url.href}: page ${page + 1} of the tag list failed (HTTP ${response.status}); the listing is incomplete`);
    if (response.status !== 200) throw new RegistryError(`GET ${url.href}: the registry answered HTTP ${response.status}`, response.status);
    const parsed = tagListSchema.safeParse(parseJson(response, 'the tag list'));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RegistryError(`GET ${url.href}: the tag list does not have the expected shape (${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown'})`);
    }
    // One by one: `push(...page)` passes every tag as an argument and overflows the stack on a huge page.
    for (const tag of parsed.data.tags ?? []) {
      if (tags.length >= maxTags) throw new RegistryError(`${repository}: more than ${maxTags} tags; stopped`);
      tags.push(tag);
    }
    const next = nextLink(headerText(response.headers.link), url);
    if (next && seen.has(next.href)) throw new RegistryError(`GET ${url.href}: the registry's next page loops back to a page already read`);
    if (next && next.origin !== base.origin) throw new RegistryError(`GET ${url.href}: the registry's next page is on another host (${next.origin})`);
    url = next;
  }
  return [...new Set(tags)];
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

export { HttpError };
