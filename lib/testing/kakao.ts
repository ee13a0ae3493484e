/**
 * The emulated Kakao: `/kakao/oauth/authorize`, `/kakao/oauth/token`, token info, JWKS, discovery and
 * `/kakao/v2/user/me`, answering as Kakao does (docs/providers.md Part B):
 * KOE error codes, numeric 64-bit ids, consent flags, `prompt=none`.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import { authorizeRoutes, withQuery, type AuthorizeSettings, type AuthorizeTexts, type ScopeRequest } from './authorize.js';
import { consoleItems } from './consent-items.js';
import { accountLogoutHandler, revokeScopesHandler, scopesHandler, unlinkHandler } from './kakao-account.js';
import type { Grants } from './grants.js';
import { signIdToken, type Signer } from './id-tokens.js';
import { kakaoIdFor, kakaoUserBody } from './profiles.js';
import type { Exchange, Route } from './server.js';
import type { TokenQuota } from './token-quota.js';
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
  scopes: '/kakao/v2/user/scopes',
  revokeScopes: '/kakao/v2/user/revoke/scopes',
  accountLogout: '/kakao/oauth/logout',
  discovery: '/kakao/.well-known/openid-configuration',
} as const;


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
  signer: Signer;
  quota: TokenQuota;
  /** The emulator's URL, for the discovery document. */
  baseURL: string;
}

/** A refresh with less than this left gets a new refresh token (§B3: "less than 1 month"). */
const ROTATE_BELOW_SECONDS = 30 * 86_400;

/** Kakao's token endpoint error body (§B3). */
function tokenError(ex: Exchange, status: number, error: string, description: string, code?: string): void {
  ex.json(status, JSON.stringify(code === undefined ? { error, error_description: description } : { error, error_description: description, error_code: code }));
}

/** The numeric app ID of an app (`app_id`, §C12): the configured one, or one derived from its REST API key. */
export function kakaoAppId(client: EmulatorClient): number {
  return client.appId ?? 100_000 + (createHash('sha256').update(client.clientID).digest().readUInt32BE(0) % 900_000);
}

/** Kakao's answer to a token request over the per-user quota (§C6.3; the status is UNCONFIRMED, fixtures use 400). */
export function tokenRateLimited(ex: Exchange): void {
  tokenError(ex, 400, 'invalid_request', 'token request rate limit exceeded', 'KOE237');
}

/** Kakao's answer on kapi when a quota is used up (§C6.4). */
export function apiRateLimited(ex: Exchange): void {
  ex.json(400, JSON.stringify({ msg: 'API limit has been exceeded.', code: -10 }));
}

/** Kakao's error pages at authorize time, in Kakao's words (§B2, §C6.3); the user is not sent back. */
const KAKAO_TEXTS: AuthorizeTexts = {
  unknownClient: (id) => ({ title: '잘못된 요청 (KOE101)', lines: ['앱 키가 올바르지 않습니다.', `Not exist client_id [${id ?? ''}]`] }),
  redirectURI: (uri) => ({ title: 'Admin Settings Issue (KOE006)', lines: ['등록하지 않은 리다이렉트 URI를 사용해 인가 코드를 요청했습니다.', `redirect_uri: ${uri ?? '(none)'}`] }),
  responseType: (value) => ({ title: '잘못된 요청 (KOE201)', lines: [`Unsupported response type: ${value ?? ''}`] }),
  missingState: { title: '잘못된 요청 (KOE207)', lines: ['필수 파라미터가 없습니다: state'] },
  challengeMethod: { title: '잘못된 요청 (KOE204)', lines: ['code_challenge_method는 S256만 지원합니다.'] },
  // UNCONFIRMED wording (KOE203 is observed only as a code, §C6.3).
  notAgreed: (labels) => ({ title: '잘못된 요청 (KOE203)', lines: ['필수 동의 항목에 동의하지 않았습니다.', `동의하지 않은 필수 항목: ${labels.join(', ')}`] }),
  unknownUser: { title: '카카오계정을 선택하세요', lines: ['Pick one of the listed accounts.'] },
};

/**
 * Reads Kakao's `scope` for an app (§C2, §C3): items the app did not enable,
 * and `openid` with OpenID Connect off, end on the KOE205 page. With OpenID
 * Connect on, a login without `scope` gets an ID token; one whose `scope`
 * names items must name `openid` too (additional consent, §C3).
 */
export function readKakaoScope(scope: string | undefined, client: EmulatorClient): ScopeRequest {
  // Kakao documents commas; spaces are observed to work too (§B1).
  const named = [...new Set((scope ?? '').split(/[ ,]+/).filter(Boolean))];
  const openid = named.includes('openid');
  const items = named.filter((id) => id !== 'openid');
  const enabled = consoleItems('kakao', client);
  const offending = items.filter((id) => !(id in enabled));
  if (openid && client.openIdConnect !== true) offending.push('openid');
  const idToken = client.openIdConnect === true && (openid || scope === undefined || items.length === 0);
  if (!offending.length) return { items, idToken };
  const lines = ['설정하지 않은 카카오 로그인 동의 항목을 포함해 인가 코드를 요청했습니다.', `설정하지 않은 동의 항목: ${offending.join(', ')}`];
  if (offending.includes('openid')) lines.push('Invalid scope: openid');
  return { items, idToken, refusal: { title: '잘못된 요청 (KOE205)', lines } };
}

/** The `prompt` values of an authorization request, comma- or space-separated (§B1). */
function prompts(ex: Exchange): string[] {
  return (ex.param('prompt') ?? '').split(/[ ,]+/).filter(Boolean);
}

/**
 * A Kakao ID token (§B6, §C3): `aud` is the app key the login used (a REST API
 * key, or a native app key for an SDK login); only consented claims, the email
 * only when there is one.
 */
export function kakaoIdToken(signer: Signer, lifetimeSeconds: number, audience: string, user: EmulatorUser, scopes: readonly string[], nonce: string | undefined): Promise<string> {
  const claims: Record<string, unknown> = { auth_time: Math.floor(Date.now() / 1000) };
  const has = (item: string): boolean => scopes.includes(item) || scopes.includes('profile');
  if (nonce !== undefined) claims['nonce'] = nonce;
  if (has('profile_nickname')) claims['nickname'] = user.nickname ?? user.name;
  if (has('profile_image') && user.profileImage) claims['picture'] = user.profileImage;
  if (scopes.includes('account_email') && user.email) claims['email'] = user.email;
  return signIdToken(signer, { issuer: EMULATED_KAKAO_ISSUER, audience, subject: kakaoIdFor(user), lifetimeSeconds }, claims);
}

/** The routes of the emulated Kakao. */
export function kakaoRoutes(settings: KakaoSettings): Route[] {
  const { grants, signer, quota } = settings;

  const idToken = (audience: string, user: EmulatorUser, scopes: readonly string[], nonce: string | undefined): Promise<string> =>
    kakaoIdToken(signer, settings.accessTokenLifetime, audience, user, scopes, nonce);

  /** Answers after signing the ID token, when the login carries one; `openid` then joins `scope` (§C3). */
  const answerTokens = (ex: Exchange, body: Record<string, unknown>, client: EmulatorClient, user: EmulatorUser, scopes: readonly string[], withIdToken: boolean, nonce: string | undefined): void => {
    if (!withIdToken) return ex.json(200, JSON.stringify(body));
    if (typeof body['scope'] === 'string') body['scope'] = [body['scope'], 'openid'].filter(Boolean).join(' ');
    idToken(client.clientID, user, scopes, nonce).then(
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
    texts: KAKAO_TEXTS,
    readScope: readKakaoScope,
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

  /** Who a quota belongs to: one user at one app. */
  const quotaKey = (client: EmulatorClient, user: EmulatorUser): string => `${client.clientID}\n${user.key}`;

  const token = (ex: Exchange): void => {
    const client = settings.clients.find((c) => c.clientID === ex.form.get('client_id'));
    if (!client) return tokenError(ex, 401, 'invalid_client', `Not exist client_id [${ex.form.get('client_id') ?? ''}]`, 'KOE101');
    // The secret is checked only when the app has Client Secret ON (§C1); a secret sent anyway is ignored (UNCONFIRMED, §C1).
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
      // Every code exchange issues an access and a refresh token (§C6.3).
      if (!quota.take(quotaKey(client, grant.user), true)) return tokenRateLimited(ex);
      const lifetime = settings.refreshTokenLifetime;
      const issued = grants.issueTokens({ provider: 'kakao', client, user: grant.user, scopes: grant.scopes, idToken: grant.idToken }, settings.accessTokenLifetime, lifetime);
      const body = {
        token_type: 'bearer',
        access_token: issued.access,
        expires_in: settings.accessTokenLifetime,
        refresh_token: issued.refresh,
        refresh_token_expires_in: lifetime,
        scope: grant.scopes.join(' '),
      };
      return answerTokens(ex, body, client, grant.user, grant.scopes, grant.idToken, grant.nonce);
    }
    if (grantType === 'refresh_token') {
      const refreshToken = ex.form.get('refresh_token');
      if (!refreshToken) return tokenError(ex, 400, 'invalid_grant', 'refresh_token not found', 'KOE319');
      const grant = grants.refreshGrant(refreshToken, 'kakao');
      if (!grant || grant.client !== client) return tokenError(ex, 400, 'invalid_grant', 'expired_or_invalid_refresh_token', 'KOE322');
      const left = Math.floor((grant.expiresAt - Date.now()) / 1000);
      // A new refresh token only in the old one's last month; the old one then dies (§B3).
      const rotate = left < ROTATE_BELOW_SECONDS;
      if (!quota.take(quotaKey(client, grant.user), rotate)) return tokenRateLimited(ex);
      const next = { provider: 'kakao' as const, client, user: grant.user, scopes: grant.scopes, family: grant.family, idToken: grant.idToken === true };
      const { access } = grants.issueTokens(next, settings.accessTokenLifetime);
      const body: Record<string, unknown> = { token_type: 'bearer', access_token: access, expires_in: settings.accessTokenLifetime };
      if (rotate) {
        const { refresh } = grants.issueTokens(next, 0, settings.refreshTokenLifetime);
        grants.dropRefresh(refreshToken);
        Object.assign(body, { refresh_token: refresh, refresh_token_expires_in: settings.refreshTokenLifetime });
      }
      // A refresh token issued with an ID token gets a new ID token (§C3).
      return answerTokens(ex, body, client, grant.user, grant.scopes, grant.idToken === true, undefined);
    }
    tokenError(ex, 400, 'unsupported_grant_type', `grant_type ${grantType ?? ''} is not supported`);
  };

  /** `/v2/user/me` from the user's consents as they are now (a withdrawn item is gone at once). */
  const profile = (ex: Exchange): void => {
    const grant = grants.accessGrant(ex.bearer(), 'kakao');
    if (!grant) return invalidToken(ex);
    ex.json(200, kakaoUserBody(grant.user, grants.consented('kakao', grant.client, grant.user) ?? new Set()));
  };

  /** Kakao's answer to a bad token on kapi (§B4). */
  const invalidToken = (ex: Exchange): void =>
    ex.json(401, JSON.stringify({ msg: 'this access token does not exist', code: -401 }), { 'WWW-Authenticate': 'Bearer error=invalid_token' });

  // Logout ends the access token and its refresh token; unlink also forgets the consent (§B5).
  const logout = (ex: Exchange): void => {
    const grant = grants.accessGrant(ex.bearer(), 'kakao');
    if (!grant) return invalidToken(ex);
    grants.revokeFamily(grant.family);
    ex.json(200, `{"id":${kakaoIdFor(grant.user)}}`);
  };
  const tokenInfo = (ex: Exchange): void => {
    const grant = grants.accessGrant(ex.bearer(), 'kakao');
    if (!grant) return invalidToken(ex);
    ex.json(200, `{"id":${kakaoIdFor(grant.user)},"expires_in":${Math.floor((grant.expiresAt - Date.now()) / 1000)},"app_id":${kakaoAppId(grant.client)}}`);
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
    { provider: 'kakao', endpoint: 'token', methods: ['POST'], path: KAKAO_PATHS.token, handle: token, rateLimited: tokenRateLimited },
    { provider: 'kakao', endpoint: 'profile', methods: ['GET', 'POST'], path: KAKAO_PATHS.profile, handle: profile, rateLimited: apiRateLimited },
    { provider: 'kakao', endpoint: 'logout', methods: ['POST'], path: KAKAO_PATHS.logout, handle: logout, rateLimited: apiRateLimited },
    { provider: 'kakao', endpoint: 'unlink', methods: ['POST'], path: KAKAO_PATHS.unlink, handle: unlinkHandler(settings), rateLimited: apiRateLimited },
    { provider: 'kakao', endpoint: 'scopes', methods: ['GET'], path: KAKAO_PATHS.scopes, handle: scopesHandler(settings), rateLimited: apiRateLimited },
    { provider: 'kakao', endpoint: 'revokeScopes', methods: ['POST'], path: KAKAO_PATHS.revokeScopes, handle: revokeScopesHandler(settings), rateLimited: apiRateLimited },
    { provider: 'kakao', endpoint: 'accountLogout', methods: ['GET'], path: KAKAO_PATHS.accountLogout, handle: accountLogoutHandler(settings) },
    { provider: 'kakao', endpoint: 'tokenInfo', methods: ['GET'], path: KAKAO_PATHS.tokenInfo, handle: tokenInfo, rateLimited: apiRateLimited },
    { provider: 'kakao', endpoint: 'jwks', methods: ['GET'], path: KAKAO_PATHS.jwks, handle: jwks },
    { provider: 'kakao', endpoint: 'jwks', methods: ['GET'], path: KAKAO_PATHS.discovery, handle: discovery },
  ];
}
