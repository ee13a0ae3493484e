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
  /** Nickname; at Kakao it is the profile nickname. */
  nickname?: string;
  email?: string;
  gender?: 'female' | 'male';
  /** `YYYY`. */
  birthyear?: string;
  /** `MMDD`. */
  birthday?: string;
  /** `010-1234-5678`. */
  mobile?: string;
  profileImage?: string;
  /** Naver's per-app id; generated from the key when absent. */
  naverId?: string;
  /** Kakao's user number as decimal digits (may exceed 2^53); generated when absent. */
  kakaoId?: string;
}

/** An app registered with an emulated provider. */
export interface EmulatorClient {
  clientID: string;
  /** Kakao: omit for an app with Client Secret turned off. Naver: required. */
  clientSecret?: string;
  /** Exact redirect URIs the app registered, or `'any'` to accept every one. */
  redirectURIs: string[] | 'any';
  /** Shown on the consent page. */
  name?: string;
}

/** The emulated endpoints of one provider, for the strategy options of the same names. */
export interface EmulatedProvider {
  authorizationURL: string;
  tokenURL: string;
  profileURL: string;
}

/** The emulated Naver's endpoints: spread them into `NaverStrategy` options. */
export interface EmulatedNaver extends EmulatedProvider {
  revokeURL: string;
}

/** The emulated Kakao's endpoints: spread them into `KakaoStrategy` options. */
export interface EmulatedKakao extends EmulatedProvider {
  logoutURL: string;
  unlinkURL: string;
  accessTokenInfoURL: string;
  jwksURL: string;
}

/** Which provider an emulator route belongs to. */
export type EmulatedProviderName = 'naver' | 'kakao';

/** Routes that faults can be set on. `revoke` is Naver's; `logout`, `unlink`, `tokenInfo` and `jwks` are Kakao's. */
export type EmulatorEndpoint = 'authorize' | 'token' | 'profile' | 'revoke' | 'logout' | 'unlink' | 'tokenInfo' | 'jwks';

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
 * - `drip`: answer 200 and send one byte every 50 ms, never ending.
 */
export interface EmulatorFault {
  latencyMs?: number;
  mode?: 'hang' | 'drop' | 'html-5xx' | 'split-utf8' | 'not-json' | 'truncated-json' | 'oversize' | 'drip';
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
  /** Apps registered at the emulated Kakao. Default: `kakao-test-client` with no secret, any redirect URI. */
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
  /** Faults in place from the start; {@link Emulator.setFault} changes them later. */
  faults?: Array<{ provider: EmulatedProviderName; endpoint: EmulatorEndpoint; fault: EmulatorFault }>;
}

/** A running emulator. */
export interface Emulator {
  /** `http://127.0.0.1:<port>` */
  url: string;
  naver: EmulatedNaver;
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
   */
  approve(authorizeURL: string, user?: string, cookie?: string): Promise<string>;
  /** Like {@link Emulator.approve}, pressing Cancel: resolves to the callback URL with the provider's error. */
  cancel(authorizeURL: string): Promise<string>;
  /** Stops the server and closes every connection. */
  close(): Promise<void>;
}
