/**
 * The emulated Naver: `/naver/oauth2.0/authorize`, `/naver/oauth2.0/token` and
 * `/naver/v1/nid/me`, answering as Naver does (docs/providers.md Part A),
 * quirks included: token errors with HTTP 200, `expires_in` as a string.
 *
 * @packageDocumentation
 */
import { authorizeRoutes, type AuthorizeSettings, type AuthorizeTexts } from './authorize.js';
import type { Grants } from './grants.js';
import { naverIdFor, naverUser } from './profiles.js';
import type { Exchange, Route } from './server.js';
import type { EmulatorClient, EmulatorUser } from './types.js';

/** Paths of the emulated Naver, below the emulator's URL. */
export const NAVER_PATHS = {
  authorize: '/naver/oauth2.0/authorize',
  decision: '/naver/oauth2.0/authorize/decision',
  token: '/naver/oauth2.0/token',
  revoke: '/naver/oauth2.0/revoke',
  profile: '/naver/v1/nid/me',
} as const;

/** What the emulated Naver needs. */
export interface NaverSettings {
  clients: readonly EmulatorClient[];
  users: readonly EmulatorUser[];
  grants: Grants;
  codeLifetimeMs: number;
  accessTokenLifetime: number;
}

/** Naver's refresh token lifetime is not documented (§A7, UNCONFIRMED): a year here. */
export const REFRESH_LIFETIME = 365 * 86_400;

/** Naver answers token errors with HTTP 200 and an error body (§A3). */
export function tokenError(ex: Exchange, error: string, description: string): void {
  ex.json(200, JSON.stringify({ error, error_description: description }));
}

/** A wrong client ID or secret at the token endpoint: HTTP 200 and this body (§C6.1, observed). */
export function wrongClient(ex: Exchange): void {
  tokenError(ex, 'invalid_request', 'wrong client id / client secret pair');
}

const INVALID_REQUEST = 'invalid_request: 파라미터가 잘못되었거나 요청문이 잘못되었습니다.';

/**
 * Naver's error pages, with the error codes and descriptions of Naver's spec
 * table (§A2, [N1b §5]); the page layout and the second lines are the
 * emulator's (UNCONFIRMED: Naver's exact pages were not captured). Never KOE codes.
 */
export const NAVER_TEXTS: AuthorizeTexts = {
  unknownClient: (id) => ({ title: '네이버 로그인 오류', lines: [INVALID_REQUEST, `등록되지 않은 Client ID입니다: ${id ?? '(없음)'}`] }),
  redirectURI: (uri) => ({ title: '네이버 로그인 오류', lines: [INVALID_REQUEST, `등록된 Callback URL과 일치하지 않습니다: ${uri ?? '(없음)'}`] }),
  responseType: () => ({ title: '네이버 로그인 오류', lines: ['unsupported_response_type: 정의되지 않은 반환 형식으로 요청했습니다.'] }),
  missingState: { title: '네이버 로그인 오류', lines: [INVALID_REQUEST, 'state 값이 없습니다.'] },
  challengeMethod: { title: '네이버 로그인 오류', lines: [INVALID_REQUEST, 'code_challenge_method는 S256만 지원합니다.'] },
  notAgreed: (labels) => ({ title: '필수 제공 항목에 동의해 주세요', lines: [`동의하지 않은 필수 항목: ${labels.join(', ')}`] }),
  unknownUser: { title: '네이버 아이디를 선택하세요', lines: ['Pick one of the listed accounts.'] },
};

/** Naver's gateway answer for a used-up quota (§A7, §C6.2: HTTP 429; the code `010` is UNCONFIRMED). */
export function naverRateLimited(ex: Exchange): void {
  ex.json(429, JSON.stringify({ errorMessage: 'Your query request count is over the limit', errorCode: '010' }));
}

/**
 * The consent step of Naver's OAuth 2.0 and OpenID Connect endpoints: the same
 * pages, `auth_type` and cancel redirect; only the paths, the reading of
 * `scope` and the kind of code differ.
 */
export function naverAuthorizeSettings(
  settings: Pick<NaverSettings, 'clients' | 'users' | 'grants' | 'codeLifetimeMs'>,
  paths: { authorize: string; decision: string },
  readScope: AuthorizeSettings['readScope'],
  codeKind?: AuthorizeSettings['codeKind'],
): AuthorizeSettings {
  return {
    provider: 'naver',
    label: 'Naver',
    authorizePath: paths.authorize,
    decisionPath: paths.decision,
    clients: settings.clients,
    users: settings.users,
    grants: settings.grants,
    codeLifetimeMs: settings.codeLifetimeMs,
    requireState: true,
    texts: NAVER_TEXTS,
    readScope,
    // reprompt and reauthenticate show the screen again (§A1).
    asksAgain: (ex) => ex.param('auth_type') === 'reprompt' || ex.param('auth_type') === 'reauthenticate',
    // Observed cancel redirect, `+` for spaces (§A2).
    cancelQuery: (state) => `error=access_denied&error_description=Canceled+By+User&state=${encodeURIComponent(state ?? '')}`,
    ...(codeKind === undefined ? {} : { codeKind }),
  };
}

/** The routes of the emulated Naver. */
export function naverRoutes(settings: NaverSettings): Route[] {
  const { grants } = settings;
  // Naver ignores `scope` on its OAuth 2.0 endpoints; the items are set in the console (§A1).
  const authorize = naverAuthorizeSettings(settings, NAVER_PATHS, () => ({ items: [], idToken: false }));

  const token = (ex: Exchange): void => {
    const client = settings.clients.find((c) => c.clientID === ex.param('client_id'));
    if (!client || client.clientSecret !== ex.param('client_secret')) return wrongClient(ex);
    const grantType = ex.param('grant_type');
    if (grantType === 'authorization_code') {
      // Naver's docs list `state` here, but it is not enforced (observed, §A3), so it is not checked.
      const grant = grants.takeCode(ex.param('code'), 'naver');
      if (!grant || grant.client !== client) return tokenError(ex, 'invalid_request', 'no valid data in session');
      const issued = grants.issueTokens({ provider: 'naver', client, user: grant.user, scopes: grant.scopes }, settings.accessTokenLifetime, REFRESH_LIFETIME);
      return ex.json(200, JSON.stringify({ access_token: issued.access, refresh_token: issued.refresh, token_type: 'bearer', expires_in: String(settings.accessTokenLifetime) }));
    }
    if (grantType === 'refresh_token') {
      const grant = grants.refreshGrant(ex.param('refresh_token'), 'naver');
      // An OpenID Connect refresh token is refreshed at /oauth2/token only: whether /oauth2.0/token
      // takes one is UNCONFIRMED (§C8), so the emulator refuses it, as the safe client never relies on it.
      if (!grant || grant.client !== client || grant.kind !== undefined) return tokenError(ex, 'invalid_request', 'invalid refresh_token');
      // A refresh answer has no new refresh token (§A3).
      const issued = grants.issueTokens({ provider: 'naver', client, user: grant.user, scopes: grant.scopes, family: grant.family }, settings.accessTokenLifetime);
      return ex.json(200, JSON.stringify({ access_token: issued.access, token_type: 'bearer', expires_in: String(settings.accessTokenLifetime) }));
    }
    if (grantType === 'delete') {
      // The legacy unlink (§A4): it needs service_provider, and says "success"
      // even for a token that is not valid.
      if (ex.param('service_provider') !== 'NAVER') return tokenError(ex, 'invalid_request', 'service_provider is missing');
      const accessToken = ex.param('access_token') ?? '';
      const grant = grants.accessGrant(accessToken, 'naver');
      if (grant && grant.client === client) grants.unlink('naver', client, grant.user);
      return ex.json(200, JSON.stringify({ access_token: accessToken, result: 'success' }));
    }
    tokenError(ex, 'unsupported_grant_type', 'grant_type is not supported');
  };

  // RFC 7009 revocation (§A4): 200 with no body, also for unknown tokens; the
  // paired token goes too, and the link to the app is removed.
  const revoke = (ex: Exchange): void => {
    const client = settings.clients.find((c) => c.clientID === ex.form.get('client_id'));
    if (!client || client.clientSecret !== ex.form.get('client_secret')) {
      return ex.json(401, JSON.stringify({ error: 'unauthorized_client', error_description: 'Client authentication failed.' }));
    }
    const token = ex.form.get('token');
    if (!token) return ex.json(400, JSON.stringify({ error: 'invalid_request', error_description: 'token is missing' }));
    const grant =
      ex.form.get('token_type_hint') === 'refresh_token' ? grants.refreshGrant(token, 'naver') : (grants.accessGrant(token, 'naver') ?? grants.refreshGrant(token, 'naver'));
    if (grant && grant.client === client) grants.unlink('naver', client, grant.user);
    ex.empty(200);
  };

  const profile = (ex: Exchange): void => {
    const token = ex.bearer();
    if (token === undefined) {
      return ex.json(401, JSON.stringify({ resultcode: '028', message: 'Authentication header not exists (OAuth 인증 헤더(authorization header)가 없습니다.)' }));
    }
    const grant = grants.accessGrant(token, 'naver');
    if (!grant) return ex.json(401, JSON.stringify({ resultcode: '024', message: 'Authentication failed (인증 실패하였습니다.)' }));
    ex.json(200, JSON.stringify({ resultcode: '00', message: 'success', response: naverUser(grant.user, naverIdFor(grant.user, grant.client.clientID, settings.clients), grants.consented('naver', grant.client, grant.user) ?? new Set()) }));
  };

  return [
    ...authorizeRoutes(authorize),
    // GET or POST, parameters in the query or the form (§A3).
    { provider: 'naver', endpoint: 'token', methods: ['GET', 'POST'], path: NAVER_PATHS.token, handle: token },
    { provider: 'naver', endpoint: 'revoke', methods: ['POST'], path: NAVER_PATHS.revoke, handle: revoke },
    { provider: 'naver', endpoint: 'profile', methods: ['GET', 'POST'], path: NAVER_PATHS.profile, handle: profile, rateLimited: naverRateLimited },
  ];
}
