/**
 * `passport-naver-kakao/naver`: the Naver strategy under the name Passport
 * packages use, `Strategy`, with its errors and types.
 *
 * @packageDocumentation
 */
export { NaverStrategy, NaverStrategy as Strategy, NAVER_AUTHORIZATION_URL, NAVER_TOKEN_URL, NAVER_PROFILE_URL, NAVER_REVOKE_URL } from './strategy.js';
export { NaverAPIError } from './errors.js';
export { parseNaverProfile } from './profile.js';
export type * from './types.js';
