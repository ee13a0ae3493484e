/**
 * `passport-naver-kakao/naver`: the Naver strategy under the names Passport
 * packages use (`Strategy`, and the default export), with its errors and types.
 * The short type names (`Profile`, `StrategyOption`, `VerifyFunction`, ...) are
 * the ones code written for passport-naver and passport-naver-v2 imports.
 *
 * @packageDocumentation
 */
import { NaverStrategy } from './strategy.js';

export {
  NaverStrategy,
  NaverStrategy as Strategy,
  NAVER_AUTHORIZATION_URL,
  NAVER_TOKEN_URL,
  NAVER_PROFILE_URL,
  NAVER_REVOKE_URL,
  NAVER_OIDC_AUTHORIZATION_URL,
  NAVER_OIDC_TOKEN_URL,
  NAVER_ISSUER,
  NAVER_JWKS_URL,
} from './strategy.js';
export { NaverAPIError, NaverTokenError } from './errors.js';
export { IdTokenError } from '../errors.js';
export { parseNaverProfile } from './profile.js';
export type * from './types.js';
export * from './token-strategy.js';
export type {
  NaverTokenParams,
  NaverTokenStrategyBaseOptions,
  NaverTokenStrategyOptions,
  NaverTokenStrategyOptionsWithRequest,
  NaverTokenVerifyFunction,
  NaverTokenVerifyFunctionWithParams,
  NaverTokenVerifyFunctionWithRequest,
  NaverTokenVerifyFunctionWithRequestAndParams,
} from './token-strategy.js';
export type {
  NaverProfile as Profile,
  NaverStrategyOptions as StrategyOption,
  NaverStrategyOptions as StrategyOptions,
  NaverStrategyOptionsWithRequest as StrategyOptionWithRequest,
  NaverStrategyOptionsWithRequest as StrategyOptionsWithRequest,
  NaverVerifyFunction as VerifyFunction,
  NaverVerifyFunctionWithRequest as VerifyFunctionWithRequest,
} from './types.js';

/** The strategy class, for `import NaverStrategy from 'passport-naver-kakao/naver'`. */
export default NaverStrategy;
