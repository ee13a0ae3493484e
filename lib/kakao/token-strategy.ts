/**
 * Kakao logins from mobile apps: the app logs in with Kakao's Android, iOS or
 * JavaScript SDK and sends the access token (and, with OpenID Connect, the ID
 * token) to an API of its server, which checks them here.
 *
 * @packageDocumentation
 */
import type { Request } from 'express';
import { IdTokenError, KakaoAPIError } from '../errors.js';
import { endpoint, sendAsync, type Endpoint } from '../http.js';
import type { IdTokenVerifier } from '../oidc/verifier.js';
import { TokenStrategy, type SentTokens, type TokenFailure, type TokenLogin, type TokenStrategyCommonOptions } from '../token-strategy.js';
import type { VerifyFunction, VerifyFunctionWithParams, VerifyFunctionWithRequest, VerifyFunctionWithRequestAndParams } from '../types.js';
import { kakaoIdTokenVerifier, profileFromClaims } from './id-token.js';
import { audienceOption, withSecureResource } from './options.js';
import { readKakaoProfileResponse, readUserResponse } from './profile.js';
import { KAKAO_ACCESS_TOKEN_INFO_URL, KAKAO_PROFILE_URL } from './strategy.js';
import type { KakaoIdTokenClaims, KakaoIdTokenProfile, KakaoProfile, KakaoProfileFor, KakaoProfileFrom } from './types.js';

/** What the verify function receives as `params`: the tokens the request carried and what Kakao said of the access token. */
export interface KakaoTokenParams {
  /** The access token, when the request carried one. */
  access_token?: string;
  /** The body's `refresh_token`, when sent. */
  refresh_token?: string;
  /** The ID token, when sent (verified). */
  id_token?: string;
  /** Seconds the access token has left (`access_token_info`); absent with `profileFrom: 'id_token'`. */
  expires_in?: number;
  /** The app the access token was issued to (`access_token_info`); always this app's when present. */
  app_id?: number;
}

/** Options of {@link KakaoTokenStrategy}, whichever verify form is used. */
export interface KakaoTokenStrategyBaseOptions<F extends KakaoProfileFrom = 'user_me'> extends TokenStrategyCommonOptions {
  /**
   * The app's numeric app ID (앱 ID), which Kakao Developers shows on the
   * app's management page and in the app list. An access token whose
   * `access_token_info` names another app is refused. Required unless
   * `profileFrom` is `'id_token'`.
   */
  appId?: number | string | undefined;
  /** The REST API key. Without `audience`, it is the one accepted ID token audience. */
  clientID?: string | undefined;
  /**
   * The app keys an ID token's `aud` may be: the native app key for tokens from
   * Kakao's Android/iOS SDK, the JavaScript key for the JavaScript SDK
   * (docs/providers.md §C3). Default: `clientID`. Needed for any ID token.
   */
  audience?: string | readonly string[] | undefined;
  /**
   * `'user_me'` (default): the profile comes from `/v2/user/me` with the access
   * token, after `access_token_info`. `'id_token'`: the profile is built from
   * the verified ID token alone, with no request to Kakao (but the key set,
   * fetched once and cached); an access token sent along is passed to verify
   * as it is, unchecked.
   */
  profileFrom?: F | undefined;
  /** A request header that carries the ID token, instead of the body's `id_token` (read as the bare token). */
  idTokenHeader?: string | undefined;
  /** Override `https://kapi.kakao.com/v1/user/access_token_info`, e.g. with an emulator. */
  accessTokenInfoURL?: string | undefined;
  /** Override `https://kapi.kakao.com/v2/user/me`; `secure_resource=true` is added. */
  profileURL?: string | undefined;
  /** Override Kakao's JWKS URL. */
  jwksURL?: string | undefined;
  /** Override Kakao's issuer, `https://kauth.kakao.com`. */
  issuer?: string | undefined;
}

/** `appId` is required unless the profile comes from the ID token. */
type AppIdOption<F extends KakaoProfileFrom> = [F] extends ['id_token'] ? unknown : { appId: number | string };

/** Options of {@link KakaoTokenStrategy} with verify's plain forms. */
export type KakaoTokenStrategyOptions<F extends KakaoProfileFrom = 'user_me'> = KakaoTokenStrategyBaseOptions<F> &
  AppIdOption<F> & {
    /** `true` passes the request to verify first; see {@link KakaoTokenStrategyOptionsWithRequest}. */
    passReqToCallback?: false | undefined;
  };

/** Options of {@link KakaoTokenStrategy} with verify's request-first forms. */
export type KakaoTokenStrategyOptionsWithRequest<F extends KakaoProfileFrom = 'user_me'> = KakaoTokenStrategyBaseOptions<F> &
  AppIdOption<F> & {
    /** Verify receives the request first. */
    passReqToCallback: true;
  };

/** `(accessToken, refreshToken, profile, done)`. */
export type KakaoTokenVerifyFunction<P extends KakaoProfile | KakaoIdTokenProfile = KakaoProfile> = VerifyFunction<P>;
/** `(accessToken, refreshToken, params, profile, done)`. */
export type KakaoTokenVerifyFunctionWithParams<P extends KakaoProfile | KakaoIdTokenProfile = KakaoProfile> = VerifyFunctionWithParams<P, KakaoTokenParams>;
/** `(req, accessToken, refreshToken, profile, done)`, with `passReqToCallback: true`. */
export type KakaoTokenVerifyFunctionWithRequest<P extends KakaoProfile | KakaoIdTokenProfile = KakaoProfile> = VerifyFunctionWithRequest<P>;
/** `(req, accessToken, refreshToken, params, profile, done)`, with `passReqToCallback: true`. */
export type KakaoTokenVerifyFunctionWithRequestAndParams<P extends KakaoProfile | KakaoIdTokenProfile = KakaoProfile> = VerifyFunctionWithRequestAndParams<
  P,
  KakaoTokenParams
>;

/** Every option, whichever overload it came through. */
type AnyOptions = KakaoTokenStrategyBaseOptions<KakaoProfileFrom> & { passReqToCallback?: boolean | undefined };

/** The app ID as its decimal digits. */
function appIdOption(appId: unknown): string {
  if (typeof appId === 'number' && Number.isSafeInteger(appId) && appId > 0) return String(appId);
  if (typeof appId === 'string' && /^[1-9]\d{0,15}$/.test(appId)) return appId;
  throw new TypeError(
    "KakaoTokenStrategy requires an appId option (the app ID, a number that Kakao Developers shows on the app's page): without it any Kakao app's access token would log in. It is optional only with profileFrom: 'id_token'.",
  );
}

/**
 * Passport strategy (name `'kakao-token'`) for logins from mobile apps that
 * used Kakao's SDK: the API request carries the access token (body
 * `access_token`, or the `tokenHeader` you choose) and, with OpenID Connect,
 * the ID token (body `id_token`). Never the query string.
 *
 * An access token is checked with `GET /v1/user/access_token_info` first: one
 * issued to another app (its `app_id` is not `appId`) is refused before any
 * profile request, because Kakao accepts any app's token at `/v2/user/me`
 * (docs/providers.md §C12). Then `/v2/user/me` gives the same profile as
 * `KakaoStrategy`. An ID token is verified (RS256 against Kakao's JWKS, `iss`,
 * `aud` in `audience`, `exp`/`iat`, the nonce when one is given) and must name
 * the access token's user; its claims are in `profile.idToken`.
 *
 * Refused tokens end in `fail()` with a {@link TokenFailure}; a provider outage
 * in `error()` with the package's error classes.
 *
 * @example
 * ```ts
 * passport.use(new KakaoTokenStrategy({ appId: 1234567, audience: [REST_API_KEY, NATIVE_APP_KEY] },
 *   (accessToken, refreshToken, profile, done) => done(null, { id: profile.id })));
 * app.post('/api/login/kakao', express.json(), passport.authenticate('kakao-token', { session: false }), (req, res) => res.json(req.user));
 * ```
 */
export class KakaoTokenStrategy<F extends KakaoProfileFrom = 'user_me'> extends TokenStrategy<KakaoProfile | KakaoIdTokenProfile, KakaoTokenParams> {
  /** @internal The app ID as digits, or `undefined` with `profileFrom: 'id_token'` and no `appId`. */
  protected readonly _appId: string | undefined;
  /** @internal */
  protected readonly _profileFrom: KakaoProfileFrom;
  /** @internal Checks ID tokens; `undefined` when no audience is configured. */
  protected readonly _idTokens: IdTokenVerifier | undefined;
  /** @internal */
  protected readonly _accessTokenInfoEndpoint: Endpoint;
  /** @internal */
  protected readonly _profileEndpoint: Endpoint;
  private readonly _idTokenHeader: string | undefined;

  /**
   * @param options - see {@link KakaoTokenStrategyOptions}; never modified
   * @param verify - called with the tokens and the profile; its arity picks the form
   * @throws TypeError when `appId` (or, with `profileFrom: 'id_token'`, an audience) is missing, or an option is malformed
   */
  // The overloads follow KakaoStrategy's order: each plain form before its
  // `params` form, and the plain form repeated last for TypeScript's error message.
  constructor(options: KakaoTokenStrategyOptions<F>, verify: KakaoTokenVerifyFunction<KakaoProfileFor<F>>);
  constructor(options: KakaoTokenStrategyOptions<F>, verify: KakaoTokenVerifyFunctionWithParams<KakaoProfileFor<F>>);
  constructor(options: KakaoTokenStrategyOptionsWithRequest<F>, verify: KakaoTokenVerifyFunctionWithRequest<KakaoProfileFor<F>>);
  constructor(options: KakaoTokenStrategyOptionsWithRequest<F>, verify: KakaoTokenVerifyFunctionWithRequestAndParams<KakaoProfileFor<F>>);
  constructor(options: KakaoTokenStrategyOptions<F>, verify: KakaoTokenVerifyFunction<KakaoProfileFor<F>>);
  constructor(options: AnyOptions, verify: Function) {
    super(options, verify, 'kakao');
    const profileFrom = options.profileFrom ?? 'user_me';
    if (profileFrom !== 'user_me' && profileFrom !== 'id_token') throw new TypeError("KakaoTokenStrategy: profileFrom must be 'user_me' or 'id_token'");
    const audience = audienceOption('KakaoTokenStrategy', options.audience, options.clientID);
    if (profileFrom === 'id_token' && audience === undefined) {
      throw new TypeError("KakaoTokenStrategy: profileFrom: 'id_token' needs the app keys ID tokens are issued for (audience, or clientID)");
    }
    const idTokenHeader = options.idTokenHeader;
    if (idTokenHeader !== undefined && !(typeof idTokenHeader === 'string' && /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(idTokenHeader))) {
      throw new TypeError('KakaoTokenStrategy: idTokenHeader must be a header name');
    }
    this._appId = profileFrom === 'id_token' && options.appId === undefined ? undefined : appIdOption(options.appId);
    this._profileFrom = profileFrom;
    this._idTokenHeader = idTokenHeader?.toLowerCase();
    this._accessTokenInfoEndpoint = endpoint(options.accessTokenInfoURL ?? KAKAO_ACCESS_TOKEN_INFO_URL, 'accessTokenInfoURL');
    this._profileEndpoint = endpoint(withSecureResource(options.profileURL ?? KAKAO_PROFILE_URL), 'profileURL');
    this._idTokens =
      audience === undefined
        ? undefined
        : kakaoIdTokenVerifier({
            jwksURL: options.jwksURL,
            issuer: options.issuer,
            headers: this._apiHeaders,
            http: this._httpSettings,
            audience,
            clockTolerance: this._clockTolerance,
            // The nonce is checked in _verifyIdToken: required when the app
            // gives one for the request (Kakao echoes it, §C3), or always with requireNonce.
            nonceRequired: false,
          });
  }

  /** @internal The ID token: the `idTokenHeader` when configured and present, else the body's `id_token`. */
  protected override _idTokenValue(req: Request, body: Record<string, unknown>): unknown {
    const header = this._idTokenHeader === undefined ? undefined : req.headers?.[this._idTokenHeader];
    if (header !== undefined) return Array.isArray(header) ? header.join(', ') : header;
    return body['id_token'];
  }

  /** @internal The checks, in order: token info and app, ID token, profile. */
  protected async _check(req: Request, tokens: SentTokens): Promise<TokenLogin<KakaoProfile | KakaoIdTokenProfile, KakaoTokenParams>> {
    const { accessToken, idToken } = tokens;
    const params: KakaoTokenParams = {};
    if (accessToken !== undefined) params.access_token = accessToken;
    if (tokens.refreshToken !== '') params.refresh_token = tokens.refreshToken;
    if (idToken !== undefined) params.id_token = idToken;

    if (this._profileFrom === 'id_token') {
      if (idToken === undefined) throw this._refused('token_missing', 'config', 'The request carries no Kakao ID token (id_token), which this endpoint needs', 400);
      const claims = await this._verifyIdToken(req, idToken, accessToken);
      return { profile: profileFromClaims(claims), params, accessToken: accessToken ?? '' };
    }

    if (accessToken === undefined) throw this._refused('token_missing', 'config', 'The request carries no Kakao access token (access_token)', 400);
    const info = await this._tokenInfo(accessToken);
    params.expires_in = info.expiresIn;
    params.app_id = info.appId;
    // The app check comes before every other request: a token of another app
    // must not reach /v2/user/me, which would answer for it (§C12).
    if (String(info.appId) !== this._appId) {
      throw this._refused('wrong_app', 'config', `The Kakao access token was issued to another app (app ID ${info.appId}); this server accepts tokens of app ${this._appId} only`);
    }
    let claims: KakaoIdTokenClaims | undefined;
    if (idToken !== undefined) {
      claims = await this._verifyIdToken(req, idToken, accessToken);
      if (claims.sub !== info.id) throw new IdTokenError("Kakao ID token rejected: its subject is not the access token's user", 'ERR_SUB_MISMATCH', 'kakao');
    }
    const label = 'Kakao profile request';
    const res = await sendAsync(this._profileEndpoint, 'GET', this._bearer(accessToken), undefined, this._httpSettings, label);
    const profile = readKakaoProfileResponse(res, [accessToken]);
    if (profile instanceof Error) throw profile;
    if (claims !== undefined) profile.idToken = claims;
    return { profile, params, accessToken };
  }

  /**
   * @internal `GET /v1/user/access_token_info` (§C12): the token's user and app.
   *
   * @throws KakaoAPIError (`-401` expired or invalid, `-2` malformed, `-1` transient), ProviderRequestError
   */
  protected async _tokenInfo(accessToken: string): Promise<{ id: string; appId: number; expiresIn: number }> {
    const label = 'Kakao access token info request';
    const res = await sendAsync(this._accessTokenInfoEndpoint, 'GET', this._bearer(accessToken), undefined, this._httpSettings, label);
    const read = readUserResponse(res, label, [accessToken]);
    if (read instanceof Error) throw read;
    const { app_id: appId, expires_in: expiresIn } = read.json;
    // Without an app ID the token cannot be checked: never a login (the error is an outage, 'retry').
    if (typeof appId !== 'number' || !Number.isSafeInteger(appId)) {
      throw this._badAnswer(`${label} answered without an app_id`, res.status);
    }
    return { id: read.id, appId, expiresIn: typeof expiresIn === 'number' ? expiresIn : NaN };
  }

  /** @internal Verifies an ID token: signature, `iss`, `aud`, expiry, nonce, and `at_hash` when present. */
  protected async _verifyIdToken(req: Request, idToken: string, accessToken: string | undefined): Promise<KakaoIdTokenClaims> {
    const unconfigured =
      'The request carries a Kakao ID token, and this strategy has no audience (app keys) to check it against: configure audience or clientID, or do not send id_token';
    return (await this._checkIdToken(this._idTokens, unconfigured, req, idToken, accessToken)) as KakaoIdTokenClaims;
  }

  /** @internal Refused access tokens (`-401`, `-2`) and ID tokens are failures; everything else is an error. */
  protected _failureOf(err: unknown): TokenFailure | undefined {
    if (err instanceof IdTokenError) return this._idTokenFailure(err);
    // -401: invalid or expired; -2: malformed (§C12). -1 is transient and stays an error.
    if (err instanceof KakaoAPIError && (err.code === -401 || err.code === -2)) {
      return { message: `Kakao refused the access token (${err.code}: ${err.message})`, code: 'invalid_token', category: err.category, provider: 'kakao' };
    }
    return undefined;
  }
}
