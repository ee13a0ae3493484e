/**
 * Option checks every strategy shares (the login strategies and the token
 * strategies): the HTTP settings, the API headers and the clock tolerance.
 * Each throws a `TypeError` that names the class and the option.
 *
 * @packageDocumentation
 */
import type { Agent, OutgoingHttpHeaders } from 'node:http';
import type { ProviderName } from './errors.js';
import type { HttpSettings } from './http.js';

/** The longest `timeout` a Node timer keeps (2^31 - 1 ms). */
const MAX_TIMEOUT = 2 ** 31 - 1;

/** Default for the `timeout` option, in milliseconds. */
export const DEFAULT_TIMEOUT = 10_000;
/** Default for the `maxResponseBytes` option: 1 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
/** Default for the `clockTolerance` option, in seconds. */
export const DEFAULT_CLOCK_TOLERANCE = 30;

/** The headers every provider request starts with. */
const BASE_HEADERS = { 'User-Agent': 'passport-naver-kakao', Accept: 'application/json' };

/**
 * The HTTP settings of a strategy's requests, from its `timeout`,
 * `maxResponseBytes` and `agent` options.
 *
 * @throws TypeError for a timeout or size cap that is not a positive number
 */
export function httpSettingsOption(
  className: string,
  options: { timeout?: number | undefined; maxResponseBytes?: number | undefined; agent?: Agent | undefined },
  provider: ProviderName,
): HttpSettings {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  // Node's timers hold at most 2^31 - 1 ms (about 24.8 days); a longer delay fires after 1 ms.
  if (!(Number.isFinite(timeout) && timeout > 0 && timeout <= MAX_TIMEOUT)) throw new TypeError(`${className}: timeout must be a positive number of milliseconds, at most ${MAX_TIMEOUT}`);
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!(Number.isInteger(maxResponseBytes) && maxResponseBytes > 0)) throw new TypeError(`${className}: maxResponseBytes must be a positive integer`);
  return { timeout, maxResponseBytes, agent: options.agent, provider };
}

/** The headers of API requests (before `Authorization`): ours, then the app's `customHeaders`. */
export function apiHeaders(customHeaders: OutgoingHttpHeaders | undefined): OutgoingHttpHeaders {
  return { ...BASE_HEADERS, ...customHeaders };
}

/**
 * The `clockTolerance` option: seconds of clock skew allowed for an ID token's `exp` and `iat`.
 *
 * @throws TypeError for a value that is not a number of seconds
 */
export function clockToleranceOption(className: string, value: number | undefined): number {
  const seconds = value ?? DEFAULT_CLOCK_TOLERANCE;
  if (!(Number.isFinite(seconds) && seconds >= 0)) throw new TypeError(`${className}: clockTolerance must be a number of seconds`);
  return seconds;
}
