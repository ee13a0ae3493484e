/**
 * Kakao OpenID Connect: the issuer, the JWKS and the profile built from ID
 * token claims (docs/providers.md §B6, §C3). The checks themselves are shared
 * with Naver, in lib/oidc/verifier.ts.
 *
 * @packageDocumentation
 */
import type { OutgoingHttpHeaders } from 'node:http';
import { endpoint, type HttpSettings } from '../http.js';
import { nonEmpty } from '../json.js';
import { IdTokenVerifier } from '../oidc/verifier.js';
import { addContacts } from '../profile.js';
import type { KakaoIdTokenClaims, KakaoIdTokenProfile } from './types.js';

export { IdTokenError } from '../errors.js';

/** Kakao's issuer (§B6). */
export const KAKAO_ISSUER = 'https://kauth.kakao.com';
/** Kakao's JWKS (§B6). */
export const KAKAO_JWKS_URL = 'https://kauth.kakao.com/.well-known/jwks.json';

/** What a strategy gives {@link kakaoIdTokenVerifier}. */
export interface IdTokenVerifierOptions {
  /** The `jwksURL` option, if any. */
  jwksURL?: string | undefined;
  /** The `issuer` option, if any. */
  issuer?: string | undefined;
  audience: readonly string[];
  clockTolerance: number;
  headers: OutgoingHttpHeaders;
  http: HttpSettings;
  nonceRequired: boolean;
}

/** The ID token checks for Kakao: Kakao's issuer and JWKS unless overridden (§B6, §C7). */
export function kakaoIdTokenVerifier(options: IdTokenVerifierOptions): IdTokenVerifier {
  const { jwksURL, issuer, ...rest } = options;
  return new IdTokenVerifier({ ...rest, label: 'Kakao', provider: 'kakao', jwks: endpoint(jwksURL ?? KAKAO_JWKS_URL, 'jwksURL'), issuer: issuer ?? KAKAO_ISSUER });
}

/**
 * The profile built from verified ID token claims (`profileFrom: 'id_token'`):
 * `sub`, `nickname`, `picture`, and `email`, which Kakao puts in the token only
 * when it is valid and verified (§B6).
 */
export function profileFromClaims(claims: KakaoIdTokenClaims): KakaoIdTokenProfile {
  const nickname = nonEmpty(claims.nickname);
  const profile: KakaoIdTokenProfile = {
    provider: 'kakao',
    id: claims.sub,
    displayName: nickname ?? '',
    _raw: JSON.stringify(claims),
    _json: claims,
    idToken: claims,
  };
  if (nickname !== undefined) profile.username = nickname;
  return addContacts(profile, claims.email, true, claims.picture);
}
