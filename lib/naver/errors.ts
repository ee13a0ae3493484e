/**
 * Errors of Naver's APIs.
 *
 * @packageDocumentation
 */
import { TokenError } from 'passport-oauth2';
import { oauthTokenError, type OAuthErrorBody } from '../oauth.js';

/**
 * Naver's profile API answered with an error: a `resultcode` other than `'00'`,
 * whether the HTTP status was 401 or 200 (provider-apis.md §A5).
 *
 * @example
 * `{ code: '024', status: 401, message: 'Authentication failed (인증 실패하였습니다.)' }`:
 * the access token is expired or invalid; refresh it or log the user in again.
 */
export class NaverAPIError extends Error {
  /** Naver's `resultcode` as sent, e.g. `'024'`. */
  readonly code: string;
  /** The HTTP status of Naver's answer. */
  readonly status: number;

  /**
   * @param message - Naver's `message`
   * @param code - Naver's `resultcode`
   * @param status - the HTTP status
   */
  constructor(message: string, code: string, status: number) {
    super(message);
    this.name = 'NaverAPIError';
    this.code = code;
    this.status = status;
  }
}

/**
 * The `TokenError` for an error answer of Naver's token endpoint.
 *
 * Naver answers token errors with HTTP 200 and `{error, error_description}`
 * (provider-apis.md §A3, observed); such errors get status 400, the status
 * RFC 6749 §5.2 gives them, so that Express does not see a 200 error.
 */
export function naverTokenError(body: OAuthErrorBody, status: number): TokenError {
  return oauthTokenError(body, status >= 200 && status <= 299 ? 400 : status);
}
