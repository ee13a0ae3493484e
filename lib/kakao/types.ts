/**
 * Kakao Login types: options, the raw answers of Kakao's endpoints, the
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

/** Kakao's `prompt` values (docs/providers.md §B1). */
export type KakaoPrompt = 'login' | 'none' | 'create' | 'select_account';

declare module 'passport' {
  interface AuthenticateOptions {
    /** passport-naver-kakao, Kakao: `login_hint`, the email or phone number to prefill. */
    loginHint?: string | undefined;
    /** passport-naver-kakao, Kakao Sync: `service_terms`, one tag or several (joined with commas). */
    serviceTerms?: string | string[] | undefined;
    /**
     * passport-naver-kakao, Kakao OpenID Connect: the `nonce` to send instead of
     * a fresh one. It is kept with the state and checked on the callback; it
     * need not be passed again.
     */
    nonce?: string | undefined;
  }
}

/**
 * Where the profile comes from: `'user_me'`, a request to `/v2/user/me`; or
 * `'id_token'`, the verified ID token claims (docs/providers.md §B6).
 */
export type KakaoProfileFrom = 'user_me' | 'id_token';

/** The profile verify receives for a `profileFrom` value: {@link KakaoIdTokenProfile} for `'id_token'`, else {@link KakaoProfile}. */
export type KakaoProfileFor<F extends KakaoProfileFrom> = F extends 'id_token' ? KakaoIdTokenProfile : KakaoProfile;

/**
 * Options of `new KakaoStrategy(options, verify)`. `F` is the `profileFrom`
 * value, inferred from the object: `'id_token'` gives verify a
 * {@link KakaoIdTokenProfile}.
 */
export interface KakaoStrategyOptions<F extends KakaoProfileFrom = 'user_me'> extends CommonStrategyOptions {
  /**
   * The REST API key's Client Secret. New keys have Client Secret ON in
   * Kakao's console (`[앱] > [플랫폼 키] > [REST API 키]`), so pass it. When
   * absent, the token request carries no `client_secret` field at all.
   */
  clientSecret?: string | undefined;
  /** CSRF state, kept in the session (express-session). Default `true`. */
  state?: boolean | undefined;
  /**
   * PKCE with S256. Default `true` whenever there is state: it stops
   * authorization code injection. A custom `store` must then keep the
   * verifier (`store(req, verifier, state, meta, callback)`).
   */
  pkce?: boolean | undefined;
  /**
   * The app keys whose ID tokens are accepted (`aud`): the REST API keys the
   * server uses, and the native or JavaScript keys whose SDK logins it
   * accepts. Default: the `clientID`.
   */
  audience?: string | string[] | undefined;
  /**
   * Consent items the app cannot work without (`'account_email'`,
   * `'phone_number'`, ...). A login whose profile lacks one fails with
   * `{ code: 'consent_required', category: 'consent', missing }` and verify
   * is not called; `reconsentOptions()` asks for exactly those.
   */
  requiredItems?: string[] | undefined;
  /** Override Kakao's account logout page (`logoutURL()`). */
  accountLogoutURL?: string | undefined;
  /** Override Kakao's consent check endpoint (`scopes()`). */
  scopesURL?: string | undefined;
  /** Override Kakao's consent withdrawal endpoint (`revokeScopes()`). */
  revokeScopesURL?: string | undefined;
  /**
   * OpenID Connect: send a `nonce` and check the ID token before verify runs.
   * On when `scope` includes `openid`; `oidc: true` turns it on and adds `openid`.
   */
  oidc?: boolean | undefined;
  /**
   * Where the profile comes from: `'user_me'` (default), a request to
   * `/v2/user/me`; or `'id_token'`, the verified ID token claims, with no
   * further request (needs OpenID Connect).
   */
  profileFrom?: F | undefined;
  /** Override Kakao's JWKS URL. */
  jwksURL?: string | undefined;
  /** The ID token issuer to require. Default `https://kauth.kakao.com`. */
  issuer?: string | undefined;
  /** Seconds of clock skew allowed when checking the ID token's `exp` and `iat`. Default 30. */
  clockTolerance?: number | undefined;
  /** Override Kakao's logout endpoint (`logout()`). */
  logoutURL?: string | undefined;
  /** Override Kakao's unlink endpoint (`unlink()`). */
  unlinkURL?: string | undefined;
  /** Override Kakao's token info endpoint (`accessTokenInfo()`). */
  accessTokenInfoURL?: string | undefined;
  passReqToCallback?: false | undefined;
}

/** Options of `new KakaoStrategy(options, verify)` when verify receives the request first. */
export interface KakaoStrategyOptionsWithRequest<F extends KakaoProfileFrom = 'user_me'> extends Omit<KakaoStrategyOptions<F>, 'passReqToCallback'> {
  passReqToCallback: true;
}

/**
 * Options with `profileFrom: 'id_token'`.
 * @deprecated Use `KakaoStrategyOptions<'id_token'>`; this name goes in the next minor version.
 */
export type KakaoIdTokenStrategyOptions = KakaoStrategyOptions<'id_token'> & { profileFrom: 'id_token' };

/**
 * Options with `profileFrom: 'id_token'` when verify receives the request first.
 * @deprecated Use `KakaoStrategyOptionsWithRequest<'id_token'>`; this name goes in the next minor version.
 */
export type KakaoIdTokenStrategyOptionsWithRequest = KakaoStrategyOptionsWithRequest<'id_token'> & { profileFrom: 'id_token' };

/** Options of `passport.authenticate('kakao', options)`. */
export interface KakaoAuthenticateOptions extends Omit<AuthenticateOptions, 'prompt' | 'scope'> {
  /** `prompt`: one value or several, joined with commas. */
  prompt?: KakaoPrompt | KakaoPrompt[] | undefined;
  /** `login_hint`: the email or phone number to prefill. */
  loginHint?: string | undefined;
  /** `service_terms` (Kakao Sync): one tag or several, joined with commas. */
  serviceTerms?: string | string[] | undefined;
  /** Scope for this request (additional consent), joined with commas. */
  scope?: string | string[] | undefined;
  /** Overrides the strategy's `callbackURL` for this request (use the same one on the callback). */
  callbackURL?: string | undefined;
  /**
   * OpenID Connect: the nonce to send, instead of a fresh one. It is kept with
   * the state and checked on the callback; it need not be passed again.
   */
  nonce?: string | undefined;
}

/** Claims of a verified Kakao ID token (§B6). */
export interface KakaoIdTokenClaims extends IdTokenClaims {
  /** `https://kauth.kakao.com` */
  iss: string;
  /** The app key (client ID). */
  aud: string | string[];
  /** The user number, as a string. */
  sub: string;
  auth_time?: number;
  nickname?: string;
  /** Profile thumbnail URL. */
  picture?: string;
  /** Present only when the email is valid and verified. */
  email?: string;
}

/** One consent item in Kakao's `/v2/user/scopes` response (docs/providers.md §C12). */
export interface KakaoScope {
  /** The item's ID, e.g. `'account_email'`. */
  id: string;
  /** Its name as Kakao shows it, e.g. `'카카오계정(이메일)'`. */
  display_name: string;
  /** `'PRIVACY'` (personal information) or `'SERVICE'` (access permission). */
  type: string;
  /** Whether the app currently uses the item. */
  using: boolean;
  /** Whether the user has agreed to it. */
  agreed: boolean;
  /** Present for agreed items: whether the user may withdraw it (required items may not). */
  revocable?: boolean;
  [field: string]: unknown;
}

/** What `scopes()` and `revokeScopes()` resolve to. */
export interface KakaoScopes {
  /** The user number, as exact digits. */
  id: string;
  scopes: KakaoScope[];
}

/** What `unlinkUser()` resolves to. */
export interface KakaoUnlinkResult {
  /** The user number, as exact digits. */
  id: string;
  /** True when the user was no longer linked (Kakao's `-101`): nothing was left to do. */
  alreadyUnlinked: boolean;
}

/** Options of `logoutURL()`: Kakao's "log out of the Kakao Account too" page. */
export interface KakaoLogoutURLOptions {
  /** Where Kakao sends the browser afterwards; registered in `[카카오 로그인] > [로그아웃 리다이렉트 URI]`. */
  logoutRedirectURI: string;
  /** A value Kakao adds to that redirect; check it there. */
  state?: string | undefined;
}

/** `GET /v1/user/access_token_info` (§B5). */
export interface KakaoAccessTokenInfo {
  /** The user number, as its exact digits. */
  id: string;
  /** Seconds left. */
  expiresIn: number;
  appId: number;
}

/** `kakao_account.profile` (§B4). */
export interface KakaoAccountProfile {
  nickname?: string;
  thumbnail_image_url?: string;
  profile_image_url?: string;
  is_default_image?: boolean;
  /** Observed in third-party code; not in Kakao's docs. */
  is_default_nickname?: boolean;
  [field: string]: unknown;
}

/** `kakao_account` (§B4): each item comes with a `*_needs_agreement` flag and is present only with consent. */
export interface KakaoAccount {
  profile_needs_agreement?: boolean;
  profile_nickname_needs_agreement?: boolean;
  profile_image_needs_agreement?: boolean;
  profile?: KakaoAccountProfile;
  name_needs_agreement?: boolean;
  name?: string;
  email_needs_agreement?: boolean;
  /** False when another account took the address. */
  is_email_valid?: boolean;
  is_email_verified?: boolean;
  email?: string;
  age_range_needs_agreement?: boolean;
  /** `'1~9'` (or `'0~9'`), `'10~14'`, `'15~19'`, `'20~29'`, ... `'90~'`: note the tilde. */
  age_range?: string;
  birthyear_needs_agreement?: boolean;
  /** `YYYY`. */
  birthyear?: string;
  birthday_needs_agreement?: boolean;
  /** `MMDD`. */
  birthday?: string;
  birthday_type?: 'SOLAR' | 'LUNAR';
  gender_needs_agreement?: boolean;
  gender?: 'female' | 'male';
  phone_number_needs_agreement?: boolean;
  /** `+82 010-1234-5678`. */
  phone_number?: string;
  ci_needs_agreement?: boolean;
  ci?: string;
  ci_authenticated_at?: string;
  [field: string]: unknown;
}

/** Kakao's profile response (`GET /v2/user/me`, §B4). */
export interface KakaoUser {
  /**
   * The user number as JSON.parse read it. It can exceed 2^53 and lose digits
   * here; the profile's `id` holds the exact digits.
   */
  id: number;
  has_signed_up?: boolean;
  /** RFC 3339, UTC. */
  connected_at?: string;
  synched_at?: string;
  /** Custom properties; `nickname`, `profile_image`, `thumbnail_image` here are deprecated. */
  properties?: Record<string, string>;
  kakao_account?: KakaoAccount;
  for_partner?: { uuid?: string };
  [field: string]: unknown;
}

/** Kakao's token response as the verify function receives it (§B3). */
export interface KakaoTokenResponse {
  access_token: string;
  token_type?: string;
  refresh_token?: string;
  /** Seconds. */
  expires_in?: number;
  /** Seconds. */
  refresh_token_expires_in?: number;
  /** Granted scopes, separated by spaces. */
  scope?: string;
  /** Present with OpenID Connect. */
  id_token?: string;
  [field: string]: unknown;
}

/** The profile a Kakao login produces. */
export interface KakaoProfile extends Profile {
  provider: 'kakao';
  /** Kakao's user number, as its exact decimal digits. */
  id: string;
  /** Nickname, else name, else `''`. */
  displayName: string;
  /** Present only when Kakao sent an email; `verified` is `is_email_verified && is_email_valid`. */
  emails?: Array<{ value: string; verified: boolean }>;
  /** Present only when Kakao sent a profile image. */
  photos?: Array<{ value: string }>;
  /** The profile response's body, as received. */
  _raw: string;
  /** The profile response, parsed. */
  _json: KakaoUser;
  /** With OpenID Connect: the verified ID token claims. */
  idToken?: KakaoIdTokenClaims;
}

/** The profile with `profileFrom: 'id_token'`, built from the verified ID token alone. */
export interface KakaoIdTokenProfile extends Profile {
  provider: 'kakao';
  /** `sub`: Kakao's user number as a string. */
  id: string;
  /** `nickname`, else `''`. */
  displayName: string;
  /** Present only when the token has `email`, which Kakao includes only when valid and verified. */
  emails?: Array<{ value: string; verified: boolean }>;
  /** `picture`, when present. */
  photos?: Array<{ value: string }>;
  /** The claims as JSON text. */
  _raw: string;
  _json: KakaoIdTokenClaims;
  idToken: KakaoIdTokenClaims;
}

/** Either Kakao profile: what `P` of the verify types may be. */
export type AnyKakaoProfile = KakaoProfile | KakaoIdTokenProfile;

/** `(accessToken, refreshToken, profile, done)`; `P` is {@link KakaoIdTokenProfile} with `profileFrom: 'id_token'`. */
export type KakaoVerifyFunction<P extends AnyKakaoProfile = KakaoProfile> = VerifyFunction<P>;
/** `(accessToken, refreshToken, params, profile, done)`. */
export type KakaoVerifyFunctionWithParams<P extends AnyKakaoProfile = KakaoProfile> = VerifyFunctionWithParams<P, KakaoTokenResponse>;
/** `(req, accessToken, refreshToken, profile, done)`, with `passReqToCallback: true`. */
export type KakaoVerifyFunctionWithRequest<P extends AnyKakaoProfile = KakaoProfile> = VerifyFunctionWithRequest<P>;
/** `(req, accessToken, refreshToken, params, profile, done)`, with `passReqToCallback: true`. */
export type KakaoVerifyFunctionWithRequestAndParams<P extends AnyKakaoProfile = KakaoProfile> = VerifyFunctionWithRequestAndParams<P, KakaoTokenResponse>;

/**
 * `(accessToken, refreshToken, profile, done)` with `profileFrom: 'id_token'`.
 * @deprecated Use `KakaoVerifyFunction<KakaoIdTokenProfile>`; this name goes in the next minor version.
 */
export type KakaoIdTokenVerifyFunction = KakaoVerifyFunction<KakaoIdTokenProfile>;
/**
 * `(accessToken, refreshToken, params, profile, done)` with `profileFrom: 'id_token'`.
 * @deprecated Use `KakaoVerifyFunctionWithParams<KakaoIdTokenProfile>`; this name goes in the next minor version.
 */
export type KakaoIdTokenVerifyFunctionWithParams = KakaoVerifyFunctionWithParams<KakaoIdTokenProfile>;
/**
 * `(req, accessToken, refreshToken, profile, done)` with `profileFrom: 'id_token'` and `passReqToCallback: true`.
 * @deprecated Use `KakaoVerifyFunctionWithRequest<KakaoIdTokenProfile>`; this name goes in the next minor version.
 */
export type KakaoIdTokenVerifyFunctionWithRequest = KakaoVerifyFunctionWithRequest<KakaoIdTokenProfile>;
/**
 * `(req, accessToken, refreshToken, params, profile, done)` with `profileFrom: 'id_token'` and `passReqToCallback: true`.
 * @deprecated Use `KakaoVerifyFunctionWithRequestAndParams<KakaoIdTokenProfile>`; this name goes in the next minor version.
 */
export type KakaoIdTokenVerifyFunctionWithRequestAndParams = KakaoVerifyFunctionWithRequestAndParams<KakaoIdTokenProfile>;
