/**
 * The Kakao Login strategy.
 *
 * @packageDocumentation
 */
import { IdTokenError, KakaoTokenError } from '../errors.js';
import { endpoint, type Endpoint, type HttpResponse } from '../http.js';
import { keepsState, keepsVerifier, type LoginContext } from '../login-context.js';
import { IdTokenVerifier } from '../oidc/verifier.js';
import { oauthErrorBody, ProviderStrategy } from '../strategy.js';
import { oauthErrorMessage, type TokenParams } from '../token-client.js';
import { KAKAO_ISSUER, KAKAO_JWKS_URL, profileFromClaims } from './id-token.js';
import { readKakaoProfileResponse, readUserResponse } from './profile.js';
import type {
  KakaoAccessTokenInfo,
  KakaoAuthenticateOptions,
  KakaoIdTokenClaims,
  KakaoIdTokenProfile,
  KakaoProfile,
  KakaoProfileFor,
  KakaoProfileFrom,
  KakaoStrategyOptions,
  KakaoStrategyOptionsWithRequest,
  KakaoVerifyFunction,
  KakaoVerifyFunctionWithParams,
  KakaoVerifyFunctionWithRequest,
  KakaoVerifyFunctionWithRequestAndParams,
} from './types.js';

/** Kakao's authorization endpoint (provider-apis.md §B1). */
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

/** All options, whichever overload they came through. */
type AnyKakaoOptions = KakaoStrategyOptions<KakaoProfileFrom> | KakaoStrategyOptionsWithRequest<KakaoProfileFrom>;

/** The scope as a list. */
function scopeList(scope: string | string[] | undefined): string[] {
  if (scope === undefined) return [];
  return typeof scope === 'string' ? scope.split(/[ ,]+/).filter(Boolean) : scope;
}

/**
 * Adds `secure_resource=true` unless the URL sets it: Kakao's default is
 * `false`, which gives http image URLs; Kakao's own SDKs always send `true` (§B4).
 */
function withSecureResource(url: string): string {
  if (/[?&]secure_resource=/.test(url)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}secure_resource=true`;
}

/** The accepted ID token audiences: the `audience` option, else the client ID. */
function audienceList(audience: unknown, clientID: string): string[] {
  if (audience === undefined) return [clientID];
  const list = typeof audience === 'string' ? [audience] : audience;
  if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === 'string' && item !== '')) {
    throw new TypeError('KakaoStrategy: audience must be an app key or a non-empty list of app keys');
  }
  return list as string[];
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
    const pkce = options.pkce ?? state;
    if (pkce && store !== undefined && !keepsVerifier(store)) {
      throw new TypeError(
        'KakaoStrategy: PKCE is on' +
          (options.pkce === undefined ? ' by default (it stops authorization code injection)' : '') +
          ', and this store cannot keep the code verifier: its store() must take (req, verifier, state, meta, callback). Use such a store (CookieStateStore does), or pass pkce: false to go without.',
      );
    }
    const audience = audienceList((options as { audience?: unknown }).audience, options.clientID);
    const clockTolerance = options.clockTolerance ?? 30;
    if (!(Number.isFinite(clockTolerance) && clockTolerance >= 0)) throw new TypeError('KakaoStrategy: clockTolerance must be a number of seconds');
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
    // Always built (it is cheap: jose loads on the first check), because one
    // login can ask for OpenID Connect with a per-request scope.
    this._idTokens = new IdTokenVerifier({
      label: 'Kakao',
      provider: 'kakao',
      jwks: endpoint(options.jwksURL ?? KAKAO_JWKS_URL, 'jwksURL'),
      headers: this._apiHeaders,
      http: this._httpSettings,
      issuer: options.issuer ?? KAKAO_ISSUER,
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

  /**
   * @internal Keeps `openid` in a per-request scope: Kakao issues no new ID
   * token for an additional-consent request without it (§C3).
   */
  protected override _oidcAuthorizeOptions(options: KakaoAuthenticateOptions, oidc: boolean): object {
    if (!oidc || options.scope === undefined) return {};
    const scope = scopeList(options.scope);
    return scope.includes('openid') ? {} : { scope: [...scope, 'openid'] };
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
  override readProfile(res: HttpResponse): KakaoProfile | Error {
    return readKakaoProfileResponse(res);
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
    const read = readUserResponse(res, label);
    if (read instanceof Error) throw read;
    const { json, id } = read;
    const { expires_in: expiresIn, app_id: appId } = json;
    return { id, expiresIn: typeof expiresIn === 'number' ? expiresIn : NaN, appId: typeof appId === 'number' ? appId : NaN };
  }

  /** @internal A POST to a kapi endpoint that answers with the user number. */
  protected async _userCall(target: Endpoint, accessToken: string, label: string): Promise<{ id: string }> {
    const res = await this._apiRequest(target, 'POST', accessToken, label);
    const read = readUserResponse(res, label);
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
