/**
 * Kakao's errors: they live with all the others in lib/errors.ts.
 *
 * @packageDocumentation
 */
export { KakaoAPIError, KakaoTokenError, type KakaoScopeDetails } from '../errors.js';
