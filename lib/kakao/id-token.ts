/**
 * Kakao OpenID Connect: checking the ID token of the token response before
 * verify runs (provider-apis.md §B6). Signatures and claims are checked by
 * `jose`; the JWKS is fetched through the shared HTTP layer and cached.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet } from 'jose';
import { describeAnswer, ProviderRequestError, sendAsync, type Endpoint, type HttpSettings } from '../http.js';
import { addContacts, isObject, nonEmpty, parseJSON } from '../json.js';
import type { KakaoIdTokenClaims, KakaoIdTokenProfile } from './types.js';

/** Kakao's issuer (§B6). */
export const KAKAO_ISSUER = 'https://kauth.kakao.com';
/** Kakao's JWKS (§B6). */
export const KAKAO_JWKS_URL = 'https://kauth.kakao.com/.well-known/jwks.json';

/**
 * The ID token was missing or did not pass a check: signature, algorithm,
 * issuer, audience, expiry, nonce, or a key id that Kakao's JWKS does not have.
 * The login ends with this error and verify is not called.
 */
export class IdTokenError extends Error {
  /** jose's code (`ERR_JWT_EXPIRED`, `ERR_JWS_SIGNATURE_VERIFICATION_FAILED`, `ERR_JWKS_NO_MATCHING_KEY`, ...), or `ERR_NONCE_MISMATCH` / `ERR_ID_TOKEN_MISSING`. */
  readonly code: string;

  /**
   * @param message - what failed
   * @param code - see {@link IdTokenError.code}
   */
  constructor(message: string, code: string) {
    super(message);
    this.name = 'IdTokenError';
    this.code = code;
  }
}

/**
 * The nonce sent with a login whose state is `state`. Derived from the state
 * rather than stored beside it, so it works with any state store: the state is
 * verified against the user's session (or cookie) before the nonce is compared,
 * which binds the ID token to that browser as a stored nonce would.
 */
export function nonceFor(state: string): string {
  return createHash('sha256').update(`passport-naver-kakao nonce\n${state}`).digest('base64url');
}

/** How ID tokens are checked. */
export interface IdTokenSettings {
  readonly jwks: Endpoint;
  readonly headers: OutgoingHttpHeaders;
  readonly http: HttpSettings;
  readonly issuer: string;
  /** The client ID. */
  readonly audience: string;
  /** Seconds of clock skew allowed for `exp` and `iat`. */
  readonly clockTolerance: number;
  /** The JWKS is fetched again for an unknown key id at most this often. */
  readonly refetchIntervalMs: number;
}

/** Checks Kakao ID tokens, with an in-memory JWKS cache. One per strategy. */
export class IdTokenVerifier {
  readonly #settings: IdTokenSettings;
  #keys: ReturnType<typeof createLocalJWKSet> | undefined;
  #fetchedAt = 0;
  #fetching: Promise<void> | undefined;

  /** @param settings - see {@link IdTokenSettings} */
  constructor(settings: IdTokenSettings) {
    this.#settings = settings;
  }

  /**
   * Checks an ID token and returns its claims.
   *
   * @param idToken - `id_token` of the token response
   * @param nonce - the nonce sent with the authorization request
   * @throws IdTokenError for a token that fails any check; ProviderRequestError when the JWKS cannot be fetched
   */
  async verify(idToken: unknown, nonce: string | undefined): Promise<KakaoIdTokenClaims> {
    if (typeof idToken !== 'string' || idToken === '') {
      throw new IdTokenError('Kakao sent no ID token although OpenID Connect is on (is it enabled in the console, and is openid in the scope?)', 'ERR_ID_TOKEN_MISSING');
    }
    if (!this.#keys) await this.#fetchKeys();
    let claims: KakaoIdTokenClaims;
    try {
      claims = await this.#check(idToken);
    } catch (err) {
      // Keys rotate (§B6): fetch them again for an unknown kid, but not more
      // often than the interval, so bad tokens cannot make us hammer Kakao.
      if (!(err instanceof errors.JWKSNoMatchingKey) || Date.now() - this.#fetchedAt < this.#settings.refetchIntervalMs) throw rejected(err);
      await this.#fetchKeys();
      try {
        claims = await this.#check(idToken);
      } catch (again) {
        throw rejected(again);
      }
    }
    if (nonce === undefined || claims.nonce !== nonce) throw new IdTokenError('Kakao ID token rejected: its nonce does not match the one sent', 'ERR_NONCE_MISMATCH');
    return claims;
  }

  async #check(idToken: string): Promise<KakaoIdTokenClaims> {
    const { payload } = await jwtVerify(idToken, this.#keys!, {
      issuer: this.#settings.issuer,
      audience: this.#settings.audience,
      algorithms: ['RS256'],
      clockTolerance: this.#settings.clockTolerance,
      requiredClaims: ['sub', 'iat', 'exp'],
    });
    return payload as KakaoIdTokenClaims;
  }

  /** Fetches the JWKS; concurrent callers share one request. */
  #fetchKeys(): Promise<void> {
    const { jwks, headers, http } = this.#settings;
    this.#fetching ??= sendAsync(jwks, 'GET', headers, undefined, http, 'Kakao JWKS request')
      .then((res) => {
        const json = parseJSON(res.body);
        if (res.status < 200 || res.status > 299 || !isObject(json) || !Array.isArray(json['keys'])) {
          throw new ProviderRequestError(`Kakao JWKS request answered ${describeAnswer(res)} without a key set`, 'EBADRESPONSE', res.status);
        }
        this.#keys = createLocalJWKSet(json as unknown as JSONWebKeySet);
        this.#fetchedAt = Date.now();
      })
      .finally(() => {
        this.#fetching = undefined;
      });
    return this.#fetching;
  }
}

function rejected(err: unknown): IdTokenError {
  if (err instanceof errors.JOSEError) return new IdTokenError(`Kakao ID token rejected: ${err.message}`, err.code);
  return new IdTokenError('Kakao ID token rejected', 'ERR_JWT_INVALID');
}

/**
 * The profile built from verified ID token claims (`profileFrom: 'id_token'`):
 * `sub`, `nickname`, `picture`, and `email`, which Kakao puts in the token only
 * when it is valid and verified (§B6).
 */
export function profileFromClaims(claims: KakaoIdTokenClaims): KakaoIdTokenProfile {
  const profile: KakaoIdTokenProfile = {
    provider: 'kakao',
    id: claims.sub,
    displayName: nonEmpty(claims.nickname) ?? '',
    _raw: JSON.stringify(claims),
    _json: claims,
    idToken: claims,
  };
  return addContacts(profile, claims.email, true, claims.picture);
}
