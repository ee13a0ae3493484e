/**
 * Reading Kakao's profile answer (`GET /v2/user/me`, provider-apis.md §B4).
 *
 * @packageDocumentation
 */
import { describeAnswer, ProviderRequestError, type HttpResponse } from '../http.js';
import { isObject, nonEmpty, parseJSON, topLevelIntegerId } from '../json.js';
import { KakaoAPIError } from './errors.js';
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
  const account = isObject(user.kakao_account) ? user.kakao_account : {};
  const details = isObject(account.profile) ? account.profile : {};
  const profile: KakaoProfile = {
    provider: 'kakao',
    // Kakao's id is a 64-bit integer (§C7): a JS number is exact only up to 2^53.
    id: Number.isSafeInteger(user.id) ? String(user.id) : (topLevelIntegerId(raw) ?? String(user.id)),
    // properties.nickname is deprecated (§B4): use kakao_account.profile.
    displayName: nonEmpty(details.nickname) ?? nonEmpty(account.name) ?? '',
    _raw: raw,
    _json: user,
  };
  const email = nonEmpty(account.email);
  // Trust an email only when Kakao says it is both verified and valid (§C9).
  if (email !== undefined) profile.emails = [{ value: email, verified: account.is_email_verified === true && account.is_email_valid === true }];
  const photo = nonEmpty(details.profile_image_url) ?? nonEmpty(details.thumbnail_image_url);
  if (photo !== undefined) profile.photos = [{ value: photo }];
  return profile;
}

/**
 * Reads the whole answer of the profile request.
 *
 * @returns the profile; a {@link KakaoAPIError} for Kakao's `{code, msg}`
 *   errors; a `ProviderRequestError` when the answer is not Kakao's JSON at all
 */
export function readKakaoProfileAnswer(res: HttpResponse): KakaoProfile | Error {
  const json = parseJSON(res.body);
  if (!isObject(json)) {
    return new ProviderRequestError(`${LABEL} answered ${describeAnswer(res)} with a body that is not JSON`, 'EBADRESPONSE', res.status);
  }
  if (res.status < 200 || res.status > 299) {
    const { code, msg } = json;
    if (typeof code === 'number') {
      return new KakaoAPIError(typeof msg === 'string' && msg ? msg : `Kakao answered code ${code}`, code, res.status);
    }
    return new ProviderRequestError(`${LABEL} answered ${describeAnswer(res)} without a Kakao error code`, 'EBADRESPONSE', res.status);
  }
  if (typeof json['id'] !== 'number' || !Number.isInteger(json['id'])) {
    return new ProviderRequestError(`${LABEL} answered without a user id`, 'EBADRESPONSE', res.status);
  }
  return parseKakaoProfile(json as KakaoUser, res.body);
}
