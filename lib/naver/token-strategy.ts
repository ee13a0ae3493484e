/**
 * Naver logins from mobile apps: the app logs in with Naver's Android or iOS
 * SDK and sends the access token (and, with Naver's OpenID Connect, the ID
 * token) to an API of its server, which checks them here.
 *
 * @packageDocumentation
 */
import type { Request } from 'express';
import { IdTokenError, NaverAPIError } from '../errors.js';
import { endpoint, sendAsync, type Endpoint } from '../http.js';
import type { IdTokenVerifier } from '../oidc/verifier.js';
import { TokenStrategy, type SentTokens, type TokenFailure, type TokenLogin, type TokenStrategyCommonOptions } from '../token-strategy.js';
import type { VerifyFunction, VerifyFunctionWithParams, VerifyFunctionWithRequest, VerifyFunctionWithRequestAndParams } from '../types.js';
import { readNaverProfileResponse } from './profile.js';
import { naverIdTokenVerifier } from './id-token.js';
import { NAVER_PROFILE_URL } from './strategy.js';
import type { NaverIdTokenClaims, NaverProfile } from './types.js';

/** What the verify function receives as `params`: the tokens the request carried. */
export interface NaverTokenParams {
  /** The access token. */
  access_token: string;
  /** The body's `refresh_token`, when sent. */
  refresh_token?: string;
  /** The ID token, when sent (verified). */
  id_token?: string;
}

/** Options of {@link NaverTokenStrategy}, whichever verify form is used. */
export interface NaverTokenStrategyBaseOptions extends TokenStrategyCommonOptions {
  /**
   * The app's Client ID. With it, an ID token sent along (body `id_token`, from
   * Naver's OpenID Connect) is verified with `aud` = this Client ID. Without it,
   * a request that carries an ID token is refused.
   */
  clientID?: string | undefined;
  /**
   * Refuse requests without a Naver ID token. Naver offers no documented way
   * to tell which app an access token was issued to; an ID token's `aud` does
   * (docs/providers.md §C12, §C8). Needs `clientID`. Default false.
   *
   * The ID token proves a login to this app, but it is bound to the access
   * token sent with it only when it carries `at_hash` (then checked; whether
   * Naver includes it is unconfirmed). Without `at_hash`, another app's access
   * token can travel with your ID token, so key accounts on `profile.idToken.sub`
   * (pairwise: one stable value per user for this app), not on `profile.id`.
   */
  requireIdToken?: boolean | undefined;
  /** Override `https://openapi.naver.com/v1/nid/me`, e.g. with an emulator. */
  profileURL?: string | undefined;
  /** Override Naver's JWKS URL, `https://nid.naver.com/oauth2/jwks`. */
  jwksURL?: string | undefined;
  /** Override Naver's issuer, `https://nid.naver.com`. */
  issuer?: string | undefined;
}

/** Options of {@link NaverTokenStrategy} with verify's plain forms. */
export interface NaverTokenStrategyOptions extends NaverTokenStrategyBaseOptions {
  /** `true` passes the request to verify first; see {@link NaverTokenStrategyOptionsWithRequest}. */
  passReqToCallback?: false | undefined;
}

/** Options of {@link NaverTokenStrategy} with verify's request-first forms. */
export interface NaverTokenStrategyOptionsWithRequest extends NaverTokenStrategyBaseOptions {
  /** Verify receives the request first. */
  passReqToCallback: true;
}

/** `(accessToken, refreshToken, profile, done)`. */
export type NaverTokenVerifyFunction = VerifyFunction<NaverProfile>;
/** `(accessToken, refreshToken, params, profile, done)`. */
export type NaverTokenVerifyFunctionWithParams = VerifyFunctionWithParams<NaverProfile, NaverTokenParams>;
/** `(req, accessToken, refreshToken, profile, done)`, with `passReqToCallback: true`. */
export type NaverTokenVerifyFunctionWithRequest = VerifyFunctionWithRequest<NaverProfile>;
/** `(req, accessToken, refreshToken, params, profile, done)`, with `passReqToCallback: true`. */
export type NaverTokenVerifyFunctionWithRequestAndParams = VerifyFunctionWithRequestAndParams<NaverProfile, NaverTokenParams>;

/**
 * Passport strategy (name `'naver-token'`) for logins from mobile apps that
 * used Naver's SDK: the API request carries the access token (body
 * `access_token`, or the `tokenHeader` you choose), never in the query string.
 * The profile comes from `/v1/nid/me`, as with `NaverStrategy`.
 *
 * Naver documents no way to tell which app an access token belongs to
 * (`/v1/nid/verify` does not say, docs/providers.md §C12). Naver's ids are per
 * app, so another app's token yields an id no account of yours has; it can
 * still sign up a new account. When the app sends a Naver OpenID Connect ID
 * token too and `clientID` is set, the ID token is verified (RS256 against
 * Naver's JWKS, `iss` `https://nid.naver.com`, `aud` = `clientID`, expiry,
 * nonce when both sides have one; §C8) and its claims are in `profile.idToken`;
 * `requireIdToken: true` refuses requests without one.
 *
 * @example
 * ```ts
 * passport.use(new NaverTokenStrategy({ clientID: NAVER_CLIENT_ID, requireIdToken: true },
 *   (accessToken, refreshToken, profile, done) => done(null, { id: profile.id })));
 * ```
 */
export class NaverTokenStrategy extends TokenStrategy<NaverProfile, NaverTokenParams> {
  /** @internal Checks ID tokens; `undefined` without `clientID`. */
  protected readonly _idTokens: IdTokenVerifier | undefined;
  /** @internal */
  protected readonly _requireIdToken: boolean;
  /** @internal */
  protected readonly _profileEndpoint: Endpoint;

  /**
   * @param options - see {@link NaverTokenStrategyOptions}; never modified
   * @param verify - called with the tokens and the profile; its arity picks the form
   * @throws TypeError for a malformed option, or `requireIdToken` without `clientID`
   */
  constructor(options: NaverTokenStrategyOptions, verify: NaverTokenVerifyFunction);
  constructor(options: NaverTokenStrategyOptions, verify: NaverTokenVerifyFunctionWithParams);
  constructor(options: NaverTokenStrategyOptionsWithRequest, verify: NaverTokenVerifyFunctionWithRequest);
  constructor(options: NaverTokenStrategyOptionsWithRequest, verify: NaverTokenVerifyFunctionWithRequestAndParams);
  constructor(options: NaverTokenStrategyOptions, verify: NaverTokenVerifyFunction);
  constructor(options: NaverTokenStrategyBaseOptions & { passReqToCallback?: boolean | undefined }, verify: Function) {
    super(options, verify, 'naver');
    const { clientID } = options;
    if (clientID !== undefined && (typeof clientID !== 'string' || clientID === '')) throw new TypeError('NaverTokenStrategy: clientID must be a non-empty string when given');
    if (options.requireIdToken === true && clientID === undefined) throw new TypeError('NaverTokenStrategy: requireIdToken needs clientID, the audience of the ID tokens');
    this._requireIdToken = options.requireIdToken === true;
    this._profileEndpoint = endpoint(options.profileURL ?? NAVER_PROFILE_URL, 'profileURL');
    this._idTokens =
      clientID === undefined
        ? undefined
        : naverIdTokenVerifier({
            jwksURL: options.jwksURL,
            issuer: options.issuer,
            headers: this._apiHeaders,
            http: this._httpSettings,
            // Naver's ID tokens carry the Client ID as `aud` (§C8, observed).
            audience: [clientID],
            clockTolerance: this._clockTolerance,
            // Whether Naver echoes a nonce is UNCONFIRMED (§C8): a token without
            // the claim passes unless the app gives a nonce for the request
            // (then _checkNonce requires it) or sets requireNonce.
            nonceRequired: false,
          });
  }

  /** @internal The checks, in order: ID token (no request but the key set), then the profile. */
  protected async _check(req: Request, tokens: SentTokens): Promise<TokenLogin<NaverProfile, NaverTokenParams>> {
    const { accessToken, idToken } = tokens;
    if (accessToken === undefined) throw this._refused('token_missing', 'config', 'The request carries no Naver access token (access_token)', 400);
    const params: NaverTokenParams = { access_token: accessToken };
    if (tokens.refreshToken !== '') params.refresh_token = tokens.refreshToken;
    let claims: NaverIdTokenClaims | undefined;
    if (idToken !== undefined) {
      params.id_token = idToken;
      claims = await this._verifyIdToken(req, idToken, accessToken);
    } else if (this._requireIdToken) {
      throw this._refused('token_missing', 'config', 'The request carries no Naver ID token (id_token), which this endpoint needs', 400);
    }
    const res = await sendAsync(this._profileEndpoint, 'GET', this._bearer(accessToken), undefined, this._httpSettings, 'Naver profile request');
    const profile = readNaverProfileResponse(res, [accessToken]);
    if (profile instanceof Error) throw profile;
    // `sub` is pairwise and not documented to equal the profile id (§C8): the two are not compared.
    if (claims !== undefined) profile.idToken = claims;
    return { profile, params, accessToken };
  }

  /** @internal Verifies an ID token: signature, `iss`, `aud` = clientID, expiry, nonce, and `at_hash` when present. */
  protected async _verifyIdToken(req: Request, idToken: string, accessToken: string): Promise<NaverIdTokenClaims> {
    const unconfigured = 'The request carries a Naver ID token, and this strategy has no clientID to check its audience against: configure clientID, or do not send id_token';
    return (await this._checkIdToken(this._idTokens, unconfigured, req, idToken, accessToken)) as NaverIdTokenClaims;
  }

  /** @internal Refused tokens (`024`, a bad ID token) are failures; everything else is an error. */
  protected _failureOf(err: unknown): TokenFailure | undefined {
    if (err instanceof IdTokenError) return this._idTokenFailure(err);
    // 024: "Authentication failed", an expired or invalid token (§A5, §C6.2).
    if (err instanceof NaverAPIError && err.code === '024') {
      return { message: `Naver refused the access token (024: ${err.message})`, code: 'invalid_token', category: err.category, provider: 'naver' };
    }
    return undefined;
  }
}
