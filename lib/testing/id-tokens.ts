/**
 * ID tokens of the emulated providers: one RS256 key per emulator, published
 * as a JWKS by both providers' routes.
 *
 * @packageDocumentation
 */
import type { webcrypto } from 'node:crypto';
import { SignJWT, type JWK } from 'jose';

/** The emulator's ID token signing key. */
export interface Signer {
  kid: string;
  privateKey: webcrypto.CryptoKey;
  /** The public key as a JWK, with `kid`, `alg`, `use`. */
  jwk: JWK;
}

/** What every ID token has (OpenID Connect Core §2). */
export interface IdTokenBasics {
  issuer: string;
  audience: string;
  subject: string;
  lifetimeSeconds: number;
}

/** Signs an ID token with the registered claims of `basics` plus `claims`. */
export function signIdToken(signer: Signer, basics: IdTokenBasics, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: signer.kid, typ: 'JWT' })
    .setIssuer(basics.issuer)
    .setAudience(basics.audience)
    .setSubject(basics.subject)
    .setIssuedAt()
    .setExpirationTime(`${basics.lifetimeSeconds}s`)
    .sign(signer.privateKey);
}
