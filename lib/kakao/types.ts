/**
 * Kakao Login types: options, the raw answers of Kakao's endpoints, the
 * profile and the verify functions.
 *
 * @packageDocumentation
 */
import type { AuthenticateOptions, Profile } from 'passport';
import type {
  CommonStrategyOptions,
  VerifyFunction,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
} from '../types.js';

/** Kakao's `prompt` values (provider-apis.md §B1). */
export type KakaoPrompt = 'login' | 'none' | 'create' | 'select_account';

/** Options of `new KakaoStrategy(options, verify)`. */
export interface KakaoStrategyOptions extends CommonStrategyOptions {
  /**
   * The app's Client Secret, when it is turned on in Kakao's console. When
   * absent, the token request carries no `client_secret` field at all.
   */
  clientSecret?: string | undefined;
  /** CSRF state, kept in the session (express-session). Default `true`. */
  state?: boolean | undefined;
  /** PKCE with S256 (needs `state` or a `store`). Default `false`. */
  pkce?: boolean | undefined;
  passReqToCallback?: false | undefined;
}

/** Options of `new KakaoStrategy(options, verify)` when verify receives the request first. */
export interface KakaoStrategyOptionsWithRequest extends Omit<KakaoStrategyOptions, 'passReqToCallback'> {
  passReqToCallback: true;
}

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

/** Kakao's profile answer (`GET /v2/user/me`, §B4). */
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

/** Kakao's token answer as the verify function receives it (§B3). */
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
  /** The profile answer's body, as received. */
  _raw: string;
  /** The profile answer, parsed. */
  _json: KakaoUser;
}

/** `(accessToken, refreshToken, profile, done)`. */
export type KakaoVerifyFunction = VerifyFunction<KakaoProfile>;
/** `(accessToken, refreshToken, params, profile, done)`. */
export type KakaoVerifyFunctionWithParams = VerifyFunctionWithParams<KakaoProfile, KakaoTokenResponse>;
/** `(req, accessToken, refreshToken, profile, done)`, with `passReqToCallback: true`. */
export type KakaoVerifyFunctionWithRequest = VerifyFunctionWithRequest<KakaoProfile>;
/** `(req, accessToken, refreshToken, params, profile, done)`, with `passReqToCallback: true`. */
export type KakaoVerifyFunctionWithRequestAndParams = VerifyFunctionWithRequestAndParams<KakaoProfile, KakaoTokenResponse>;
