/**
 * The one HTTP layer: every request this package sends to Naver or Kakao goes
 * through {@link send}. It buffers the raw bytes and decodes UTF-8 once, at the
 * end; it ends every request with an error on timeout, connection failure or an
 * oversized body; it never puts a token in a URL and never copies a header or a
 * request body into an error.
 *
 * @packageDocumentation
 */
import { request as httpRequest, type Agent, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ProviderRequestError, type ProviderName, type ProviderRequestErrorCode } from './errors.js';

export { ProviderRequestError, type ProviderRequestErrorCode } from './errors.js';

/** A provider URL, parsed once when a strategy is built rather than on every request. */
export interface Endpoint {
  /** The URL as given. */
  readonly href: string;
  /** `http.request` or `https.request`, by the URL's scheme. */
  readonly transport: typeof httpRequest;
  readonly protocol: string;
  readonly hostname: string;
  readonly port: string;
  /** Path and query string. */
  readonly path: string;
}

/** Settings shared by every request a strategy sends. */
export interface HttpSettings {
  /** Milliseconds from the start of a request to the last byte of its response. */
  readonly timeout: number;
  /** Largest response body accepted, in bytes. */
  readonly maxResponseBytes: number;
  /** Agent for connection pooling, proxies or custom certificates. */
  readonly agent?: Agent | undefined;
  /** The provider, named in errors. */
  readonly provider?: ProviderName | undefined;
}

/** A provider's response, with the body decoded as UTF-8. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * The {@link HttpResponse} {@link send} hands on. `headers` is read from node's
 * response when first asked for: node builds that object on its first read
 * (about 5 µs per response), and a successful login never reads it; only error
 * messages and the JWKS cache do. A class with a getter on its prototype, not an
 * object literal with a getter: the literal made young-generation collections
 * promote about 4 KB more per request (measured with `node --trace-gc-nvp`).
 */
class ProviderResponse implements HttpResponse {
  readonly status: number;
  readonly body: string;
  readonly #message: IncomingMessage;

  constructor(message: IncomingMessage, body: string) {
    this.status = message.statusCode ?? 0;
    this.body = body;
    this.#message = message;
  }

  get headers(): IncomingHttpHeaders {
    return this.#message.headers;
  }
}

/** The real providers' hosts: naver.com, kakao.com and their subdomains. */
const PROVIDER_HOST = /(^|\.)(naver|kakao)\.com\.?$/i;

/**
 * Parses a provider URL once.
 *
 * @param url - an absolute http or https URL
 * @param option - the option name, for the error message
 * @throws TypeError when the URL is not absolute http(s)
 */
export function endpoint(url: string, option: string): Endpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`${option} must be an absolute URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new TypeError(`${option} must be an http or https URL, got ${JSON.stringify(url)}`);
  }
  // Plain http to a real provider host would send secrets and tokens in clear;
  // loopback and other hosts stay allowed, for emulators and test proxies.
  if (parsed.protocol === 'http:' && PROVIDER_HOST.test(parsed.hostname)) {
    throw new TypeError(`${option} must use https for ${parsed.hostname}, got ${JSON.stringify(url)}`);
  }
  return {
    href: url,
    transport: parsed.protocol === 'https:' ? httpsRequest : httpRequest,
    protocol: parsed.protocol,
    hostname: parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname,
    port: parsed.port,
    path: parsed.pathname + parsed.search,
  };
}

/**
 * A copy of `headers` with one more header. A loop rather than an object spread:
 * V8 copies keys such as `User-Agent` on a slow path in `{ ...headers, name: value }`,
 * about ten times slower (0.6 µs against 0.06 µs, measured alone with node 20).
 */
export function withHeader(headers: OutgoingHttpHeaders, name: string, value: string | number): OutgoingHttpHeaders {
  const copy: OutgoingHttpHeaders = {};
  for (const key of Object.keys(headers)) copy[key] = headers[key];
  copy[name] = value;
  return copy;
}

/** The API headers with the access token in `Authorization`: the only place a token goes. */
export function bearerHeaders(apiHeaders: OutgoingHttpHeaders, accessToken: string): OutgoingHttpHeaders {
  return withHeader(apiHeaders, 'Authorization', `Bearer ${accessToken}`);
}

/** Called exactly once per {@link send}. */
export type HttpCallback = (err: ProviderRequestError | null, res?: HttpResponse) => void;

/**
 * Sends one request and calls back exactly once: with the whole response, whatever
 * its status, or with a {@link ProviderRequestError}.
 *
 * @param target - where to send it
 * @param method - `GET` or `POST`
 * @param headers - all request headers (the body's `Content-Length` is added here)
 * @param body - a request body, or `undefined`
 * @param settings - timeout, size cap and agent
 * @param label - names the request in error messages, e.g. "Kakao token request"
 * @param callback - receives the response or the error
 */
export function send(
  target: Endpoint,
  method: 'GET' | 'POST',
  headers: OutgoingHttpHeaders,
  body: string | undefined,
  settings: HttpSettings,
  label: string,
  callback: HttpCallback,
): void {
  let done = false;
  let timer: NodeJS.Timeout | undefined;
  const finish = (err: ProviderRequestError | null, res?: HttpResponse): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    callback(err, res);
  };
  const fail = (message: string, code: ProviderRequestErrorCode, status?: number, cause?: Error): void => {
    finish(new ProviderRequestError(`${label} ${message}`, code, status, settings.provider, cause));
    req?.destroy();
  };

  const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
  let req: ClientRequest | undefined;
  try {
    // Only the options a request needs: `host` is what node reads when there is
    // no `hostname`, and an absent `agent` is node's global one. Every extra key
    // makes node's copies of this object larger (about 1.5 KB per request,
    // measured with bench/run.ts). `protocol` stays although the transport
    // implies it: proxy agents built on agent-base read it to tell https.
    const options: RequestOptions = {
      protocol: target.protocol,
      host: target.hostname,
      port: target.port,
      path: target.path,
      method,
      headers: payload === undefined ? headers : withHeader(headers, 'Content-Length', payload.length),
    };
    if (settings.agent !== undefined) options.agent = settings.agent;
    req = target.transport(options);
  } catch (err) {
    // Node throws synchronously for a header it will not send (a token with CR/LF
    // or a character above U+00FF, ERR_INVALID_CHAR): report it like any other
    // failure, on a later tick, never as an exception out of the caller.
    const code = (err as NodeJS.ErrnoException).code ?? 'EREQUEST';
    process.nextTick(() => finish(new ProviderRequestError(`${label} could not be sent (${code})`, 'EREQUEST', undefined, settings.provider)));
    return;
  }
  // One deadline for the whole exchange: a socket idle timeout would be reset by
  // every byte of a response that drips in and never ends.
  timer = setTimeout(() => fail(`timed out after ${settings.timeout} ms`, 'ETIMEDOUT'), settings.timeout);
  const request = req;

  request.on('error', (err: NodeJS.ErrnoException) => {
    fail(`failed: ${err.code ?? err.message}`, err.code ?? 'ECONNRESET', undefined, err);
  });
  request.on('response', (res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > settings.maxResponseBytes) {
        fail(`answered with a body over ${settings.maxResponseBytes} bytes`, 'ERESPONSETOOLARGE', res.statusCode);
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => {
      // Decode once, after the last byte: a multi-byte character split across
      // two chunks stays whole (node-oauth concatenates chunks as strings).
      const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
      finish(null, new ProviderResponse(res, text));
    });
    res.on('close', () => {
      // The same report as the request's own 'error', whichever comes first.
      if (!res.complete) fail('failed: ECONNRESET', 'ECONNRESET');
    });
    res.on('error', (err: NodeJS.ErrnoException) => fail(`failed: ${err.code ?? err.message}`, err.code ?? 'ECONNRESET'));
  });
  request.end(payload);
}

/** {@link send} as a promise, for the lifecycle methods (the login path keeps callbacks). */
export function sendAsync(
  target: Endpoint,
  method: 'GET' | 'POST',
  headers: OutgoingHttpHeaders,
  body: string | undefined,
  settings: HttpSettings,
  label: string,
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    send(target, method, headers, body, settings, label, (err, res) => (err ? reject(err) : resolve(res!)));
  });
}

/**
 * Describes a response that cannot be used, for an error message: its status and
 * content type, never its body.
 */
export function describeResponse(res: HttpResponse): string {
  const type = res.headers['content-type'];
  return `HTTP ${res.status}${type ? ` (${type.split(';')[0]})` : ''}`;
}
