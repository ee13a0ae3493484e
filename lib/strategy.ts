/**
 * The part of a strategy that Naver and Kakao share: option checks, the HTTP
 * settings, the token endpoint, the profile request and the handling of a
 * callback that carries an error. The provider classes add their endpoints,
 * parameters and answer parsing.
 *
 * @packageDocumentation
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { Request } from 'express';
import type { Profile } from 'passport';
import OAuth2Strategy, { InternalOAuthError } from 'passport-oauth2';
import { endpoint, send, sendAsync, type Endpoint, type HttpResponse, type HttpSettings } from './http.js';
import { requestToken, useTokenEndpoint, type OAuthErrorBody, type TokenEndpoint, type TokenParams } from './oauth.js';
import type { CommonStrategyOptions } from './types.js';

/** Default for the `timeout` option, in milliseconds. */
export const DEFAULT_TIMEOUT = 10_000;
/** Default for the `maxResponseBytes` option: 1 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/** What a provider class tells the shared part about itself. */
export interface ProviderSettings<P extends Profile> {
  /** `'naver'` or `'kakao'`: the default strategy name. */
  readonly provider: string;
  /** `'Naver'` or `'Kakao'`: used in messages. */
  readonly label: string;
  readonly authorizationURL: string;
  readonly tokenURL: string;
  readonly profileURL: string;
  /** Content-Type of the token request. */
  readonly tokenContentType: string;
  /** How the scope array is joined. */
  readonly scopeSeparator: string;
  /** Client secret to send, or undefined to send none. */
  readonly clientSecret: string | undefined;
  /** Extra options for passport-oauth2 (`pkce`, `state`). */
  readonly base: { state: boolean; pkce?: boolean | undefined };
  /** Turns an OAuth error answer of the token endpoint into the error the app sees. */
  readonly tokenError: (body: OAuthErrorBody, status: number) => OAuth2Strategy.TokenError;
  /** Turns the profile endpoint's answer into a profile, or into the error the app sees. */
  readonly parseProfile: (res: HttpResponse) => P | Error;
}

/** A Passport failure, as `fail()` passes it on to `failureMessage` / `failureFlash`. */
export interface CallbackFailure {
  message: string;
  /** The provider's `error` code, or `invalid_request` for a malformed callback. */
  code: string;
}

/**
 * The shared base of {@link NaverStrategy} and {@link KakaoStrategy}.
 * Not exported from the package: use the provider classes.
 */
export class ProviderStrategy<P extends Profile> extends OAuth2Strategy {
  /** Timeout, size cap and agent for every provider request. */
  protected readonly _httpSettings: HttpSettings;
  /** Headers for API requests (profile and later calls), before `Authorization`. */
  protected readonly _apiHeaders: OutgoingHttpHeaders;
  protected readonly _profileEndpoint: Endpoint;
  /** `'Naver'` or `'Kakao'`. */
  protected readonly _providerLabel: string;
  /** The token endpoint, as the login and `refresh()` use it. */
  protected readonly _tokenEndpoint: TokenEndpoint;
  /** The provider's profile parser. (Not a `#private` field: passport runs strategies through `Object.create`.) */
  protected readonly _parseProfile: (res: HttpResponse) => P | Error;

  /**
   * @param options - the caller's options; never modified
   * @param verify - the app's verify function (its arity picks the form)
   * @param settings - what the provider class resolved
   */
  constructor(options: CommonStrategyOptions & { passReqToCallback?: boolean | undefined }, verify: Function, settings: ProviderSettings<P>) {
    const className = `${settings.label}Strategy`;
    if (typeof verify !== 'function') throw new TypeError(`${className} requires a verify callback`);
    const timeout = options.timeout ?? DEFAULT_TIMEOUT;
    if (!(Number.isFinite(timeout) && timeout > 0)) throw new TypeError(`${className}: timeout must be a positive number of milliseconds`);
    const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    if (!(Number.isInteger(maxResponseBytes) && maxResponseBytes > 0)) throw new TypeError(`${className}: maxResponseBytes must be a positive integer`);
    const tokenEndpoint = endpoint(settings.tokenURL, 'tokenURL');
    const profileEndpoint = endpoint(settings.profileURL, 'profileURL');
    endpoint(settings.authorizationURL, 'authorizationURL');

    const baseOptions: OAuth2Strategy.StrategyOptions = {
      clientID: options.clientID,
      clientSecret: settings.clientSecret ?? '',
      authorizationURL: settings.authorizationURL,
      tokenURL: settings.tokenURL,
      callbackURL: options.callbackURL,
      scope: options.scope,
      scopeSeparator: settings.scopeSeparator,
      sessionKey: options.sessionKey,
      store: options.store as OAuth2Strategy.StateStore | undefined,
      state: settings.base.state,
      pkce: settings.base.pkce,
      skipUserProfile: options.skipUserProfile,
      proxy: options.proxy,
      customHeaders: options.customHeaders,
    };
    const withRequest = { ...baseOptions, passReqToCallback: options.passReqToCallback === true } as OAuth2Strategy.StrategyOptions;
    super(withRequest, verify as OAuth2Strategy.VerifyFunction);

    this.name = options.name ?? settings.provider;
    this._providerLabel = settings.label;
    this._httpSettings = { timeout, maxResponseBytes, agent: options.agent };
    const userAgent = { 'User-Agent': 'passport-naver-kakao' };
    this._apiHeaders = { ...userAgent, Accept: 'application/json', ...options.customHeaders };
    this._profileEndpoint = profileEndpoint;
    this._parseProfile = settings.parseProfile;

    // node-oauth would put the token in the query string of `_oauth2.get()`;
    // nothing here uses it, but a subclass might.
    this._oauth2.useAuthorizationHeaderforGET(true);
    this._tokenEndpoint = {
      label: `${settings.label} token request`,
      endpoint: tokenEndpoint,
      headers: { ...userAgent, Accept: 'application/json', ...options.customHeaders, 'Content-Type': settings.tokenContentType },
      clientID: options.clientID,
      clientSecret: settings.clientSecret,
      http: this._httpSettings,
      tokenError: settings.tokenError,
    };
    useTokenEndpoint(this._oauth2, this._tokenEndpoint);
  }

  /**
   * Gets a new access token with a refresh token (`grant_type=refresh_token`).
   *
   * @param refreshToken - the refresh token from the login or an earlier refresh
   * @returns the new tokens; rejects with the same errors as the login's token
   *   request (`TokenError` and its Kakao form, `ProviderRequestError`)
   */
  refresh(refreshToken: string): Promise<TokenSet> {
    return new Promise((resolve, reject) => {
      if (typeof refreshToken !== 'string' || refreshToken === '') return reject(new TypeError('refresh() needs a refresh token'));
      requestToken(this._tokenEndpoint, { grant_type: 'refresh_token', refresh_token: refreshToken }, (err, _at, _rt, params) => {
        if (err) reject(err);
        else resolve(tokenSet(params!));
      });
    });
  }

  /**
   * Sends one request to a provider API with the access token in the
   * `Authorization` header, through the shared HTTP layer.
   *
   * @param target - the API endpoint
   * @param method - `GET` or `POST`
   * @param accessToken - sent as `Bearer`
   * @param label - names the request in errors, e.g. "Kakao logout request"
   */
  protected _apiRequest(target: Endpoint, method: 'GET' | 'POST', accessToken: string, label: string): Promise<HttpResponse> {
    return sendAsync(target, method, this._bearerHeaders(accessToken), undefined, this._httpSettings, label);
  }

  /** The API headers with the access token in `Authorization`: the only place a token goes. */
  protected _bearerHeaders(accessToken: string): OutgoingHttpHeaders {
    return { ...this._apiHeaders, Authorization: `Bearer ${accessToken}` };
  }

  /**
   * Runs one step of the login: the redirect to the provider, or the callback.
   * A callback that carries `error` (the user cancelled, or the provider refused)
   * or a malformed `code` fails the login with a message, before any request to
   * the provider.
   */
  override authenticate(req: Request, options?: object): void {
    const failure = callbackFailure(req.query, this._providerLabel);
    if (failure) return this.fail(failure);
    super.authenticate(req, options);
  }

  /**
   * Fetches the profile with the access token in the `Authorization` header.
   *
   * @param accessToken - the token from the token response
   * @param done - receives the profile, or a provider API error
   */
  override userProfile(accessToken: string, done: (err?: unknown, profile?: P) => void): void {
    send(this._profileEndpoint, 'GET', this._bearerHeaders(accessToken), undefined, this._httpSettings, `${this._providerLabel} profile request`, (err, res) => {
      if (err) return done(err);
      const profile = this._parseProfile(res!);
      if (profile instanceof Error) return done(profile);
      done(null, profile);
    });
  }

  /**
   * passport-oauth2 hands every token failure to this private hook
   * (lib/strategy.js, `_createOAuthError`), which wraps it again. The token
   * client here already reports typed errors, so they pass through unchanged.
   */
  _createOAuthError(message: string, err: unknown): Error {
    return err instanceof Error ? err : new InternalOAuthError(message, err);
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
  /** A new ID token (Kakao with OpenID Connect), not verified. */
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

/**
 * Checks the callback query before passport-oauth2 sees it.
 *
 * @returns the failure to report, or `undefined` when the callback may go on
 */
export function callbackFailure(query: unknown, provider: string): CallbackFailure | undefined {
  if (typeof query !== 'object' || query === null) return undefined;
  const { error, error_description: description, code } = query as Record<string, unknown>;
  if (error !== undefined) {
    const errorCode = typeof error === 'string' && error !== '' ? error : 'invalid_request';
    const message = typeof description === 'string' && description !== '' ? description : typeof error === 'string' && error !== '' ? error : `${provider} sent back an error without a description`;
    return { message, code: errorCode };
  }
  if (code !== undefined && (typeof code !== 'string' || code === '')) {
    return { message: `${provider} sent back a malformed authorization code`, code: 'invalid_request' };
  }
  return undefined;
}
