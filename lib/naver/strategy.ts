/**
 * The Naver Login strategy.
 *
 * @packageDocumentation
 */
import { NaverTokenError, ProviderRequestError } from '../errors.js';
import { clockToleranceOption } from '../options.js';
import { describeResponse, endpoint, sendAsync, type Endpoint, type HttpResponse } from '../http.js';
import { isObject, parseJSON } from '../json.js';
import { keepsState, type LoginContext } from '../login-context.js';
import type { IdTokenVerifier } from '../oidc/verifier.js';
import { naverIdTokenVerifier } from './id-token.js';
import { oauthErrorBody, pkceOption, ProviderStrategy, requiredItemsOption, requireToken, scopeList } from '../strategy.js';
import { clientForm, oauthErrorMessage, type OAuthErrorBody, type TokenParams } from '../token-client.js';
import { redactBody, type SentValues } from '../redact.js';
import { readNaverProfileResponse } from './profile.js';
import type {
  NaverAuthenticateOptions,
  NaverAuthType,
  NaverIdTokenClaims,
  NaverProfile,
  NaverRevokeOptions,
  NaverStrategyOptions,
  NaverStrategyOptionsWithRequest,
  NaverVerifyFunction,
  NaverVerifyFunctionWithParams,
  NaverVerifyFunctionWithRequest,
  NaverVerifyFunctionWithRequestAndParams,
} from './types.js';

/** Naver's authorization endpoint (docs/providers.md §A1). */
export const NAVER_AUTHORIZATION_URL = 'https://nid.naver.com/oauth2.0/authorize';
/** Naver's token endpoint (§A3). */
export const NAVER_TOKEN_URL = 'https://nid.naver.com/oauth2.0/token';
/** Naver's profile endpoint (§A5). */
export const NAVER_PROFILE_URL = 'https://openapi.naver.com/v1/nid/me';
/** Naver's token revocation endpoint (§A4); it also revokes tokens of OpenID Connect logins (§C8, likely). */
export const NAVER_REVOKE_URL = 'https://nid.naver.com/oauth2.0/revoke';
/** Naver's OpenID Connect authorization endpoint (§C8). */
export const NAVER_OIDC_AUTHORIZATION_URL = 'https://nid.naver.com/oauth2/authorize';
/** Naver's OpenID Connect token endpoint, also for refreshing (§C8). */
export const NAVER_OIDC_TOKEN_URL = 'https://nid.naver.com/oauth2/token';
export { NAVER_ISSUER, NAVER_JWKS_URL } from './id-token.js';

const AUTH_TYPES: ReadonlySet<string> = new Set<NaverAuthType>(['reprompt', 'reauthenticate', 'autologin']);

/**
 * Passport strategy for Naver Login (네이버 로그인).
 *
 * The login redirects to Naver with `response_type=code`, `client_id`,
 * `redirect_uri` and a `state` kept in the session; on the callback it checks
 * the state, exchanges the code (sending the same `state`, as Naver's docs ask),
 * fetches `/v1/nid/me` with the token in the `Authorization` header, and calls
 * verify with a {@link NaverProfile}.
 *
 * Failures: a callback with `error` (the user pressed Cancel) or a bad state
 * fails the login (`failureRedirect`, `failureMessage`); a token error is a
 * `TokenError`, even though Naver sends it with HTTP 200; a profile error is a
 * `NaverAPIError` with Naver's `resultcode`.
 *
 * @example
 * ```ts
 * passport.use(new NaverStrategy({
 *   clientID: process.env.NAVER_CLIENT_ID!,
 *   clientSecret: process.env.NAVER_CLIENT_SECRET!,
 *   callbackURL: '/oauth2/redirect/naver',
 * }, (accessToken, refreshToken, profile, done) => done(null, { id: profile.id })));
 * ```
 */
export class NaverStrategy extends ProviderStrategy<NaverProfile> {
  /** Default `auth_type`, from the `authType` option. */
  protected readonly _authType: NaverAuthType | undefined;
  protected readonly _revokeEndpoint: Endpoint;
  /** @internal The `requiredItems` option. */
  protected readonly _requiredItems: readonly string[];
  /** @internal Where `revoke({ method: 'delete' })` posts: the OAuth 2.0 token endpoint. */
  protected readonly _deleteEndpoint: Endpoint;
  /** @internal Whether logins use OpenID Connect. */
  protected readonly _oidc: boolean;
  /** @internal Checks ID tokens, with OpenID Connect. */
  protected readonly _idTokens: IdTokenVerifier | undefined;

  /**
   * @param options - see {@link NaverStrategyOptions}; never modified
   * @param verify - called with the tokens and the profile; its arity picks the form
   * @throws TypeError when `clientID` or `clientSecret` is missing, `state` is turned off, or an option is malformed
   */
  // Order matters to TypeScript. An inline verify takes its parameter types from
  // the first overload whose options match, so each plain form comes before the
  // form with `params`. When no overload matches, TypeScript reports the last
  // one, so the plain `(options, verify)` form is repeated there: the error then
  // names the real cause instead of `passReqToCallback`.
  constructor(options: NaverStrategyOptions, verify: NaverVerifyFunction);
  constructor(options: NaverStrategyOptions, verify: NaverVerifyFunctionWithParams);
  constructor(options: NaverStrategyOptionsWithRequest, verify: NaverVerifyFunctionWithRequest);
  constructor(options: NaverStrategyOptionsWithRequest, verify: NaverVerifyFunctionWithRequestAndParams);
  constructor(options: NaverStrategyOptions, verify: NaverVerifyFunction);
  constructor(options: NaverStrategyOptions | NaverStrategyOptionsWithRequest, verify: Function) {
    if (typeof options !== 'object' || options === null) throw new TypeError('NaverStrategy requires an options object');
    if (!options.clientID) throw new TypeError('NaverStrategy requires a clientID option');
    if (!options.clientSecret) throw new TypeError('NaverStrategy requires a clientSecret option');
    // Naver requires `state` on the authorization request (§A1), so it stays on.
    if ((options.state as unknown) === false) {
      throw new TypeError('NaverStrategy: Naver requires state; it cannot be turned off (pass a store to keep it outside the session)');
    }
    if (options.authType !== undefined && !AUTH_TYPES.has(options.authType)) {
      throw new TypeError(`NaverStrategy: authType must be one of ${[...AUTH_TYPES].join(', ')}`);
    }
    const scope = scopeList(options.scope);
    const oidc = options.oidc === true || scope.includes('openid');
    const store: object | undefined = options.store;
    if (oidc && store !== undefined && !keepsState(store)) {
      throw new TypeError('NaverStrategy: OpenID Connect keeps its nonce with the state, so it needs a store whose store() takes a state');
    }
    // Naver's OAuth 2.0 endpoints have no PKCE; its OpenID Connect endpoints
    // do (S256, docs/providers.md §C8, §D11), and there it is on by default.
    if (!oidc && options.pkce === true) throw new TypeError("NaverStrategy: PKCE needs OpenID Connect (oidc: true): Naver's OAuth 2.0 endpoints have none");
    const pkce = oidc && pkceOption('NaverStrategy', options.pkce, true, store, true);
    const clockTolerance = clockToleranceOption('NaverStrategy', options.clockTolerance);
    super(oidc && !scope.includes('openid') ? { ...options, scope: [...scope, 'openid'] } : options, verify, {
      provider: 'naver',
      authorizationURL: options.authorizationURL ?? (oidc ? NAVER_OIDC_AUTHORIZATION_URL : NAVER_AUTHORIZATION_URL),
      tokenURL: options.tokenURL ?? (oidc ? NAVER_OIDC_TOKEN_URL : NAVER_TOKEN_URL),
      profileURL: options.profileURL ?? NAVER_PROFILE_URL,
      tokenContentType: 'application/x-www-form-urlencoded',
      // Naver ignores `scope` on the OAuth 2.0 endpoint (docs/providers.md §A1);
      // items are set in the console. The OpenID Connect endpoint needs `openid` (§C8).
      scopeSeparator: ' ',
      // `client_secret_post`: the token table marks the secret required, though
      // discovery also lists `none` (§C8).
      clientSecret: options.clientSecret,
      state: true,
      pkce,
    });
    this._oidc = oidc;
    this._idTokens = oidc
      ? naverIdTokenVerifier({
          jwksURL: options.jwksURL,
          issuer: options.issuer,
          headers: this._apiHeaders,
          http: this._httpSettings,
          audience: [options.clientID],
          clockTolerance,
          // UNCONFIRMED whether Naver echoes the nonce (§C8). Safe choice: one is
          // always sent; a token that carries a nonce must match it; a token
          // without one is accepted only with PKCE on, which binds the code to this browser.
          // Without PKCE (`pkce: false`) nothing else binds the code to this browser: then the nonce must come back.
          nonceRequired: !pkce,
        })
      : undefined;
    this._authType = options.authType;
    this._revokeEndpoint = endpoint(options.revokeURL ?? NAVER_REVOKE_URL, 'revokeURL');
    // The legacy delete form lives on the OAuth 2.0 token endpoint (§A4, §C9), also for OpenID Connect logins.
    const tokenURL = options.tokenURL ?? (oidc ? NAVER_OIDC_TOKEN_URL : NAVER_TOKEN_URL);
    this._deleteEndpoint = endpoint(oidc ? tokenURL.replace(/\/oauth2\/token(?=$|\?)/, '/oauth2.0/token') : tokenURL, 'tokenURL');
    this._requiredItems = requiredItemsOption(options.requiredItems, 'NaverStrategy');
  }

  /**
   * Revokes a token: the user's link to the app is removed and both tokens of
   * the pair stop working (§A4). The token travels in the POST body.
   *
   * @param token - an access token, or a refresh token with `tokenTypeHint: 'refresh_token'`
   * @param options - see {@link NaverRevokeOptions}
   * @returns resolves when Naver confirmed; rejects with a `TokenError` carrying
   *   Naver's `error` code, or a `ProviderRequestError`
   */
  async revoke(token: string, options: NaverRevokeOptions = {}): Promise<void> {
    requireToken(token, 'revoke()');
    const client = this._tokenClient;
    const sent = [token, client.clientSecret];
    if (options.method === 'delete') {
      // The legacy form, deprecated 2026-05 but still what Naver's Android SDK sends (§A4, §C9).
      const form = clientForm(client, { grant_type: 'delete', access_token: token, service_provider: 'NAVER' });
      const res = await this._post(this._deleteEndpoint, form, 'Naver delete request');
      const json = parseJSON(res.body);
      if (isObject(json) && json['result'] === 'success') return;
      const error = this.parseErrorResponse(redactBody(res.body, sent), res.status);
      if (error) throw error;
      throw new ProviderRequestError(`Naver delete request answered ${describeResponse(res)} without result "success"`, 'EBADRESPONSE', res.status, 'naver');
    }
    const form = clientForm(client, { token, token_type_hint: options.tokenTypeHint ?? 'access_token' });
    const res = await this._post(this._revokeEndpoint, form, 'Naver revoke request');
    // Success is an HTTP 200, also for a token already revoked: judge by status (§A4, §C9).
    if (res.status >= 200 && res.status <= 299) return;
    const error = this.parseErrorResponse(redactBody(res.body, sent), res.status);
    if (error) throw error;
    throw new ProviderRequestError(`Naver revoke request answered ${describeResponse(res)}`, 'EBADRESPONSE', res.status, 'naver');
  }

  /** Sends a form with the token request's headers and settings. */
  /** @internal (Not `#private`: passport runs strategies through `Object.create`.) */
  protected _post(target: Endpoint, form: string, label: string): Promise<HttpResponse> {
    const client = this._tokenClient;
    return sendAsync(target, 'POST', client.headers, form, client.http, label);
  }

  /** Whitelisted Naver parameters of the authorization request: `auth_type`, and `nonce` with OpenID Connect. */
  override authorizationParams(options: NaverAuthenticateOptions & { nonce?: unknown }): object {
    const params: Record<string, string> = {};
    const authType = options.authType ?? this._authType;
    if (authType !== undefined && AUTH_TYPES.has(authType)) params['auth_type'] = authType;
    // Not in Naver's authorize table (§C8), sent anyway with OpenID Connect: see `nonceRequired` above.
    if (this._oidc && typeof options.nonce === 'string') params['nonce'] = options.nonce;
    return params;
  }

  /**
   * Naver's docs list `state` as a token request parameter (§A3); it is sent
   * equal to the callback's state, which the state store has just verified.
   */
  override tokenParams(options: object): object {
    const params = super.tokenParams(options) as Record<string | symbol, unknown>;
    const state = this._login?.callback.state;
    if (typeof state === 'string') params['state'] = state;
    return params;
  }

  /**
   * Naver answers token errors with HTTP 200 and `{error, error_description}`
   * (§A3, observed): they become a {@link NaverTokenError} with status 400, the
   * status RFC 6749 §5.2 gives them, so that Express does not see a 200 error.
   */
  override parseErrorResponse(body: string, status: number): Error | null {
    const error: OAuthErrorBody | undefined = oauthErrorBody(body);
    if (error === undefined) return null;
    const uri = typeof error.error_uri === 'string' ? error.error_uri : undefined;
    return new NaverTokenError(oauthErrorMessage(error), error.error, status >= 200 && status <= 299 ? 400 : status, uri);
  }

  /** @internal With OpenID Connect, every login asks for an ID token. */
  protected override _alwaysOidc(): boolean {
    return this._oidc;
  }

  /** @internal */
  protected override _wantsIdToken(): boolean {
    return this._oidc;
  }

  /** @internal The ID token check of an OpenID Connect login. */
  protected override _checkTokens(params: TokenParams, login: LoginContext): Promise<void> | undefined {
    if (!login.oidc || this._idTokens === undefined) return undefined;
    return this._idTokens.verify(params['id_token'], login.nonce).then((claims) => {
      login.claims = claims;
    });
  }

  /**
   * Fetches the profile from `/v1/nid/me`; with OpenID Connect the verified
   * claims are added as `profile.idToken`. Its `sub` is pairwise and is not
   * compared with the profile's `id` (§C8: their equality is unconfirmed).
   */
  override userProfile(accessToken: string, done: (err?: unknown, profile?: NaverProfile) => void): void {
    const claims = this._login?.claims;
    super.userProfile(accessToken, (err, profile) => {
      if (profile && claims) profile.idToken = claims as NaverIdTokenClaims;
      done(err, profile);
    });
  }

  /** @internal The required fields the profile lacks: Naver leaves out what the user did not agree to give (§A5). */
  protected override _missingItems(profile: NaverProfile): string[] {
    const user = profile._json as unknown as Record<string, unknown>;
    return this._requiredItems.filter((item) => typeof user[item] !== 'string' || user[item] === '');
  }

  /**
   * The `authenticate()` options that ask the user again for the items they
   * declined: `auth_type=reprompt`, Naver's way to show the consent screen
   * again (§A1). The items themselves are set in the console, not per request.
   *
   * @param _missing - the `missing` list or the `consent_required` failure (Naver needs no more than the fact)
   */
  reconsentOptions(_missing?: unknown): { authType: 'reprompt' } {
    return { authType: 'reprompt' };
  }

  /** Reads `/v1/nid/me`: the profile, or a `NaverAPIError`. */
  override readProfile(res: HttpResponse, sent: SentValues = []): NaverProfile | Error {
    return readNaverProfileResponse(res, sent);
  }
}
