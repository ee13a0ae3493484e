/**
 * passport-naver-kakao: Passport strategies for Naver Login and Kakao Login.
 *
 * @packageDocumentation
 */
export { NaverStrategy, NaverAPIError, parseNaverProfile, NAVER_AUTHORIZATION_URL, NAVER_TOKEN_URL, NAVER_PROFILE_URL, NAVER_REVOKE_URL } from './naver/index.js';
export type * from './naver/types.js';
export {
  KakaoStrategy,
  KakaoAPIError,
  KakaoTokenError,
  IdTokenError,
  parseKakaoProfile,
  KAKAO_AUTHORIZATION_URL,
  KAKAO_TOKEN_URL,
  KAKAO_PROFILE_URL,
  KAKAO_LOGOUT_URL,
  KAKAO_UNLINK_URL,
  KAKAO_ACCESS_TOKEN_INFO_URL,
  KAKAO_ISSUER,
  KAKAO_JWKS_URL,
} from './kakao/index.js';
export type * from './kakao/types.js';
export { ProviderRequestError, type ProviderRequestErrorCode } from './http.js';
export { CookieStateStore, type CookieStateStoreOptions, type StateStoreMeta } from './cookie-state-store.js';
export type {
  CommonStrategyOptions,
  SkipUserProfile,
  StateStore,
  VerifyCallback,
  VerifyFunction,
  VerifyFunctionWithParams,
  VerifyFunctionWithRequest,
  VerifyFunctionWithRequestAndParams,
} from './types.js';
export type { CallbackFailure, TokenSet } from './strategy.js';
export { TokenError, AuthorizationError, InternalOAuthError } from 'passport-oauth2';
