/**
 * The Kakao Login strategy.
 *
 * @packageDocumentation
 */
import type { Request } from 'express';
import type { OAuth2 } from 'oauth';
import { endpoint, type Endpoint } from '../http.js';
import type { TokenCallback } from '../oauth.js';
import { ProviderStrategy } from '../strategy.js';
import { kakaoUserId, missingUserId, readKakaoAnswer } from './api.js';
import { kakaoTokenError } from './errors.js';
import { IdTokenVerifier, KAKAO_ISSUER, KAKAO_JWKS_URL, nonceFor, profileFromClaims } from './id-token.js';
import { readKakaoProfileAnswer } from './profile.js';
import type {
  KakaoAccessTokenInfo,
  KakaoAuthenticateOptions,
  KakaoIdTokenClaims,
  KakaoIdTokenProfile,
  KakaoIdTokenStrategyOptions,
  KakaoIdTokenStrategyOptionsWithRequest,
  KakaoIdTokenVerifyFunction,
  KakaoIdTokenVerifyFunctionWithParams,
  KakaoIdTokenVerifyFunctionWithRequest,
  KakaoIdTokenVerifyFunctionWithRequestAndParams,
  KakaoProfile,
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

/** The JWKS is fetched again for an unknown key id at most this often. */
const JWKS_REFETCH_INTERVAL_MS = 30_000;

/** All options, whichever overload they came through. */
type AnyKakaoOptions = KakaoStrategyOptions | KakaoStrategyOptionsWithRequest | KakaoIdTokenStrategyOptions | KakaoIdTokenStrategyOptionsWithRequest;

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
export class KakaoStrategy extends ProviderStrategy<KakaoProfile | KakaoIdTokenProfile> {
  /** Checks ID tokens when OpenID Connect is on; undefined otherwise. */
  protected readonly _idTokens: IdTokenVerifier | undefined;
  protected readonly _profileFrom: 'user_me' | 'id_token';
  protected readonly _logoutEndpoint: Endpoint;
  protected readonly _unlinkEndpoint: Endpoint;
  protected readonly _accessTokenInfoEndpoint: Endpoint;
  /** Set on the per-request copy of the strategy once the ID token of this login passed. */
  protected _idTokenClaims: KakaoIdTokenClaims | undefined;

  /**
   * @param options - see {@link KakaoStrategyOptions}; never modified
   * @param verify - called with the tokens and the profile; its arity picks the form
   * @throws TypeError when `clientID` is missing or an option is malformed
   */
  constructor(options: KakaoStrategyOptions, verify: KakaoVerifyFunction);
  constructor(options: KakaoStrategyOptions, verify: KakaoVerifyFunctionWithParams);
  constructor(options: KakaoStrategyOptionsWithRequest, verify: KakaoVerifyFunctionWithRequest);
  constructor(options: KakaoStrategyOptionsWithRequest, verify: KakaoVerifyFunctionWithRequestAndParams);
  constructor(options: KakaoIdTokenStrategyOptions, verify: KakaoIdTokenVerifyFunction);
  constructor(options: KakaoIdTokenStrategyOptions, verify: KakaoIdTokenVerifyFunctionWithParams);
  constructor(options: KakaoIdTokenStrategyOptionsWithRequest, verify: KakaoIdTokenVerifyFunctionWithRequest);
  constructor(options: KakaoIdTokenStrategyOptionsWithRequest, verify: KakaoIdTokenVerifyFunctionWithRequestAndParams);
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
    // The nonce is derived from the state, so OpenID Connect needs one.
    if (oidc && options.state === false && !options.store) throw new TypeError('KakaoStrategy: OpenID Connect needs state (or a store)');
    const clockTolerance = options.clockTolerance ?? 30;
    if (!(Number.isFinite(clockTolerance) && clockTolerance >= 0)) throw new TypeError('KakaoStrategy: clockTolerance must be a number of seconds');
    super(oidc && !scope.includes('openid') ? { ...options, scope: [...scope, 'openid'] } : options, verify, {
      provider: 'kakao',
      label: 'Kakao',
      authorizationURL: options.authorizationURL ?? KAKAO_AUTHORIZATION_URL,
      tokenURL: options.tokenURL ?? KAKAO_TOKEN_URL,
      profileURL: withSecureResource(options.profileURL ?? KAKAO_PROFILE_URL),
      // The token endpoint asks for this exact Content-Type (§B3).
      tokenContentType: 'application/x-www-form-urlencoded;charset=utf-8',
      scopeSeparator: ',',
      // Client Secret is optional at Kakao (§B3): an empty string counts as none,
      // so no empty or dummy `client_secret` is ever sent.
      clientSecret: options.clientSecret || undefined,
      base: { state: options.state ?? true, pkce: options.pkce },
      tokenError: kakaoTokenError,
      parseProfile: readKakaoProfileAnswer,
    });
    this._profileFrom = profileFrom;
    this._logoutEndpoint = endpoint(options.logoutURL ?? KAKAO_LOGOUT_URL, 'logoutURL');
    this._unlinkEndpoint = endpoint(options.unlinkURL ?? KAKAO_UNLINK_URL, 'unlinkURL');
    this._accessTokenInfoEndpoint = endpoint(options.accessTokenInfoURL ?? KAKAO_ACCESS_TOKEN_INFO_URL, 'accessTokenInfoURL');
    this._idTokens = oidc
      ? new IdTokenVerifier({
          jwks: endpoint(options.jwksURL ?? KAKAO_JWKS_URL, 'jwksURL'),
          headers: this._apiHeaders,
          http: this._httpSettings,
          issuer: options.issuer ?? KAKAO_ISSUER,
          audience: options.clientID,
          clockTolerance,
          refetchIntervalMs: JWKS_REFETCH_INTERVAL_MS,
        })
      : undefined;
    this._idTokenClaims = undefined;
  }

  /**
   * Runs one step of the login. With OpenID Connect, the step runs on a
   * per-request copy of the strategy: the redirect gets a `nonce`, and the
   * token exchange checks the ID token before the profile and verify.
   */
  override authenticate(req: Request, options: KakaoAuthenticateOptions = {}): void {
    const verifier = this._idTokens;
    if (!verifier) return super.authenticate(req, options);
    const flow = Object.create(this) as KakaoStrategy;
    const query = (req.query ?? {}) as Record<string, unknown>;
    // passport-oauth2 also takes a `code` from the body (form_post): treat that
    // as a callback too, so no code reaches the token request unchecked.
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (query['code'] === undefined && body['code'] === undefined) {
      if (options.nonce === undefined) {
        flow.redirect = (url: string, status?: number) => {
          const state = new URL(url).searchParams.get('state');
          this.redirect(state ? `${url}&nonce=${encodeURIComponent(nonceFor(state))}` : url, status);
        };
      }
    } else {
      const state = query['state'] ?? body['state'];
      const nonce = options.nonce ?? (typeof state === 'string' ? nonceFor(state) : undefined);
      const shared = this._oauth2;
      const perRequest = Object.create(shared) as OAuth2;
      const getToken = (code: string, params: object, done: TokenCallback): void =>
        (shared.getOAuthAccessToken as unknown as (c: string, p: object, d: TokenCallback) => void)(code, params, (err, accessToken, refreshToken, tokenParams) => {
          if (err) return done(err);
          // Leave the promise chain before calling back into passport, so that
          // nothing passport or verify throws turns into a second callback.
          verifier.verify(tokenParams!['id_token'], nonce).then(
            (claims) => {
              flow._idTokenClaims = claims;
              process.nextTick(done, null, accessToken, refreshToken, tokenParams);
            },
            (error: unknown) => process.nextTick(done, error instanceof Error ? error : new Error(String(error))),
          );
        });
      (perRequest as unknown as { getOAuthAccessToken: typeof getToken }).getOAuthAccessToken = getToken;
      flow._oauth2 = perRequest;
    }
    ProviderStrategy.prototype.authenticate.call(flow, req, options);
  }

  /**
   * Fetches the profile from `/v2/user/me`, or with `profileFrom: 'id_token'`
   * builds it from the verified ID token without a request. With OpenID
   * Connect, the claims are in `profile.idToken` either way.
   */
  override userProfile(accessToken: string, done: (err?: unknown, profile?: KakaoProfile | KakaoIdTokenProfile) => void): void {
    const claims = this._idTokenClaims;
    if (claims && this._profileFrom === 'id_token') return done(null, profileFromClaims(claims));
    super.userProfile(accessToken, (err, profile) => {
      if (profile && claims) profile.idToken = claims;
      done(err, profile);
    });
  }

  /**
   * Logs the user out of the app at Kakao: the access token (and, per Kakao's
   * docs, its refresh token) stop working. The browser's Kakao session stays.
   *
   * @returns the user number; rejects with a `KakaoAPIError` (e.g. `-401`)
   */
  logout(accessToken: string): Promise<{ id: string }> {
    return this.#userCall(this._logoutEndpoint, accessToken, 'Kakao logout request');
  }

  /**
   * Unlinks the user from the app: every token stops working and the next
   * login asks for consent again.
   *
   * @returns the user number; rejects with a `KakaoAPIError` (e.g. `-401`)
   */
  unlink(accessToken: string): Promise<{ id: string }> {
    return this.#userCall(this._unlinkEndpoint, accessToken, 'Kakao unlink request');
  }

  /**
   * Reads what Kakao knows of an access token: its user, its app and how long it has left.
   *
   * @returns rejects with a `KakaoAPIError` (`-401` for an invalid or expired token)
   */
  async accessTokenInfo(accessToken: string): Promise<KakaoAccessTokenInfo> {
    const label = 'Kakao access token info request';
    const res = await this._apiRequest(this._accessTokenInfoEndpoint, 'GET', accessToken, label);
    const json = readKakaoAnswer(res, label);
    if (json instanceof Error) throw json;
    const id = kakaoUserId(json, res.body);
    if (id === undefined) throw missingUserId(res, label);
    const { expires_in: expiresIn, app_id: appId } = json;
    return { id, expiresIn: typeof expiresIn === 'number' ? expiresIn : NaN, appId: typeof appId === 'number' ? appId : NaN };
  }

  async #userCall(target: Endpoint, accessToken: string, label: string): Promise<{ id: string }> {
    const res = await this._apiRequest(target, 'POST', accessToken, label);
    const json = readKakaoAnswer(res, label);
    if (json instanceof Error) throw json;
    const id = kakaoUserId(json, res.body);
    if (id === undefined) throw missingUserId(res, label);
    return { id };
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
