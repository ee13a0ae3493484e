/** Signing keys and ID tokens for OpenID Connect tests. */
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/** A signing key and its public JWK. */
export type Keys = { privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey']; jwk: JWK };

/** Seconds since the epoch, as ID tokens count. */
export const NOW = (): number => Math.floor(Date.now() / 1000);

/** A fresh RS256 key pair with `kid`. */
export async function keys(kid: string): Promise<Keys> {
  const pair = await generateKeyPair('RS256', { extractable: true });
  return { privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/**
 * An ID token with Kakao's claims for user 1376016924429759228; `claims`
 * overrides or adds (a value of `undefined` removes the claim), `kid` changes the header.
 */
export function signIdToken(key: Keys, claims: Record<string, unknown> = {}, kid = key.jwk.kid!): Promise<string> {
  const payload: Record<string, unknown> = {
    iss: 'https://kauth.kakao.com',
    aud: 'kakao-key',
    sub: '1376016924429759228',
    iat: NOW(),
    exp: NOW() + 3600,
    nickname: '홍길동',
    picture: 'https://k.kakaocdn.net/p.jpg',
    email: 'hong@example.com',
    auth_time: NOW(),
    ...claims,
  };
  for (const key of Object.keys(payload)) if (payload[key] === undefined) delete payload[key];
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid }).sign(key.privateKey);
}
