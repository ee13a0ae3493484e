/**
 * The Naver unlink notification (연결 끊기 알림) receiver, docs/providers.md §C11.
 *
 * Naver signs the notification with HMAC-SHA256 and encrypts the user's id
 * with AES-128-CBC, both keyed with MD5(client secret). The checks run in the
 * order §C11 gives: signature, then Client ID and timestamp, then decryption.
 *
 * @packageDocumentation
 */
import type { IncomingHttpHeaders } from 'node:http';
import { decryptNaverUniqueId, naverSignatureValid, naverUnlinkKey } from './naver-crypto.js';
import { collectParams, querySource } from './params.js';
import { createReceiver, unauthorized } from './receiver.js';
import type {
  NaverUnlinkEvent,
  NaverUnlinkVerifyOptions,
  NaverUnlinkWebhookOptions,
  UnlinkRefusal,
  UnlinkRequest,
  UnlinkVerification,
  UnlinkWebhookHandler,
} from './types.js';

/**
 * Default timestamp window, in seconds either way. Naver documents none
 * (UNCONFIRMED, §C11): ±300 s limits replays of a captured notification while
 * tolerating ordinary clock drift. Naver does not resend, so a notification
 * refused for a skewed clock is lost: keep the server's clock synchronised.
 */
export const NAVER_UNLINK_MAX_AGE_SECONDS = 300;

const PARAMS = ['clientId', 'encryptUniqueId', 'timestamp', 'signature'] as const;

/** The options, checked and prepared once. */
interface NaverSettings {
  readonly clientID: string;
  readonly key: Buffer;
  readonly maxAgeSeconds: number;
  readonly now: () => number;
}

/** Checks the options; the TypeError never contains the secret. */
function settingsOf(options: NaverUnlinkVerifyOptions): NaverSettings {
  if (typeof options.clientID !== 'string' || options.clientID === '') throw new TypeError('Naver unlink webhook: clientID must be the app\'s Client ID.');
  if (typeof options.clientSecret !== 'string' || options.clientSecret === '') throw new TypeError('Naver unlink webhook: clientSecret must be the app\'s Client Secret.');
  const maxAgeSeconds = options.maxAgeSeconds ?? NAVER_UNLINK_MAX_AGE_SECONDS;
  if (typeof maxAgeSeconds !== 'number' || !(maxAgeSeconds > 0)) throw new TypeError('Naver unlink webhook: maxAgeSeconds must be a positive number of seconds.');
  if (options.now !== undefined && typeof options.now !== 'function') throw new TypeError('Naver unlink webhook: now must be a function returning milliseconds.');
  return { clientID: options.clientID, key: naverUnlinkKey(options.clientSecret), maxAgeSeconds, now: options.now ?? Date.now };
}

function checkMethod(method: string | undefined): UnlinkRefusal | undefined {
  return method === undefined || method === 'POST' ? undefined : { ok: false, status: 405, reason: 'Naver sends the unlink notification with POST.' };
}

/** Reads and checks the four parameters, in §C11's order. */
function readNaverEvent(headers: Readonly<IncomingHttpHeaders>, sources: readonly unknown[], settings: NaverSettings): UnlinkVerification<NaverUnlinkEvent> {
  const collected = collectParams(PARAMS, headers, sources);
  if (!collected.ok) return collected;
  const { params } = collected;
  for (const name of PARAMS) {
    if (!params.get(name)) return { ok: false, status: 400, reason: `The parameter ${name} is missing.` };
  }
  const fields = { clientId: params.get('clientId')!, encryptUniqueId: params.get('encryptUniqueId')!, timestamp: params.get('timestamp')! };
  if (!naverSignatureValid(settings.key, fields, params.get('signature')!)) {
    return unauthorized('The signature does not match (wrong Client Secret, or the notification was altered).');
  }
  if (fields.clientId !== settings.clientID) return unauthorized('The notification is for another Client ID.');
  if (!/^\d{1,12}$/.test(fields.timestamp)) return { ok: false, status: 400, reason: 'The parameter timestamp is not Unix seconds.' };
  const timestamp = Number(fields.timestamp);
  if (Math.abs(settings.now() / 1000 - timestamp) > settings.maxAgeSeconds) {
    return unauthorized('The timestamp is outside the accepted window (a replay, or a clock out of sync).');
  }
  const userId = decryptNaverUniqueId(settings.key, fields.encryptUniqueId);
  // A decryption or padding failure is a bad request (§C11).
  if (userId === undefined) return { ok: false, status: 400, reason: 'The parameter encryptUniqueId does not decrypt to a user id.' };
  return { ok: true, event: { provider: 'naver', userId, timestamp } };
}

/**
 * Verifies a Naver unlink notification handed over by any framework (Fastify,
 * Koa, NestJS, ...) and decrypts the user's id. It does not answer the request:
 * answer `204` with no body on `ok: true`, and `status` with `reason` otherwise.
 *
 * Checks, in order: the method (POST, else 405); the four parameters `clientId`,
 * `encryptUniqueId`, `timestamp`, `signature` (else 400); the HMAC-SHA256
 * signature in constant time, in either Base64 alphabet, padded or not (else
 * 401); `clientId` (else 401); `timestamp` within `maxAgeSeconds` of now (else
 * 401); decryption of `encryptUniqueId` (else 400).
 *
 * @param request - method, headers, and the query and/or body parameters
 * @param options - the Client ID and Client Secret, optionally the window and a clock
 * @returns the event, or the refusal; the same notification always gives the same event
 * @throws TypeError when an option is not usable (a setup error, not a request error)
 *
 * @example
 * ```ts
 * const result = verifyNaverUnlink({ method: req.method, headers: req.headers, query: req.query, body: req.body }, { clientID, clientSecret });
 * if (!result.ok) return reply.code(result.status).send(result.reason);
 * reply.code(204).send();
 * await forgetNaverUser(result.event); // after answering
 * ```
 */
export function verifyNaverUnlink(request: UnlinkRequest, options: NaverUnlinkVerifyOptions): UnlinkVerification<NaverUnlinkEvent> {
  const settings = settingsOf(options);
  return checkMethod(request.method) ?? readNaverEvent(request.headers, [querySource(request.query), request.body], settings);
}

/**
 * An Express/Connect handler for Naver's unlink notification (registered as
 * "연결끊기 Callback URL" in the application's API 설정). It reads the four
 * parameters from the form body or the query string, whether or not a body
 * parser ran, checks them as {@link verifyNaverUnlink} does, answers 204 at
 * once, and then runs `onUnlink(event)`. What the handler throws or rejects
 * with goes to `onError(error, event)` (or one `console.error` line). A refused
 * notification gets 400/401/405 with a short plain-text reason and never
 * reaches `onUnlink`.
 *
 * Naver does not retry, but a captured notification can be replayed inside the
 * timestamp window and gives the same event: make `onUnlink` idempotent.
 *
 * @param options - `clientID`, `clientSecret`, `onUnlink`, optional `onError` and `maxAgeSeconds`
 * @throws TypeError at setup when an option is missing or malformed
 *
 * @example
 * ```ts
 * app.post('/webhooks/naver/unlink', naverUnlinkWebhook({
 *   clientID: process.env.NAVER_CLIENT_ID!,
 *   clientSecret: process.env.NAVER_CLIENT_SECRET!,
 *   onUnlink: async ({ userId }) => { await users.deleteByNaverId(userId); }, // deleting twice is harmless
 * }));
 * ```
 */
export function naverUnlinkWebhook(options: NaverUnlinkWebhookOptions): UnlinkWebhookHandler {
  const settings = settingsOf(options);
  if (typeof options.onUnlink !== 'function') throw new TypeError('Naver unlink webhook: onUnlink must be a function.');
  if (options.onError !== undefined && typeof options.onError !== 'function') throw new TypeError('Naver unlink webhook: onError must be a function.');
  return createReceiver<NaverUnlinkEvent>({
    provider: 'Naver',
    allow: 'POST',
    precheck: (method) => checkMethod(method),
    verify: (headers, sources) => readNaverEvent(headers, sources, settings),
    successStatus: 204,
    onUnlink: options.onUnlink,
    onError: options.onError,
  });
}
