/**
 * What one login carries from the redirect to the callback besides the CSRF
 * state: the OpenID Connect nonce, and the application's own `state`.
 *
 * Both travel inside the state store, wrapped in a {@link StoredLogin}; the
 * {@link StateStoreAdapter} around the strategy's store unwraps them on the
 * callback into the request's {@link LoginContext} and hands the app's own
 * state back to passport-oauth2 unchanged. So any store that keeps an
 * application state (passport-oauth2's session stores, `CookieStateStore`, a
 * custom store whose `store()` takes a state) carries them, and nothing is
 * derived or patched per request.
 *
 * @packageDocumentation
 */
import type { Request } from 'express';
import type { StateStore } from 'passport-oauth2';
import type { ProviderName } from './errors.js';
import type { IdTokenClaims } from './oidc/verifier.js';

/** The callback parameters, read once: from the query, then the body, as passport-oauth2 reads them. */
export interface Callback {
  code: unknown;
  state: unknown;
  error: unknown;
  errorDescription: unknown;
}

/** One login's data on its callback, from the callback's first line to the profile. */
export interface LoginContext {
  readonly callback: Callback;
  /** The nonce sent with this login's authorization request, from the state store. */
  nonce: string | undefined;
  /** Whether this login asked for an ID token (the strategy's setting, or `openid` in a per-request scope). */
  oidc: boolean;
  /** The verified ID token claims, once the token response passed the check. */
  claims: IdTokenClaims | undefined;
}

/** The key under which this package's part of a stored state lives. */
const MARK = 'passport-naver-kakao';

/** What is kept in the state store when a login carries more than the CSRF state. */
export interface StoredLogin {
  [MARK]: { nonce?: string };
  /** The application's own `state`, as it passed it to `authenticate()`. */
  state?: unknown;
}

/**
 * The state to hand to the store for a login that needs a nonce kept or has a
 * state of the app's own.
 *
 * @param appState - the `state` the app passed to `authenticate()`, if any
 * @param nonce - the nonce of this login, if it uses OpenID Connect
 */
export function storedLogin(appState: unknown, nonce: string | undefined): StoredLogin {
  const stored: StoredLogin = { [MARK]: nonce === undefined ? {} : { nonce } };
  if (appState !== undefined) stored.state = appState;
  return stored;
}

function isStoredLogin(value: unknown): value is StoredLogin {
  if (typeof value !== 'object' || value === null) return false;
  const part = (value as Record<string, unknown>)[MARK];
  return typeof part === 'object' && part !== null;
}

type StoreCallback = (err: Error | null, handle?: string) => void;
type VerifyCallback = (err: Error | null, ok?: unknown, state?: unknown) => void;
type AnyStore = {
  store: (...args: never[]) => void;
  verify: (...args: never[]) => void;
};

/** Whether a store keeps the application state `store()` is given (four or five parameters). */
export function keepsState(store: object): boolean {
  const fn = (store as Partial<AnyStore>).store;
  return typeof fn === 'function' && fn.length >= 4;
}

/** Whether a store takes the PKCE verifier (five parameters, as passport-oauth2 dispatches). */
export function keepsVerifier(store: object): boolean {
  const fn = (store as Partial<AnyStore>).store;
  return typeof fn === 'function' && fn.length === 5;
}

/**
 * Wraps a strategy's state store. `store()` passes everything through;
 * `verify()` moves this package's part of the stored state into the request's
 * {@link LoginContext} and hands the app's own state on to passport-oauth2.
 * Its methods have the five and four parameters passport-oauth2 looks for, and
 * call the wrapped store with the parameters it takes.
 */
export class StateStoreAdapter {
  /** The store passport-oauth2 chose or the app gave. */
  readonly inner: StateStore;
  readonly #contexts: WeakMap<object, LoginContext>;
  readonly #provider: ProviderName;

  /**
   * @param inner - the store passport-oauth2 chose or the app gave
   * @param contexts - the strategy's contexts of callbacks in progress, by request
   * @param provider - named in state failures
   */
  constructor(inner: StateStore, contexts: WeakMap<object, LoginContext>, provider: ProviderName) {
    this.inner = inner;
    this.#contexts = contexts;
    this.#provider = provider;
  }

  store(req: Request, verifier: string | undefined, state: unknown, meta: object, callback: StoreCallback): void {
    const store = this.inner.store as unknown as (...args: unknown[]) => void;
    switch (store.length) {
      case 5:
        return store.call(this.inner, req, verifier, state, meta, callback);
      case 4:
        return store.call(this.inner, req, state, meta, callback);
      case 3:
        return store.call(this.inner, req, meta, callback);
      default:
        return store.call(this.inner, req, callback);
    }
  }

  verify(req: Request, providedState: unknown, meta: object, callback: VerifyCallback): void {
    const verify = this.inner.verify as unknown as (...args: unknown[]) => void;
    const done: VerifyCallback = (err, ok, state) => {
      if (err) return callback(err);
      // A state failure gets the code and category every failure of this package has.
      if (!ok) return callback(null, false, stateFailure(state, this.#provider));
      if (!isStoredLogin(state)) return callback(null, ok, state);
      const login = this.#contexts.get(req);
      if (login) {
        const nonce = state[MARK].nonce;
        if (typeof nonce === 'string') {
          login.nonce = nonce;
          login.oidc = true;
        }
      }
      callback(null, ok, state.state);
    };
    if (verify.length === 4) verify.call(this.inner, req, providedState, meta, done);
    else verify.call(this.inner, req, providedState, done);
  }
}

/** The failure for a state that did not verify: the store's message, with code `invalid_state`. */
function stateFailure(info: unknown, provider: ProviderName): object {
  const message = typeof info === 'object' && info !== null && typeof (info as { message?: unknown }).message === 'string' ? (info as { message: string }).message : 'Unable to verify authorization request state.';
  return { message, code: 'invalid_state', category: 'login', provider };
}

/**
 * Reads the callback parameters once, from the query, then the body, as
 * passport-oauth2 reads `code` and `state`.
 */
export function readCallback(req: Request): Callback {
  // Each getter read once: Express 5's `req.query` parses the query string on every read.
  const rawQuery: unknown = req.query;
  const rawBody: unknown = req.body;
  const query = typeof rawQuery === 'object' && rawQuery !== null ? (rawQuery as Record<string, unknown>) : undefined;
  const body = typeof rawBody === 'object' && rawBody !== null ? (rawBody as Record<string, unknown>) : undefined;
  return { code: pick(query, body, 'code'), state: pick(query, body, 'state'), error: pick(query, body, 'error'), errorDescription: pick(query, body, 'error_description') };
}

function pick(query: Record<string, unknown> | undefined, body: Record<string, unknown> | undefined, key: string): unknown {
  const value = query?.[key];
  return value !== undefined ? value : body?.[key];
}
