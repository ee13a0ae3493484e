// The demo's two apps as registered with its emulator, with what their
// consoles have set: consent items, business app, OpenID Connect, admin key,
// logout redirect URI and unlink notification URLs.
import type { EmulatorClient, EmulatorOptions, EmulatorUser } from 'passport-naver-kakao/testing';
import { DEFAULT_USERS } from 'passport-naver-kakao/testing';

/** The demo's apps: their keys at the emulated providers. */
export const DEMO_APPS = {
  naver: { clientID: 'demo-naver', clientSecret: 'demo-naver-secret' },
  // Client Secret ON, as for every new Kakao REST API key (docs/providers.md §C1).
  kakao: { clientID: 'demo-kakao', clientSecret: 'demo-kakao-secret', adminKey: 'demo-kakao-admin-key', appId: 424_242 },
} as const;

/** The demo's paths that a provider's console registers. */
export const DEMO_PATHS = {
  naverCallback: '/oauth2/redirect/naver',
  naverOidcCallback: '/oauth2/redirect/naver-oidc',
  kakaoCallback: '/oauth2/redirect/kakao',
  /** Kakao `[카카오 로그인] > [로그아웃 리다이렉트 URI]` (docs/providers.md §C12). */
  kakaoLogoutDone: '/logout/kakao/done',
  /** Kakao `[앱] > [웹훅] > [연결 해제 웹훅]` (§C10). */
  kakaoUnlinkWebhook: '/webhooks/kakao/unlink',
  /** Naver "연결끊기 Callback URL" (§C11). */
  naverUnlinkWebhook: '/webhooks/naver/unlink',
} as const;

/**
 * The Kakao app's console: a business app (so `account_email` may be enabled,
 * §C2), nickname required, picture and email optional (a user may decline the
 * email and share it later), OpenID Connect ON (§C3). The login sends no
 * `scope`: the items come from here.
 */
export function demoKakaoClient(baseURL: string): EmulatorClient {
  return {
    clientID: DEMO_APPS.kakao.clientID,
    clientSecret: DEMO_APPS.kakao.clientSecret,
    redirectURIs: [`${baseURL}${DEMO_PATHS.kakaoCallback}`],
    name: 'passport-naver-kakao demo',
    businessApp: true,
    openIdConnect: true,
    consentItems: { profile_nickname: 'required', profile_image: 'optional', account_email: 'optional' },
    appId: DEMO_APPS.kakao.appId,
    adminKey: DEMO_APPS.kakao.adminKey,
    logoutRedirectURIs: [`${baseURL}${DEMO_PATHS.kakaoLogoutDone}`],
    kakaoUnlinkWebhook: { url: `${baseURL}${DEMO_PATHS.kakaoUnlinkWebhook}`, method: 'POST' },
  };
}

/** The Naver app's console: the emulator's default items (name and email required, the rest optional); both callback URLs; the unlink notification URL. */
export function demoNaverClient(baseURL: string): EmulatorClient {
  return {
    clientID: DEMO_APPS.naver.clientID,
    clientSecret: DEMO_APPS.naver.clientSecret,
    redirectURIs: [`${baseURL}${DEMO_PATHS.naverCallback}`, `${baseURL}${DEMO_PATHS.naverOidcCallback}`],
    name: 'passport-naver-kakao demo',
    naverUnlinkCallbackURL: `${baseURL}${DEMO_PATHS.naverUnlinkWebhook}`,
  };
}

/** How the demo's emulator is set up: its users and the two demo apps. */
export function demoEmulatorOptions(baseURL: string, users: EmulatorUser[] = [...DEFAULT_USERS]): EmulatorOptions {
  return { users, naverClients: [demoNaverClient(baseURL)], kakaoClients: [demoKakaoClient(baseURL)] };
}
