/**
 * The emulated Kakao's account APIs: unlink, the consent check and withdrawal
 * on kapi, with a user's token or the app's admin key, and the browser logout
 * of the Kakao Account on kauth (docs/providers.md §B5, §C12).
 *
 * @packageDocumentation
 */
import { consoleItems, KAKAO_ITEMS } from './consent-items.js';
import type { Grants } from './grants.js';
import { errorPage } from './pages.js';
import { accountCookie, withQuery } from './authorize.js';
import { kakaoIdFor } from './profiles.js';
import { registrableURI, type Exchange } from './server.js';
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

/** One row of `/v2/user/scopes` (§C12), in Kakao's field order. */
interface ScopeRow {
  id: string;
  display_name: string;
  type: 'PRIVACY' | 'SERVICE';
  using: boolean;
  agreed: boolean;
  revocable?: boolean;
}

/**
 * The consent items of a user at an app: those the app sets (`using: true`)
 * and those agreed earlier that it no longer sets (`using: false`);
 * `revocable` only on agreed items, false for required ones (§C12).
 */
function scopeRows(client: EmulatorClient, agreed: ReadonlySet<string>): ScopeRow[] {
  const console = consoleItems('kakao', client);
  const ids = [...Object.keys(console), ...[...agreed].filter((id) => !(id in console))];
  return ids.map((id) => {
    const item = KAKAO_ITEMS[id];
    const row: ScopeRow = { id, display_name: item?.label ?? id, type: item?.type ?? 'PRIVACY', using: id in console, agreed: agreed.has(id) };
    if (row.agreed) row.revocable = console[id] !== 'required';
    return row;
  });
}

/** Reads the `scopes` parameter, a JSON array of ids (§C12); undefined when absent, null when malformed. */
function scopeList(ex: Exchange): string[] | undefined | null {
  const raw = ex.param('scopes');
  if (raw === undefined) return undefined;
  try {
    const list: unknown = JSON.parse(raw);
    return Array.isArray(list) && list.every((id) => typeof id === 'string') ? list : null;
  } catch {
    return null;
  }
}

/** `GET /v2/user/scopes`: the user's consent items at the app, optionally only the listed ones. */
export function scopesHandler(settings: KakaoAccountSettings): (ex: Exchange) => void {
  return (ex) => {
    const caller = kapiCaller(ex, settings);
    if (!caller) return;
    const only = scopeList(ex);
    if (only === null) return kapiError(ex, 400, -2, 'scopes must be a JSON array of consent item ids');
    const rows = scopeRows(caller.client, settings.grants.consented('kakao', caller.client, caller.user) ?? new Set());
    const shown = only === undefined ? rows : rows.filter((row) => only.includes(row.id));
    ex.json(200, `{"id":${kakaoIdFor(caller.user)},"scopes":${JSON.stringify(shown)}}`);
  };
}

/**
 * `POST /v2/user/revoke/scopes`: withdraws agreed optional items. An id that is
 * not an agreed item answers -2, a required item -3, with Kakao's texts (§C12).
 * Several ids are listed as Java prints a list (`[a, b]`; UNCONFIRMED for more than one).
 */
export function revokeScopesHandler(settings: KakaoAccountSettings): (ex: Exchange) => void {
  return (ex) => {
    const caller = kapiCaller(ex, settings);
    if (!caller) return;
    const ids = scopeList(ex);
    if (!ids?.length) return kapiError(ex, 400, -2, 'scopes must be a JSON array of consent item ids');
    const agreed = settings.grants.consented('kakao', caller.client, caller.user) ?? new Set<string>();
    const unknown = ids.filter((id) => !agreed.has(id));
    if (unknown.length) return kapiError(ex, 400, -2, `There is no scopes to revoke. check out if given scope id([${unknown.join(', ')}]) is correct again.`);
    const console = consoleItems('kakao', caller.client);
    const required = ids.filter((id) => console[id] === 'required');
    if (required.length) return kapiError(ex, 403, -3, `[${required.join(', ')}] is not revocable. check out if it's set as required on developers.kakao.com`);
    settings.grants.withdraw('kakao', caller.client, caller.user, ids);
    ex.json(200, `{"id":${kakaoIdFor(caller.user)},"scopes":${JSON.stringify(scopeRows(caller.client, agreed))}}`);
  };
}

/**
 * `GET /oauth/logout` on kauth: logs the browser out of the Kakao Account (the
 * emulator's login cookie) and sends it to a registered logout redirect URI
 * with `state`; an unregistered URI ends on the KOE007 page (§C12). Kakao shows
 * a logout screen first; the emulator logs out at once.
 */
export function accountLogoutHandler(settings: KakaoAccountSettings): (ex: Exchange) => void {
  return (ex) => {
    const clientID = ex.param('client_id');
    const client = settings.clients.find((c) => c.clientID === clientID);
    if (!client) return ex.html(400, errorPage('Kakao', { title: '잘못된 요청 (KOE101)', lines: ['앱 키가 올바르지 않습니다.', `Not exist client_id [${clientID ?? ''}]`] }));
    const uri = ex.param('logout_redirect_uri');
    const registered = uri !== undefined && registrableURI(uri) && (client.logoutRedirectURIs === 'any' || (client.logoutRedirectURIs ?? []).includes(uri));
    if (!uri || !registered) {
      return ex.html(
        400,
        errorPage('Kakao', { title: 'Admin Settings Issue (KOE007)', lines: ['등록하지 않은 로그아웃 리다이렉트 URI를 사용해 로그아웃을 요청했습니다.', `logout_redirect_uri: ${uri ?? '(none)'}`] }),
      );
    }
    const state = ex.param('state');
    ex.redirect(state === undefined ? uri : withQuery(uri, `state=${encodeURIComponent(state)}`), {
      'Set-Cookie': `${accountCookie('kakao')}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
    });
  };
}
