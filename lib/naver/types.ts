/**
 * Naver Login types: options, the raw answers of Naver's endpoints, the
 * profile and the verify functions.
 *
 * @packageDocumentation
 */
import type { AuthenticateOptions, Profile } from 'passport';
import type { IdTokenClaims } from '../oidc/verifier.js';
import type {
  CommonStrategyOptions,
  VerifyFunction,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
} from '../types.js';

/**
 * Naver's `auth_type` (docs/providers.md §A1): `reprompt` asks again for profile
 * items the user declined, `reauthenticate` forces the password again,
 * `autologin` logs in silently inside the Naver app.
 */
export type NaverAuthType = 'reprompt' | 'reauthenticate' | 'autologin';

declare module 'passport' {
  interface AuthenticateOptions {
    /**
     * passport-naver-kakao, Naver: `auth_type` for this request (`'reprompt'`,
     * `'reauthenticate'` or `'autologin'`); overrides the strategy's `authType`.
     * Typed as a string, as passport-naver-v2 and others may declare it too
     * (merged declarations must agree); the strategy ignores other values.
     */
    authType?: string | undefined;
  }
}

/** Options of `new NaverStrategy(options, verify)`. */
export interface NaverStrategyOptions extends CommonStrategyOptions {
  /** The app's Client Secret. Required: Naver's token endpoint always asks for it. */
  clientSecret: string;
  /**
   * CSRF state, kept in the session (express-session). Naver requires a
   * `state` on every authorization request, so it cannot be turned off; pass a
   * `store` to keep it elsewhere.
   */
  state?: true | undefined;
  /** Default `auth_type` for every authorization request. */
  authType?: NaverAuthType | undefined;
  /**
   * Profile fields the app cannot work without (`'email'`, `'mobile'`,
   * `'name'`, ...; the items of the console's 제공 정보 선택). A login whose
   * profile lacks one fails with `{ code: 'consent_required', category:
   * 'consent', missing }` and verify is not called; `reconsentOptions()` asks again.
   */
  requiredItems?: string[] | undefined;
  /**
   * OpenID Connect (Naver's `/oauth2/*` endpoints, opened in March 2025):
   * `openid` in the scope, PKCE S256, a nonce, and the ID token checked before
   * verify runs; its claims are in `profile.idToken`. On when `scope` includes
   * `openid`. The profile still comes from `/v1/nid/me`.
   */
  oidc?: boolean | undefined;
  /** PKCE with S256: on by default with OpenID Connect; Naver's OAuth 2.0 endpoints have none. */
  pkce?: boolean | undefined;
  /** Override Naver's JWKS URL (OpenID Connect). */
  jwksURL?: string | undefined;
  /** The ID token issuer to require. Default `https://nid.naver.com`. */
  issuer?: string | undefined;
  /** Seconds of clock skew allowed when checking the ID token's `exp` and `iat`. Default 30. */
  clockTolerance?: number | undefined;
  /** Override Naver's revocation endpoint (`revoke()`). */
  revokeURL?: string | undefined;
  passReqToCallback?: false | undefined;
}

/** Options of `NaverStrategy#revoke`. */
export interface NaverRevokeOptions {
  /**
   * `'revoke'` (default): the documented revocation endpoint (RFC 7009), judged
   * by HTTP status. `'delete'`: the legacy `grant_type=delete` form on the token
   * endpoint, judged by `result: "success"` in the body; note that Naver says
   * "success" even for an invalid token there.
   */
  method?: 'revoke' | 'delete' | undefined;
  /** Which token `token` is (revoke only). Both tokens of the pair are revoked either way. Default `'access_token'`. */
  tokenTypeHint?: 'access_token' | 'refresh_token' | undefined;
}

/** Options of `new NaverStrategy(options, verify)` when verify receives the request first. */
export interface NaverStrategyOptionsWithRequest extends Omit<NaverStrategyOptions, 'passReqToCallback'> {
  passReqToCallback: true;
}

/** Options of `passport.authenticate('naver', options)`. */
export interface NaverAuthenticateOptions extends Omit<AuthenticateOptions, 'authType'> {
  /** `auth_type` for this request; overrides the strategy's `authType`. */
  authType?: NaverAuthType | undefined;
  /** Overrides the strategy's `callbackURL` for this request (use the same one on the callback). */
  callbackURL?: string | undefined;
}

/**
 * The user object inside Naver's profile response (`response`), docs/providers.md
 * §A5. Every field but `id` is present only when the user agreed to give it.
 */
export interface NaverUser {
  /** Per-app user id: a string, never a number. */
  id: string;
  nickname?: string;
  name?: string;
  /** A contact address; defaults to `<naverID>@naver.com`. Naver gives no verified flag. */
  email?: string;
  gender?: 'F' | 'M' | 'U';
  /** Age bucket such as `'40-49'`. */
  age?: string;
  /** `MM-DD`. */
  birthday?: string;
  /** `YYYY`. */
  birthyear?: string;
  profile_image?: string;
  /** `010-0000-0000`. */
  mobile?: string;
  /** Observed, undocumented: `+821000000000`. */
  mobile_e164?: string;
  [field: string]: unknown;
}

/** Naver's profile response: `{ resultcode, message, response }`. */
export interface NaverUserResponse {
  resultcode: string;
  message: string;
  response: NaverUser;
}

/** Naver's token response as the verify function receives it: `expires_in` is a number (Naver sends the string "3600"). */
export interface NaverTokenResponse {
  access_token: string;
  refresh_token?: string;
  token_type?: string;
  expires_in?: number;
  [field: string]: unknown;
}

/** The profile a Naver login produces. */
export interface NaverProfile extends Profile {
  provider: 'naver';
  /** Naver's per-app id. */
  id: string;
  /** Nickname, else name, else `''`. */
  displayName: string;
  /** Present only when Naver sent an email. `verified` is always false: Naver gives no flag. */
  emails?: Array<{ value: string; verified: boolean }>;
  /** Present only when Naver sent a profile image. */
  photos?: Array<{ value: string }>;
  /** The profile response's body, as received. */
  _raw: string;
  /** The user object (`response`) of the profile response. */
  _json: NaverUser;
  /**
   * With OpenID Connect: the verified ID token claims. Its `sub` is a pairwise
   * id that need not equal `id`: key accounts on `id`.
   */
  idToken?: NaverIdTokenClaims;
}

/** The claims of a verified Naver ID token (docs/providers.md §C8). */
export interface NaverIdTokenClaims extends IdTokenClaims {
  /** `https://nid.naver.com`. */
  iss: string;
  /** A pairwise subject; not documented to equal the profile `id`. */
  sub: string;
  /** The client ID. */
  aud: string | string[];
  /** Present when Naver echoes the nonce (unconfirmed; checked when present). */
  nonce?: string;
}

/** `(accessToken, refreshToken, profile, done)`. */
export type NaverVerifyFunction = VerifyFunction<NaverProfile>;
/** `(accessToken, refreshToken, params, profile, done)`. */
export type NaverVerifyFunctionWithParams = VerifyFunctionWithParams<NaverProfile, NaverTokenResponse>;
/** `(req, accessToken, refreshToken, profile, done)`, with `passReqToCallback: true`. */
export type NaverVerifyFunctionWithRequest = VerifyFunctionWithRequest<NaverProfile>;
/** `(req, accessToken, refreshToken, params, profile, done)`, with `passReqToCallback: true`. */
export type NaverVerifyFunctionWithRequestAndParams = VerifyFunctionWithRequestAndParams<NaverProfile, NaverTokenResponse>;
