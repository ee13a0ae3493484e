/**
 * The emulated Naver OpenID Connect endpoints (docs/providers.md §A6, §C8):
 * discovery, JWKS, `/oauth2/authorize` and `/oauth2/token`, with PKCE S256,
 * `client_secret_post` and RS256 ID tokens whose `sub` is pairwise.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import { authorizeRoutes } from './authorize.js';
import type { Grants } from './grants.js';
import { signIdToken, type Signer } from './id-tokens.js';
import { NAVER_PATHS, naverAuthorizeSettings, REFRESH_LIFETIME } from './naver.js';
import { naverOwnId } from './profiles.js';
import type { Exchange, Route } from './server.js';
import type { EmulatorClient, EmulatorUser } from './types.js';

/** Paths of the emulated Naver OpenID Connect endpoints. */
export const NAVER_OIDC_PATHS = {
  discovery: '/naver/.well-known/openid-configuration',
  jwks: '/naver/oauth2/jwks',
  authorize: '/naver/oauth2/authorize',
  decision: '/naver/oauth2/authorize/decision',
  token: '/naver/oauth2/token',
} as const;

/** The issuer the emulated Naver writes into ID tokens: Naver's own (§C8). */
export const EMULATED_NAVER_ISSUER = 'https://nid.naver.com';

/** What the Naver OpenID Connect routes need. */
export interface NaverOidcSettings {
  clients: readonly EmulatorClient[];
  users: readonly EmulatorUser[];
  grants: Grants;
  codeLifetimeMs: number;
  accessTokenLifetime: number;
  /** Naver's own key, made on first use (it is not Kakao's). */
  signer: () => Promise<Signer>;
  baseURL: string;
}

/**
 * The ID token's `sub`: pairwise (§C8), and on purpose not the `/v1/nid/me`
 * id, so that no code comes to depend on them being equal (§C8 asks this of
 * an emulator; whether they are equal at Naver is UNCONFIRMED).
 */
export function naverOidcSubject(client: EmulatorClient, user: EmulatorUser): string {
  return createHash('sha256').update(`naver-oidc\n${client.clientID}\n${naverOwnId(user)}`).digest('base64url');
}

/** An OAuth error of the OpenID Connect token endpoint: standard RFC 6749 answers (UNCONFIRMED at Naver beyond `invalid_client`, §C8). */
function oauthError(ex: Exchange, status: number, error: string, description?: string): void {
  ex.json(status, JSON.stringify(description === undefined ? { error } : { error, error_description: description }));
}

/** The routes of Naver's OpenID Connect endpoints. */
export function naverOidcRoutes(settings: NaverOidcSettings): Route[] {
  const { grants } = settings;
  // `scope` is required and must contain `openid` (§C8); the items still come from the console.
  const authorize = naverAuthorizeSettings(
    settings,
    NAVER_OIDC_PATHS,
    (scope) =>
      (scope ?? '').split(/[ ,+]+/).includes('openid')
        ? { items: [], idToken: true }
        : { items: [], idToken: true, refusal: { title: '네이버 로그인 오류', lines: ['invalid_request: 파라미터가 잘못되었거나 요청문이 잘못되었습니다.', 'scope에 openid가 있어야 합니다.'] } },
    'oidc',
  );

  /** Signs the ID token: `iss`, `aud` = client ID, pairwise `sub`, `iat`, `exp`, and `nonce` when sent (likely echoed, §C8). */
  const idToken = async (client: EmulatorClient, user: EmulatorUser, nonce: string | undefined): Promise<string> =>
    signIdToken(
      await settings.signer(),
      { issuer: EMULATED_NAVER_ISSUER, audience: client.clientID, subject: naverOidcSubject(client, user), lifetimeSeconds: settings.accessTokenLifetime },
      nonce === undefined ? {} : { nonce },
    );

  const token = (ex: Exchange): void => {
    const client = settings.clients.find((c) => c.clientID === ex.form.get('client_id'));
    // client_secret_post; a wrong client is 401 {"error":"invalid_client"} here (observed once, §C8).
    if (!client || client.clientSecret === undefined || client.clientSecret !== ex.form.get('client_secret')) return oauthError(ex, 401, 'invalid_client');
    const grantType = ex.form.get('grant_type');
    // expires_in as a string, as at /oauth2.0/token (§A3); UNCONFIRMED for these endpoints.
    const expiresIn = String(settings.accessTokenLifetime);
    if (grantType === 'authorization_code') {
      const grant = grants.takeCode(ex.form.get('code') ?? '', 'naver', 'oidc');
      if (!grant || grant.client !== client) return oauthError(ex, 400, 'invalid_grant', 'invalid authorization code');
      if (grant.codeChallenge !== undefined && createHash('sha256').update(ex.form.get('code_verifier') ?? '').digest('base64url') !== grant.codeChallenge) {
        return oauthError(ex, 400, 'invalid_grant', 'PKCE verification failed.');
      }
      const issued = grants.issueTokens({ provider: 'naver', client, user: grant.user, scopes: grant.scopes, kind: 'oidc' }, settings.accessTokenLifetime, REFRESH_LIFETIME);
      const body = { access_token: issued.access, refresh_token: issued.refresh, token_type: 'bearer', expires_in: expiresIn };
      return void idToken(client, grant.user, grant.nonce).then(
        (jwt) => ex.json(200, JSON.stringify({ ...body, id_token: jwt })),
        () => oauthError(ex, 500, 'server_error'),
      );
    }
    if (grantType === 'refresh_token') {
      // Refresh on /oauth2/token as the devguide documents (§C8). No new ID token: none is documented for a refresh.
      const grant = grants.refreshGrant(ex.form.get('refresh_token') ?? undefined, 'naver');
      if (!grant || grant.client !== client || grant.kind !== 'oidc') return oauthError(ex, 400, 'invalid_grant', 'invalid refresh_token');
      const issued = grants.issueTokens({ provider: 'naver', client, user: grant.user, scopes: grant.scopes, family: grant.family, kind: 'oidc' }, settings.accessTokenLifetime);
      return ex.json(200, JSON.stringify({ access_token: issued.access, token_type: 'bearer', expires_in: expiresIn }));
    }
    oauthError(ex, 400, 'unsupported_grant_type');
  };

  const jwks = (ex: Exchange): void =>
    void settings.signer().then(
      (signer) => ex.json(200, JSON.stringify({ keys: [signer.jwk] })),
      () => oauthError(ex, 500, 'server_error'),
    );

  /** The discovery document with the captured values (§C8), the emulator's URLs in place of Naver's. */
  const discovery = (ex: Exchange): void =>
    ex.json(
      200,
      JSON.stringify({
        issuer: EMULATED_NAVER_ISSUER,
        authorization_endpoint: settings.baseURL + NAVER_OIDC_PATHS.authorize,
        token_endpoint: settings.baseURL + NAVER_OIDC_PATHS.token,
        jwks_uri: settings.baseURL + NAVER_OIDC_PATHS.jwks,
        userinfo_endpoint: settings.baseURL + NAVER_PATHS.profile,
        response_types_supported: ['code'],
        scopes_supported: ['openid', 'profile'],
        grant_types_supported: ['authorization_code'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'none'],
        code_challenge_methods_supported: ['S256'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
      }),
    );

  return [
    ...authorizeRoutes(authorize),
    { provider: 'naver', endpoint: 'token', methods: ['POST'], path: NAVER_OIDC_PATHS.token, handle: token },
    { provider: 'naver', endpoint: 'jwks', methods: ['GET'], path: NAVER_OIDC_PATHS.jwks, handle: jwks },
    { provider: 'naver', endpoint: 'jwks', methods: ['GET'], path: NAVER_OIDC_PATHS.discovery, handle: discovery },
  ];
}
