/**
 * Every error this package raises, in one place. Each class documents the one
 * meaning its `code` has, and each carries a {@link ErrorCategory} that tells
 * the app what to do next (`describeError()` turns both into words).
 *
 * None of these messages contains a token, a client secret or an
 * authorization code: provider texts are cleaned of every value the request
 * sent before they become messages (see `redact` in lib/redact.ts).
 *
 * @packageDocumentation
 */
import { InternalOAuthError, TokenError } from 'passport-oauth2';
import { catalog } from './catalog.js';
import type { ErrorCategory } from './error-catalog.js';

/** Which provider an error came from. */
export type ProviderName = 'naver' | 'kakao';

/**
 * What went wrong when a provider request produced no usable response.
 *
 * - `ETIMEDOUT`: no complete response within the timeout.
 * - `ERESPONSETOOLARGE`: the body grew past `maxResponseBytes`.
 * - `EBADRESPONSE`: a response came, but not one the request can use (not JSON,
 *   an unexpected status, a missing or malformed field). `status` holds the HTTP status.
 * - `EREQUEST`: the request could not be sent at all (Node refused its headers).
 * - anything else: the socket error's own code (`ECONNRESET`, `ECONNREFUSED`, ...).
 */
export type ProviderRequestErrorCode = 'ETIMEDOUT' | 'ERESPONSETOOLARGE' | 'EBADRESPONSE' | 'EREQUEST' | (string & {});

/**
 * A provider request failed without an OAuth or API error from the provider:
 * it timed out, the connection broke, or the response could not be used. It is
 * an `InternalOAuthError`, as passport-oauth2 reports transport failures. The
 * message names the request (for example "Kakao token request") and never
 * contains a token, a secret or the response body.
 */
export class ProviderRequestError extends InternalOAuthError {
  /** See {@link ProviderRequestErrorCode}. */
  readonly code: ProviderRequestErrorCode;
  /** The HTTP status, when a response arrived. */
  readonly status: number | undefined;
  /** `'retry'` for transport failures and 5xx responses; see {@link ErrorCategory}. */
  readonly category: ErrorCategory;
  /** The provider the request went to, when known. */
  readonly provider: ProviderName | undefined;

  /**
   * @param message - what happened, naming the request
   * @param code - see {@link ProviderRequestErrorCode}
   * @param status - the HTTP status, when a response arrived
   * @param provider - the provider the request went to
   * @param cause - the socket error behind it, if any
   */
  constructor(message: string, code: ProviderRequestErrorCode, status?: number, provider?: ProviderName, cause?: Error) {
    super(message, { code, status });
    if (cause !== undefined) Object.defineProperty(this, 'cause', { value: cause, writable: true, configurable: true });
    this.name = 'ProviderRequestError';
    this.code = code;
    this.status = status;
    this.provider = provider;
    this.category = catalog().requestErrorCategory(code, status);
  }

  /** The name and message only; passport-oauth2's version would print `oauthError`. */
  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

/**
 * Naver's token endpoint answered with an OAuth error. Naver sends these with
 * HTTP 200 (docs/providers.md §A3); `status` is then 400, the status RFC 6749
 * §5.2 gives them. `code` is Naver's OAuth `error` (`invalid_request`, ...),
 * `message` its `error_description` (for example "no valid data in session":
 * the code was already used).
 */
export class NaverTokenError extends TokenError {
  /** See {@link ErrorCategory}: "no valid data in session" is `'login'`, a wrong client pair `'config'`. */
  readonly category: ErrorCategory;
  /** Always `'naver'`. */
  readonly provider = 'naver' as const;

  /**
   * @param message - Naver's `error_description`, cleaned of sent values
   * @param code - Naver's OAuth `error`
   * @param status - the HTTP status (400 for Naver's HTTP 200 errors)
   * @param uri - Naver's `error_uri`, if any
   */
  constructor(message: string, code: string, status: number, uri?: string) {
    super(message, code, uri, status);
    this.name = 'NaverTokenError';
    this.category = catalog().naverTokenErrorCategory(code, message, status);
  }
}

/**
 * Kakao's token endpoint answered with an OAuth error. Besides the OAuth `code`
 * (`invalid_grant`, ...) it carries Kakao's own `errorCode` (`KOE320`: the code
 * was used or expired; `KOE303`: `redirect_uri` differs; `KOE010`: wrong client
 * secret; `KOE237`: too many token requests), which is what tells the cases
 * apart (docs/providers.md §C6.3).
 */
export class KakaoTokenError extends TokenError {
  /** Kakao's `error_code`, e.g. `'KOE320'`, when sent. */
  readonly errorCode: string | undefined;
  /** See {@link ErrorCategory}. */
  readonly category: ErrorCategory;
  /** Always `'kakao'`. */
  readonly provider = 'kakao' as const;

  /**
   * @param message - Kakao's `error_description`, cleaned of sent values
   * @param code - the OAuth `error`
   * @param status - the HTTP status
   * @param errorCode - Kakao's `error_code`
   */
  constructor(message: string, code: string, status: number, errorCode: string | undefined) {
    super(message, code, undefined, status);
    this.name = 'KakaoTokenError';
    this.errorCode = errorCode;
    this.category = catalog().kakaoTokenErrorCategory(errorCode, code);
  }
}

/** What Kakao adds to a `-402` (consent missing) error (docs/providers.md §C6.4). */
export interface KakaoScopeDetails {
  /** `required_scopes`: the consent items the API needs; ask for these. */
  requiredScopes?: string[] | undefined;
  /** `allowed_scopes`: the items the user has agreed to. */
  allowedScopes?: string[] | undefined;
  /** `api_type`, e.g. `'FRIENDS'`. */
  apiType?: string | undefined;
}

/**
 * Kakao's API host (kapi.kakao.com) answered with `{code, msg}`
 * (docs/providers.md §C6.4).
 *
 * @example
 * `{ code: -401, status: 401 }`: the access token is invalid or expired; refresh it.
 * `{ code: -402, status: 403, requiredScopes: ['account_email'] }`: ask for that consent.
 */
export class KakaoAPIError extends Error {
  /** Kakao's `code` as sent, e.g. `-401`. */
  readonly code: number;
  /** The HTTP status of Kakao's response. */
  readonly status: number;
  /** See {@link KakaoScopeDetails}. */
  readonly requiredScopes: string[] | undefined;
  /** See {@link KakaoScopeDetails}. */
  readonly allowedScopes: string[] | undefined;
  /** See {@link KakaoScopeDetails}. */
  readonly apiType: string | undefined;
  /** See {@link ErrorCategory}. */
  readonly category: ErrorCategory;
  /** Always `'kakao'`. */
  readonly provider = 'kakao' as const;

  /**
   * @param message - Kakao's `msg`
   * @param code - Kakao's `code`
   * @param status - the HTTP status
   * @param details - the scope fields of a `-402`
   */
  constructor(message: string, code: number, status: number, details: KakaoScopeDetails = {}) {
    super(message);
    this.name = 'KakaoAPIError';
    this.code = code;
    this.status = status;
    this.requiredScopes = details.requiredScopes;
    this.allowedScopes = details.allowedScopes;
    this.apiType = details.apiType;
    this.category = catalog().kakaoApiErrorCategory(code);
  }
}

/**
 * Naver's API answered with an error: a `resultcode` other than `'00'`,
 * whether the HTTP status was 401 or 200, or the gateway's `errorCode`
 * (docs/providers.md §C6.2).
 *
 * @example
 * `{ code: '024', status: 401 }`: the access token is expired or invalid; refresh it or log the user in again.
 */
export class NaverAPIError extends Error {
  /** Naver's `resultcode` (or the gateway's `errorCode`) as sent, e.g. `'024'`. */
  readonly code: string;
  /** The HTTP status of Naver's response. */
  readonly status: number;
  /** See {@link ErrorCategory}. */
  readonly category: ErrorCategory;
  /** Always `'naver'`. */
  readonly provider = 'naver' as const;

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
    this.category = catalog().naverApiErrorCategory(code, status);
  }
}

/**
 * The ID token was missing or did not pass a check. The login ends with this
 * error and verify is not called. `code` is jose's code
 * (`ERR_JWT_EXPIRED`, `ERR_JWS_SIGNATURE_VERIFICATION_FAILED`,
 * `ERR_JWKS_NO_MATCHING_KEY`, `ERR_JWT_CLAIM_VALIDATION_FAILED`, ...) or one of
 * this package's: `ERR_ID_TOKEN_MISSING` (no ID token although OpenID Connect is
 * on), `ERR_NONCE_MISMATCH`, `ERR_AZP_MISMATCH` (several audiences and no
 * authorized party that is this app), `ERR_SUB_MISMATCH` (the token's user is
 * not the profile's user).
 */
export class IdTokenError extends Error {
  /** See the class description. */
  readonly code: string;
  /** See {@link ErrorCategory}. */
  readonly category: ErrorCategory;
  /** The provider that issued the token. */
  readonly provider: ProviderName;

  /**
   * @param message - what failed
   * @param code - see the class description
   * @param provider - the provider that issued the token
   * @param options - `cause`: the underlying jose error, if any
   */
  constructor(message: string, code: string, provider: ProviderName = 'kakao', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IdTokenError';
    this.code = code;
    this.provider = provider;
    this.category = catalog().idTokenErrorCategory(code);
  }
}
