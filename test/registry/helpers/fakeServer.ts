/**
 * Tiny HTTP servers on loopback for registry tests: a programmable one for failures (500s, malformed JSON,
 * cut-off answers, slow answers, broken paging, bearer-token challenges), spec-conformant tag paging
 * (`n`, `last`, `Link: <...>; rel="next"`), and a CONNECT/absolute-URI proxy that records what it tunnels.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type Socket } from 'node:net';

/** May return anything (a handler often ends with `res.end()`); a returned promise is awaited. */
export type Handler = (request: IncomingMessage, response: ServerResponse, url: URL) => unknown;

export interface TestServer {
  readonly url: string;
  readonly port: number;
  /** Request targets seen (path and query, or the CONNECT authority), in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

async function listen(server: http.Server, requests: string[]): Promise<TestServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function startServer(handler: Handler): Promise<TestServer> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request.url ?? '');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    Promise.resolve(handler(request, response, url)).catch((error: unknown) => {
      response.statusCode = 599;
      response.end(String(error));
    });
  });
  return listen(server, requests);
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** The repository of a `/v2/<name>/tags/list` path, else undefined. */
export function tagListRepository(url: URL): string | undefined {
  const match = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
  return match?.[1];
}

/** Answers one page of `tags` the way the distribution spec pages: sorted, `n` at a time after `last`, `Link` to the next. */
export function sendTagPage(response: ServerResponse, url: URL, repository: string, tags: readonly string[]): void {
  const sorted = [...tags].sort();
  const n = Number(url.searchParams.get('n') ?? sorted.length) || sorted.length;
  const last = url.searchParams.get('last');
  const rest = last === null ? sorted : sorted.filter((t) => t > last);
  const page = rest.slice(0, n);
  const headers: Record<string, string> = {};
  if (rest.length > n) headers.link = `</v2/${repository}/tags/list?n=${n}&last=${encodeURIComponent(page[page.length - 1]!)}>; rel="next"`;
  sendJson(response, 200, { name: repository, tags: page }, headers);
}

/** An http proxy: `CONNECT host:port` tunnels, absolute-URI requests are forwarded. Records every target. */
export async function startProxy(): Promise<TestServer> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request.url ?? '');
    const target = new URL(request.url ?? '');
    const upstream = http.request(target, { method: request.method, headers: { ...request.headers, host: target.host } }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    requests.push(`CONNECT ${request.url ?? ''}`);
    const [host = '', port = '443'] = (request.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return listen(server, requests);
}
