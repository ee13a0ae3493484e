/**
 * The error catalogue: every code Naver, Kakao and this package produce, what
 * it means, which {@link ErrorCategory} it belongs to, and what to do about it.
 *
 * Source of truth: provider-apis.md §C6 (categories proposed there), §C2
 * (KOE205), §C8 (Naver OpenID Connect), §C12 (-101 on unlink, consent APIs),
 * §A2/§A3/§A5 (Naver callback, token and profile errors).
 *
 * @packageDocumentation
 */

/**
 * What an app should do about an error or a failed login.
 *
 * - `'retry'`: transient. Nothing is wrong with the app or the user; try the
 *   same thing again later (timeouts, resets, 5xx, rate limits, maintenance).
 * - `'login'`: start the login again (used or expired code, state mismatch,
 *   expired token after one refresh attempt, ID token nonce mismatch).
 * - `'config'`: the app's registration in the provider's console or the app's
 *   code is wrong (client ID or secret, redirect URI, consent items not set up);
 *   a person has to fix it, retrying does not help.
 * - `'consent'`: the user cancelled, declined or has not agreed to something
 *   the request needs; ask again only if the user wants to.
 */
export type ErrorCategory = 'retry' | 'login' | 'config' | 'consent';

/** A person-readable explanation of an error, from {@link describeError}. */
export interface ErrorDescription {
  /** The code the explanation is for (`'KOE320'`, `'-402'`, `'024'`, `'invalid_state'`, ...), or `'unknown'`. */
  code: string;
  /** See {@link ErrorCategory}. */
  category: ErrorCategory;
  /** What happened, one or two sentences. Never contains a token, secret or authorization code. */
  summary: string;
  /** What to do about it, naming the console menu where one is involved. */
  fix: string;
}

/** Where a catalogue code comes from. */
export type ErrorSource =
  | 'kakao-token' // KOE codes, kauth.kakao.com (§C6.3)
  | 'kakao-api' // {code, msg}, kapi.kakao.com (§C6.4)
  | 'kakao-callback' // `error` on the redirect URI (§B2, §C6.3)
  | 'naver-token' // /oauth2.0/token, /oauth2/token and /oauth2.0/revoke (§C6.1, §C8)
  | 'naver-api' // /v1/nid/me resultcodes and gateway errors (§C6.2)
  | 'naver-callback' // `error` on the redirect URI (§A2, §C6.1)
  | 'oauth' // a plain OAuth 2.0 `error` whose provider is unknown (RFC 6749 §4.1.2.1, §5.2)
  | 'failure' // codes of this package's Passport failures (CONTRACT)
  | 'request' // transport failures (ProviderRequestError)
  | 'id-token'; // ID token checks (IdTokenError, jose codes)

/** One row of the catalogue. */
export interface CatalogEntry {
  /** See {@link ErrorSource}. */
  readonly source: ErrorSource;
  /** The code as sent (`'KOE320'`, `'-402'`, `'024'`, `'access_denied'`, `'ETIMEDOUT'`, ...); `'*'` = any code not listed. */
  readonly code: string;
  /**
   * A narrower case of the same code: the exact `error_description` (Naver sends
   * several meanings under `invalid_request`), or an HTTP status class such as
   * `'4xx'` for transport and gateway errors.
   */
  readonly when?: string;
  /** The HTTP status the provider answers with, as documented or observed (for the tables). */
  readonly http?: string;
  /** See {@link ErrorCategory}. */
  readonly category: ErrorCategory;
}

/** Shorthand for building the tables below. */
function rows(source: ErrorSource, list: ReadonlyArray<readonly [code: string, category: ErrorCategory, http?: string, when?: string]>): CatalogEntry[] {
  return list.map(([code, category, http, when]) => ({
    source,
    code,
    category,
    ...(http !== undefined && http !== '' ? { http } : {}),
    ...(when !== undefined ? { when } : {}),
  }));
}

/** Every code this catalogue knows, one record per code (or per case of a code). */
export const errorCatalog: readonly CatalogEntry[] = [
  // §C6.3: KOE codes. Authorize-time ones are shown on Kakao's page, token-time ones come back as JSON.
  ...rows('kakao-token', [
    ['KOE001', 'config'], ['KOE002', 'config'], ['KOE003', 'retry'], ['KOE004', 'config'], ['KOE005', 'config'],
    ['KOE006', 'config'], ['KOE007', 'config'], ['KOE008', 'config'], ['KOE009', 'config'], ['KOE010', 'config', '401'],
    ['KOE023', 'config'], ['KOE101', 'config', '401'], ['KOE102', 'config'], ['KOE201', 'config'], ['KOE202', 'config'],
    ['KOE203', 'consent'], ['KOE204', 'config'], ['KOE205', 'config'], ['KOE207', 'config'],
    // HTTP status of KOE237 UNCONFIRMED (fixtures use 400); never retried in a loop (§C6.3).
    ['KOE237', 'retry', '400'], ['KOE303', 'config', '400'],
    // KOE310: two transcriptions disagree (UNCONFIRMED); both meanings are configuration errors.
    ['KOE310', 'config', '400'], ['KOE319', 'config', '400'], ['KOE320', 'login', '400'], ['KOE322', 'login', '400'],
    ['KOE400', 'login', '400'],
  ]),
  // §C6.4: kapi.kakao.com codes.
  ...rows('kakao-api', [
    ['-1', 'retry', '400'], ['-2', 'config', '400'], ['-3', 'config', '403'], ['-4', 'login', '403'], ['-5', 'config', '403'],
    ['-6', 'config', '403'], ['-7', 'retry', '400'], ['-8', 'config', '400'], ['-9', 'config', '400'],
    ['-10', 'retry', '400, 429'], ['-11', 'config', '400'], ['-12', 'config', '403'], ['-101', 'login', '400'],
    // -102: "treat as success" in §C6.4; as an error it is the app's logic, so config.
    ['-102', 'config', '400'], ['-103', 'login', '400'], ['-201', 'config', '400'], ['-301', 'config'],
    ['-401', 'login', '401'], ['-402', 'consent', '403'], ['-403', 'config'], ['-405', 'consent'], ['-406', 'consent', '401'],
    ['-501', 'config', '400'],
    // Image upload codes: §C6.4 gives no category (not login). A timeout is transient, limits are the app's.
    ['-602', 'config', '400'], ['-603', 'retry', '400'], ['-606', 'config', '400'], ['-911', 'config', '400'],
    ['-903', 'config', '400'], ['-9798', 'retry', '503'],
  ]),
  // §B2, §C6.3: errors Kakao sends to the redirect URI.
  ...rows('kakao-callback', [
    ['access_denied', 'consent', '302', 'User denied access'],
    ['access_denied', 'consent', '302', 'Not allowed under age 14'],
    ['access_denied', 'consent', '302'],
    ['consent_required', 'consent', '302'], ['login_required', 'login', '302'], ['interaction_required', 'login', '302'],
    ['invalid_request', 'config', '302'], ['invalid_scope', 'config', '302'], ['invalid_client', 'config', '302'],
    ['unauthorized', 'config', '302'], ['misconfigured', 'config', '302'],
    // Not in §C6.3's callback list ("other errors": config); a server error is transient, like at the token endpoint.
    ['server_error', 'retry', '302'],
  ]),
  // §C6.1, §C8: Naver token endpoint (HTTP 200 with an error body) and revoke.
  ...rows('naver-token', [
    ['invalid_request', 'login', '200', 'no valid data in session'],
    ['invalid_request', 'config', '200', 'wrong client id / client secret pair'],
    ['invalid_request', 'login', '200', 'invalid refresh_token'],
    ['invalid_request', 'config', '200'],
    // The same code from /oauth2.0/revoke (401, "Client authentication failed.") is the app's credentials (§C6.1).
    ['unauthorized_client', 'config', '401', 'Client authentication failed.'],
    ['unauthorized_client', 'login', '200'],
    ['unsupported_response_type', 'config'], ['server_error', 'retry', '500'], ['temporarily_unavailable', 'retry', '503'],
    ['invalid_client', 'config', '401'],
  ]),
  // §C6.2: /v1/nid/me resultcodes, then gateway errors by status.
  ...rows('naver-api', [
    ['024', 'login', '401, 200'], ['028', 'config', '401'], ['403', 'config', '403'], ['404', 'config', '404'], ['500', 'retry', '500'],
    ['*', 'retry', '429', '429'], ['*', 'retry', '5xx', '5xx'], ['*', 'config', '4xx', '4xx'],
  ]),
  // §A2, §C6.1: errors Naver sends to the redirect URI.
  ...rows('naver-callback', [
    ['access_denied', 'consent', '302', 'Canceled By User'],
    ['access_denied', 'login', '302', 'user not logged in.'],
    ['access_denied', 'login', '302', 'need user consent.'],
    ['access_denied', 'login', '302', 'unsupported browser environment.'],
    ['access_denied', 'consent', '302'],
    ['invalid_request', 'config', '302'], ['unauthorized_client', 'config', '302'], ['unsupported_response_type', 'config', '302'],
    ['invalid_scope', 'config', '302'],
    // "other errors: config" (§C6.1), except the two the spec marks as server-side (§A2): transient.
    ['server_error', 'retry', '302'], ['temporarily_unavailable', 'retry', '302'],
  ]),
  // RFC 6749 error codes when the provider is unknown (a passport-oauth2 TokenError / AuthorizationError).
  ...rows('oauth', [
    ['invalid_request', 'config'], ['invalid_client', 'config'], ['invalid_grant', 'login'], ['unauthorized_client', 'config'],
    ['unsupported_grant_type', 'config'], ['unsupported_response_type', 'config'], ['invalid_scope', 'config'],
    ['access_denied', 'consent'], ['server_error', 'retry'], ['temporarily_unavailable', 'retry'], ['invalid_token', 'login'],
  ]),
  // This package's own failure codes (CONTRACT.md).
  ...rows('failure', [
    ['invalid_state', 'login'], ['invalid_request', 'config'], ['consent_required', 'consent'],
  ]),
  // Transport failures (ProviderRequestError). EBADRESPONSE depends on the status.
  ...rows('request', [
    ['ETIMEDOUT', 'retry'], ['ECONNRESET', 'retry'], ['ECONNREFUSED', 'retry'], ['ENOTFOUND', 'retry'], ['EAI_AGAIN', 'retry'],
    ['EPIPE', 'retry'], ['ECONNABORTED', 'retry'], ['EHOSTUNREACH', 'retry'], ['ENETUNREACH', 'retry'],
    ['ERESPONSETOOLARGE', 'retry'], ['EREQUEST', 'config'],
    ['EBADRESPONSE', 'retry', '5xx', '5xx'], ['EBADRESPONSE', 'retry', '429', '429'], ['EBADRESPONSE', 'config', '4xx', '4xx'],
    ['EBADRESPONSE', 'config', '3xx', '3xx'], ['EBADRESPONSE', 'retry', '2xx', '2xx'],
    ['CERT_HAS_EXPIRED', 'config'], ['DEPTH_ZERO_SELF_SIGNED_CERT', 'config'], ['SELF_SIGNED_CERT_IN_CHAIN', 'config'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'config'], ['ERR_TLS_CERT_ALTNAME_INVALID', 'config'],
  ]),
  // ID token checks: jose's codes and this package's own.
  ...rows('id-token', [
    ['ERR_ID_TOKEN_MISSING', 'config'], ['ERR_JWT_CLAIM_VALIDATION_FAILED', 'config'], ['ERR_AZP_MISMATCH', 'config'],
    ['ERR_JWT_EXPIRED', 'login'], ['ERR_NONCE_MISMATCH', 'login'], ['ERR_SUB_MISMATCH', 'login'],
    ['ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'login'], ['ERR_JWS_INVALID', 'login'], ['ERR_JWT_INVALID', 'login'],
    ['ERR_JOSE_ALG_NOT_ALLOWED', 'login'], ['ERR_JOSE_NOT_SUPPORTED', 'login'],
    ['ERR_JWKS_NO_MATCHING_KEY', 'retry'], ['ERR_JWKS_MULTIPLE_MATCHING_KEYS', 'retry'], ['ERR_JWKS_TIMEOUT', 'retry'],
    ['ERR_JWKS_INVALID', 'retry'], ['ERR_JWK_INVALID', 'retry'],
  ]),
];

/** Same text, ignoring case and surrounding spaces (Naver's descriptions arrive decoded from `+`). */
function sameText(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * The entry for a code: the one whose `when` matches, else the one without `when`.
 * `prefer` picks among several entries of the code when `when` matched none.
 */
function findEntry(source: ErrorSource, code: string, when?: string, prefer?: ErrorCategory): CatalogEntry | undefined {
  const all = errorCatalog.filter((e) => e.source === source && e.code === code);
  return all.find((e) => sameText(e.when, when))
    ?? (prefer === undefined ? undefined : all.find((e) => e.category === prefer))
    ?? all.find((e) => e.when === undefined);
}

/** `'2xx'` ... `'5xx'`, or `'429'` for rate limiting. */
function statusClass(status: number | undefined): string | undefined {
  if (status === undefined || !Number.isInteger(status) || status < 100 || status > 599) return undefined;
  return status === 429 ? '429' : `${Math.floor(status / 100)}xx`;
}

/**
 * The category of a Kakao token endpoint error (§C6.3). Unknown `KOE…` codes are
 * `'config'`, as §C6.3 says; without a KOE code the OAuth `error` decides.
 *
 * @param errorCode - Kakao's `error_code` (`'KOE320'`), if sent
 * @param error - the OAuth `error` (`'invalid_grant'`)
 */
export function kakaoTokenErrorCategory(errorCode: string | undefined, error: string): ErrorCategory {
  if (errorCode !== undefined && /^KOE\d+$/.test(errorCode)) return findEntry('kakao-token', errorCode)?.category ?? 'config';
  return findEntry('oauth', error)?.category ?? 'config';
}

/**
 * The category of a kapi.kakao.com error `code` (§C6.4); codes not listed are `'config'`.
 *
 * @param code - Kakao's `code`, e.g. `-401`
 */
export function kakaoApiErrorCategory(code: number): ErrorCategory {
  return findEntry('kakao-api', String(code))?.category ?? 'config';
}

/**
 * The category of a Naver token (or revoke) endpoint error (§C6.1, §C8). Naver
 * sends several meanings under `invalid_request`; the description tells them apart.
 *
 * @param error - Naver's `error`
 * @param description - Naver's `error_description`
 * @param status - the HTTP status, when known: a 401 is a client authentication failure (revoke, OpenID Connect token)
 */
export function naverTokenErrorCategory(error: string, description?: string, status?: number): ErrorCategory {
  if (status === 401 && (error === 'unauthorized_client' || error === 'invalid_client')) return 'config';
  return findEntry('naver-token', error, description)?.category ?? findEntry('oauth', error)?.category ?? 'config';
}

/**
 * The category of a Naver API error (§C6.2): a `/v1/nid/me` `resultcode`, or
 * the openapi.naver.com gateway's `errorCode`, judged by status when not listed.
 *
 * @param code - `resultcode` or `errorCode`, e.g. `'024'`
 * @param status - the HTTP status
 */
export function naverApiErrorCategory(code: string, status: number): ErrorCategory {
  return findEntry('naver-api', code)?.category ?? findEntry('naver-api', '*', statusClass(status))?.category ?? 'config';
}

/**
 * The category of an `error` the provider sent to the redirect URI (§A2,
 * §B2, §C6.1, §C6.3). Naver's `access_denied` is the user's cancel with
 * "Canceled By User" (`'consent'`), but an `auth_type=autologin` failure with
 * "user not logged in.", "need user consent." or "unsupported browser
 * environment." (`'login'`: go on with an interactive login).
 *
 * @param provider - whose callback it is
 * @param error - the callback's `error`
 * @param description - the callback's `error_description`
 */
export function callbackErrorCategory(provider: 'naver' | 'kakao', error: string, description?: string): ErrorCategory {
  return findEntry(provider === 'naver' ? 'naver-callback' : 'kakao-callback', error, description)?.category ?? 'config';
}

/**
 * The category of a transport failure (`ProviderRequestError`): timeouts,
 * resets and unusable 5xx/2xx answers are `'retry'`; an unusable 3xx/4xx
 * answer (wrong endpoint URL), a request Node refused to send and TLS
 * certificate errors are `'config'`. Unknown socket codes are `'retry'`.
 *
 * @param code - `'ETIMEDOUT'`, `'EBADRESPONSE'`, a socket code, ...
 * @param status - the HTTP status, when a response arrived
 */
export function requestErrorCategory(code: string, status?: number): ErrorCategory {
  if (code === 'EBADRESPONSE') return findEntry('request', code, statusClass(status))?.category ?? 'retry';
  return findEntry('request', code)?.category ?? 'retry';
}

/**
 * The category of an ID token failure (`IdTokenError`): a missing token or
 * wrong `aud`/`iss` is `'config'`, a key set that cannot be had `'retry'`,
 * anything else about the token (expired, nonce, signature) `'login'`.
 *
 * @param code - jose's code or this package's (`'ERR_NONCE_MISMATCH'`, ...)
 */
export function idTokenErrorCategory(code: string): ErrorCategory {
  return findEntry('id-token', code)?.category ?? 'login';
}

/**
 * Explains an error or a failed login in words a person understands.
 *
 * @param _error - any error or failure object
 * @param _lang - `'en'` (default) or `'ko'`
 */
export function describeError(_error: unknown, _lang: 'ko' | 'en' = 'en'): ErrorDescription {
  return { code: 'unknown', category: 'retry', summary: 'The login did not complete.', fix: 'Start the login again; if it keeps failing, check the server log.' };
}
