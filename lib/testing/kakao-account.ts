/**
 * The emulated Kakao's account APIs on kapi: unlink with a user's token or the
 * app's admin key (docs/providers.md §B5, §C12).
 *
 * @packageDocumentation
 */
import type { Grants } from './grants.js';
import { kakaoIdFor } from './profiles.js';
import type { Exchange } from './server.js';
import type { EmulatorClient, EmulatorUser } from './types.js';

/** Who a kapi request acts for: a user of an app, found by a token or by the admin key and `target_id`. */
export type KapiCaller = { client: EmulatorClient; user: EmulatorUser; family?: string; adminKey: boolean };

/** What the account APIs need. */
export interface KakaoAccountSettings {
  clients: readonly EmulatorClient[];
  users: readonly EmulatorUser[];
  grants: Grants;
}

/** Kakao's kapi error body (§C6.4). */
export function kapiError(ex: Exchange, status: number, code: number, msg: string, headers?: Record<string, string>): void {
  ex.json(status, JSON.stringify({ msg, code }), headers);
}

/**
 * Finds the caller of a kapi request: `Authorization: Bearer` (a live access
 * token), or `Authorization: KakaoAK <admin key>` with `target_id_type=user_id`
 * and `target_id` (§C12). Answers Kakao's error and returns undefined otherwise.
 */
export function kapiCaller(ex: Exchange, settings: KakaoAccountSettings): KapiCaller | undefined {
  const admin = /^KakaoAK (.+)$/.exec(ex.req.headers.authorization ?? '')?.[1];
  if (admin === undefined) {
    const grant = settings.grants.accessGrant(ex.bearer(), 'kakao');
    if (!grant) return void kapiError(ex, 401, -401, 'this access token does not exist', { 'WWW-Authenticate': 'Bearer error=invalid_token' });
    return { client: grant.client, user: grant.user, family: grant.family, adminKey: false };
  }
  const client = settings.clients.find((c) => c.adminKey !== undefined && c.adminKey === admin);
  // UNCONFIRMED: Kakao's exact text for an unknown admin key; the key itself is never echoed.
  if (!client) return void kapiError(ex, 401, -401, 'invalid admin key');
  if (ex.param('target_id_type') !== 'user_id') return void kapiError(ex, 400, -2, 'target_id_type must be user_id');
  const targetId = ex.param('target_id');
  const user = settings.users.find((u) => kakaoIdFor(u) === targetId);
  // A user the app has no link with (§C12: -101, observed body).
  if (!user || !settings.grants.consented('kakao', client, user)) return void kapiError(ex, 400, -101, 'NotRegisteredUserException');
  return { client, user, adminKey: true };
}

/** `POST /v1/user/unlink`: ends every token and the consent; no webhook for the app's own call (§C10). */
export function unlinkHandler(settings: KakaoAccountSettings): (ex: Exchange) => void {
  return (ex) => {
    const caller = kapiCaller(ex, settings);
    if (!caller) return;
    settings.grants.unlink('kakao', caller.client, caller.user);
    ex.json(200, `{"id":${kakaoIdFor(caller.user)}}`);
  };
}
