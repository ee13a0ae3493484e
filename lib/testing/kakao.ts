/**
 * The emulated Kakao: `/kakao/oauth/authorize`, `/kakao/oauth/token` and
 * `/kakao/v2/user/me`, answering as Kakao does (provider-apis.md Part B):
 * KOE error codes, numeric 64-bit ids, consent flags, `prompt=none`.
 *
 * @packageDocumentation
 */
import { createHash, type webcrypto } from 'node:crypto';
import { SignJWT, type JWK } from 'jose';
import { authorizeRoutes, withQuery, type AuthorizeSettings } from './authorize.js';
import type { Grants } from './grants.js';
import type { Exchange, Route } from './server.js';
import type { EmulatorClient, EmulatorUser } from './types.js';

/** Paths of the emulated Kakao, below the emulator's URL. */
export const KAKAO_PATHS = {
  authorize: '/kakao/oauth/authorize',
  decision: '/kakao/oauth/authorize/decision',
  token: '/kakao/oauth/token',
  profile: '/kakao/v2/user/me',
  logout: '/kakao/v1/user/logout',
  unlink: '/kakao/v1/user/unlink',
  tokenInfo: '/kakao/v1/user/access_token_info',
  jwks: '/kakao/.well-known/jwks.json',
  discovery: '/kakao/.well-known/openid-configuration',
} as const;

/** The emulator's ID token signing key. */
export interface KakaoSigner {
  kid: string;
  privateKey: webcrypto.CryptoKey;
  /** The public key as a JWK, with `kid`, `alg`, `use`. */
  jwk: JWK;
}

/** The issuer the emulated Kakao writes into ID tokens: Kakao's own (§B6). */
export const EMULATED_KAKAO_ISSUER = 'https://kauth.kakao.com';

/** What the emulated Kakao needs. */
export interface KakaoSettings {
  clients: readonly EmulatorClient[];
  users: readonly EmulatorUser[];
  grants: Grants;
  codeLifetimeMs: number;
  accessTokenLifetime: number;
  refreshTokenLifetime: number;
  signer: KakaoSigner;
  /** The emulator's URL, for the discovery document. */
  baseURL: string;
}

/** Consent items every login gets: the basic profile. */
const BASIC_SCOPES = ['profile_nickname', 'profile_image'];
/** A refresh with less than this left gets a new refresh token (§B3: "less than 1 month"). */
const ROTATE_BELOW_SECONDS = 30 * 86_400;

/** Kakao's token endpoint error body (§B3). */
function tokenError(ex: Exchange, status: number, error: string, description: string, code?: string): void {
  ex.json(status, JSON.stringify(code === undefined ? { error, error_description: description } : { error, error_description: description, error_code: code }));
}

/** A stable 10-digit user number, the size real ones have (§C7). */
function kakaoIdFor(key: string): string {
  return String(1_000_000_000 + (createHash('sha256').update(key).digest().readUInt32BE(0) % 3_000_000_000));
}

/** `/v2/user/me` for a user, with only the consented items; the id is written digit for digit. */
export function kakaoUserBody(user: EmulatorUser, scopes: ReadonlySet<string>): string {
  const has = (scope: string): boolean => scopes.has(scope);
  const account: Record<string, unknown> = {
    profile_nickname_needs_agreement: !has('profile_nickname'),
    profile_image_needs_agreement: !has('profile_image'),
  };
  const profile: Record<string, unknown> = {};
  if (has('profile_nickname')) profile['nickname'] = user.nickname ?? user.name;
  if (has('profile_image') && user.profileImage) {
    profile['thumbnail_image_url'] = user.profileImage;
    profile['profile_image_url'] = user.profileImage;
    profile['is_default_image'] = false;
  }
  if (Object.keys(profile).length) account['profile'] = profile;
  account['name_needs_agreement'] = !has('name');
  if (has('name')) account['name'] = user.name;
  account['email_needs_agreement'] = !has('account_email');
  if (has('account_email') && user.email) Object.assign(account, { is_email_valid: true, is_email_verified: true, email: user.email });
  account['gender_needs_agreement'] = !has('gender');
  if (has('gender') && user.gender) account['gender'] = user.gender;
  account['birthday_needs_agreement'] = !has('birthday');
  if (has('birthday') && user.birthday) Object.assign(account, { birthday: user.birthday, birthday_type: 'SOLAR' });
  account['birthyear_needs_agreement'] = !has('birthyear');
  if (has('birthyear') && user.birthyear) account['birthyear'] = user.birthyear;
  account['phone_number_needs_agreement'] = !has('phone_number');
  if (has('phone_number') && user.mobile) account['phone_number'] = `+82 ${user.mobile}`;
  const body = JSON.stringify({ id: 0, connected_at: '2024-01-01T00:00:00Z', kakao_account: account });
  // Kakao's id is a JSON number that may exceed 2^53: splice the digits in as text.
  return body.replace('"id":0', `"id":${user.kakaoId ?? kakaoIdFor(user.key)}`);
}

/** The `prompt` values of an authorization request, comma- or space-separated (§B1). */
function prompts(ex: Exchange): string[] {
  return (ex.param('prompt') ?? '').split(/[ ,]+/).filter(Boolean);
}

/** The routes of the emulated Kakao. */
export function kakaoRoutes(settings: KakaoSettings): Route[] {
  const { grants, signer } = settings;

  /** An RS256 ID token for a login with `openid` (§B6): only consented claims; email only when there is one. */
  const idToken = (client: EmulatorClient, user: EmulatorUser, scopes: readonly string[], nonce: string | undefined): Promise<string> => {
    const claims: Record<string, unknown> = { auth_time: Math.floor(Date.now() / 1000) };
    if (nonce !== undefined) claims['nonce'] = nonce;
    if (scopes.includes('profile_nickname')) claims['nickname'] = user.nickname ?? user.name;
    if (scopes.includes('profile_image') && user.profileImage) claims['picture'] = user.profileImage;
    if (scopes.includes('account_email') && user.email) claims['email'] = user.email;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: signer.kid, typ: 'JWT' })
      .setIssuer(EMULATED_KAKAO_ISSUER)
      .setAudience(client.clientID)
      .setSubject(user.kakaoId ?? kakaoIdFor(user.key))
      .setIssuedAt()
      .setExpirationTime(`${settings.accessTokenLifetime}s`)
      .sign(signer.privateKey);
  };

  /** Answers after signing the ID token, when the scopes ask for one. */
  const answerTokens = (ex: Exchange, body: Record<string, unknown>, client: EmulatorClient, user: EmulatorUser, scopes: readonly string[], nonce: string | undefined): void => {
    if (!scopes.includes('openid')) return ex.json(200, JSON.stringify(body));
    idToken(client, user, scopes, nonce).then(
      (token) => ex.json(200, JSON.stringify({ ...body, id_token: token })),
      () => tokenError(ex, 500, 'server_error', 'could not sign the ID token'),
    );
  };
  const authorize: AuthorizeSettings = {
    provider: 'kakao',
    label: 'Kakao',
    authorizePath: KAKAO_PATHS.authorize,
    decisionPath: KAKAO_PATHS.decision,
    clients: settings.clients,
    users: settings.users,
    grants,
    codeLifetimeMs: settings.codeLifetimeMs,
    requireState: false,
    // Kakao documents commas; spaces are observed to work too (§B1).
    scopesFor: (requested) => [...new Set([...BASIC_SCOPES, ...(requested ?? '').split(/[ ,]+/).filter(Boolean)])],
    // Kakao's cancel redirect, `%20` for spaces (§B2); state comes back as sent.
    cancelQuery: (state) => `error=access_denied&error_description=User%20denied%20access${state === undefined ? '' : `&state=${encodeURIComponent(state)}`}`,
    asksAgain: (ex) => prompts(ex).some((p) => p === 'login' || p === 'select_account' || p === 'create'),
    silent: (ex, request, returning, approve) => {
      if (!prompts(ex).includes('none')) return false;
      if (returning) {
        approve(ex, request, returning);
        return true;
      }
      // No interaction allowed and consent missing (§B2).
      const state = request.state === undefined ? '' : `&state=${encodeURIComponent(request.state)}`;
      ex.redirect(withQuery(request.redirectURI, `error=consent_required&error_description=user%20consent%20required.${state}`));
      return true;
    },
  };

  const token = (ex: Exchange): void => {
    const client = settings.clients.find((c) => c.clientID === ex.form.get('client_id'));
    if (!client) return tokenError(ex, 401, 'invalid_client', `Not exist client_id [${ex.form.get('client_id') ?? ''}]`, 'KOE101');
    // The secret is checked only when the app turned it on (§B3, [K6]).
    if (client.clientSecret !== undefined && client.clientSecret !== ex.form.get('client_secret')) {
      return tokenError(ex, 401, 'invalid_client', 'Bad client credentials', 'KOE010');
    }
    const grantType = ex.form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = ex.form.get('code') ?? '';
      const grant = grants.takeCode(code, 'kakao');
      if (!grant || grant.client !== client) return tokenError(ex, 400, 'invalid_grant', `authorization code not found for code=${code}`, 'KOE320');
      if (ex.form.get('redirect_uri') !== grant.redirectURI) return tokenError(ex, 400, 'invalid_grant', 'Redirect URI mismatch.', 'KOE303');
      if (grant.codeChallenge !== undefined) {
        const verifier = ex.form.get('code_verifier') ?? '';
        // UNCONFIRMED: Kakao's exact PKCE error body; this one carries no KOE code.
        if (createHash('sha256').update(verifier).digest('base64url') !== grant.codeChallenge) {
          return tokenError(ex, 400, 'invalid_grant', 'PKCE verification failed.');
        }
      }
      const lifetime = settings.refreshTokenLifetime;
      const issued = grants.issueTokens({ provider: 'kakao', client, user: grant.user, scopes: grant.scopes }, settings.accessTokenLifetime, lifetime);
      const body = {
        token_type: 'bearer',
        access_token: issued.access,
        expires_in: settings.accessTokenLifetime,
        refresh_token: issued.refresh,
        refresh_token_expires_in: lifetime,
        scope: grant.scopes.join(' '),
      };
      return answerTokens(ex, body, client, grant.user, grant.scopes, grant.nonce);
    }
    if (grantType === 'refresh_token') {
      const refreshToken = ex.form.get('refresh_token');
      if (!refreshToken) return tokenError(ex, 400, 'invalid_grant', 'refresh_token not found', 'KOE319');
      const grant = grants.refreshGrant(refreshToken, 'kakao');
      if (!grant || grant.client !== client) return tokenError(ex, 400, 'invalid_grant', 'expired_or_invalid_refresh_token', 'KOE322');
      const { access } = grants.issueTokens({ provider: 'kakao', client, user: grant.user, scopes: grant.scopes, family: grant.family }, settings.accessTokenLifetime);
      const body: Record<string, unknown> = { token_type: 'bearer', access_token: access, expires_in: settings.accessTokenLifetime };
      const left = Math.floor((grant.expiresAt - Date.now()) / 1000);
      // A new refresh token only in the old one's last month; the old one then dies (§B3).
      if (left < ROTATE_BELOW_SECONDS) {
        const { refresh } = grants.issueTokens({ provider: 'kakao', client, user: grant.user, scopes: grant.scopes, family: grant.family }, 0, settings.refreshTokenLifetime);
        grants.dropRefresh(refreshToken);
        Object.assign(body, { refresh_token: refresh, refresh_token_expires_in: settings.refreshTokenLifetime });
      }
      // With OpenID Connect, a refresh re-issues the ID token (§B3).
      return answerTokens(ex, body, client, grant.user, grant.scopes, undefined);
    }
    tokenError(ex, 400, 'unsupported_grant_type', `grant_type ${grantType ?? ''} is not supported`);
  };

  const profile = (ex: Exchange): void => {
    const grant = grants.accessGrant(ex.bearer(), 'kakao');
    if (!grant) return invalidToken(ex);
    ex.json(200, kakaoUserBody(grant.user, new Set(grant.scopes)));
  };

  /** Kakao's answer to a bad token on kapi (§B4). */
  const invalidToken = (ex: Exchange): void =>
    ex.json(401, JSON.stringify({ msg: 'this access token does not exist', code: -401 }), { 'WWW-Authenticate': 'Bearer error=invalid_token' });
  const userId = (user: EmulatorUser): string => user.kakaoId ?? kakaoIdFor(user.key);

  // Logout ends the access token and its refresh token; unlink also forgets the consent (§B5).
  const logout = (ex: Exchange): void => {
    const grant = grants.accessGrant(ex.bearer(), 'kakao');
    if (!grant) return invalidToken(ex);
    grants.revokeFamily(grant.family);
    ex.json(200, `{"id":${userId(grant.user)}}`);
  };
  const unlink = (ex: Exchange): void => {
    const grant = grants.accessGrant(ex.bearer(), 'kakao');
    if (!grant) return invalidToken(ex);
    grants.unlink('kakao', grant.client, grant.user);
    ex.json(200, `{"id":${userId(grant.user)}}`);
  };
  const tokenInfo = (ex: Exchange): void => {
    const grant = grants.accessGrant(ex.bearer(), 'kakao');
    if (!grant) return invalidToken(ex);
    const appId = createHash('sha256').update(grant.client.clientID).digest().readUInt32BE(0) % 1_000_000;
    ex.json(200, `{"id":${userId(grant.user)},"expires_in":${Math.floor((grant.expiresAt - Date.now()) / 1000)},"app_id":${appId}}`);
  };
  const jwks = (ex: Exchange): void => ex.json(200, JSON.stringify({ keys: [signer.jwk] }));
  const discovery = (ex: Exchange): void => {
    const base = `${settings.baseURL}/kakao`;
    ex.json(
      200,
      JSON.stringify({
        issuer: EMULATED_KAKAO_ISSUER,
        authorization_endpoint: base + '/oauth/authorize',
        token_endpoint: base + '/oauth/token',
        jwks_uri: base + '/.well-known/jwks.json',
        token_endpoint_auth_methods_supported: ['client_secret_post'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code'],
        response_modes_supported: ['query'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        code_challenge_methods_supported: ['S256'],
        claims_supported: ['iss', 'aud', 'sub', 'auth_time', 'exp', 'iat', 'nonce', 'nickname', 'picture', 'email'],
      }),
    );
  };

  return [
    ...authorizeRoutes(authorize),
    { provider: 'kakao', endpoint: 'token', methods: ['POST'], path: KAKAO_PATHS.token, handle: token },
    { provider: 'kakao', endpoint: 'profile', methods: ['GET', 'POST'], path: KAKAO_PATHS.profile, handle: profile },
    { provider: 'kakao', endpoint: 'logout', methods: ['POST'], path: KAKAO_PATHS.logout, handle: logout },
    { provider: 'kakao', endpoint: 'unlink', methods: ['POST'], path: KAKAO_PATHS.unlink, handle: unlink },
    { provider: 'kakao', endpoint: 'tokenInfo', methods: ['GET'], path: KAKAO_PATHS.tokenInfo, handle: tokenInfo },
    { provider: 'kakao', endpoint: 'jwks', methods: ['GET'], path: KAKAO_PATHS.jwks, handle: jwks },
    { provider: 'kakao', endpoint: 'jwks', methods: ['GET'], path: KAKAO_PATHS.discovery, handle: discovery },
  ];
}
