/**
 * The part of a strategy that Naver and Kakao share: option checks, the HTTP
 * settings, the token client, the callback (read once), the state store and
 * the profile request. The provider classes override passport-oauth2's own
 * hooks (`authorizationParams`, `tokenParams`, `parseErrorResponse`) and
 * `readProfile`.
 *
 * @packageDocumentation
 */
import { randomBytes } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import { resolve as resolveURL } from 'node:url';
import { inspect } from 'node:util';
import type { Request } from 'express';
import type { Profile } from 'passport';
// Named imports only: a default import of a CommonJS module makes the bundle copy all its properties at load (scripts/bundle.mjs).
import { InternalOAuthError, Strategy as OAuth2Strategy, TokenError, type StateStore, type StrategyOptions, type VerifyFunction } from 'passport-oauth2';
// @ts-expect-error passport-oauth2 ships no types for its utils module
import { originalURL as untypedOriginalURL } from 'passport-oauth2/lib/utils.js';
import { catalog } from './catalog.js';
import type { ErrorCategory } from './error-catalog.js';
import type { ProviderName } from './errors.js';
import { apiHeaders, httpSettingsOption } from './options.js';
import { bearerHeaders, endpoint, send, sendAsync, withHeader, type Endpoint, type HttpResponse, type HttpSettings } from './http.js';
import { isObject, parseJSON } from './json.js';
import type { SentValues } from './redact.js';
import { keepsState, keepsVerifier, readCallback, StateStoreAdapter, storedLogin, type Callback, type LoginContext } from './login-context.js';
import {
  installTokenClient,
  LOGIN_CONTEXT,
  oauthErrorMessage,
  requestToken,
  tokenClient,
  type OAuthErrorBody,
  type TokenClient,
  type TokenParams,
} from './token-client.js';
import type { CommonStrategyOptions } from './types.js';

/** What a provider class resolved from its options and defaults, for the shared part. */
export interface ResolvedOptions {
  readonly provider: ProviderName;
  readonly authorizationURL: string;
  readonly tokenURL: string;
  readonly profileURL: string;
  /** Content-Type of the token request. */
  readonly tokenContentType: string;
  /** How the scope array is joined. */
  readonly scopeSeparator: string;
  /** Client secret to send, or undefined to send none. */
  readonly clientSecret: string | undefined;
  /** CSRF state. */
  readonly state: boolean;
  /** PKCE with S256. */
  readonly pkce: boolean;
}

/** A Passport failure, as `fail()` passes it on to `failureMessage` / `failureFlash`. */
export interface CallbackFailure {
  /** What happened, for a person. */
  message: string;
  /**
   * The provider's `error` code as sent (`access_denied`, `consent_required`, ...),
   * `invalid_state` for a missing, expired or mismatched state, or
   * `invalid_request` for a malformed callback.
   */
  code: string;
  /** What the app should do next; see `describeError()`. */
  category: ErrorCategory;
  /** The provider of the login. */
  provider: ProviderName;
}

/** The failure of a login whose profile lacks items listed in `requiredItems`. */
export interface ConsentFailure extends CallbackFailure {
  code: 'consent_required';
  category: 'consent';
  /** The required items the user did not agree to share. */
  missing: string[];
}

/**
 * Checks a `requiredItems` option.
 *
 * @throws TypeError naming the option
 */
export function requiredItemsOption(items: unknown, className: string): string[] {
  if (items === undefined) return [];
  if (!Array.isArray(items) || !items.every((item) => typeof item === 'string' && item !== '')) {
    throw new TypeError(`${className}: requiredItems must be a list of item names`);
  }
  return [...items] as string[];
}

/** A scope option as a list (Naver and Kakao accept a string with spaces or commas). */
export function scopeList(scope: string | readonly string[] | undefined): string[] {
  if (scope === undefined) return [];
  return typeof scope === 'string' ? scope.split(/[ ,]+/).filter(Boolean) : [...scope];
}

/**
 * Resolves the `pkce` option: on by default (`defaultOn`) wherever there is
 * state. With PKCE on, a custom store must keep the verifier.
 *
 * @throws TypeError when the store cannot keep the verifier
 */
export function pkceOption(className: string, pkce: boolean | undefined, state: boolean, store: object | undefined, defaultOn: boolean): boolean {
  const on = pkce ?? (defaultOn && state);
  if (on && store !== undefined && !keepsVerifier(store)) {
    throw new TypeError(
      `${className}: PKCE is on` +
        (pkce === undefined ? ' by default (it stops authorization code injection)' : '') +
        ', and this store cannot keep the code verifier: its store() must take (req, verifier, state, meta, callback). Use such a store (CookieStateStore does), or pass pkce: false to go without.',
    );
  }
  return on;
}

/** Options of one `authenticate()` call that the shared part reads. */
interface AuthenticateOptionsBase {
  state?: unknown;
  nonce?: unknown;
  scope?: string | string[] | undefined;
}

/**
 * The shared base of `NaverStrategy` and `KakaoStrategy`.
 * Not exported from the package: use the provider classes.
 */
export abstract class ProviderStrategy<P extends Profile> extends OAuth2Strategy {
  /** @internal Timeout, size cap, agent and provider of every provider request. */
  protected readonly _httpSettings: HttpSettings;
  /** @internal Headers for API requests, before `Authorization`. */
  protected readonly _apiHeaders: OutgoingHttpHeaders;
  /** @internal */
  protected readonly _profileEndpoint: Endpoint;
  /** @internal `'naver'` or `'kakao'`. */
  protected readonly _provider: ProviderName;
  /** @internal `'Naver'` or `'Kakao'`, for messages. */
  protected readonly _label: string;
  /** @internal The token endpoint, as the login and `refresh()` use it. */
  protected readonly _tokenClient: TokenClient;
  /** @internal Callbacks in progress, by request: the state store adapter fills them in. */
  protected readonly _logins = new WeakMap<object, LoginContext>();
  /**
   * @internal The login in progress. Set only on the per-request object a
   * callback runs on (see `authenticate`): passport-oauth2
   * hands `userProfile` nothing but the access token, so this is how the token
   * step's results (ID token claims) reach it. Never set on the strategy itself.
   */
  protected _login: LoginContext | undefined;

  /**
   * @param options - the caller's options; never modified
   * @param verify - the app's verify function (its arity picks the form)
   * @param resolved - what the provider class resolved
   */
  constructor(options: CommonStrategyOptions & { passReqToCallback?: boolean | undefined }, verify: Function, resolved: ResolvedOptions) {
    const label = resolved.provider === 'naver' ? 'Naver' : 'Kakao';
    const className = `${label}Strategy`;
    if (typeof verify !== 'function') throw new TypeError(`${className} requires a verify callback`);
    const http = httpSettingsOption(className, options, resolved.provider);
    const headers = apiHeaders(options.customHeaders);
    const tokenEndpoint = endpoint(resolved.tokenURL, 'tokenURL');
    const profileEndpoint = endpoint(resolved.profileURL, 'profileURL');
    const authorizationEndpoint = endpoint(resolved.authorizationURL, 'authorizationURL');
    const name = options.name ?? resolved.provider;

    super(
      {
        clientID: options.clientID,
        // node-oauth never sends anything here: the token client below does. So
        // the secret is not given to it, and `_oauth2` cannot show it.
        clientSecret: '',
        authorizationURL: resolved.authorizationURL,
        tokenURL: resolved.tokenURL,
        callbackURL: options.callbackURL,
        scope: options.scope,
        scopeSeparator: resolved.scopeSeparator,
        // Per app and strategy name, so that two strategies of one provider
        // (two apps, or two names) never complete each other's callbacks.
        sessionKey: options.sessionKey ?? `oauth2:${authorizationEndpoint.hostname}:${name}:${options.clientID}`,
        // `true` picks passport-oauth2's session store that keeps the app's
        // own state (its default `NonceStore` drops it).
        store: (options.store as StateStore | undefined) ?? (resolved.state ? true : undefined),
        state: resolved.state,
        pkce: resolved.pkce,
        skipUserProfile: options.skipUserProfile,
        proxy: options.proxy,
        passReqToCallback: options.passReqToCallback === true,
      } as StrategyOptions,
      onceVerify(verify, className) as VerifyFunction,
    );

    this.name = name;
    this._provider = resolved.provider;
    this._label = label;
    const self = this as unknown as { _stateStore: StateStore };
    self._stateStore = new StateStoreAdapter(self._stateStore, this._logins, resolved.provider) as unknown as StateStore;
    this._httpSettings = http;
    this._apiHeaders = headers;
    this._profileEndpoint = profileEndpoint;
    this._login = undefined;
    this._tokenClient = tokenClient(
      {
        label: `${label} token request`,
        endpoint: tokenEndpoint,
        headers: { ...headers, 'Content-Type': resolved.tokenContentType },
        clientID: options.clientID,
        http: this._httpSettings,
        // A closure, not `this`: the installed token call must not depend on its receiver (see installTokenClient).
        parseError: (body, status) => this.parseErrorResponse(body, status) ?? new TokenError(`${label} token request failed`, 'server_error', undefined, status),
        check: (params, login) => this._checkTokens(params, login),
      },
      resolved.clientSecret,
    );
    installTokenClient(this._oauth2, this._tokenClient);
  }

  /**
   * Gets a new access token with a refresh token (`grant_type=refresh_token`).
   *
   * @param refreshToken - the refresh token from the login or an earlier refresh
   * @returns the new tokens; rejects with the same errors as the login's token
   *   request (`NaverTokenError` / `KakaoTokenError`, `ProviderRequestError`)
   */
  refresh(refreshToken: string): Promise<TokenSet> {
    return new Promise((resolve, reject) => {
      if (typeof refreshToken !== 'string' || refreshToken === '') return reject(new TypeError('refresh() needs a refresh token'));
      requestToken(this._tokenClient, { grant_type: 'refresh_token', refresh_token: refreshToken }, (err, _at, _rt, params) => {
        if (err) reject(err);
        else resolve(tokenSet(params!));
      });
    });
  }

  /**
   * @internal Sends one request to a provider API with the access token in the
   * `Authorization` header, through the shared HTTP layer.
   *
   * @param target - the API endpoint
   * @param method - `GET` or `POST`
   * @param accessToken - sent as `Bearer`; checked before anything is sent
   * @param label - names the request in errors, e.g. "Kakao logout request"
   * @param body - a form body, if any
   */
  protected async _apiRequest(target: Endpoint, method: 'GET' | 'POST', accessToken: string, label: string, body?: string): Promise<HttpResponse> {
    requireToken(accessToken, label);
    const headers = this._bearerHeaders(accessToken);
    return sendAsync(target, method, body === undefined ? headers : withHeader(headers, 'Content-Type', 'application/x-www-form-urlencoded;charset=utf-8'), body, this._httpSettings, label);
  }

  /** @internal The API headers with the access token in `Authorization`: the only place a token goes. */
  protected _bearerHeaders(accessToken: string): OutgoingHttpHeaders {
    return bearerHeaders(this._apiHeaders, accessToken);
  }

  /**
   * Runs one step of the login: the redirect to the provider, or the callback.
   *
   * The callback is read once (query, then body, as passport-oauth2 reads it).
   * One that carries `error` (the user cancelled, or the provider refused) or a
   * malformed `code` fails the login with a {@link CallbackFailure}, before any
   * request to the provider.
   */
  override authenticate(req: Request, options: object = {}): void {
    const unresolvable = this._unresolvableCallback(req, options as { callbackURL?: unknown });
    if (unresolvable) return this.fail(unresolvable, 400);
    const callback = readCallback(req);
    if (callback.code !== undefined || callback.error !== undefined) {
      const failure = callbackFailure(callback, this._label, this._provider);
      if (failure) return this.fail(failure);
      const login: LoginContext = { callback, nonce: undefined, oidc: this._alwaysOidc(), claims: undefined };
      const legacyNonce = (options as AuthenticateOptionsBase).nonce;
      if (typeof legacyNonce === 'string' && legacyNonce !== '') login.nonce = legacyNonce;
      this._logins.set(req, login);
      // passport (and the framework adapters) run authenticate on a per-request
      // object made with Object.create(strategy): the login is kept on that one.
      // Called on the strategy itself, or on an object that already holds a login
      // (one wrapper reused for several requests), a per-login object is made, so
      // no two logins ever share one. (An Object.create of every per-request
      // object would give V8 a new prototype, and a new map, on every login.)
      const flow = Object.hasOwn(this, '_provider') || Object.hasOwn(this, '_login') ? (Object.create(this) as this) : this;
      flow._login = login;
      return super.authenticate.call(flow, req, options);
    }
    const authorize = options as AuthenticateOptionsBase;
    const oidc = this._wantsIdToken(authorize);
    const appState = authorize.state;
    if (!oidc && typeof appState !== 'string') return super.authenticate(req, options);
    const store = (this as unknown as { _stateStore: StateStoreAdapter })._stateStore.inner;
    if (!keepsState(store)) {
      return this.error(
        new TypeError(
          `${this._label}Strategy: this login needs a state store that keeps a state (${oidc ? 'the OpenID Connect nonce' : 'the state string passed to authenticate()'}), and the store's store() takes no state argument`,
        ),
      );
    }
    // A nonce given by the app is kept as it is; otherwise a fresh one. Either
    // way it is kept in the state store and checked on the callback.
    const nonce = oidc ? (typeof authorize.nonce === 'string' && authorize.nonce !== '' ? authorize.nonce : randomBytes(24).toString('base64url')) : undefined;
    super.authenticate(req, { ...options, ...this._oidcAuthorizeOptions(authorize, oidc), state: storedLogin(appState, nonce), nonce });
  }

  /**
   * @internal passport-oauth2 resolves a relative `callbackURL` against the
   * request's own URL, `url.resolve(originalURL(req), callbackURL)`
   * (lib/strategy.js), and Node throws ERR_INVALID_URL out of that when the
   * Host header (or a trusted X-Forwarded-Host) is not a host name, such as `[`.
   * The same resolution is tried here first, with passport-oauth2's own
   * `originalURL`, so such a request fails the login instead of throwing out of
   * `authenticate()`. An absolute callbackURL is never resolved.
   */
  private _unresolvableCallback(req: Request, options: { callbackURL?: unknown }): CallbackFailure | undefined {
    const callbackURL = options.callbackURL || (this as unknown as { _callbackURL?: unknown })._callbackURL;
    // url.parse's test for a scheme, which is what passport-oauth2 asks of url.parse.
    if (typeof callbackURL !== 'string' || /^\s*[a-z0-9.+-]+:/i.test(callbackURL)) return undefined;
    try {
      // And the result must be a URL by WHATWG's rules too (url.resolve lets `Host: x:99999` through),
      // as CookieStateStore and the provider read it.
      new URL(resolveURL(originalURL(req, { proxy: (this as unknown as { _trustProxy?: boolean })._trustProxy }), callbackURL));
      return undefined;
    } catch {
      return {
        message: `${this._label} login request has a Host header that is not a host name, so the relative callbackURL cannot be resolved`,
        code: 'invalid_request',
        // As every invalid_request failure (describeError): a proxy that sends a broken X-Forwarded-Host is a configuration to fix.
        category: 'config',
        provider: this._provider,
      };
    }
  }

  /**
   * @internal Whether every login of this strategy uses OpenID Connect. The
   * provider class overrides it.
   */
  protected _alwaysOidc(): boolean {
    return false;
  }

  /** @internal Whether this authorization request asks for an ID token. */
  protected _wantsIdToken(_options: AuthenticateOptionsBase): boolean {
    return false;
  }

  /**
   * @internal Keeps `openid` in a per-request scope of an OpenID Connect login:
   * without it Kakao issues no new ID token (§C3) and Naver's `/oauth2/authorize`
   * refuses the request (§C8).
   */
  protected _oidcAuthorizeOptions(options: AuthenticateOptionsBase, oidc: boolean): object {
    if (!oidc || options.scope === undefined) return {};
    const scope = scopeList(options.scope);
    return scope.includes('openid') ? {} : { scope: [...scope, 'openid'] };
  }

  /**
   * @internal Runs on the tokens of a login before the profile (the ID token
   * check). `undefined` when there is nothing to check.
   */
  protected _checkTokens(_params: TokenParams, _login: LoginContext): Promise<void> | undefined {
    return undefined;
  }

  /**
   * Extra token request parameters: passport-oauth2's hook. Here it also hands
   * the login in progress to the token client, under a Symbol key that is never sent.
   */
  override tokenParams(_options: object): object {
    return this._login === undefined ? {} : { [LOGIN_CONTEXT]: this._login };
  }

  /**
   * Reads an OAuth error response of the token endpoint: passport-oauth2's
   * hook, which here keeps the HTTP status. The provider classes return their
   * own error classes.
   *
   * @param body - the response text, already cleaned of the values the request sent
   * @param status - the HTTP status
   * @returns the error, or `null` when the body is not an OAuth error
   */
  override parseErrorResponse(body: string, status: number): Error | null {
    const error = oauthErrorBody(body);
    return error === undefined ? null : new TokenError(oauthErrorMessage(error), error.error, typeof error.error_uri === 'string' ? error.error_uri : undefined, status);
  }

  /**
   * Turns the profile endpoint's response into a profile, or into the error the
   * app sees. The provider classes override it.
   *
   * @param res - the whole response
   * @param sent - the access token the request carried: the provider may echo
   *   it in an error message, and it is cut out of every error's texts
   */
  abstract readProfile(res: HttpResponse, sent?: SentValues): P | Error;

  /**
   * Fetches the profile with the access token in the `Authorization` header.
   *
   * @param accessToken - the token from the token response
   * @param done - receives the profile, or a provider API error
   */
  override userProfile(accessToken: string, done: (err?: unknown, profile?: P) => void): void {
    if (typeof accessToken !== 'string' || accessToken === '') return done(new TypeError(`${this._label} profile request needs a token (a non-empty string)`));
    send(this._profileEndpoint, 'GET', this._bearerHeaders(accessToken), undefined, this._httpSettings, `${this._label} profile request`, (err, res) => {
      if (err) return done(err);
      const profile = this.readProfile(res!, [accessToken]);
      if (profile instanceof Error) return done(profile);
      // During a login, a profile without a required item ends it as a consent
      // failure: verify never sees a profile with missing data.
      const missing = this._login === undefined ? [] : this._missingItems(profile);
      if (missing.length > 0) return this.fail(this._consentFailure(missing));
      done(null, profile);
    });
  }

  /** @internal The `requiredItems` a profile lacks; the provider classes override it. */
  protected _missingItems(_profile: P): string[] {
    return [];
  }

  /** @internal The failure of a login whose profile lacks required items. */
  protected _consentFailure(missing: string[]): ConsentFailure {
    return {
      message: `The user did not agree to share ${missing.join(', ')}, which this app requires`,
      code: 'consent_required',
      category: 'consent',
      provider: this._provider,
      missing,
    };
  }

  /**
   * @internal passport-oauth2 hands every token failure to this private hook
   * (lib/strategy.js, `_createOAuthError`), which would wrap it in an
   * `InternalOAuthError`. The token client already reports typed errors, so
   * they pass through unchanged: the only way to keep them typed.
   */
  _createOAuthError(message: string, err: unknown): Error {
    return err instanceof Error ? err : new InternalOAuthError(message, err);
  }

  /** What `util.inspect` shows: the class and name, never options or secrets. */
  [inspect.custom](): string {
    return `${this._label}Strategy { name: ${inspect(this.name)} }`;
  }

  /** What `JSON.stringify` shows: the name only. */
  toJSON(): { name: string } {
    return { name: this.name };
  }
}

/** What `refresh()` resolves to. */
export interface TokenSet {
  accessToken: string;
  /** A new refresh token, when the provider sent one (Kakao does in the last month of the old one's life; the old one then stops working). */
  refreshToken?: string;
  /** Seconds. */
  expiresIn?: number;
  /** Seconds. */
  refreshTokenExpiresIn?: number;
  /** A new ID token (OpenID Connect), not verified. */
  idToken?: string;
  scope?: string;
  /** The whole token response, with numeric expiries. */
  params: TokenParams;
}

function tokenSet(params: TokenParams): TokenSet {
  const set: TokenSet = { accessToken: params.access_token, params };
  const { refresh_token: refreshToken, expires_in: expiresIn, refresh_token_expires_in: refreshExpiresIn, id_token: idToken, scope } = params;
  if (typeof refreshToken === 'string') set.refreshToken = refreshToken;
  if (typeof expiresIn === 'number') set.expiresIn = expiresIn;
  if (typeof refreshExpiresIn === 'number') set.refreshTokenExpiresIn = refreshExpiresIn;
  if (typeof idToken === 'string') set.idToken = idToken;
  if (typeof scope === 'string') set.scope = scope;
  return set;
}

/** The OAuth error body in a token endpoint's response text, or `undefined`. */
export function oauthErrorBody(body: string): OAuthErrorBody | undefined {
  const json = parseJSON(body);
  return isObject(json) && typeof json['error'] === 'string' ? (json as OAuthErrorBody) : undefined;
}

/**
 * Refuses a token that is not a non-empty string before any request: a method
 * called with `undefined` must not send `Bearer undefined`.
 *
 * @throws TypeError naming the request
 */
export function requireToken(token: unknown, what: string): asserts token is string {
  if (typeof token !== 'string' || token === '') throw new TypeError(`${what} needs a token (a non-empty string)`);
}

/** passport-oauth2's reconstruction of a request's URL (lib/utils.js), used where it resolves a relative callbackURL. */
const originalURL = untypedOriginalURL as (req: Request, options: { proxy?: boolean | undefined }) => string;

/**
 * Checks the callback before passport-oauth2 sees it.
 *
 * @returns the failure to report, or `undefined` when the callback may go on
 */
export function callbackFailure(callback: Callback, label: string, provider: ProviderName): CallbackFailure | undefined {
  const { error, errorDescription: description, code } = callback;
  if (error !== undefined) {
    const errorCode = typeof error === 'string' && error !== '' ? error : 'invalid_request';
    const text = typeof description === 'string' && description !== '' ? description : undefined;
    const message = text ?? (typeof error === 'string' && error !== '' ? error : `${label} sent back an error without a description`);
    return { message, code: errorCode, category: catalog().callbackErrorCategory(provider, errorCode, text), provider };
  }
  if (typeof code !== 'string' || code === '') {
    return { message: `${label} sent back a malformed authorization code`, code: 'invalid_request', category: 'config', provider };
  }
  return undefined;
}

/**
 * The verify function, with a `done` that acts once: a second call (or a throw
 * after the first) is dropped and reported once as a process warning, so a
 * login never ends in two actions. The wrapper keeps verify's `length`, which
 * passport-oauth2 reads to pick the arguments.
 */
function onceVerify(verify: Function, className: string): Function {
  let warned = false;
  const warn = (what: string): void => {
    if (warned) return;
    warned = true;
    process.emitWarning(`${className}: verify ${what} after it had already called done(); ignored`, { code: 'PASSPORT_NAVER_KAKAO_VERIFY_DONE_TWICE' });
  };
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const last = args.length - 1;
    const done = args[last];
    if (typeof done !== 'function') return verify.apply(this, args);
    const once: DoneState = { called: false, actionThrew: false };
    args[last] = onceDone(done as (...result: unknown[]) => unknown, warn, once);
    try {
      return verify.apply(this, args);
    } catch (err) {
      // An exception from the app after the action: raised as it would be without
      // this package, outside passport-oauth2's try/catch (which would add a second action).
      if (once.actionThrew) return void process.nextTick(rethrow, err);
      if (once.called) return warn('threw');
      // verify threw first: passport-oauth2 reports it; a done() that comes later is dropped.
      once.called = true;
      throw err;
    }
  };
  Object.defineProperty(wrapped, 'length', { value: verify.length });
  return wrapped;
}

function rethrow(err: unknown): never {
  throw err;
}

/** What the `done` handed to verify has seen. */
interface DoneState {
  /** done() was called (or verify threw first). */
  called: boolean;
  /** The action done() ran (the app's own code) threw. */
  actionThrew: boolean;
}

/**
 * The `done` handed to verify, which acts once. Made in its own function: a
 * closure made inside the wrapper kept each login's objects alive through
 * young-generation collections (about 6 KB more promoted per login, measured
 * with `node --trace-gc-nvp`).
 */
function onceDone(done: (...result: unknown[]) => unknown, warn: (what: string) => void, state: DoneState): (...result: unknown[]) => unknown {
  return (...result: unknown[]): unknown => {
    if (state.called) return warn('called done() again');
    state.called = true;
    try {
      return done(...result);
    } catch (err) {
      // The app's own code, run by passport's action (a custom callback): not verify's fault.
      state.actionThrew = true;
      throw err;
    }
  };
}
