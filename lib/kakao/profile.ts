/**
 * Reading Kakao's API responses (kapi.kakao.com): JSON on success, `{code, msg}`
 * on error (docs/providers.md §B4, §C6.4), the user number digit for digit, and
 * the profile of `GET /v2/user/me`.
 *
 * @packageDocumentation
 */
import { KakaoAPIError, ProviderRequestError } from '../errors.js';
import { describeResponse, type HttpResponse } from '../http.js';
import { isObject, nonEmpty, parseJSON } from '../json.js';
import { addContacts } from '../profile.js';
import { redact, type SentValues } from '../redact.js';
import type { KakaoProfile, KakaoUser } from './types.js';

const LABEL = 'Kakao profile request';

/**
 * Reads a whole kapi response.
 *
 * @param label - names the request in errors, e.g. "Kakao logout request"
 * @param sent - the secrets the request carried (the access token or admin
 *   key): cut out of every text of an error, because Kakao's `msg` may echo them
 * @returns the JSON object; a {@link KakaoAPIError} for `{code, msg}`; a
 *   `ProviderRequestError` for anything that is not Kakao's JSON
 */
export function readKakaoResponse(res: HttpResponse, label: string, sent: SentValues): Record<string, unknown> | Error {
  const json = parseJSON(res.body);
  if (!isObject(json)) {
    return new ProviderRequestError(`${label} answered ${describeResponse(res)} with a body that is not JSON`, 'EBADRESPONSE', res.status, 'kakao');
  }
  if (res.status >= 200 && res.status <= 299) return json;
  const { code, msg } = json;
  if (typeof code === 'number') {
    // -402 names the consent items the API needs (§C6.4): keep them for a re-consent request.
    return new KakaoAPIError(typeof msg === 'string' && msg ? redact(msg, sent) : `Kakao answered code ${code}`, code, res.status, {
      requiredScopes: stringList(json['required_scopes'], sent),
      allowedScopes: stringList(json['allowed_scopes'], sent),
      apiType: typeof json['api_type'] === 'string' ? redact(json['api_type'], sent) : undefined,
    });
  }
  return new ProviderRequestError(`${label} answered ${describeResponse(res)} without a Kakao error code`, 'EBADRESPONSE', res.status, 'kakao');
}

function stringList(value: unknown, sent: SentValues): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]).map((item) => redact(item, sent)) : undefined;
}

/**
 * Reads a kapi response that names a user (`/v2/user/me`, logout, unlink, token info).
 *
 * @param sent - the secrets the request carried, as for {@link readKakaoResponse}
 * @returns the JSON and the user number as exact digits, or the error
 */
export function readUserResponse(res: HttpResponse, label: string, sent: SentValues): { json: Record<string, unknown>; id: string } | Error {
  const json = readKakaoResponse(res, label, sent);
  if (json instanceof Error) return json;
  const id = kakaoUserId(json, res.body);
  if (id === undefined) return new ProviderRequestError(`${label} answered without a user id`, 'EBADRESPONSE', res.status, 'kakao');
  return { json, id };
}

/**
 * The user number of a kapi response as its exact digits (`JSON.parse` rounds
 * numbers above 2^53, §D7), or `undefined` when there is no integer `id`.
 *
 * @param json - the parsed response
 * @param body - the response text, read when the parsed number is not exact
 */
export function kakaoUserId(json: Record<string, unknown>, body: string): string | undefined {
  const id = json['id'];
  if (typeof id !== 'number' || !Number.isInteger(id)) return undefined;
  return Number.isSafeInteger(id) ? String(id) : (exactUserId(body) ?? String(id));
}

/**
 * Builds the profile from Kakao's response. Pure: no I/O, no exceptions. Fields
 * the user did not consent to are left out, never filled in.
 *
 * @param user - the parsed response
 * @param raw - the response body: `id` is read from it digit for digit, and kept as `_raw`
 */
export function parseKakaoProfile(user: KakaoUser, raw: string): KakaoProfile {
  return buildProfile(user, raw, kakaoUserId(user as unknown as Record<string, unknown>, raw) ?? String(user.id));
}

/** The profile, with the user number already read from the body. */
function buildProfile(user: KakaoUser, raw: string, id: string): KakaoProfile {
  const account = isObject(user.kakao_account) ? user.kakao_account : {};
  const details = isObject(account.profile) ? account.profile : {};
  const properties: Record<string, unknown> = isObject(user.properties) ? user.properties : {};
  // `is_default_nickname`: Kakao's placeholder "닉네임을 등록해주세요", not the
  // user's (§C4). `properties.nickname` is read only when the profile has no
  // nickname at all (older apps, §C4, §D8).
  const ownNickname = details.is_default_nickname === true ? undefined : (nonEmpty(details.nickname) ?? (details.nickname === undefined ? nonEmpty(properties['nickname']) : undefined));
  const profile: KakaoProfile = {
    provider: 'kakao',
    id,
    displayName: ownNickname ?? nonEmpty(account.name) ?? '',
    _raw: raw,
    _json: user,
  };
  // passport-kakao and passport-kakao-login set `username` to the nickname, and apps read it.
  if (ownNickname !== undefined) profile.username = ownNickname;
  // Trust an email only when Kakao says it is both verified and valid (§D9).
  const verified = account.is_email_verified === true && account.is_email_valid === true;
  // `is_default_image`: the URLs point at Kakao's default picture (§C4).
  const photo = details.is_default_image === true ? undefined : (nonEmpty(details.profile_image_url) ?? details.thumbnail_image_url);
  return addContacts(profile, account.email, verified, photo);
}

/**
 * Reads the whole response of the profile request.
 *
 * @param sent - the access token the request carried, cut out of an error's texts
 * @returns the profile; a {@link KakaoAPIError} for Kakao's `{code, msg}`
 *   errors; a `ProviderRequestError` when the response is not Kakao's JSON at all
 */
export function readKakaoProfileResponse(res: HttpResponse, sent: SentValues): KakaoProfile | Error {
  const read = readUserResponse(res, LABEL, sent);
  if (read instanceof Error) return read;
  return buildProfile(read.json as unknown as KakaoUser, res.body, read.id);
}

/**
 * The exact digits of the top-level `"id"` number in a JSON object text, read
 * from the text itself because `JSON.parse` rounds integers above 2^53.
 *
 * @returns the digits (with a leading `-` if negative), or `undefined` when the
 *   text has no top-level `"id"` whose value is an integer
 */
export function exactUserId(text: string): string | undefined {
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return undefined;
      if (depth === 1 && text.slice(i + 1, end) === 'id') {
        const match = /^\s*:\s*(-?\d+)\s*[,}]/.exec(text.slice(end + 1, end + 64));
        if (match) return match[1];
      }
      i = end + 1;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    i++;
  }
  return undefined;
}

/** Index of the quote that closes the string opening at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i;
  }
  return -1;
}
