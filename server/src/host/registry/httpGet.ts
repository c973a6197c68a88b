/**
 * One bounded HTTP GET: a deadline for the whole exchange (connect, headers and the last byte, so a
 * server that drips bytes times out too), a size limit, a cut-off response detected as an error,
 * proxies (see proxy.ts) and cancellation. Redirects are followed a few times, never to another scheme
 * than http(s).
 */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { isIP, type Socket } from 'node:net';
import { connectTunnel, proxyAuthorization, proxyFor, type ProxySettings } from './proxy';

export interface HttpGetOptions extends ProxySettings {
  readonly headers?: Readonly<Record<string, string>>;
  /** Deadline for the whole request, body included (default 15 s). */
  readonly timeoutMs?: number;
  /** Largest body accepted (default 16 MiB). */
  readonly maxBytes?: number;
  /** false to accept any TLS certificate (VS Code's `http.proxyStrictSSL: false`). Default true. */
  readonly strictSSL?: boolean;
  readonly signal?: AbortSignal | undefined;
}

export interface HttpResponse {
  readonly url: URL;
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A failure with the URL in the message, so a user can tell which request went wrong. */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const MAX_REDIRECTS = 5;

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

async function openSocket(url: URL, options: HttpGetOptions, timeoutMs: number): Promise<{ proxy: URL | undefined; socket: Socket | undefined }> {
  const proxy = proxyFor(url, options);
  if (!proxy || url.protocol !== 'https:') return { proxy, socket: undefined };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const raw = await connectTunnel(proxy, host, Number(url.port || 443), timeoutMs);
  // SNI takes host names only (RFC 6066), never an IP address.
  const secure = tls.connect({ socket: raw, ...(isIP(host) ? {} : { servername: host }), rejectUnauthorized: options.strictSSL !== false });
  return { proxy, socket: secure };
}

function requestOnce(url: URL, options: HttpGetOptions, deadline: number): Promise<HttpResponse> {
  const maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    let settled = false;
    let request: http.ClientRequest | undefined;
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      request?.destroy();
      reject(new HttpError(`GET ${url.href}: ${message}`, url.href));
    };
    const remaining = deadline - Date.now();
    const timer = setTimeout(() => fail(`no complete answer within ${options.timeoutMs ?? 15000} ms`), Math.max(0, remaining));
    const onAbort = (): void => fail('cancelled');
    if (options.signal?.aborted) return fail('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });

    openSocket(url, options, Math.max(1, remaining)).then(
      ({ proxy, socket }) => {
        if (settled) {
          socket?.destroy();
          return;
        }
        const headers: Record<string, string> = { 'user-agent': 'dotnet-dockerfile', ...options.headers };
        let requestOptions: https.RequestOptions;
        if (socket) {
          // https through a CONNECT tunnel: speak TLS over the tunnel socket.
          // No `agent`: with one, Node would ignore createConnection and connect directly.
          requestOptions = { method: 'GET', hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers, createConnection: () => socket };
        } else if (proxy) {
          // http through a proxy: the absolute URL goes to the proxy.
          const authorization = proxyAuthorization(proxy);
          if (authorization) headers['proxy-authorization'] = authorization;
          headers.host = url.host;
          requestOptions = { method: 'GET', hostname: proxy.hostname, port: proxy.port || 80, path: url.href, headers, agent: false };
        } else {
          requestOptions = { method: 'GET', hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers, agent: false, rejectUnauthorized: options.strictSSL !== false };
        }
        const transport = url.protocol === 'https:' && !(proxy && !socket) ? https : http;
        request = transport.request(requestOptions, (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const declared = Number(response.headers['content-length']);
          if (Number.isFinite(declared) && declared > maxBytes) return fail(`the answer is ${declared} bytes, more than the ${maxBytes} allowed`);
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) return fail(`the answer is more than the ${maxBytes} bytes allowed`);
            chunks.push(chunk);
          });
          response.on('aborted', () => fail('the answer was cut off'));
          response.on('error', (error) => fail(`the answer was cut off (${describe(error)})`));
          response.on('end', () => {
            if (!response.complete) return fail('the answer was cut off');
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
            resolve({ url, status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) });
          });
        });
        request.on('error', (error) => fail(describe(error)));
        request.end();
      },
      (error: unknown) => fail(describe(error)),
    );
  });
}

/** GETs `url`, following redirects; rejects with an `HttpError` on any transport failure (not on HTTP error statuses). */
export async function httpGet(url: string | URL, options: HttpGetOptions = {}): Promise<HttpResponse> {
  const deadline = Date.now() + (options.timeoutMs ?? 15000);
  let current = new URL(url);
  let currentOptions = options;
  for (let redirects = 0; ; redirects++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new HttpError(`unsupported URL scheme ${current.protocol}`, current.href);
    const response = await requestOnce(current, currentOptions, deadline);
    const location = response.headers.location;
    if (response.status >= 300 && response.status < 400 && location && redirects < MAX_REDIRECTS) {
      const next = new URL(location, current);
      if (next.origin !== current.origin && currentOptions.headers?.authorization !== undefined) {
        // Credentials are for the registry, never for wherever it redirects to.
        const { authorization: _dropped, ...rest } = currentOptions.headers;
        currentOptions = { ...currentOptions, headers: rest };
      }
      current = next;
      continue;
    }
    return response;
  }
}
