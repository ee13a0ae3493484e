/**
 * The Kakao Login strategy.
 *
 * @packageDocumentation
 */
import { ProviderStrategy } from '../strategy.js';
import { kakaoTokenError } from './errors.js';
import { readKakaoProfileAnswer } from './profile.js';
import type {
  KakaoAuthenticateOptions,
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
export class KakaoStrategy extends ProviderStrategy<KakaoProfile> {
  /**
   * @param options - see {@link KakaoStrategyOptions}; never modified
   * @param verify - called with the tokens and the profile; its arity picks the form
   * @throws TypeError when `clientID` is missing or an option is malformed
   */
  constructor(options: KakaoStrategyOptions, verify: KakaoVerifyFunction);
  constructor(options: KakaoStrategyOptions, verify: KakaoVerifyFunctionWithParams);
  constructor(options: KakaoStrategyOptionsWithRequest, verify: KakaoVerifyFunctionWithRequest);
  constructor(options: KakaoStrategyOptionsWithRequest, verify: KakaoVerifyFunctionWithRequestAndParams);
  constructor(options: KakaoStrategyOptions | KakaoStrategyOptionsWithRequest, verify: Function) {
    if (typeof options !== 'object' || options === null) throw new TypeError('KakaoStrategy requires an options object');
    if (!options.clientID) throw new TypeError('KakaoStrategy requires a clientID option');
    if (options.clientSecret !== undefined && typeof options.clientSecret !== 'string') {
      throw new TypeError('KakaoStrategy: clientSecret must be a string when given');
    }
    super(options, verify, {
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
  }

  /** Whitelisted Kakao parameters of the authorization request: `prompt`, `login_hint`, `service_terms`. */
  override authorizationParams(options: KakaoAuthenticateOptions): object {
    const params: Record<string, string> = {};
    if (options.prompt !== undefined && options.prompt.length > 0) params['prompt'] = commaList(options.prompt);
    if (options.loginHint) params['login_hint'] = options.loginHint;
    if (options.serviceTerms !== undefined && options.serviceTerms.length > 0) params['service_terms'] = commaList(options.serviceTerms);
    return params;
  }
}
