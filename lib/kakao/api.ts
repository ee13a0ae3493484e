/**
 * Reading answers of Kakao's API host (kapi.kakao.com): JSON on success,
 * `{code, msg}` on error (provider-apis.md §B4).
 *
 * @packageDocumentation
 */
import { describeAnswer, ProviderRequestError, type HttpResponse } from '../http.js';
import { isObject, parseJSON, topLevelIntegerId } from '../json.js';
import { KakaoAPIError } from './errors.js';

/**
 * Reads a whole kapi answer.
 *
 * @param label - names the request in errors, e.g. "Kakao logout request"
 * @returns the JSON object; a {@link KakaoAPIError} for `{code, msg}`; a
 *   `ProviderRequestError` for anything that is not Kakao's JSON
 */
export function readKakaoAnswer(res: HttpResponse, label: string): Record<string, unknown> | Error {
  const json = parseJSON(res.body);
  if (!isObject(json)) {
    return new ProviderRequestError(`${label} answered ${describeAnswer(res)} with a body that is not JSON`, 'EBADRESPONSE', res.status);
  }
  if (res.status >= 200 && res.status <= 299) return json;
  const { code, msg } = json;
  if (typeof code === 'number') return new KakaoAPIError(typeof msg === 'string' && msg ? msg : `Kakao answered code ${code}`, code, res.status);
  return new ProviderRequestError(`${label} answered ${describeAnswer(res)} without a Kakao error code`, 'EBADRESPONSE', res.status);
}

/**
 * The user number of a kapi answer as its exact digits (`JSON.parse` rounds
 * numbers above 2^53, §C7), or `undefined` when the answer has no integer `id`.
 *
 * @param json - the parsed answer
 * @param body - the answer text, read when the parsed number is not exact
 */
export function kakaoUserId(json: Record<string, unknown>, body: string): string | undefined {
  const id = json['id'];
  if (typeof id !== 'number' || !Number.isInteger(id)) return undefined;
  return Number.isSafeInteger(id) ? String(id) : (topLevelIntegerId(body) ?? String(id));
}

/** The error for a kapi answer that lacks the user id. */
export function missingUserId(res: HttpResponse, label: string): ProviderRequestError {
  return new ProviderRequestError(`${label} answered without a user id`, 'EBADRESPONSE', res.status);
}
