/**
 * `passport-naver-kakao/kakao`: the Kakao strategy under the name Passport
 * packages use, `Strategy`, with its errors and types.
 *
 * @packageDocumentation
 */
export {
  KakaoStrategy,
  KakaoStrategy as Strategy,
  KAKAO_AUTHORIZATION_URL,
  KAKAO_TOKEN_URL,
  KAKAO_PROFILE_URL,
  KAKAO_LOGOUT_URL,
  KAKAO_UNLINK_URL,
  KAKAO_ACCESS_TOKEN_INFO_URL,
} from './strategy.js';
export { IdTokenError, KAKAO_ISSUER, KAKAO_JWKS_URL } from './id-token.js';
export { KakaoAPIError, KakaoTokenError } from './errors.js';
export { parseKakaoProfile } from './profile.js';
export type * from './types.js';
