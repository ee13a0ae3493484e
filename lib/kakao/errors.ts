/**
 * Errors of Kakao's APIs.
 *
 * @packageDocumentation
 */
import { TokenError } from 'passport-oauth2';
import { oauthTokenError, type OAuthErrorBody } from '../oauth.js';

/**
 * Kakao's API host (kapi.kakao.com) answered with `{code, msg}`
 * (provider-apis.md §B4).
 *
 * @example
 * `{ code: -401, status: 401 }`: the access token is invalid or expired; refresh it.
 * `{ code: -402, status: 403 }`: the user has not consented to a required scope.
 */
export class KakaoAPIError extends Error {
  /** Kakao's `code` as sent, e.g. `-401`. */
  readonly code: number;
  /** The HTTP status of Kakao's answer. */
  readonly status: number;

  /**
   * @param message - Kakao's `msg`
   * @param code - Kakao's `code`
   * @param status - the HTTP status
   */
  constructor(message: string, code: number, status: number) {
    super(message);
    this.name = 'KakaoAPIError';
    this.code = code;
    this.status = status;
  }
}

/**
 * Kakao's token endpoint answered with an OAuth error. Besides the OAuth `code`
 * (`invalid_grant`, ...) it carries Kakao's own `errorCode` (`KOE320`: the code
 * was used or expired; `KOE303`: `redirect_uri` differs; `KOE010`: wrong client
 * secret), which is what tells the cases apart (§B3).
 */
export class KakaoTokenError extends TokenError {
  /** Kakao's `error_code`, e.g. `'KOE320'`, when sent. */
  readonly errorCode: string | undefined;

  /**
   * @param message - Kakao's `error_description`
   * @param code - the OAuth `error`
   * @param status - the HTTP status
   * @param errorCode - Kakao's `error_code`
   */
  constructor(message: string, code: string, status: number, errorCode: string | undefined) {
    super(message, code, undefined, status);
    this.name = 'KakaoTokenError';
    this.errorCode = errorCode;
  }
}

/** The {@link KakaoTokenError} for an error answer of Kakao's token endpoint. */
export function kakaoTokenError(body: OAuthErrorBody, status: number): TokenError {
  const base = oauthTokenError(body, status);
  const errorCode = typeof body['error_code'] === 'string' ? body['error_code'] : undefined;
  return new KakaoTokenError(base.message, base.code, status, errorCode);
}
