/**
 * `passport-naver-kakao/testing`: a local emulator of Naver Login and Kakao
 * Login for tests and demos, built on node:http only. Point the strategies'
 * `authorizationURL`, `tokenURL` and `profileURL` at it.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator();
 * passport.use(new KakaoStrategy({ clientID: 'kakao-test-client', callbackURL, ...emulator.kakao }, verify));
 * // ... drive a login ...
 * await emulator.close();
 * ```
 *
 * @packageDocumentation
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { accountRoutes } from './account-page.js';
import { checkConsole } from './consent-items.js';
import { Grants } from './grants.js';
import { KAKAO_PATHS, kakaoRoutes } from './kakao.js';
import { kakaoSdkLogin } from './kakao-sdk.js';
import { NAVER_PATHS, naverRoutes } from './naver.js';
import { NAVER_OIDC_PATHS, naverOidcRoutes } from './naver-oidc.js';
import type { Signer } from './id-tokens.js';
import { pageTitle, readConsentForm } from './pages.js';
import { faultKey, listener, type FaultTable } from './server.js';
import { KAKAO_TOKEN_LIMITS, TokenQuota } from './token-quota.js';
import { deliver, noticeRequest } from './unlink-notices.js';
import type { ApproveOptions, EmulatedProviderName, Emulator, EmulatorClient, EmulatorOptions, EmulatorUser, UnlinkDelivery } from './types.js';

export type * from './types.js';

/** The users an emulator has when none are given: Hangul names, one Kakao id above 2^53, one user without email. */
export const DEFAULT_USERS: readonly EmulatorUser[] = [
  { key: 'hong', name: '홍길동', nickname: '길동이', email: 'hong@example.com', gender: 'male', birthyear: '1990', birthday: '0815', mobile: '010-1234-5678', kakaoId: '1376016924429759228' },
  { key: 'kim', name: '김민지', nickname: '민지', email: 'minji@example.com', gender: 'female', birthyear: '1995', birthday: '1231' },
  { key: 'lee', name: '이서준', nickname: '서준' },
];

/** The Naver app registered when none is given: `naver-test-client` / `naver-test-secret`, any redirect URI, the default items (name and email required, the rest optional). */
export const DEFAULT_NAVER_CLIENT: EmulatorClient = { clientID: 'naver-test-client', clientSecret: 'naver-test-secret', redirectURIs: 'any', name: 'Test App' };
/** The REST API key of {@link DEFAULT_KAKAO_CLIENT}. */
export const KAKAO_TEST_CLIENT_ID = 'kakao-test-client';
/** The client secret of {@link DEFAULT_KAKAO_CLIENT}: Client Secret is ON, as for every new Kakao REST API key (docs/providers.md §C1). */
export const KAKAO_TEST_CLIENT_SECRET = 'kakao-test-secret';
/** The primary admin key of {@link DEFAULT_KAKAO_CLIENT}. */
export const KAKAO_TEST_ADMIN_KEY = 'kakao-test-admin-key';
/** The native app key of {@link DEFAULT_KAKAO_CLIENT}, for {@link Emulator.kakaoSdkLogin}. */
export const KAKAO_TEST_NATIVE_KEY = 'kakao-native-key';

/**
 * The Kakao app registered when none is given: `kakao-test-client` /
 * `kakao-test-secret` (Client Secret ON), any redirect URI, a business app with
 * OpenID Connect on, consent items nickname (required), picture and email
 * (optional), app ID 1000001, admin key {@link KAKAO_TEST_ADMIN_KEY}, native key
 * {@link KAKAO_TEST_NATIVE_KEY}, any logout redirect URI.
 */
export const DEFAULT_KAKAO_CLIENT: EmulatorClient = {
  clientID: KAKAO_TEST_CLIENT_ID,
  clientSecret: KAKAO_TEST_CLIENT_SECRET,
  redirectURIs: 'any',
  name: 'Test App',
  businessApp: true,
  openIdConnect: true,
  consentItems: { profile_nickname: 'required', profile_image: 'optional', account_email: 'optional' },
  appId: 1_000_001,
  adminKey: KAKAO_TEST_ADMIN_KEY,
  nativeAppKeys: [KAKAO_TEST_NATIVE_KEY],
  logoutRedirectURIs: 'any',
};

/** What {@link startEmulator} prints (console.warn) when NODE_ENV is `production`. */
export const PRODUCTION_WARNING =
  'passport-naver-kakao/testing: the Naver/Kakao emulator is a test server that logs anyone in without a password; it was started with NODE_ENV=production. Never use it for real logins.';

/**
 * Opens a consent screen and submits it, as a browser would (over HTTP, so the
 * emulator's checks and faults apply). Resolves to the redirect's target.
 */
async function decide(authorizeURL: string, decision: 'approve' | 'cancel', user: string, cookie?: string, options: ApproveOptions = {}): Promise<string> {
  const page = await fetch(authorizeURL, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const location = page.headers.get('location');
  // A returning user, or prompt=none, goes straight back.
  if (location) return location;
  const text = await page.text();
  const submission = page.status === 200 ? readConsentForm(text, decision, user, options.decline) : undefined;
  if (!submission) throw new Error(`the emulator showed no consent screen (HTTP ${page.status}${titled(text)})`);
  const answer = await fetch(new URL(submission.action, authorizeURL), { method: 'POST', body: submission.form, redirect: 'manual' });
  const target = answer.headers.get('location');
  if (!target) throw new Error(`the emulator did not redirect (HTTP ${answer.status}${titled(await answer.text())})`);
  return target;
}

/** `: <page title>` for an error message, when the page has one. */
function titled(page: string): string {
  const title = pageTitle(page);
  return title === undefined ? '' : `: ${title}`;
}

let naverPairOnce: ReturnType<typeof generateKeyPair> | undefined;
/** Naver's RS256 key pair, generated once per process (its `kid` differs per emulator). */
function naverKeyPair(): ReturnType<typeof generateKeyPair> {
  return (naverPairOnce ??= generateKeyPair('RS256', { extractable: true }));
}

/**
 * Starts an emulator of both providers.
 *
 * @param options - port, host, users, registered apps, lifetimes
 * @returns the running emulator: its URL, the endpoints per provider, fault controls and `close()`
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  // Issue 9: an emulator started in production is almost certainly a mistake; say so once per start.
  if (process.env['NODE_ENV'] === 'production') console.warn(PRODUCTION_WARNING);
  const grants = new Grants();
  const faults: FaultTable = new Map((options.faults ?? []).map((f) => [faultKey(f.provider, f.endpoint), f.fault]));
  const users = options.users ?? DEFAULT_USERS;
  const naverClients = options.naverClients ?? [DEFAULT_NAVER_CLIENT];
  const kakaoClients = options.kakaoClients ?? [DEFAULT_KAKAO_CLIENT];
  // A console would not have saved these settings: refuse them before listening.
  for (const client of naverClients) checkConsole('naver', client);
  for (const client of kakaoClients) {
    checkConsole('kakao', client);
    // Kakao signs its unlink webhook with the primary admin key (§C10).
    if (client.kakaoUnlinkWebhook && !client.adminKey) throw new Error(`Kakao app ${client.clientID}: kakaoUnlinkWebhook needs an adminKey (Kakao sends Authorization: KakaoAK <primary admin key>)`);
  }
  const clientsOf = (provider: EmulatedProviderName): readonly EmulatorClient[] => (provider === 'kakao' ? kakaoClients : naverClients);
  /** A user disconnects an app at the provider: grants end, then the app is notified (§C10, §C11). */
  const disconnect = (provider: EmulatedProviderName, user: EmulatorUser, client: EmulatorClient): Promise<UnlinkDelivery | undefined> => {
    grants.unlink(provider, client, user);
    const request = noticeRequest(provider, client, user, clientsOf(provider));
    return request ? deliver(request) : Promise.resolve(undefined);
  };
  const codeLifetimeMs = options.codeLifetimeMs ?? 60_000;
  const kakaoAccessLifetime = options.accessTokenLifetime?.kakao ?? 21_599;
  // Kakao reports 5183999 s for a new refresh token (observed, §B3).
  const kakaoRefreshLifetime = options.kakaoRefreshTokenLifetime ?? 5_183_999;
  const host = options.host ?? '127.0.0.1';
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `emulator-${port}`;
  const signer: Signer = { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
  // Naver signs with its own key (not Kakao's), one per process, made in the background.
  const naverPair = naverKeyPair();
  const naverKid = `emulator-naver-${port}`;
  const naverSigner = naverPair.then(async (pair): Promise<Signer> => ({ kid: naverKid, privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid: naverKid, alg: 'RS256', use: 'sig' } }));
  naverSigner.catch(() => undefined);
  const naverKey = (): Promise<Signer> => naverSigner;
  const routes = [
    ...naverRoutes({
      clients: naverClients,
      users,
      grants,
      codeLifetimeMs,
      accessTokenLifetime: options.accessTokenLifetime?.naver ?? 3600,
    }),
    ...naverOidcRoutes({
      clients: naverClients,
      users,
      grants,
      codeLifetimeMs,
      accessTokenLifetime: options.accessTokenLifetime?.naver ?? 3600,
      signer: naverKey,
      baseURL: url,
    }),
    ...kakaoRoutes({
      clients: kakaoClients,
      users,
      grants,
      codeLifetimeMs,
      accessTokenLifetime: kakaoAccessLifetime,
      refreshTokenLifetime: kakaoRefreshLifetime,
      signer,
      quota: new TokenQuota(options.kakaoTokenLimits ?? KAKAO_TOKEN_LIMITS),
      baseURL: url,
    }),
  ];
  for (const provider of ['naver', 'kakao'] as const) routes.push(...accountRoutes({ provider, clients: clientsOf(provider), users, grants, disconnect: (u, c) => disconnect(provider, u, c) }));
  server.on('request', listener(routes, faults));
  const naver = {
    authorizationURL: url + NAVER_PATHS.authorize,
    tokenURL: url + NAVER_PATHS.token,
    profileURL: url + NAVER_PATHS.profile,
    revokeURL: url + NAVER_PATHS.revoke,
    oidcAuthorizationURL: url + NAVER_OIDC_PATHS.authorize,
    oidcTokenURL: url + NAVER_OIDC_PATHS.token,
    jwksURL: url + NAVER_OIDC_PATHS.jwks,
    discoveryURL: url + NAVER_OIDC_PATHS.discovery,
  };
  return {
    url,
    naver,
    // The same endpoints under the option names of `NaverStrategy({ oidc: true })`.
    naverOidc: {
      authorizationURL: naver.oidcAuthorizationURL,
      tokenURL: naver.oidcTokenURL,
      profileURL: naver.profileURL,
      revokeURL: naver.revokeURL,
      jwksURL: naver.jwksURL,
    },
    kakao: {
      authorizationURL: url + KAKAO_PATHS.authorize,
      tokenURL: url + KAKAO_PATHS.token,
      profileURL: url + KAKAO_PATHS.profile,
      logoutURL: url + KAKAO_PATHS.logout,
      unlinkURL: url + KAKAO_PATHS.unlink,
      accessTokenInfoURL: url + KAKAO_PATHS.tokenInfo,
      jwksURL: url + KAKAO_PATHS.jwks,
      scopesURL: url + KAKAO_PATHS.scopes,
      revokeScopesURL: url + KAKAO_PATHS.revokeScopes,
      accountLogoutURL: url + KAKAO_PATHS.accountLogout,
    },
    setFault: (provider, endpoint, fault) => {
      if (fault) faults.set(faultKey(provider, endpoint), fault);
      else faults.delete(faultKey(provider, endpoint));
    },
    clearFaults: () => faults.clear(),
    approve: (authorizeURL, user = DEFAULT_USERS[0]!.key, cookie, approveOptions) => decide(authorizeURL, 'approve', user, cookie, approveOptions),
    cancel: (authorizeURL) => decide(authorizeURL, 'cancel', DEFAULT_USERS[0]!.key),
    expireAccessToken: (token) => grants.expireAccess(token),
    kakaoSdkLogin: (userKey, sdkOptions) => {
      const user = users.find((u) => u.key === userKey);
      if (!user) return Promise.reject(new Error(`kakaoSdkLogin: no user ${userKey}`));
      return kakaoSdkLogin({ clients: kakaoClients, grants, signer, accessTokenLifetime: kakaoAccessLifetime, refreshTokenLifetime: kakaoRefreshLifetime }, user, sdkOptions);
    },
    disconnect: async (provider, userKey, clientID) => {
      const user = users.find((u) => u.key === userKey);
      const clients = clientsOf(provider);
      const client = clientID === undefined ? clients[0] : clients.find((c) => c.clientID === clientID);
      if (!user || !client) throw new Error(`disconnect: no ${provider} ${user ? 'app' : 'user'} ${user ? clientID : userKey}`);
      return disconnect(provider, user, client);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
