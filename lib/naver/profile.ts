/**
 * Reading Naver's profile response (`GET /v1/nid/me`, docs/providers.md §A5).
 *
 * @packageDocumentation
 */
import { NaverAPIError, ProviderRequestError } from '../errors.js';
import { describeResponse, type HttpResponse } from '../http.js';
import { isObject, nonEmpty, parseJSON } from '../json.js';
import { addContacts } from '../profile.js';
import { redact, type SentValues } from '../redact.js';
import type { NaverProfile, NaverUser } from './types.js';

const LABEL = 'Naver profile request';

/**
 * Builds the profile from Naver's user object. Pure: no I/O, no exceptions.
 * Fields the user did not agree to give are left out, never filled in.
 *
 * @param user - the `response` object of the profile response
 * @param raw - the response body, kept as `_raw`
 */
export function parseNaverProfile(user: NaverUser, raw: string): NaverProfile {
  const profile: NaverProfile = {
    provider: 'naver',
    id: user.id,
    displayName: realNickname(user.nickname) ?? nonEmpty(user.name) ?? nonEmpty(user.nickname) ?? '',
    _raw: raw,
    _json: user,
  };
  // Naver's email is a contact address with no verification flag (§A5).
  return addContacts(profile, user.email, false, user.profile_image);
}

/**
 * The nickname, unless it is Naver's placeholder for a user without one: the
 * masked id `abcd***` (docs/providers.md §C5: "id***", also seen with four `*`).
 */
function realNickname(nickname: unknown): string | undefined {
  const value = nonEmpty(nickname);
  // endsWith, not /\*{3,}$/: that pattern takes quadratic time on a long run of `*` followed by another character.
  return value === undefined || value.endsWith('***') ? undefined : value;
}

/**
 * Reads the whole response of the profile request.
 *
 * @param sent - the access token the request carried: cut out of an error's
 *   texts, because Naver's `message` may echo it
 * @returns the profile; a {@link NaverAPIError} when Naver reports an error
 *   (`resultcode` other than `'00'`, on a 401 or on a 200); a
 *   `ProviderRequestError` when the response is not Naver's JSON at all
 */
export function readNaverProfileResponse(res: HttpResponse, sent: SentValues): NaverProfile | Error {
  const json = parseJSON(res.body);
  if (!isObject(json)) {
    return new ProviderRequestError(`${LABEL} answered ${describeResponse(res)} with a body that is not JSON`, 'EBADRESPONSE', res.status, 'naver');
  }
  const { resultcode, message } = json;
  // Naver reports profile errors as resultcode + message, with HTTP 401 per the
  // docs and HTTP 200 per passport-naver's note (§A5): judge by resultcode.
  if (typeof resultcode === 'string' && resultcode !== '00') {
    const code = redact(resultcode, sent);
    return new NaverAPIError(typeof message === 'string' && message ? redact(message, sent) : `Naver answered resultcode ${code}`, code, res.status);
  }
  // Other Naver Open APIs use { errorCode, errorMessage } (§A5, [N1d]).
  if (typeof json['errorCode'] === 'string') {
    const errorMessage = json['errorMessage'];
    const errorCode = redact(json['errorCode'], sent);
    return new NaverAPIError(typeof errorMessage === 'string' && errorMessage ? redact(errorMessage, sent) : `Naver answered error ${errorCode}`, errorCode, res.status);
  }
  if (res.status < 200 || res.status > 299 || resultcode !== '00') {
    return new ProviderRequestError(`${LABEL} answered ${describeResponse(res)} without a Naver result code`, 'EBADRESPONSE', res.status, 'naver');
  }
  const user = json['response'];
  if (!isObject(user) || typeof user['id'] !== 'string' || user['id'] === '') {
    return new ProviderRequestError(`${LABEL} answered without a user id`, 'EBADRESPONSE', res.status, 'naver');
  }
  return parseNaverProfile(user as NaverUser, res.body);
}
