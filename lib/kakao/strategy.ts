/**
 * The Kakao Login strategy.
 *
 * @packageDocumentation
 */
import { IdTokenError, KakaoAPIError, KakaoTokenError } from '../errors.js';
import { clockToleranceOption } from '../options.js';
import { endpoint, sendAsync, type Endpoint, type HttpResponse } from '../http.js';
import { keepsState, type LoginContext } from '../login-context.js';
import type { IdTokenVerifier } from '../oidc/verifier.js';
import type { SentValues } from '../redact.js';
import { oauthErrorBody, pkceOption, ProviderStrategy, requiredItemsOption, requireToken, scopeList, type ConsentFailure } from '../strategy.js';
import { oauthErrorMessage, type TokenParams } from '../token-client.js';
import { kakaoIdTokenVerifier, profileFromClaims } from './id-token.js';
import { audienceOption, withSecureResource } from './options.js';
import { missingKakaoItems, readScopesResponse, scopeListParam } from './consent.js';
import { readKakaoProfileResponse, readUserResponse } from './profile.js';
import type {
  KakaoAccessTokenInfo,
  KakaoAuthenticateOptions,
  KakaoIdTokenClaims,
  KakaoIdTokenProfile,
  KakaoLogoutURLOptions,
  KakaoProfile,
  KakaoProfileFor,
  KakaoProfileFrom,
  KakaoScopes,
  KakaoStrategyOptions,
  KakaoStrategyOptionsWithRequest,
  KakaoUnlinkResult,
  KakaoVerifyFunction,
  KakaoVerifyFunctionWithParams,
  KakaoVerifyFunctionWithRequest,
  KakaoVerifyFunctionWithRequestAndParams,
} from './types.js';

/** Kakao's authorization endpoint (docs/providers.md §B1). */
export const KAKAO_AUTHORIZATION_URL = 'https://kauth.kakao.com/oauth/authorize';
/** Kakao's token endpoint (§B3). */
export const KAKAO_TOKEN_URL = 'https://kauth.kakao.com/oauth/token';
/** Kakao's profile endpoint (§B4). */
export const KAKAO_PROFILE_URL = 'https://kapi.kakao.com/v2/user/me';
/** Kakao's logout endpoint (§B5). */
export const KAKAO_LOGOUT_URL = 'https://kapi.kakao.com/v1/user/logout';
/** Kakao's unlink endpoint (§B5). */
export const KAKAO_UNLINK_URL = 'https://kapi.kakao.com/v1/user/unlink';
/** Kakao's token info endpoint (§B5). */
export const KAKAO_ACCESS_TOKEN_INFO_URL = 'https://kapi.kakao.com/v1/user/access_token_info';
/** Kakao's consent check endpoint (§C12). */
export const KAKAO_SCOPES_URL = 'https://kapi.kakao.com/v2/user/scopes';
/** Kakao's consent withdrawal endpoint (§C12). */
export const KAKAO_REVOKE_SCOPES_URL = 'https://kapi.kakao.com/v2/user/revoke/scopes';
/** Kakao's "log out of the Kakao Account too" page (§C12). */
export const KAKAO_ACCOUNT_LOGOUT_URL = 'https://kauth.kakao.com/oauth/logout';

/** All options, whichever overload they came through. */
type AnyKakaoOptions = KakaoStrategyOptions<KakaoProfileFrom> | KakaoStrategyOptionsWithRequest<KakaoProfileFrom>;

/** An endpoint with query parameters added. */
function withQuery(target: Endpoint, params: Record<string, string>): Endpoint {
  const query = new URLSearchParams(params).toString();
  return { ...target, path: `${target.path}${target.path.includes('?') ? '&' : '?'}${query}` };
}

/** Joins a list with commas, the separator Kakao documents for `prompt`, `scope` and `service_terms` (§B1). */
function commaList(value: string | readonly string[]): string {
  return typeof value === 'string' ? value : value.join(',');
}

/**
 * Passport strategy for Kakao Login (카카오 로그인).
 *
 * The login redirects to Kakao with `response_type=code`, `client_id`,
 * `redirect_uri`, a `state` kept in the session and `scope` when given; on the
 * callback it checks the state, exchanges the code (with the same
 * `redirect_uri`, and `client_secret` only when one is configured), fetches
 * `/v2/user/me` with the token in the `Authorization` header, and calls verify
 * with a {@link KakaoProfile} whose `id` keeps every digit.
 *
 * Failures: a callback with `error` (Cancel, or `consent_required` after
 * `prompt: 'none'`) or a bad state fails the login; a token error is a
 * `KakaoTokenError` (a `TokenError`) with Kakao's `errorCode`; a profile error
 * is a `KakaoAPIError` with Kakao's `code`.
 *
 * @example
 * ```ts
 * passport.use(new KakaoStrategy({
 *   clientID: process.env.KAKAO_CLIENT_ID!,
 *   callbackURL: '/oauth2/redirect/kakao',
 * }, (accessToken, refreshToken, profile, done) => done(null, { id: profile.id })));
 * ```
 */
export class KakaoStrategy<F extends KakaoProfileFrom = 'user_me'> extends ProviderStrategy<KakaoProfile | KakaoIdTokenProfile> {
  /** @internal Checks ID tokens. */
  protected readonly _idTokens: IdTokenVerifier;
  /** @internal Whether every login uses OpenID Connect. */
  protected readonly _oidc: boolean;
  /** @internal */
  protected readonly _profileFrom: 'user_me' | 'id_token';
  /** @internal */
  protected readonly _logoutEndpoint: Endpoint;
  /** @internal */
  protected readonly _unlinkEndpoint: Endpoint;
  /** @internal */
  protected readonly _accessTokenInfoEndpoint: Endpoint;
  /** @internal */
  protected readonly _scopesEndpoint: Endpoint;
  /** @internal */
  protected readonly _revokeScopesEndpoint: Endpoint;
  /** @internal */
  protected readonly _accountLogoutURL: string;
  /** @internal The `requiredItems` option. */
  protected readonly _requiredItems: readonly string[];

  /**
   * @param options - see {@link KakaoStrategyOptions}; never modified
   * @param verify - called with the tokens and the profile; its arity picks the form
   * @throws TypeError when `clientID` is missing or an option is malformed
   */
  // `F` is inferred from `profileFrom` and picks the profile verify receives.
  // Order matters to TypeScript. An inline verify takes its parameter types from
  // the first overload whose options match, so each plain form comes before the
  // form with `params`. When no overload matches, TypeScript reports the last
  // one, so the plain `(options, verify)` form is repeated there: the error then
  // names the real cause instead of `passReqToCallback`.
  constructor(options: KakaoStrategyOptions<F>, verify: KakaoVerifyFunction<KakaoProfileFor<F>>);
  constructor(options: KakaoStrategyOptions<F>, verify: KakaoVerifyFunctionWithParams<KakaoProfileFor<F>>);
  constructor(options: KakaoStrategyOptionsWithRequest<F>, verify: KakaoVerifyFunctionWithRequest<KakaoProfileFor<F>>);
  constructor(options: KakaoStrategyOptionsWithRequest<F>, verify: KakaoVerifyFunctionWithRequestAndParams<KakaoProfileFor<F>>);
  constructor(options: KakaoStrategyOptions<F>, verify: KakaoVerifyFunction<KakaoProfileFor<F>>);
  constructor(options: AnyKakaoOptions, verify: Function) {
    if (typeof options !== 'object' || options === null) throw new TypeError('KakaoStrategy requires an options object');
    if (!options.clientID) throw new TypeError('KakaoStrategy requires a clientID option');
    if (options.clientSecret !== undefined && typeof options.clientSecret !== 'string') {
      throw new TypeError('KakaoStrategy: clientSecret must be a string when given');
    }
    const scope = scopeList(options.scope);
    const oidc = options.oidc === true || scope.includes('openid');
    const profileFrom = options.profileFrom ?? 'user_me';
    if (profileFrom !== 'user_me' && profileFrom !== 'id_token') throw new TypeError("KakaoStrategy: profileFrom must be 'user_me' or 'id_token'");
    if (profileFrom === 'id_token' && !oidc) throw new TypeError("KakaoStrategy: profileFrom: 'id_token' needs OpenID Connect (oidc: true, or openid in scope)");
    const store: object | undefined = options.store;
    const state = options.state !== false || store !== undefined;
    // The nonce is kept with the state, so OpenID Connect needs a store that keeps one.
    if (oidc && (!state || (store !== undefined && !keepsState(store)))) {
      throw new TypeError('KakaoStrategy: OpenID Connect keeps its nonce with the state, so it needs state: true or a store whose store() takes a state');
    }
    // PKCE is on by default: with the state alone, a code stolen from one
    // browser's callback URL can be replayed with the attacker's own state
    // (authorization code injection, RFC 9700 §2.1.1). The verifier travels in
    // the state store, so the store must take it.
    const pkce = pkceOption('KakaoStrategy', options.pkce, state, store, true);
    const audience = audienceOption('KakaoStrategy', options.audience, options.clientID)!;
    const requiredItems = requiredItemsOption(options.requiredItems, 'KakaoStrategy');
    if (requiredItems.length > 0 && profileFrom === 'id_token') throw new TypeError("KakaoStrategy: requiredItems needs the /v2/user/me profile, not profileFrom: 'id_token'");
    const clockTolerance = clockToleranceOption('KakaoStrategy', options.clockTolerance);
    super(oidc && !scope.includes('openid') ? { ...options, scope: [...scope, 'openid'] } : options, verify, {
      provider: 'kakao',
      authorizationURL: options.authorizationURL ?? KAKAO_AUTHORIZATION_URL,
      tokenURL: options.tokenURL ?? KAKAO_TOKEN_URL,
      profileURL: withSecureResource(options.profileURL ?? KAKAO_PROFILE_URL),
      // The token endpoint asks for this exact Content-Type (docs/providers.md §B3).
      tokenContentType: 'application/x-www-form-urlencoded;charset=utf-8',
      scopeSeparator: ',',
      // New REST API keys have Client Secret ON (§C1): send it whenever one is
      // configured. An empty string counts as none, so no empty or dummy
      // `client_secret` is ever sent.
      clientSecret: options.clientSecret || undefined,
      state,
      pkce,
    });
    this._oidc = oidc;
    this._profileFrom = profileFrom;
    this._logoutEndpoint = endpoint(options.logoutURL ?? KAKAO_LOGOUT_URL, 'logoutURL');
    this._unlinkEndpoint = endpoint(options.unlinkURL ?? KAKAO_UNLINK_URL, 'unlinkURL');
    this._accessTokenInfoEndpoint = endpoint(options.accessTokenInfoURL ?? KAKAO_ACCESS_TOKEN_INFO_URL, 'accessTokenInfoURL');
    this._scopesEndpoint = endpoint(options.scopesURL ?? KAKAO_SCOPES_URL, 'scopesURL');
    this._revokeScopesEndpoint = endpoint(options.revokeScopesURL ?? KAKAO_REVOKE_SCOPES_URL, 'revokeScopesURL');
    this._accountLogoutURL = endpoint(options.accountLogoutURL ?? KAKAO_ACCOUNT_LOGOUT_URL, 'accountLogoutURL').href;
    this._requiredItems = requiredItems;
    // Always built (it is cheap: jose loads on the first check), because one
    // login can ask for OpenID Connect with a per-request scope.
    this._idTokens = kakaoIdTokenVerifier({
      jwksURL: options.jwksURL,
      issuer: options.issuer,
      headers: this._apiHeaders,
      http: this._httpSettings,
      audience,
      clockTolerance,
      // Kakao documents that the nonce comes back as the `nonce` claim (§C3).
      nonceRequired: true,
    });
  }

  /** @internal Every login of a strategy built with OpenID Connect asks for an ID token. */
  protected override _alwaysOidc(): boolean {
    return this._oidc;
  }

  /** @internal A login asks for an ID token when the strategy does, or its own scope has `openid`. */
  protected override _wantsIdToken(options: KakaoAuthenticateOptions): boolean {
    return this._oidc || (options.scope !== undefined && scopeList(options.scope).includes('openid'));
  }

  /** @internal The ID token check of an OpenID Connect login. */
  protected override _checkTokens(params: TokenParams, login: LoginContext): Promise<void> | undefined {
    if (!login.oidc) return undefined;
    return this._idTokens.verify(params['id_token'], login.nonce).then((claims) => {
      login.claims = claims as KakaoIdTokenClaims;
    });
  }

  /**
   * Kakao's token errors are 4xx JSON with Kakao's own `error_code`
   * (§C6.3): they become a {@link KakaoTokenError}.
   */
  override parseErrorResponse(body: string, status: number): Error | null {
    const error = oauthErrorBody(body);
    if (error === undefined) return null;
    const errorCode = typeof error['error_code'] === 'string' ? error['error_code'] : undefined;
    return new KakaoTokenError(oauthErrorMessage(error), error.error, status, errorCode);
  }

  /** Reads `/v2/user/me`: the profile, or a `KakaoAPIError`. */
  override readProfile(res: HttpResponse, sent: SentValues = []): KakaoProfile | Error {
    return readKakaoProfileResponse(res, sent);
  }

  /** @internal The required consent items the profile lacks (§C2: `…_needs_agreement`, or no value). */
  protected override _missingItems(profile: KakaoProfile | KakaoIdTokenProfile): string[] {
    return this._requiredItems.length === 0 ? [] : missingKakaoItems((profile as KakaoProfile)._json, this._requiredItems);
  }

  /**
   * The `authenticate()` options that ask the user for exactly what is
   * missing: an additional-consent request with those items in `scope`
   * (`openid` kept when the strategy uses OpenID Connect, §C3).
   *
   * @param missing - the `missing` list of a `consent_required` failure, that
   *   failure itself, or a `KakaoAPIError` `-402` (its `requiredScopes`)
   * @example
   * ```ts
   * // On the callback: send the browser to a route that starts the additional consent.
   * if (info?.code === 'consent_required') return res.redirect('/login/kakao/more');
   * // That route (no `code` in its query, so it redirects to Kakao):
   * app.get('/login/kakao/more', passport.authenticate('kakao', kakao.reconsentOptions(['account_email'])));
   * ```
   */
  reconsentOptions(missing: readonly string[] | Pick<ConsentFailure, 'missing'> | { requiredScopes?: string[] | undefined }): { scope: string[] } {
    const items = Array.isArray(missing)
      ? (missing as readonly string[])
      : ((missing as { missing?: string[] }).missing ?? (missing as { requiredScopes?: string[] }).requiredScopes ?? []);
    if (items.length === 0) throw new TypeError('reconsentOptions() needs the missing items, a consent_required failure or a KakaoAPIError -402');
    const scope = [...items];
    if (this._oidc && !scope.includes('openid')) scope.push('openid');
    return { scope };
  }

  /**
   * Lists the user's consent items (`GET /v2/user/scopes`, §C12): which the app
   * uses, which the user agreed to, and which may be withdrawn.
   *
   * @param accessToken - the user's access token
   * @param scopes - only these item IDs, if given
   */
  async scopes(accessToken: string, scopes?: readonly string[]): Promise<KakaoScopes> {
    const label = 'Kakao consent check request';
    requireToken(accessToken, label);
    const target = scopes === undefined ? this._scopesEndpoint : withQuery(this._scopesEndpoint, { scopes: scopeListParam(scopes, 'scopes()') });
    const res = await this._apiRequest(target, 'GET', accessToken, label);
    const read = readScopesResponse(res, label, [accessToken]);
    if (read instanceof Error) throw read;
    return read;
  }

  /**
   * Withdraws the user's consent to items (`POST /v2/user/revoke/scopes`,
   * §C12). Only items with `revocable: true` can be withdrawn; a required item
   * is a `KakaoAPIError` `-3`, an unknown one `-2`.
   *
   * @returns the user's consent items afterwards
   */
  async revokeScopes(accessToken: string, scopes: readonly string[]): Promise<KakaoScopes> {
    const label = 'Kakao consent withdrawal request';
    const form = new URLSearchParams({ scopes: scopeListParam(scopes, 'revokeScopes()') }).toString();
    const res = await this._apiRequest(this._revokeScopesEndpoint, 'POST', accessToken, label, form);
    const read = readScopesResponse(res, label, [accessToken]);
    if (read instanceof Error) throw read;
    return read;
  }

  /**
   * Unlinks a user with the app's admin key, for a user whose tokens expired
   * long ago (`POST /v1/user/unlink`, `target_id_type=user_id`, §C12). The
   * admin key never appears in an error or log. Kakao sends no unlink webhook
   * for this call.
   *
   * @param userId - the user number, as decimal digits
   * @param adminKey - an admin key allowed to call Kakao Login APIs (`[앱] > [플랫폼 키] > [어드민 키]`)
   * @returns `{ id, alreadyUnlinked }`: a user who was no longer linked (`-101`) resolves with `alreadyUnlinked: true`
   */
  async unlinkUser(userId: string, adminKey: string): Promise<KakaoUnlinkResult> {
    const label = 'Kakao admin unlink request';
    if (typeof userId !== 'string' || !/^\d+$/.test(userId)) throw new TypeError(`${label} needs the user number as decimal digits`);
    requireToken(adminKey, label);
    const headers = { ...this._apiHeaders, Authorization: `KakaoAK ${adminKey}`, 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' };
    const form = new URLSearchParams({ target_id_type: 'user_id', target_id: userId }).toString();
    const res = await sendAsync(this._unlinkEndpoint, 'POST', headers, form, this._httpSettings, label);
    const read = readUserResponse(res, label, [adminKey]);
    // -101: the user is not linked to the app any more; nothing left to do (§C12).
    if (read instanceof KakaoAPIError && read.code === -101) return { id: userId, alreadyUnlinked: true };
    if (read instanceof Error) throw read;
    return { id: read.id, alreadyUnlinked: false };
  }

  /**
   * The URL of Kakao's page that logs the browser out of the Kakao Account too
   * (`/oauth/logout`, §C12). Redirect the browser there after logging the user
   * out of the app; Kakao then sends it to `logoutRedirectURI` with `state`,
   * which the app should check.
   */
  logoutURL(options: KakaoLogoutURLOptions): string {
    if (typeof options?.logoutRedirectURI !== 'string' || options.logoutRedirectURI === '') throw new TypeError('logoutURL() needs a logoutRedirectURI');
    const url = new URL(this._accountLogoutURL);
    url.searchParams.set('client_id', this._oauth2ClientID());
    url.searchParams.set('logout_redirect_uri', options.logoutRedirectURI);
    if (options.state !== undefined) url.searchParams.set('state', options.state);
    return url.href;
  }

  /** @internal The client ID (node-oauth keeps it). */
  protected _oauth2ClientID(): string {
    return (this._oauth2 as unknown as { _clientId: string })._clientId;
  }

  /**
   * Fetches the profile from `/v2/user/me`, or with `profileFrom: 'id_token'`
   * builds it from the verified ID token without a request. With OpenID
   * Connect, the claims are in `profile.idToken` either way.
   */
  override userProfile(accessToken: string, done: (err?: unknown, profile?: KakaoProfile | KakaoIdTokenProfile) => void): void {
    const claims = this._login?.claims as KakaoIdTokenClaims | undefined;
    if (claims && this._profileFrom === 'id_token') return done(null, profileFromClaims(claims));
    super.userProfile(accessToken, (err, profile) => {
      if (err || !profile || !claims) return done(err, profile);
      // The ID token and the profile must name one user (OIDC Core §5.3.2 asks the same of userinfo).
      if (claims.sub !== profile.id) return done(new IdTokenError("Kakao ID token rejected: its subject is not the profile's user", 'ERR_SUB_MISMATCH', 'kakao'));
      profile.idToken = claims;
      done(null, profile);
    });
  }

  /**
   * Logs the user out of the app at Kakao: the access token (and, per Kakao's
   * docs, its refresh token) stop working. The browser's Kakao session stays.
   *
   * @returns the user number; rejects with a `KakaoAPIError` (e.g. `-401`)
   */
  logout(accessToken: string): Promise<{ id: string }> {
    return this._userCall(this._logoutEndpoint, accessToken, 'Kakao logout request');
  }

  /**
   * Unlinks the user from the app: every token stops working and the next
   * login asks for consent again.
   *
   * @returns the user number; rejects with a `KakaoAPIError` (e.g. `-401`)
   */
  unlink(accessToken: string): Promise<{ id: string }> {
    return this._userCall(this._unlinkEndpoint, accessToken, 'Kakao unlink request');
  }

  /**
   * Reads what Kakao knows of an access token: its user, its app and how long it has left.
   *
   * @returns rejects with a `KakaoAPIError` (`-401` for an invalid or expired token)
   */
  async accessTokenInfo(accessToken: string): Promise<KakaoAccessTokenInfo> {
    const label = 'Kakao access token info request';
    const res = await this._apiRequest(this._accessTokenInfoEndpoint, 'GET', accessToken, label);
    const read = readUserResponse(res, label, [accessToken]);
    if (read instanceof Error) throw read;
    const { json, id } = read;
    const { expires_in: expiresIn, app_id: appId } = json;
    return { id, expiresIn: typeof expiresIn === 'number' ? expiresIn : NaN, appId: typeof appId === 'number' ? appId : NaN };
  }

  /** @internal A POST to a kapi endpoint that answers with the user number. */
  protected async _userCall(target: Endpoint, accessToken: string, label: string): Promise<{ id: string }> {
    const res = await this._apiRequest(target, 'POST', accessToken, label);
    const read = readUserResponse(res, label, [accessToken]);
    if (read instanceof Error) throw read;
    return { id: read.id };
  }

  /** Whitelisted Kakao parameters of the authorization request: `prompt`, `login_hint`, `service_terms`, `nonce`. */
  override authorizationParams(options: KakaoAuthenticateOptions): object {
    const params: Record<string, string> = {};
    if (options.nonce) params['nonce'] = options.nonce;
    if (options.prompt !== undefined && options.prompt.length > 0) params['prompt'] = commaList(options.prompt);
    if (options.loginHint) params['login_hint'] = options.loginHint;
    if (options.serviceTerms !== undefined && options.serviceTerms.length > 0) params['service_terms'] = commaList(options.serviceTerms);
    return params;
  }
}
