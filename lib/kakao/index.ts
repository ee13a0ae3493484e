/**
 * `passport-naver-kakao/kakao`: the Kakao strategy under the names Passport
 * packages use (`Strategy`, and the default export), with its errors and types.
 * The short type names (`Profile`, `StrategyOption`, `VerifyFunction`, ...) are
 * the ones code written for passport-kakao and passport-kakao-login imports.
 *
 * @packageDocumentation
 */
import { KakaoStrategy } from './strategy.js';

export {
  KakaoStrategy,
  KakaoStrategy as Strategy,
  KAKAO_AUTHORIZATION_URL,
  KAKAO_TOKEN_URL,
  KAKAO_PROFILE_URL,
  KAKAO_LOGOUT_URL,
  KAKAO_UNLINK_URL,
  KAKAO_ACCESS_TOKEN_INFO_URL,
  KAKAO_SCOPES_URL,
  KAKAO_REVOKE_SCOPES_URL,
  KAKAO_ACCOUNT_LOGOUT_URL,
} from './strategy.js';
export { IdTokenError, KAKAO_ISSUER, KAKAO_JWKS_URL } from './id-token.js';
export { KakaoAPIError, KakaoTokenError } from './errors.js';
export { parseKakaoProfile } from './profile.js';
export type * from './types.js';
export * from './token-strategy.js';
export type {
  KakaoTokenParams,
  KakaoTokenStrategyBaseOptions,
  KakaoTokenStrategyOptions,
  KakaoTokenStrategyOptionsWithRequest,
  KakaoTokenVerifyFunction,
  KakaoTokenVerifyFunctionWithParams,
  KakaoTokenVerifyFunctionWithRequest,
  KakaoTokenVerifyFunctionWithRequestAndParams,
} from './token-strategy.js';
export type {
  KakaoProfile as Profile,
  KakaoStrategyOptions as StrategyOption,
  KakaoStrategyOptions as StrategyOptions,
  KakaoStrategyOptionsWithRequest as StrategyOptionWithRequest,
  KakaoStrategyOptionsWithRequest as StrategyOptionsWithRequest,
  KakaoVerifyFunction as VerifyFunction,
  KakaoVerifyFunctionWithRequest as VerifyFunctionWithRequest,
} from './types.js';

/** The strategy class, for `import KakaoStrategy from 'passport-naver-kakao/kakao'`. */
export default KakaoStrategy;
