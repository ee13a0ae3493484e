/**
 * Reading Kakao's profile answer (`GET /v2/user/me`, provider-apis.md §B4).
 *
 * @packageDocumentation
 */
import type { HttpResponse } from '../http.js';
import { addContacts, isObject, nonEmpty } from '../json.js';
import { kakaoUserId, missingUserId, readKakaoAnswer } from './api.js';
import type { KakaoProfile, KakaoUser } from './types.js';

const LABEL = 'Kakao profile request';

/**
 * Builds the profile from Kakao's answer. Pure: no I/O, no exceptions. Fields
 * the user did not consent to are left out, never filled in.
 *
 * @param user - the parsed answer
 * @param raw - the answer body: `id` is read from it digit for digit, and kept as `_raw`
 */
export function parseKakaoProfile(user: KakaoUser, raw: string): KakaoProfile {
  return buildProfile(user, raw, kakaoUserId(user, raw) ?? String(user.id));
}

/** The profile, with the user number already read from the body. */
function buildProfile(user: KakaoUser, raw: string, id: string): KakaoProfile {
  const account = isObject(user.kakao_account) ? user.kakao_account : {};
  const details = isObject(account.profile) ? account.profile : {};
  const profile: KakaoProfile = {
    provider: 'kakao',
    id,
    // properties.nickname is deprecated (§B4): use kakao_account.profile.
    displayName: nonEmpty(details.nickname) ?? nonEmpty(account.name) ?? '',
    _raw: raw,
    _json: user,
  };
  // Trust an email only when Kakao says it is both verified and valid (§C9).
  const verified = account.is_email_verified === true && account.is_email_valid === true;
  return addContacts(profile, account.email, verified, nonEmpty(details.profile_image_url) ?? details.thumbnail_image_url);
}

/**
 * Reads the whole answer of the profile request.
 *
 * @returns the profile; a {@link KakaoAPIError} for Kakao's `{code, msg}`
 *   errors; a `ProviderRequestError` when the answer is not Kakao's JSON at all
 */
export function readKakaoProfileAnswer(res: HttpResponse): KakaoProfile | Error {
  const json = readKakaoAnswer(res, LABEL);
  if (json instanceof Error) return json;
  const id = kakaoUserId(json, res.body);
  if (id === undefined) return missingUserId(res, LABEL);
  return buildProfile(json as KakaoUser, res.body, id);
}
