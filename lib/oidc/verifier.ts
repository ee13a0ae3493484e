/**
 * Checking an OpenID Connect ID token before verify runs, for any provider:
 * RS256 signature against the provider's JWKS, `iss`, `aud` (one of the
 * accepted audiences, with `azp` as OIDC Core §3.1.3.7 asks), `exp`/`iat`
 * within the clock tolerance, and the nonce.
 *
 * The key set is fetched through the shared HTTP layer, every key imported
 * before the set is trusted, and kept for a limited time
 * (`Cache-Control: max-age`, at most 24 hours): Kakao asks for periodic
 * refetching and time-limited caching (docs/providers.md, "JWKS caching").
 * A key id the set lacks triggers a refetch, at most once per interval; a
 * failed refetch keeps the last good set, so no outage locks every login out,
 * and a failing JWKS is not asked again before the interval has passed.
 *
 * `jose` is loaded on the first check, so apps without OpenID Connect never load it.
 *
 * @packageDocumentation
 */
import type { OutgoingHttpHeaders } from 'node:http';
import { IdTokenError, ProviderRequestError, type ProviderName } from '../errors.js';
import { describeResponse, sendAsync, type Endpoint, type HttpResponse, type HttpSettings } from '../http.js';
import { isObject, parseJSON } from '../json.js';

/** The claims of a verified ID token: `iss`, `aud`, `sub`, `iat` and `exp` are always there. */
export interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string | string[];
  iat: number;
  exp: number;
  nonce?: string;
  /** The authorized party, when the token has several audiences. */
  azp?: string;
  [claim: string]: unknown;
}

/** How a provider's ID tokens are checked. */
export interface IdTokenSettings {
  /** `'Kakao'` or `'Naver'`, for messages. */
  readonly label: string;
  readonly provider: ProviderName;
  readonly jwks: Endpoint;
  readonly headers: OutgoingHttpHeaders;
  readonly http: HttpSettings;
  readonly issuer: string;
  /** The accepted `aud` values: the client ID, and any other app key whose tokens the app accepts. */
  readonly audience: readonly string[];
  /** Seconds of clock skew allowed for `exp` and `iat`. */
  readonly clockTolerance: number;
  /**
   * Whether a token without a `nonce` claim is refused when a nonce was sent.
   * True for Kakao, which documents the echo; false where the echo is unconfirmed.
   */
  readonly nonceRequired: boolean;
}

/** A key set is fetched again for an unknown key id, or after a failure, at most this often. */
export const JWKS_REFETCH_INTERVAL_MS = 30_000;
/** With no key set yet, a failed fetch is not repeated for this long; logins in between get its error. */
export const JWKS_FIRST_FETCH_RETRY_MS = 5_000;
/** A key set without `Cache-Control: max-age` is kept this long. */
export const JWKS_DEFAULT_MAX_AGE_MS = 60 * 60_000;
/** No key set is kept longer than this, whatever `max-age` says. */
export const JWKS_MAX_AGE_CAP_MS = 24 * 60 * 60_000;

type Jose = typeof import('jose');
type Key = Awaited<ReturnType<Jose['importJWK']>>;

let josePromise: Promise<Jose> | undefined;
/** Loads `jose` once, on first use. */
function loadJose(): Promise<Jose> {
  josePromise ??= import('jose');
  return josePromise;
}

/** An imported key set, and until when it may be used. */
interface KeySet {
  readonly keys: ReadonlyMap<string | undefined, Key>;
  readonly expiresAt: number;
}

/** Checks one provider's ID tokens, with a cached key set. One per strategy. */
export class IdTokenVerifier {
  readonly #settings: IdTokenSettings;
  #keySet: KeySet | undefined;
  /** When the last fetch (good or bad) ended. */
  #lastFetch = 0;
  #fetching: Promise<void> | undefined;
  /** The error of the last fetch, when it failed. */
  #lastError: Error | undefined;

  /** @param settings - see {@link IdTokenSettings} */
  constructor(settings: IdTokenSettings) {
    this.#settings = settings;
  }

  /** The accepted audiences. */
  get audience(): readonly string[] {
    return this.#settings.audience;
  }

  /**
   * Checks an ID token and returns its claims.
   *
   * @param idToken - `id_token` of the token response (any value: a missing one is refused)
   * @param nonce - the nonce sent with the authorization request, if any
   * @throws IdTokenError for a token that fails any check; ProviderRequestError when no key set can be fetched
   */
  async verify(idToken: unknown, nonce: string | undefined): Promise<IdTokenClaims> {
    const { label, provider } = this.#settings;
    if (typeof idToken !== 'string' || idToken === '') {
      throw new IdTokenError(`${label} sent no ID token although OpenID Connect is on (is it enabled in the console, and is openid in the scope?)`, 'ERR_ID_TOKEN_MISSING', provider);
    }
    const jose = await loadJose();
    const now = Date.now();
    if (!this.#keySet || (this.#keySet.expiresAt <= now && now - this.#lastFetch >= JWKS_REFETCH_INTERVAL_MS)) {
      await this.#refresh(!this.#keySet);
    }
    let claims: IdTokenClaims;
    try {
      claims = await this.#check(jose, idToken);
    } catch (err) {
      // Keys rotate: fetch them again for an unknown kid, but not more often
      // than the interval, so bad tokens cannot make us hammer the provider.
      if (!(err instanceof jose.errors.JWKSNoMatchingKey) || Date.now() - this.#lastFetch < JWKS_REFETCH_INTERVAL_MS) throw this.#rejected(jose, err);
      await this.#refresh(false);
      try {
        claims = await this.#check(jose, idToken);
      } catch (again) {
        throw this.#rejected(jose, again);
      }
    }
    this.#checkClaims(claims, nonce);
    return claims;
  }

  async #check(jose: Jose, idToken: string): Promise<IdTokenClaims> {
    const { issuer, audience, clockTolerance } = this.#settings;
    const keys = this.#keySet!.keys;
    const { payload } = await jose.jwtVerify(
      idToken,
      (header) => {
        const key = header.kid !== undefined ? keys.get(header.kid) : keys.size === 1 ? keys.values().next().value : undefined;
        if (key === undefined) throw new jose.errors.JWKSNoMatchingKey();
        return key;
      },
      { issuer, audience: [...audience], algorithms: ['RS256'], clockTolerance, requiredClaims: ['sub', 'iat', 'exp'] },
    );
    return payload as IdTokenClaims;
  }

  /** The checks jose leaves to the caller. */
  #checkClaims(claims: IdTokenClaims, nonce: string | undefined): void {
    const { label, provider, audience, clockTolerance, nonceRequired } = this.#settings;
    if (typeof claims.sub !== 'string' || claims.sub === '') throw new IdTokenError(`${label} ID token rejected: it has no subject`, 'ERR_JWT_CLAIM_VALIDATION_FAILED', provider);
    // jose checks `iat` only against a maximum age; a token from the future is refused here.
    if (claims.iat > Date.now() / 1000 + clockTolerance) {
      throw new IdTokenError(`${label} ID token rejected: it was issued in the future`, 'ERR_JWT_CLAIM_VALIDATION_FAILED', provider);
    }
    // OIDC Core §3.1.3.7 (4, 5): several audiences need an authorized party, and
    // an authorized party must be this app.
    const several = Array.isArray(claims.aud) && claims.aud.length > 1;
    if ((several && claims.azp === undefined) || (claims.azp !== undefined && !(typeof claims.azp === 'string' && audience.includes(claims.azp)))) {
      throw new IdTokenError(`${label} ID token rejected: its authorized party is not this app`, 'ERR_AZP_MISMATCH', provider);
    }
    if (nonce === undefined) {
      if (nonceRequired) throw new IdTokenError(`${label} ID token rejected: no nonce was kept for this login`, 'ERR_NONCE_MISMATCH', provider);
      return;
    }
    if (claims.nonce === undefined && !nonceRequired) return;
    if (claims.nonce !== nonce) throw new IdTokenError(`${label} ID token rejected: its nonce does not match the one sent`, 'ERR_NONCE_MISMATCH', provider);
  }

  #rejected(jose: Jose, err: unknown): IdTokenError {
    const { label, provider } = this.#settings;
    if (err instanceof IdTokenError) return err;
    if (err instanceof jose.errors.JOSEError) return new IdTokenError(`${label} ID token rejected: ${err.message}`, err.code, provider, { cause: err });
    return new IdTokenError(`${label} ID token rejected`, 'ERR_JWT_INVALID', provider, { cause: err });
  }

  /**
   * Fetches and imports the key set; concurrent callers share one request. A
   * failure keeps the last good set; it throws only when there is none yet
   * (`mustSucceed`) or the fetch was needed and nothing is cached.
   */
  async #refresh(mustSucceed: boolean): Promise<void> {
    if (!this.#keySet && this.#lastError && Date.now() - this.#lastFetch < JWKS_FIRST_FETCH_RETRY_MS) throw this.#lastError;
    this.#fetching ??= this.#fetch().then(
      () => {
        this.#lastError = undefined;
      },
      (err: unknown) => {
        this.#lastError = err instanceof Error ? err : new Error(String(err));
        throw this.#lastError;
      },
    ).finally(() => {
      this.#lastFetch = Date.now();
      this.#fetching = undefined;
    });
    try {
      await this.#fetching;
    } catch (err) {
      if (mustSucceed || !this.#keySet) throw err;
    }
  }

  async #fetch(): Promise<void> {
    const { jwks, headers, http, label, provider } = this.#settings;
    const what = `${label} JWKS request`;
    const res = await sendAsync(jwks, 'GET', headers, undefined, http, what);
    const json = parseJSON(res.body);
    if (res.status < 200 || res.status > 299 || !isObject(json) || !Array.isArray(json['keys'])) {
      throw new ProviderRequestError(`${what} answered ${describeResponse(res)} without a key set`, 'EBADRESPONSE', res.status, provider);
    }
    const jose = await loadJose();
    const keys = new Map<string | undefined, Key>();
    for (const jwk of json['keys'] as unknown[]) {
      if (!isObject(jwk) || jwk['kty'] !== 'RSA' || (jwk['use'] !== undefined && jwk['use'] !== 'sig')) continue;
      if (jwk['alg'] !== undefined && jwk['alg'] !== 'RS256') continue;
      // A set with a key that does not import is not trusted at all: the last good set stays.
      const key = await importRsaKey(jose, jwk);
      if (key === undefined) throw new ProviderRequestError(`${what} answered a key set with a key that does not import`, 'EBADRESPONSE', res.status, provider);
      keys.set(typeof jwk['kid'] === 'string' ? jwk['kid'] : undefined, key);
    }
    if (keys.size === 0) throw new ProviderRequestError(`${what} answered a key set without an RS256 signing key`, 'EBADRESPONSE', res.status, provider);
    this.#keySet = { keys, expiresAt: Date.now() + maxAge(res) };
  }
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Imports an RSA public key for RS256, or `undefined` when it is not a usable
 * one. Web Crypto imports a malformed modulus or an empty exponent without
 * complaint and fails only when a signature is checked, so both are checked
 * here: base64url text, an exponent, and a modulus of at least 2048 bits (what
 * RS256 asks, RFC 7518 §3.3).
 */
async function importRsaKey(jose: Jose, jwk: Record<string, unknown>): Promise<Key | undefined> {
  const { n, e } = jwk;
  if (typeof n !== 'string' || typeof e !== 'string' || !BASE64URL.test(n) || !BASE64URL.test(e)) return undefined;
  try {
    const key = await jose.importJWK(jwk as Parameters<Jose['importJWK']>[0], 'RS256');
    const algorithm = (key as { algorithm?: { modulusLength?: number; publicExponent?: Uint8Array } }).algorithm;
    if (algorithm && ((algorithm.modulusLength ?? 0) < 2048 || (algorithm.publicExponent?.length ?? 0) === 0)) return undefined;
    return key;
  } catch {
    return undefined;
  }
}

/** How long a key set may be kept: `Cache-Control: max-age`, capped at 24 hours. */
function maxAge(res: HttpResponse): number {
  const header = res.headers['cache-control'];
  const match = typeof header === 'string' ? /(?:^|,)\s*max-age\s*=\s*(\d+)/i.exec(header) : null;
  if (!match) return JWKS_DEFAULT_MAX_AGE_MS;
  return Math.min(Number(match[1]) * 1000, JWKS_MAX_AGE_CAP_MS);
}
