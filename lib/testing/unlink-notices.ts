/**
 * The notifications the emulated providers send to an app when a user
 * disconnects it on the provider's side: Kakao's unlink webhook
 * (docs/providers.md §C10) and Naver's signed, encrypted unlink notification
 * (§C11). Written on node:crypto alone.
 *
 * @packageDocumentation
 */
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { kakaoAppId } from './kakao.js';
import { kakaoIdFor, naverIdFor } from './profiles.js';
import type { EmulatedProviderName, EmulatorClient, EmulatorUser, UnlinkDelivery } from './types.js';

/** The four form fields of a Naver unlink notification (§C11). */
export interface NaverUnlinkNotice {
  clientId: string;
  encryptUniqueId: string;
  timestamp: string;
  signature: string;
}

/**
 * Builds a Naver unlink notification as §C11 gives the algorithm: key =
 * MD5(client secret); `encryptUniqueId` = base64url(IV ‖ AES-128-CBC/PKCS#7 of
 * the unique id), unpadded; `signature` = base64url(HMAC-SHA256(key,
 * "clientId=…&encryptUniqueId=…&timestamp=…")), unpadded.
 *
 * @param iv - 16 bytes; a fresh random one when absent (tests pass the vectors' IV)
 */
export function naverUnlinkNotice(clientId: string, clientSecret: string, uniqueId: string, timestamp: number, iv: Buffer = randomBytes(16)): NaverUnlinkNotice {
  const key = createHash('md5').update(clientSecret, 'utf8').digest();
  const cipher = createCipheriv('aes-128-cbc', key, iv);
  const encryptUniqueId = Buffer.concat([iv, cipher.update(uniqueId, 'utf8'), cipher.final()]).toString('base64url');
  const base = `clientId=${clientId}&encryptUniqueId=${encryptUniqueId}&timestamp=${timestamp}`;
  const signature = createHmac('sha256', key).update(base, 'utf8').digest('base64url');
  return { clientId, encryptUniqueId, timestamp: String(timestamp), signature };
}

/** The request a provider sends for one disconnection, before it is sent. */
export interface NoticeRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Form body (POST); for GET the parameters are in `url`. */
  body: string | undefined;
}

/**
 * The notification for `user` disconnecting `client`, or undefined when the app
 * registered no URL. Kakao: the registered method, `Authorization: KakaoAK
 * <primary admin key>`, `app_id`, `user_id`, `referrer_type=UNLINK_FROM_APPS`
 * (§C10). Naver: a form POST (§C11), with the id this app sees.
 *
 * @param apps - the emulator's apps of this provider, in the order they were registered
 */
export function noticeRequest(provider: EmulatedProviderName, client: EmulatorClient, user: EmulatorUser, apps: readonly EmulatorClient[]): NoticeRequest | undefined {
  const form = 'application/x-www-form-urlencoded';
  if (provider === 'kakao') {
    const hook = client.kakaoUnlinkWebhook;
    if (!hook) return undefined;
    const params = new URLSearchParams({ app_id: String(kakaoAppId(client)), user_id: kakaoIdFor(user), referrer_type: 'UNLINK_FROM_APPS' }).toString();
    const headers = { authorization: `KakaoAK ${client.adminKey ?? ''}` };
    // §C10: GET carries the parameters in the query; POST as a form (observed; the content type is UNCONFIRMED).
    if (hook.method === 'GET') return { url: `${hook.url}${hook.url.includes('?') ? '&' : '?'}${params}`, method: 'GET', headers, body: undefined };
    return { url: hook.url, method: 'POST', headers: { ...headers, 'content-type': form }, body: params };
  }
  if (!client.naverUnlinkCallbackURL) return undefined;
  const notice = naverUnlinkNotice(client.clientID, client.clientSecret ?? '', naverIdFor(user, client.clientID, apps), Math.floor(Date.now() / 1000));
  return { url: client.naverUnlinkCallbackURL, method: 'POST', headers: { 'content-type': form }, body: new URLSearchParams({ ...notice }).toString() };
}

/** Sends a notification: no redirects followed (§C10), 3 seconds at most (Kakao's limit). */
export async function deliver(request: NoticeRequest): Promise<UnlinkDelivery> {
  const delivery: UnlinkDelivery = { url: request.url, method: request.method };
  try {
    const res = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      redirect: 'manual',
      signal: AbortSignal.timeout(3000),
    });
    await res.arrayBuffer();
    return { ...delivery, status: res.status };
  } catch (err) {
    return { ...delivery, error: (err as Error).name === 'TimeoutError' ? 'no answer within 3 s' : String((err as Error).message) };
  }
}
