/**
 * Naver OpenID Connect: the issuer, the JWKS and the ID token checks
 * (docs/providers.md §C8). The checks themselves are shared with Kakao, in
 * lib/oidc/verifier.ts.
 *
 * @packageDocumentation
 */
import { endpoint } from '../http.js';
import type { IdTokenVerifierOptions } from '../kakao/id-token.js';
import { IdTokenVerifier } from '../oidc/verifier.js';

/** Naver's issuer (§C8, discovery document). */
export const NAVER_ISSUER = 'https://nid.naver.com';
/** Naver's JWKS (§C8). */
export const NAVER_JWKS_URL = 'https://nid.naver.com/oauth2/jwks';

/** The ID token checks for Naver: Naver's issuer and JWKS unless overridden (§C8). */
export function naverIdTokenVerifier(options: IdTokenVerifierOptions): IdTokenVerifier {
  const { jwksURL, issuer, ...rest } = options;
  return new IdTokenVerifier({ ...rest, label: 'Naver', provider: 'naver', jwks: endpoint(jwksURL ?? NAVER_JWKS_URL, 'jwksURL'), issuer: issuer ?? NAVER_ISSUER });
}
