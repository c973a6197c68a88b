/**
 * The OCI tag-list client against small servers on loopback: paging through `Link`, the bearer-token
 * dance, proxies (absolute-URI for http, CONNECT tunnels for https) and proxy environment rules, and
 * every way an answer can be wrong, each reported as an error naming the URL.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { bearerChallenge, listTags, nextLink } from '../../server/src/host/registry/ociClient';
import { bypassesProxy, proxyFor } from '../../server/src/host/registry/proxy';
import { sendJson, sendTagPage, startProxy, startServer, tagListRepository, type TestServer } from './helpers/fakeServer';
import { freePort } from './helpers/realRegistry';

const servers: TestServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});
async function serve(...args: Parameters<typeof startServer>): Promise<TestServer> {
  const server = await startServer(...args);
  servers.push(server);
  return server;
}

const TAGS = ['10.0', '10.0-alpine', '10.0-noble-chiseled', '10.0.11', '10.0.12', '9.0', '9.0-bookworm-slim', 'latest'];

describe('paging', () => {
  test('follows Link rel="next" until the last page and returns every tag once', async () => {
    const server = await serve((_req, res, url) => sendTagPage(res, url, tagListRepository(url)!, TAGS));
    const tags = await listTags(server.url, 'dotnet/aspnet', { pageSize: 3 });
    assert.deepEqual([...tags].sort(), [...TAGS].sort());
    assert.equal(server.requests.length, 3);
    assert.match(server.requests[0]!, /^\/v2\/dotnet\/aspnet\/tags\/list\?n=3$/);
    assert.match(server.requests[1]!, /last=/);
  });

  test('a registry that ignores n and answers everything at once is fine', async () => {
    const server = await serve((_req, res, url) => sendJson(res, 200, { name: tagListRepository(url), tags: TAGS }));
    assert.deepEqual(await listTags(server.url, 'dotnet/sdk', { pageSize: 2 }), TAGS);
  });

  test('`tags: null` is a repository without tags', async () => {
    const server = await serve((_req, res) => sendJson(res, 200, { name: 'dotnet/sdk', tags: null }));
    assert.deepEqual(await listTags(server.url, 'dotnet/sdk'), []);
  });

  test('Link header parsing', () => {
    const base = new URL('https://mcr.microsoft.com/v2/dotnet/sdk/tags/list?n=2');
    assert.equal(nextLink('</v2/dotnet/sdk/tags/list?n=2&last=b>; rel="next"', base)?.href, 'https://mcr.microsoft.com/v2/dotnet/sdk/tags/list?n=2&last=b');
    assert.equal(nextLink('<https://x/a>; rel="prev", </v2/next>; rel=next', base)?.href, 'https://mcr.microsoft.com/v2/next');
    assert.equal(nextLink('</v2/x>; rel="prev"', base), undefined);
    assert.equal(nextLink(undefined, base), undefined);
  });
});

describe('bearer tokens', () => {
  test('a 401 with a Bearer challenge gets an anonymous pull token, then the list', async () => {
    const token = 'anonymous-pull-token';
    const seenScopes: string[] = [];
    const server = await serve((req, res, url) => {
      if (url.pathname === '/token') {
        seenScopes.push(`${url.searchParams.get('service')} ${url.searchParams.get('scope')}`);
        return sendJson(res, 200, { token });
      }
      if (req.headers.authorization !== `Bearer ${token}`) {
        res.writeHead(401, { 'www-authenticate': `Bearer realm="http://127.0.0.1:${(req.socket.address() as AddressInfo).port}/token",service="test-registry",scope="repository:dotnet/sdk:pull"` });
        return res.end();
      }
      return sendTagPage(res, url, tagListRepository(url)!, TAGS);
    });
    assert.deepEqual([...(await listTags(server.url, 'dotnet/sdk', { pageSize: 5 }))].sort(), [...TAGS].sort());
    assert.deepEqual(seenScopes, ['test-registry repository:dotnet/sdk:pull']);
  });

  test('a 401 without a Bearer challenge is an error that says credentials are needed', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="registry"' });
      res.end();
    });
    await assert.rejects(listTags(server.url, 'dotnet/sdk'), /wants credentials \(HTTP 401\)/);
  });

  test('challenge parsing', () => {
    assert.deepEqual(bearerChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/ubuntu:pull"'), {
      realm: 'https://auth.docker.io/token',
      service: 'registry.docker.io',
      scope: 'repository:library/ubuntu:pull',
    });
    assert.equal(bearerChallenge('Basic realm="x"'), undefined);
    assert.equal(bearerChallenge('Bearer service="x"'), undefined);
  });
});

describe('bad answers are errors that name the URL', () => {
  const cases: [string, Parameters<typeof startServer>[0], RegExp, Parameters<typeof listTags>[2]?][] = [
    ['HTTP 500', (_req, res) => sendJson(res, 500, { errors: [] }), /tags\/list\?n=1000: the registry answered HTTP 500/],
    ['malformed JSON', (_req, res) => res.end('{"name":"dotnet/sdk","tags":["10.0",'), /the tag list is not valid JSON/],
    ['JSON of the wrong shape', (_req, res) => sendJson(res, 200, { name: 'dotnet/sdk', tags: 'latest' }), /does not have the expected shape \(tags: /],
    [
      'an answer cut off',
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
        res.write('{"name":"dotnet/sdk","tags":["10.0"');
        setTimeout(() => res.socket?.destroy(), 20);
      },
      /the answer was cut off/,
    ],
    [
      'a slow answer',
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"name":');
      },
      /no complete answer within 300 ms/,
      { timeoutMs: 300 },
    ],
    ['an answer too large', (_req, res) => sendJson(res, 200, { name: 'dotnet/sdk', tags: Array.from({ length: 500 }, (_, i) => `10.0.${i}`) }), /more than the 1000 allowed/, { maxBytes: 1000 }],
    [
      'a next page that fails',
      (_req, res, url) => (url.searchParams.has('last') ? sendJson(res, 404, { errors: [] }) : sendTagPage(res, url, 'dotnet/sdk', TAGS)),
      /page 2 of the tag list failed \(HTTP 404\); the listing is incomplete/,
      { pageSize: 3 },
    ],
    ['a next page that loops', (_req, res) => sendJson(res, 200, { name: 'dotnet/sdk', tags: ['a'] }, { link: '</v2/dotnet/sdk/tags/list?n=1000>; rel="next"' }), /loops back to a page already read/],
    ['a next page on another host', (_req, res) => sendJson(res, 200, { name: 'dotnet/sdk', tags: ['a'] }, { link: '<http://192.0.2.1/v2/dotnet/sdk/tags/list>; rel="next"' }), /next page is on another host/],
  ];
  for (const [name, handler, expected, options] of cases) {
    test(name, async () => {
      const server = await serve(handler);
      await assert.rejects(listTags(server.url, 'dotnet/sdk', options), (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.match(error.message, expected);
        assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${server.port}`));
        return true;
      });
    });
  }

  test('a registry that is down', async () => {
    const port = await freePort();
    await assert.rejects(listTags(`http://127.0.0.1:${port}`, 'dotnet/sdk', { timeoutMs: 2000 }), /ECONNREFUSED/);
  });

  test('a repository the registry does not have is a 404 error with its status', async () => {
    const server = await serve((_req, res) => sendJson(res, 404, { errors: [{ code: 'NAME_UNKNOWN' }] }));
    await assert.rejects(listTags(server.url, 'dotnet/gone'), (error: unknown) => (error as { status?: number }).status === 404);
  });

  test('cancellation', async () => {
    const server = await serve(() => undefined); // never answers
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(listTags(server.url, 'dotnet/sdk', { signal: controller.signal }), /cancelled/);
  });

  test('a repository name that is not one is refused before any request', async () => {
    await assert.rejects(listTags('http://127.0.0.1:9', '../etc/passwd'), /not a valid repository name/);
  });
});

describe('proxies', () => {
  const fixtures = path.join(__dirname, 'fixtures');
  const tls = { key: readFileSync(path.join(fixtures, 'loopback-key.pem')), cert: readFileSync(path.join(fixtures, 'loopback-cert.pem')) };

  test('http goes through the proxy as an absolute-URI request', async () => {
    const registry = await serve((_req, res, url) => sendTagPage(res, url, tagListRepository(url)!, TAGS));
    const proxy = await startProxy();
    servers.push(proxy);
    const tags = await listTags(registry.url, 'dotnet/sdk', { proxy: proxy.url, pageSize: 5 });
    assert.equal(tags.length, TAGS.length);
    const lastOfFirstPage = [...TAGS].sort()[4]!;
    assert.deepEqual(proxy.requests, [`${registry.url}/v2/dotnet/sdk/tags/list?n=5`, `${registry.url}/v2/dotnet/sdk/tags/list?n=5&last=${lastOfFirstPage}`]);
  });

  test('https goes through a CONNECT tunnel; strictSSL decides whether a self-signed certificate is accepted', async () => {
    const server = https.createServer(tls, (req, res) => {
      const url = new URL(req.url ?? '/', 'https://127.0.0.1');
      sendTagPage(res, url, tagListRepository(url)!, TAGS);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const proxy = await startProxy();
    servers.push(proxy);
    try {
      const tags = await listTags(`https://127.0.0.1:${port}`, 'dotnet/sdk', { proxy: proxy.url, strictSSL: false, pageSize: 100 });
      assert.equal(tags.length, TAGS.length);
      assert.deepEqual(proxy.requests, [`CONNECT 127.0.0.1:${port}`]);
      await assert.rejects(listTags(`https://127.0.0.1:${port}`, 'dotnet/sdk', { proxy: proxy.url, strictSSL: true }), /self[- ]signed certificate/i);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  test('a proxy that refuses the tunnel is an error', async () => {
    const refusing = await serve((_req, res) => res.end());
    refusing.requests.length = 0;
    await assert.rejects(listTags('https://127.0.0.1:1', 'dotnet/sdk', { proxy: refusing.url, timeoutMs: 2000 }), /refused the tunnel|socket hang up|ECONNRESET|HTTP 40/);
  });

  test('environment proxies: HTTPS_PROXY for https, NO_PROXY and loopback bypass; an explicit proxy always applies', () => {
    const mcr = new URL('https://mcr.microsoft.com/v2/');
    const env = { HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: '.internal.corp,registry.local:5000' };
    assert.equal(proxyFor(mcr, { env })?.host, 'proxy.corp:3128');
    assert.equal(proxyFor(new URL('http://mcr.microsoft.com/'), { env }), undefined, 'HTTPS_PROXY is not for http');
    assert.equal(proxyFor(new URL('https://mirror.internal.corp/'), { env }), undefined);
    assert.equal(proxyFor(new URL('https://registry.local:5000/'), { env }), undefined);
    assert.equal(proxyFor(new URL('https://registry.local:5001/'), { env })?.host, 'proxy.corp:3128');
    assert.equal(proxyFor(new URL('https://127.0.0.1:5000/'), { env }), undefined);
    assert.equal(proxyFor(new URL('https://127.0.0.1:5000/'), { env, proxy: 'http://127.0.0.1:8080' })?.host, '127.0.0.1:8080');
    assert.equal(proxyFor(mcr, { env: { https_proxy: 'proxy.lower:8080' } })?.host, 'proxy.lower:8080');
    assert.equal(proxyFor(mcr, { env: {} }), undefined);
    assert.equal(bypassesProxy(mcr, '*'), true);
    assert.throws(() => proxyFor(mcr, { proxy: 'socks5://127.0.0.1:1080' }), /only http:\/\/ proxies/);
  });
});
