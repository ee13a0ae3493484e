/**
 * passport-naver-kakao: Passport strategies for Naver Login and Kakao Login.
 *
 * The root entry holds the strategies, every error class, the cookie state
 * store, `describeError` and the types. The providers' URL constants live on
 * the subpaths (`passport-naver-kakao/naver`, `passport-naver-kakao/kakao`).
 *
 * @packageDocumentation
 */
export { NaverStrategy, parseNaverProfile } from './naver/index.js';
export type * from './naver/types.js';
export { KakaoStrategy, parseKakaoProfile } from './kakao/index.js';
export type * from './kakao/types.js';
export * from './kakao/token-strategy.js';
export * from './naver/token-strategy.js';
export type { TokenFailure, TokenFailureCode, TokenStrategyCommonOptions } from './token-strategy.js';
export {
  IdTokenError,
  KakaoAPIError,
  KakaoTokenError,
  NaverAPIError,
  NaverTokenError,
  ProviderRequestError,
  type KakaoScopeDetails,
  type ProviderName,
  type ProviderRequestErrorCode,
} from './errors.js';
export { describeError } from './catalog.js';
export type { ErrorCategory, ErrorDescription } from './error-catalog.js';
// CookieStateStore and the types of its options.
export * from './cookie-state-store.js';
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
export type { IdTokenClaims } from './oidc/verifier.js';
export { TokenError, AuthorizationError, InternalOAuthError } from 'passport-oauth2';
export * from './webhooks/index.js';
export * from './deprecated.js';
