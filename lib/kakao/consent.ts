/**
 * Kakao consent items: which ones a profile lacks, and reading the consent
 * APIs' responses (`/v2/user/scopes`, `/v2/user/revoke/scopes`,
 * docs/providers.md §C2, §C12).
 *
 * @packageDocumentation
 */
import { ProviderRequestError } from '../errors.js';
import type { HttpResponse } from '../http.js';
import { isObject } from '../json.js';
import { readUserResponse } from './profile.js';
import type { SentValues } from '../redact.js';
import type { KakaoScope, KakaoScopes, KakaoUser } from './types.js';

/**
 * Where each consent item shows in `kakao_account` (§C4): its `…_needs_agreement`
 * flag and the field that holds its value. Items not listed use `<item>_needs_agreement` and `<item>`.
 */
const ITEM_FIELDS: Readonly<Record<string, readonly [flag: string, value: (account: Record<string, unknown>) => unknown]>> = {
  account_email: ['email_needs_agreement', (a) => a['email']],
  profile_nickname: ['profile_nickname_needs_agreement', (a) => (isObject(a['profile']) ? a['profile']['nickname'] : undefined)],
  profile_image: ['profile_image_needs_agreement', (a) => (isObject(a['profile']) ? a['profile']['profile_image_url'] ?? a['profile']['thumbnail_image_url'] : undefined)],
  profile: ['profile_needs_agreement', (a) => a['profile']],
};

/**
 * The items of `required` that the user has not agreed to: the `…_needs_agreement`
 * flag is true, or the value is absent.
 *
 * @param user - the `/v2/user/me` response
 * @param required - consent item IDs, e.g. `['account_email']`
 */
export function missingKakaoItems(user: KakaoUser, required: readonly string[]): string[] {
  const account: Record<string, unknown> = isObject(user.kakao_account) ? user.kakao_account : {};
  return required.filter((item) => {
    const [flag, value] = Object.hasOwn(ITEM_FIELDS, item) ? ITEM_FIELDS[item]! : [`${item}_needs_agreement`, (a: Record<string, unknown>) => (Object.hasOwn(a, item) ? a[item] : undefined)];
    const v = value(account);
    return (Object.hasOwn(account, flag) && account[flag] === true) || v === undefined || v === null || v === '';
  });
}

/**
 * Reads a consent API response into {@link KakaoScopes}, or the error.
 *
 * @param sent - the access token the request carried, cut out of an error's texts
 */
export function readScopesResponse(res: HttpResponse, label: string, sent: SentValues): KakaoScopes | Error {
  const read = readUserResponse(res, label, sent);
  if (read instanceof Error) return read;
  const scopes = read.json['scopes'];
  if (!Array.isArray(scopes) || !scopes.every((s) => isObject(s) && typeof s['id'] === 'string')) {
    return new ProviderRequestError(`${label} answered without a list of scopes`, 'EBADRESPONSE', res.status, 'kakao');
  }
  return { id: read.id, scopes: scopes as KakaoScope[] };
}

/**
 * Kakao's form for a list of consent items: a JSON array string
 * (`scopes=["account_email"]`, §C12).
 */
export function scopeListParam(scopes: readonly string[], what: string): string {
  if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((s) => typeof s === 'string' && /^[\w.-]+$/.test(s))) {
    throw new TypeError(`${what} needs a non-empty list of consent item IDs`);
  }
  return JSON.stringify(scopes);
}
