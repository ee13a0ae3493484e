/**
 * The emulator's HTTP plumbing: routing, reading parameters, answering, and
 * applying faults. Provider behaviour lives in naver.ts and kakao.ts.
 *
 * @packageDocumentation
 */
import type http from 'node:http';
import type { EmulatedProviderName, EmulatorEndpoint, EmulatorFault } from './types.js';

/** One request, with its query and form parameters merged (form wins). */
export interface Exchange {
  readonly req: http.IncomingMessage;
  readonly res: http.ServerResponse;
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Form body fields (`application/x-www-form-urlencoded`), empty otherwise. */
  readonly form: URLSearchParams;
  /** A parameter from the form, else from the query. */
  param(name: string): string | undefined;
  /** The value of a cookie sent by the browser. */
  cookie(name: string): string | undefined;
  /**
   * The access token: the `Authorization: Bearer` header, or else an
   * `access_token` query parameter. Only the header is documented, but
   * passport-kakao and passport-naver-v2 send the query form (node-oauth's
   * default). Kakao accepts it (docs/providers.md §B4, observed); for Naver it is
   * UNCONFIRMED, and the emulator accepts it so those packages can be measured.
   */
  bearer(): string | undefined;
  /** Answers JSON text (already serialised), applying the endpoint's fault. */
  json(status: number, body: string, headers?: http.OutgoingHttpHeaders): void;
  /** Answers an HTML page. */
  html(status: number, body: string, headers?: http.OutgoingHttpHeaders): void;
  /** Answers a redirect. */
  redirect(location: string, headers?: http.OutgoingHttpHeaders): void;
  /** Answers with no body. */
  empty(status: number): void;
}

/** A route handler. */
export type Handler = (ex: Exchange) => void;

/** A route: provider, fault slot, method and path. */
export interface Route {
  provider: EmulatedProviderName;
  endpoint: EmulatorEndpoint | 'page';
  methods: readonly string[];
  path: string;
  handle: Handler;
  /** The provider's quota answer for the `rate-limit` fault; HTTP 429 text when absent. */
  rateLimited?: Handler;
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHTML(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Faults currently set, by `provider:endpoint`. */
export type FaultTable = Map<string, EmulatorFault>;

/** Key of a fault slot. */
export function faultKey(provider: EmulatedProviderName, endpoint: EmulatorEndpoint): string {
  return `${provider}:${endpoint}`;
}

const MAX_FORM_BYTES = 64 * 1024;

/** Builds the request listener that routes to `routes` and applies `faults`. */
export function listener(routes: readonly Route[], faults: FaultTable): http.RequestListener {
  const byPath = new Map(routes.map((r) => [r.path, r]));
  return (req, res) => {
    const url = parseURL(req.url);
    if (!url) return void res.writeHead(400, { 'Content-Type': 'text/plain', 'Content-Length': 11 }).end('bad request');
    const route = byPath.get(url.pathname);
    if (!route) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    if (!route.methods.includes(req.method ?? '')) return void res.writeHead(405, { Allow: route.methods.join(', ') }).end();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) return void req.destroy();
      chunks.push(chunk);
    });
    req.on('end', () => {
      const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      const form = new URLSearchParams(isForm ? Buffer.concat(chunks).toString('utf8') : '');
      const fault = route.endpoint === 'page' ? undefined : faults.get(faultKey(route.provider, route.endpoint));
      const ex = exchange(req, res, url, form, fault);
      const run = (): void => {
        if (fault?.mode === 'hang') return;
        if (fault?.mode === 'drop') return void req.socket.destroy();
        if (fault?.mode === 'html-5xx') {
          const status = fault.status ?? 502;
          return void res.writeHead(status, { 'Content-Type': 'text/html' }).end(`<html><body><h1>${status} Bad Gateway</h1></body></html>`);
        }
        if (fault?.mode === 'rate-limit') {
          if (route.rateLimited) return route.rateLimited(ex);
          return void res.writeHead(429, { 'Content-Type': 'text/plain', 'Content-Length': 17 }).end('Too Many Requests');
        }
        if (fault?.mode === 'not-json') return void res.writeHead(200, { 'Content-Type': 'text/plain' }).end('OK');
        if (fault?.mode === 'oversize') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(`{"padding":"${'x'.repeat(2 * 1024 * 1024)}"}`);
        if (fault?.mode === 'drip') {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          const drip = setInterval(() => res.write(' '), 50);
          return void res.on('close', () => clearInterval(drip));
        }
        try {
          route.handle(ex);
        } catch (err) {
          // A bug in a page must not end the process that runs the emulator (a test run, the demo): answer 500.
          if (res.headersSent) return void req.socket.destroy();
          res.writeHead(500, { 'Content-Type': 'text/plain;charset=utf-8' }).end(`emulator error: ${(err as NodeJS.ErrnoException).code ?? 'internal'}`);
        }
      };
      if (fault?.latencyMs) setTimeout(run, fault.latencyMs);
      else run();
    });
  };
}

/**
 * Whether a redirect URI is one a developer console accepts: an absolute
 * http(s) URL of printable ASCII. The consoles of both providers check the
 * format when a URI is registered, so a URI with CR/LF or U+2028 never matches
 * a registered one; clients registered with `'any'` are held to the same rule
 * (Node refuses such a value in a Location header).
 */
export function registrableURI(uri: string): boolean {
  if (!/^[\x21-\x7e]+$/.test(uri)) return false;
  try {
    const { protocol } = new URL(uri);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** The request target as a URL, or undefined when it cannot be parsed (e.g. `//[`). */
function parseURL(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://emulator.invalid');
  } catch {
    return undefined;
  }
}

/**
 * The value of one cookie. A value that is not valid percent-encoding (e.g.
 * `%E0%A4%A`) is treated as absent: decoding it would throw a URIError inside
 * the request handler and take down the process hosting the emulator.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function exchange(req: http.IncomingMessage, res: http.ServerResponse, url: URL, form: URLSearchParams, fault: EmulatorFault | undefined): Exchange {
  const write = (status: number, type: string, body: string, headers: http.OutgoingHttpHeaders = {}): void => {
    const whole = Buffer.from(body, 'utf8');
    const bytes = fault?.mode === 'truncated-json' ? whole.subarray(0, Math.floor(whole.length / 2)) : whole;
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': bytes.length, 'Cache-Control': 'no-store', ...headers });
    if (fault?.mode !== 'split-utf8') return void res.end(bytes);
    // Cut inside the first multi-byte character, so the two chunks split it.
    const multi = bytes.findIndex((b) => b >= 0xc0);
    const cut = multi < 0 ? Math.floor(bytes.length / 2) : multi + 1;
    res.write(bytes.subarray(0, cut));
    setTimeout(() => res.end(bytes.subarray(cut)), 20);
  };
  return {
    req,
    res,
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    form,
    param: (name) => form.get(name) ?? url.searchParams.get(name) ?? undefined,
    cookie: (name) => readCookie(req.headers.cookie, name),
    bearer: () => {
      const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
      return match?.[1] ?? url.searchParams.get('access_token') ?? undefined;
    },
    json: (status, body, headers) => write(status, 'application/json;charset=UTF-8', body, headers),
    html: (status, body, headers) => write(status, 'text/html;charset=utf-8', body, headers),
    redirect: (location, headers = {}) => void res.writeHead(302, { Location: location, 'Cache-Control': 'no-store', ...headers }).end(),
    empty: (status) => void res.writeHead(status, { 'Content-Length': 0 }).end(),
  };
}
