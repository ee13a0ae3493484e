/**
 * A state store that needs no server session: the OAuth state (and the PKCE
 * verifier) travel in a short-lived, HMAC-signed, httpOnly cookie scoped to the
 * callback path, bound to the provider and the app, used once.
 *
 * @packageDocumentation
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Options of {@link CookieStateStore}. */
export interface CookieStateStoreOptions {
  /** Signs the cookie. At least 32 characters; keep it out of the code. */
  secret: string;
  /** Cookie name prefix. Default `oauth_state`; the provider's tag is appended. */
  name?: string | undefined;
  /** Seconds a login may take from the redirect to the callback. Default 600. */
  maxAge?: number | undefined;
  /** `Secure` attribute: `'auto'` (default) sets it when the callback URL is https. */
  secure?: boolean | 'auto' | undefined;
}

/** What passport-oauth2 passes to a store (lib/strategy.js, `meta`). */
export interface StateStoreMeta {
  authorizationURL: string;
  tokenURL: string;
  clientID: string;
  callbackURL?: string | undefined;
}

/**
 * The request as the frameworks hand it to a strategy: Express (and NestJS on
 * Express) set `req.res`; koa-passport builds its request on `ctx.request`, so
 * `req.ctx` is Koa's context (its `req.res` is a stand-in without `getHeader`).
 */
type Request = Pick<IncomingMessage, 'headers'> & { res?: Partial<ServerResponse>; ctx?: { append?: unknown } };
/** Adds one `Set-Cookie` line to the response. */
type CookieWriter = (cookie: string) => void;
type StoreCallback = (err: Error | null, state?: string) => void;
type VerifyCallback = (err: Error | null, ok?: string | boolean, info?: unknown) => void;

/** The cookie's content. */
interface Payload {
  /** The `state` sent to the provider. */
  h: string;
  /** Binds the cookie to one provider and app: authorization URL and client ID. */
  p: string;
  /** Expiry, epoch seconds. */
  e: number;
  /** PKCE code verifier. */
  v?: string;
  /** Application state passed to `authenticate({ state })`. */
  s?: unknown;
}

const UNABLE = { message: 'Unable to verify authorization request state.' };
const INVALID = { message: 'Invalid authorization request state.' };
/** Why a login cannot start when the request does not reach its response, and what to do. */
const NO_RESPONSE =
  'CookieStateStore cannot set its cookie: the request does not reach its response. It needs req.res (Express, NestJS on Express) ' +
  'or req.ctx (Koa through koa-passport). A Fastify request does not reach its reply: with @fastify/passport, leave out `store` ' +
  'and let @fastify/secure-session keep the state in its encrypted session cookie.';
/**
 * Handles seen by this process are kept until their cookie would have expired,
 * so a replayed cookie fails (on this instance; the provider's single-use code
 * covers the others). Past this many, the oldest are dropped.
 */
const MAX_REMEMBERED = 100_000;

/**
 * CSRF state without express-session, for apps that issue their own JWT.
 *
 * @example
 * ```ts
 * const store = new CookieStateStore({ secret: process.env.STATE_SECRET! });
 * passport.use(new KakaoStrategy({ clientID, callbackURL, store }, verify));
 * app.get('/login/kakao', passport.authenticate('kakao', { session: false }));
 * ```
 *
 * The cookie is `HttpOnly; SameSite=Lax; Path=<callback path>`, signed with
 * HMAC-SHA256, bound to the provider and client, expires after `maxAge`, and is
 * cleared on the callback. A cookie that is missing, forged, expired, replayed
 * or from another provider fails the login with the state-mismatch failure,
 * before any request to the provider. The response is reached through
 * `req.res`, as Express (and NestJS on Express) sets it, or through `req.ctx`,
 * Koa's context, with koa-passport. A Fastify request does not reach its reply:
 * there the first login fails with an error that says to keep the state in
 * `@fastify/secure-session` instead.
 */
export class CookieStateStore {
  readonly #secret: string;
  readonly #name: string;
  readonly #maxAge: number;
  readonly #secure: boolean | 'auto';
  readonly #used = new Map<string, number>();

  /** @param options - see {@link CookieStateStoreOptions} */
  constructor(options: CookieStateStoreOptions) {
    if (typeof options?.secret !== 'string' || options.secret.length < 32) throw new TypeError('CookieStateStore requires a secret of at least 32 characters');
    const maxAge = options.maxAge ?? 600;
    if (!(Number.isInteger(maxAge) && maxAge > 0)) throw new TypeError('CookieStateStore: maxAge must be a positive whole number of seconds');
    const name = options.name ?? 'oauth_state';
    if (!/^[\w-]+$/.test(name)) throw new TypeError('CookieStateStore: name may hold letters, digits, _ and - only');
    this.#secret = options.secret;
    this.#name = name;
    this.#maxAge = maxAge;
    this.#secure = options.secure ?? 'auto';
  }

  /**
   * Called by passport-oauth2 before the redirect: sets the cookie and hands
   * back the state to send. Five parameters, so passport-oauth2 passes the PKCE
   * verifier (lib/strategy.js dispatches on the function's length).
   */
  store(req: Request, verifier: string | undefined, state: unknown, meta: StateStoreMeta, callback: StoreCallback): void {
    const write = cookieWriter(req);
    if (!write) return callback(new Error(NO_RESPONSE));
    const handle = randomBytes(24).toString('base64url');
    const payload: Payload = { h: handle, p: binding(meta), e: Math.floor(Date.now() / 1000) + this.#maxAge };
    if (verifier) payload.v = verifier;
    if (state !== undefined) payload.s = state;
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    write(`${this.#cookieName(meta)}=${body}.${this.#sign(body)}; ${this.#attributes(meta, this.#maxAge)}`);
    callback(null, handle);
  }

  /**
   * Called by passport-oauth2 on the callback: checks the cookie against the
   * `state` that came back, clears it, and returns the PKCE verifier (or true).
   */
  verify(req: Request, providedState: unknown, meta: StateStoreMeta, callback: VerifyCallback): void {
    const name = this.#cookieName(meta);
    const value = readCookie(req.headers.cookie, name);
    cookieWriter(req)?.(`${name}=; ${this.#attributes(meta, 0)}`);
    if (value === undefined) return callback(null, false, UNABLE);
    const payload = this.#open(value);
    const now = Math.floor(Date.now() / 1000);
    if (!payload || payload.p !== binding(meta) || payload.e <= now || typeof providedState !== 'string' || !same(payload.h, providedState)) {
      return callback(null, false, INVALID);
    }
    this.#forgetExpired(now);
    if (this.#used.has(payload.h)) return callback(null, false, INVALID);
    this.#used.set(payload.h, payload.e);
    callback(null, payload.v ?? true, payload.s);
  }

  /** The cookie's payload when its signature is right, else undefined. */
  #open(value: string): Payload | undefined {
    const dot = value.indexOf('.');
    if (dot < 0) return undefined;
    const body = value.slice(0, dot);
    if (!same(value.slice(dot + 1), this.#sign(body))) return undefined;
    try {
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
      return typeof payload.h === 'string' && typeof payload.p === 'string' && typeof payload.e === 'number' ? payload : undefined;
    } catch {
      return undefined;
    }
  }

  #sign(body: string): string {
    return createHmac('sha256', this.#secret).update(`${this.#name}\n${body}`).digest('base64url');
  }

  /** One cookie per provider and app, so two logins in parallel do not overwrite each other. */
  #cookieName(meta: StateStoreMeta): string {
    return `${this.#name}_${createHmac('sha256', 'cookie-name').update(binding(meta)).digest('base64url').slice(0, 8)}`;
  }

  #attributes(meta: StateStoreMeta, maxAge: number): string {
    let path = '/';
    let https = false;
    if (meta.callbackURL) {
      const url = new URL(meta.callbackURL, 'http://relative.invalid');
      path = url.pathname;
      https = url.protocol === 'https:';
    }
    const secure = this.#secure === 'auto' ? https : this.#secure;
    return `Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  }

  /** Drops handles whose cookie has expired, and the oldest past the cap. Entries are in expiry order. */
  #forgetExpired(now: number): void {
    for (const [handle, expiry] of this.#used) {
      if (expiry > now && this.#used.size < MAX_REMEMBERED) break;
      this.#used.delete(handle);
    }
  }
}

function binding(meta: StateStoreMeta): string {
  return `${meta.authorizationURL}\n${meta.clientID}`;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * How to add a `Set-Cookie` line to the response of `req`, keeping the lines
 * already set: Node's response at `req.res` (Express, NestJS on Express), else
 * Koa's `ctx.append` (koa-passport's `req.res` has `setHeader` but no
 * `getHeader`, so it would replace them). Undefined when neither is there.
 */
function cookieWriter(req: Request): CookieWriter | undefined {
  const res = req.res;
  if (typeof res?.getHeader === 'function' && typeof res.setHeader === 'function') {
    const node = res as ServerResponse;
    return (cookie) => appendCookie(node, cookie);
  }
  const ctx = req.ctx;
  const append = ctx?.append;
  if (typeof append === 'function') return (cookie) => append.call(ctx, 'Set-Cookie', cookie);
  return undefined;
}

function appendCookie(res: ServerResponse, cookie: string): void {
  const previous = res.getHeader('Set-Cookie');
  const list = previous === undefined ? [] : Array.isArray(previous) ? previous : [String(previous)];
  res.setHeader('Set-Cookie', [...list, cookie]);
}
