/**
 * Options and handles of the provider emulator.
 *
 * @packageDocumentation
 */

/** A person who can log in through the emulator, at Naver and at Kakao. */
export interface EmulatorUser {
  /** Short key that picks the user in tests and on the consent page, e.g. `'hong'`. */
  key: string;
  /** Real name, e.g. `'홍길동'`. */
  name: string;
  /** Nickname; at Kakao it is the profile nickname (the name when absent). */
  nickname?: string;
  email?: string;
  gender?: 'female' | 'male';
  /** `YYYY`. */
  birthyear?: string;
  /** `MMDD`. */
  birthday?: string;
  /**
   * Naver's age bracket (`0-9` … `50-59`, `60-`, docs/providers.md §C5). Derived from
   * `birthyear` when absent; Kakao's `age_range` (`30~39`) is derived the same way.
   */
  age?: string;
  /** `010-1234-5678`. Naver also sends it as `mobile_e164` (`+821012345678`, §C5); Kakao as `+82 10-1234-5678`. */
  mobile?: string;
  profileImage?: string;
  /** The id the first Naver app registered with the emulator sees (made from the key when absent); other apps see ids of their own, as at Naver (§A5). */
  naverId?: string;
  /** The Naver login ID, used for Naver's masked nickname (see `noNickname`). Default: the key. */
  naverLoginId?: string;
  /** Kakao's user number as decimal digits (may exceed 2^53); generated when absent. */
  kakaoId?: string;
  /**
   * The user registered no nickname. Naver then sends a masked login ID such as
   * `abcd***` as `nickname` (§C5); Kakao, where every account has one, sends its
   * placeholder as with `kakaoDefaultNickname`.
   */
  noNickname?: boolean;
  /**
   * Kakao replaced the nickname with its placeholder "닉네임을 등록해주세요" and
   * sends `is_default_nickname: true` (§C4).
   */
  kakaoDefaultNickname?: boolean;
  /**
   * The user has no Kakao profile picture: Kakao sends the URLs of its default
   * picture with `is_default_image: true` (§C4), whatever `profileImage` says.
   */
  kakaoDefaultImage?: boolean;
  /**
   * Kakao answers for this user as for older apps: the nickname and pictures only
   * in `properties`, no `kakao_account.profile` (§C4, observed).
   */
  kakaoProfileOnlyInProperties?: boolean;
}

/** How a consent item is set in the provider's console: the user must agree, or may leave it unchecked. */
export type ConsentSetting = 'required' | 'optional';

/** How a Kakao app sends its unlink webhook (docs/providers.md §C10). */
export interface KakaoUnlinkWebhook {
  url: string;
  /** Default `'POST'` (a form body); `'GET'` puts the parameters in the query. */
  method?: 'GET' | 'POST';
}

/**
 * An app registered with an emulated provider, with what its console has set.
 * Console settings that a provider does not have are ignored there (e.g.
 * `businessApp` at Naver).
 */
export interface EmulatorClient {
  /** Naver's Client ID; Kakao's REST API key. */
  clientID: string;
  /**
   * Kakao: the REST API key's client secret; omit for an app with Client Secret
   * turned off (a secret sent anyway is then ignored). Naver: required.
   */
  clientSecret?: string;
  /** Exact redirect URIs the app registered, or `'any'` to accept every one. */
  redirectURIs: string[] | 'any';
  /** Shown on the consent page. */
  name?: string;
  /**
   * The consent items the app enabled, by id, each required or optional
   * (Kakao `[카카오 로그인] > [동의항목]`, docs/providers.md §C2; Naver "제공 정보").
   * They make the consent screen on a first login, with the items of a `scope`
   * parameter added (Kakao). A Kakao request whose `scope` names an item not
   * listed here ends on Kakao's KOE205 page.
   *
   * Kakao ids: `profile_nickname`, `profile_image`, `profile` (older apps),
   * `account_email`, `name`, `gender`, `age_range`, `birthday`, `birthyear`,
   * `phone_number`, `shipping_address`, `ci`, `legal_name`, `legal_birth_date`,
   * `legal_gender`, `is_korean`, `friends`, `talk_message`. All but
   * `profile_nickname`, `profile_image`, `profile` and `talk_message` need
   * `businessApp: true`; {@link startEmulator} throws for them otherwise.
   * Default: `{ profile_nickname: 'required', profile_image: 'optional' }`.
   *
   * Naver ids: `name`, `nickname`, `email`, `gender`, `age`, `birthday`,
   * `birthyear`, `mobile`, `profile_image`. Default: `name` and `email`
   * required, the rest optional.
   */
  consentItems?: Record<string, ConsentSetting>;
  /** Kakao: the app is a business app (비즈 앱), so it may enable `account_email` and the personal-information items (§C2). Default false. */
  businessApp?: boolean;
  /**
   * Kakao: OpenID Connect is ON. Every login then returns an ID token and has
   * `openid` in the token response's `scope`, except an additional-consent
   * request whose `scope` names items but not `openid` (§C3). With it OFF,
   * `scope=openid` ends on the KOE205 page ("Invalid scope: openid"). Default false.
   */
  openIdConnect?: boolean;
  /** Kakao: the numeric app ID (`app_id` of `access_token_info` and the unlink webhook). Default: derived from `clientID`. */
  appId?: number;
  /** Kakao: the primary admin key (`Authorization: KakaoAK …` for admin-key APIs and the unlink webhook). No admin-key API works without one. */
  adminKey?: string;
  /** Kakao: native app keys whose SDK logins {@link Emulator.kakaoSdkLogin} can emulate (ID tokens with that key as `aud`). */
  nativeAppKeys?: string[];
  /** Kakao: the logout redirect URIs registered for `/oauth/logout` (§C12), or `'any'`. Default none (every logout ends on KOE007). */
  logoutRedirectURIs?: string[] | 'any';
  /** Kakao: the unlink webhook (연결 해제 웹훅, §C10). */
  kakaoUnlinkWebhook?: KakaoUnlinkWebhook;
  /** Naver: the unlink notification URL ("연결끊기 Callback URL", §C11). */
  naverUnlinkCallbackURL?: string;
}

/** The emulated endpoints of one provider, for the strategy options of the same names. */
export interface EmulatedProvider {
  authorizationURL: string;
  tokenURL: string;
  profileURL: string;
}

/** The emulated Naver's endpoints: spread them into `NaverStrategy` options (OAuth 2.0). */
export interface EmulatedNaver extends EmulatedProvider {
  revokeURL: string;
  /** OpenID Connect `/oauth2/authorize` (§C8): pass as `authorizationURL` with `oidc: true`, or spread {@link Emulator.naverOidc}. */
  oidcAuthorizationURL: string;
  /** OpenID Connect `/oauth2/token` (§C8): pass as `tokenURL` with `oidc: true`. */
  oidcTokenURL: string;
  /** Naver's JWKS, `/oauth2/jwks` (its own key, not Kakao's). */
  jwksURL: string;
  /** `/.well-known/openid-configuration` with the captured values and the emulator's URLs. */
  discoveryURL: string;
}

/** The emulated Naver with its OpenID Connect endpoints in the standard option names: spread into `NaverStrategy` options with `oidc: true`. */
export interface EmulatedNaverOidc extends EmulatedProvider {
  revokeURL: string;
  jwksURL: string;
}

/** Options of {@link Emulator.kakaoSdkLogin}. */
export interface KakaoSdkLoginOptions {
  /** The native app key the SDK was initialised with: one of an app's `nativeAppKeys`. */
  appKey: string;
  /** Echoed in the ID token's `nonce` claim. */
  nonce?: string;
  /** Optional consent items the user leaves unchecked. */
  decline?: string[];
}

/** The tokens a Kakao SDK login hands to the app. */
export interface KakaoSdkTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  /** With OpenID Connect on: an ID token whose `aud` is the native app key (§C3). */
  idToken?: string;
  /** The consent items the user has agreed to. */
  scopes: string[];
}

/** The emulated Kakao's endpoints: spread them into `KakaoStrategy` options. */
export interface EmulatedKakao extends EmulatedProvider {
  logoutURL: string;
  unlinkURL: string;
  accessTokenInfoURL: string;
  jwksURL: string;
  /** `/v2/user/scopes` (§C12). */
  scopesURL: string;
  /** `/v2/user/revoke/scopes` (§C12). */
  revokeScopesURL: string;
  /** The browser logout of the Kakao Account, `/oauth/logout` (§C12). */
  accountLogoutURL: string;
}

/** Which provider an emulator route belongs to. */
export type EmulatedProviderName = 'naver' | 'kakao';

/**
 * Routes that faults can be set on. `revoke` is Naver's; `logout`, `unlink`,
 * `tokenInfo`, `scopes`, `revokeScopes` and `accountLogout` are Kakao's; `jwks`
 * is both providers' (JWKS and discovery); at Naver `authorize` and `token`
 * also cover the OpenID Connect `/oauth2/*` routes.
 */
export type EmulatorEndpoint = 'authorize' | 'token' | 'profile' | 'revoke' | 'logout' | 'unlink' | 'tokenInfo' | 'jwks' | 'scopes' | 'revokeScopes' | 'accountLogout';

/**
 * A fault for one endpoint. `latencyMs` delays the answer and combines with a
 * `mode`:
 * - `hang`: never answer (the connection stays open until the client gives up);
 * - `drop`: close the connection without an answer;
 * - `html-5xx`: answer `status` (default 502) with an HTML page;
 * - `split-utf8`: answer normally, sending the body in two chunks that split a multi-byte character;
 * - `not-json`: answer 200 with a plain-text body;
 * - `truncated-json`: answer 200 with the first half of the real body;
 * - `oversize`: answer 200 with a 2 MiB body;
 * - `drip`: answer 200 and send one byte every 50 ms, never ending;
 * - `rate-limit`: the provider's quota answer: Kakao token `KOE237` (HTTP 400,
 *   §C6.3), Kakao APIs `-10` (HTTP 400, §C6.4), Naver profile HTTP 429 with the
 *   gateway body (§C6.2); other endpoints HTTP 429 with a plain-text body.
 */
export interface EmulatorFault {
  latencyMs?: number;
  mode?: 'hang' | 'drop' | 'html-5xx' | 'split-utf8' | 'not-json' | 'truncated-json' | 'oversize' | 'drip' | 'rate-limit';
  /** For `html-5xx`. */
  status?: number;
}

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Seeded users. Default: three users with Hangul names (`hong`, `kim`, `lee`). */
  users?: EmulatorUser[];
  /** Apps registered at the emulated Naver. Default: `naver-test-client` / `naver-test-secret`, any redirect URI. */
  naverClients?: EmulatorClient[];
  /**
   * Apps registered at the emulated Kakao. Default: {@link DEFAULT_KAKAO_CLIENT}
   * (`kakao-test-client` / `kakao-test-secret`, Client Secret ON, a business app
   * with OpenID Connect on).
   */
  kakaoClients?: EmulatorClient[];
  /** How long an authorization code can be exchanged, in milliseconds. Default 60000. */
  codeLifetimeMs?: number;
  /** Lifetime of access tokens, in seconds. Default: Naver 3600, Kakao 21599, as the real ones. */
  accessTokenLifetime?: { naver?: number; kakao?: number };
  /**
   * Lifetime of Kakao refresh tokens, in seconds. Default 5183999 (2 months).
   * A refresh with less than a month left issues a new refresh token and ends the old one, as Kakao does.
   */
  kakaoRefreshTokenLifetime?: number;
  /**
   * Kakao's per-user token quota (§C6.3): beyond it the token endpoint answers
   * KOE237. Default 20 access tokens per 600 s and 30 refresh tokens per 3600 s.
   */
  kakaoTokenLimits?: KakaoTokenLimits;
  /** Faults in place from the start; {@link Emulator.setFault} changes them later. */
  faults?: Array<{ provider: EmulatedProviderName; endpoint: EmulatorEndpoint; fault: EmulatorFault }>;
}

/** Kakao's token quota per user and app (docs/providers.md §C6.3). */
export interface KakaoTokenLimits {
  accessTokens: number;
  accessWindowSeconds: number;
  refreshTokens: number;
  refreshWindowSeconds: number;
}

/** Options of {@link Emulator.approve}. */
export interface ApproveOptions {
  /** Consent items to leave unchecked (ids). Declining a required item ends on the provider's error page. */
  decline?: string[];
}

/** What happened to an unlink notification the emulator sent. */
export interface UnlinkDelivery {
  url: string;
  method: 'GET' | 'POST';
  /** The app's HTTP status, when it answered. */
  status?: number;
  /** Why there was no answer (refused connection, no answer within 3 s, ...). */
  error?: string;
}

/** A running emulator. */
export interface Emulator {
  /** `http://127.0.0.1:<port>` */
  url: string;
  naver: EmulatedNaver;
  /** Naver's OpenID Connect endpoints in the standard option names (`authorizationURL` = `/oauth2/authorize`, ...). */
  naverOidc: EmulatedNaverOidc;
  kakao: EmulatedKakao;
  /** Sets (or, with `undefined`, clears) the fault of one endpoint. */
  setFault(provider: EmulatedProviderName, endpoint: EmulatorEndpoint, fault: EmulatorFault | undefined): void;
  /** Clears every fault. */
  clearFaults(): void;
  /** Makes an access token expire now, as if its lifetime had run out. */
  expireAccessToken(token: string): void;
  /**
   * Does what a person does on the consent screen: opens `authorizeURL` (the
   * strategy's redirect), picks `user` and presses Approve. Resolves to where the
   * emulator redirects: the app's callback URL with `code` and `state`.
   *
   * @param cookie - the emulator's login cookie from an earlier approval, to act as a returning user
   * @param options - consent items to decline
   */
  approve(authorizeURL: string, user?: string, cookie?: string, options?: ApproveOptions): Promise<string>;
  /** Like {@link Emulator.approve}, pressing Cancel: resolves to the callback URL with the provider's error. */
  cancel(authorizeURL: string): Promise<string>;
  /**
   * Does what a user does on the provider's account page: disconnects the app.
   * The user's tokens and consent end, and the app's registered URL gets the
   * provider's real-format notification (Kakao `kakaoUnlinkWebhook`, §C10;
   * Naver `naverUnlinkCallbackURL`, §C11). The page itself is at
   * `<url>/<provider>/account` for the user logged in at the emulator.
   *
   * @param clientID - the app; default the provider's first registered app
   * @returns what the app answered, or undefined when it registered no URL
   */
  disconnect(provider: EmulatedProviderName, userKey: string, clientID?: string): Promise<UnlinkDelivery | undefined>;
  /**
   * A login through Kakao's Android/iOS SDK for the app that owns the native
   * key `options.appKey`: resolves to the tokens the phone would send to the
   * app's server (an ID token with `aud` = the native key when the app has
   * OpenID Connect on; `access_token_info` gives the app's `appId`).
   */
  kakaoSdkLogin(userKey: string, options: KakaoSdkLoginOptions): Promise<KakaoSdkTokens>;
  /** Stops the server and closes every connection. */
  close(): Promise<void>;
}
