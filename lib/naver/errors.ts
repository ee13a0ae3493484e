/**
 * Naver's errors: they live with all the others in lib/errors.ts.
 *
 * @packageDocumentation
 */
export { NaverAPIError, NaverTokenError } from '../errors.js';
