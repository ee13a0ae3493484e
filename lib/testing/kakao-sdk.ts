/**
 * Logins through Kakao's Android/iOS SDK, emulated without a phone: tokens
 * issued to an app for one of its native app keys (docs/providers.md §C3,
 * §C12), as a mobile app would hand them to its server.
 *
 * @packageDocumentation
 */
import { consoleItems } from './consent-items.js';
import type { Grants } from './grants.js';
import type { Signer } from './id-tokens.js';
import { kakaoIdToken } from './kakao.js';
import type { EmulatorClient, EmulatorUser, KakaoSdkLoginOptions, KakaoSdkTokens } from './types.js';

/** What an SDK login needs. */
export interface KakaoSdkSettings {
  clients: readonly EmulatorClient[];
  grants: Grants;
  signer: Signer;
  accessTokenLifetime: number;
  refreshTokenLifetime: number;
}

/**
 * Logs `user` in at the app that owns `options.appKey` as the SDK does: the
 * user agrees to the app's consent items (all of them; optional ones can be
 * declined), and gets an access token whose `access_token_info` names the
 * app's `app_id`, and, with OpenID Connect on, an ID token whose `aud` is the
 * native key.
 */
export async function kakaoSdkLogin(settings: KakaoSdkSettings, user: EmulatorUser, options: KakaoSdkLoginOptions): Promise<KakaoSdkTokens> {
  const client = settings.clients.find((c) => c.nativeAppKeys?.includes(options.appKey));
  if (!client) throw new Error(`kakaoSdkLogin: no Kakao app has the native app key ${options.appKey} (EmulatorClient.nativeAppKeys)`);
  const items = Object.entries(consoleItems('kakao', client))
    .filter(([id, setting]) => setting === 'required' || !options.decline?.includes(id))
    .map(([id]) => id);
  settings.grants.consent('kakao', client, user, items);
  const scopes = [...(settings.grants.consented('kakao', client, user) ?? [])];
  const idToken = client.openIdConnect === true;
  const issued = settings.grants.issueTokens({ provider: 'kakao', client, user, scopes, idToken }, settings.accessTokenLifetime, settings.refreshTokenLifetime);
  const tokens: KakaoSdkTokens = { accessToken: issued.access, refreshToken: issued.refresh!, expiresIn: settings.accessTokenLifetime, scopes };
  if (idToken) tokens.idToken = await kakaoIdToken(settings.signer, settings.accessTokenLifetime, options.appKey, user, scopes, options.nonce);
  return tokens;
}
