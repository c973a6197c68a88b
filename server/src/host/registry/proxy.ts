/**
 * Which proxy a request goes through, and the CONNECT tunnel for https through an http proxy
 * (Node 20's http/https modules have no proxy support of their own).
 *
 * An explicit proxy (VS Code's `http.proxy`, or `--proxy`) applies to every request, as in VS Code.
 * A proxy from the environment (`HTTPS_PROXY`/`HTTP_PROXY`, either case) respects `NO_PROXY` and is
 * never used for loopback addresses, as curl does.
 */
import http from 'node:http';
import type { Socket } from 'node:net';

export interface ProxySettings {
  /** `http://user:pass@proxy:3128`; wins over the environment. */
  readonly proxy?: string | undefined;
  /** The environment to read `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

function envValue(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name] ?? env[name.toLowerCase()];
  return value && value.trim() !== '' ? value.trim() : undefined;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** `NO_PROXY=.example.com,registry.local:5000,*` semantics (suffix match on host, optional port). */
export function bypassesProxy(target: URL, noProxy: string | undefined): boolean {
  if (isLoopback(target.hostname)) return true;
  if (!noProxy) return false;
  const host = target.hostname.toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[,\s]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const [pattern = '', entryPort] = entry.toLowerCase().split(':');
      if (entryPort && entryPort !== port) return false;
      const suffix = pattern.replace(/^\*?\.?/, '');
      return host === suffix || host.endsWith(`.${suffix}`);
    });
}

/** The proxy to use for `target`, or undefined to connect directly. */
export function proxyFor(target: URL, settings: ProxySettings = {}): URL | undefined {
  const parse = (value: string): URL => {
    const url = new URL(value.includes('://') ? value : `http://${value}`);
    if (url.protocol !== 'http:') throw new Error(`unsupported proxy ${value}: only http:// proxies are supported`);
    return url;
  };
  if (settings.proxy && settings.proxy.trim() !== '') return parse(settings.proxy.trim());
  const env = settings.env ?? process.env;
  const fromEnv = target.protocol === 'https:' ? (envValue(env, 'HTTPS_PROXY') ?? envValue(env, 'HTTP_PROXY')) : envValue(env, 'HTTP_PROXY');
  if (!fromEnv || bypassesProxy(target, envValue(env, 'NO_PROXY'))) return undefined;
  return parse(fromEnv);
}

/** `Proxy-Authorization` for a proxy URL with credentials. */
export function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username) return undefined;
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Basic ${Buffer.from(credentials).toString('base64')}`;
}

/** Opens a TCP tunnel to `host:port` through the proxy with `CONNECT`; rejects on a non-2xx answer or timeout. */
export function connectTunnel(proxy: URL, host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    const headers: Record<string, string> = { host: authority };
    const authorization = proxyAuthorization(proxy);
    if (authorization) headers['proxy-authorization'] = authorization;
    const request = http.request({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: Number(proxy.port || 80),
      method: 'CONNECT',
      path: authority,
      headers,
      agent: false,
    });
    const timer = setTimeout(() => request.destroy(new Error(`the proxy ${proxy.host} did not open a tunnel within ${timeoutMs} ms`)), timeoutMs);
    request.once('connect', (response, socket, head) => {
      clearTimeout(timer);
      if (response.statusCode !== 200) {
        socket.destroy();
        reject(new Error(`the proxy ${proxy.host} refused the tunnel to ${authority}: HTTP ${response.statusCode ?? '?'}`));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    request.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end();
  });
}
