/**
 * The Kakao unlink webhook (연결 해제 웹훅) receiver, docs/providers.md §C10.
 *
 * Kakao signs nothing: the only proof that a webhook comes from Kakao is the
 * header `Authorization: KakaoAK <primary admin key>`, so the key is compared
 * in constant time and, when the app's ID is configured, `app_id` must match.
 *
 * @packageDocumentation
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { collectParams, querySource } from './params.js';
import { createReceiver, unauthorized } from './receiver.js';
import type {
  KakaoUnlinkEvent,
  KakaoUnlinkVerifyOptions,
  KakaoUnlinkWebhookOptions,
  UnlinkRefusal,
  UnlinkRequest,
  UnlinkVerification,
  UnlinkWebhookHandler,
} from './types.js';

/** The `referrer_type` values Kakao documents (§C10). */
export const KAKAO_UNLINK_REFERRER_TYPES = ['ACCOUNT_DELETE', 'FORCED_ACCOUNT_DELETE', 'UNLINK_FROM_ADMIN', 'UNLINK_FROM_APPS', 'INCOMPLETE_SIGN_UP'] as const;

const PARAMS = ['app_id', 'user_id', 'referrer_type', 'group_user_token'] as const;

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** The configured keys as digests, checked once. Throws a TypeError (without the key) on a bad option. */
function keyDigests(adminKey: unknown): Buffer[] {
  const keys: unknown[] = Array.isArray(adminKey) ? adminKey : [adminKey];
  if (keys.length === 0 || !keys.every((k) => typeof k === 'string' && k.trim() !== '')) {
    throw new TypeError('Kakao unlink webhook: adminKey must be the app\'s primary admin key (a non-empty string, or a list of them).');
  }
  return (keys as string[]).map((k) => sha256(k.trim()));
}

function checkAppIdOption(appId: unknown): void {
  if (appId !== undefined && (typeof appId !== 'string' || appId.trim() === '')) {
    throw new TypeError('Kakao unlink webhook: appId must be the app\'s ID as a non-empty string (앱 ID), or left out.');
  }
}

/**
 * Checks the method and the `Authorization` header. The presented key and each
 * configured key are hashed with SHA-256 and the equal-length digests compared
 * with `timingSafeEqual`, all of them, so neither the key's length nor the
 * position of a wrong character shows in the timing.
 */
function checkCaller(method: string | undefined, headers: Readonly<IncomingHttpHeaders>, digests: readonly Buffer[]): UnlinkRefusal | undefined {
  if (method !== undefined && method !== 'GET' && method !== 'POST') {
    return { ok: false, status: 405, reason: 'Kakao sends the unlink webhook with GET or POST.' };
  }
  const header = headers.authorization;
  if (typeof header !== 'string' || header.trim() === '') return unauthorized('The Authorization header is missing.');
  // Auth schemes are case-insensitive (RFC 9110 §11.1); Kakao sends "KakaoAK <key>" (§C10).
  const match = /^kakaoak[ \t]+(\S+)[ \t]*$/i.exec(header.trim());
  const presented = sha256(match?.[1] ?? '');
  let matched = false;
  for (const digest of digests) matched = timingSafeEqual(presented, digest) || matched;
  return match && matched ? undefined : unauthorized('The Authorization header does not carry this app\'s admin key as "KakaoAK <key>".');
}

/** Reads and checks the parameters of a caller already known to be Kakao. */
function readKakaoEvent(headers: Readonly<IncomingHttpHeaders>, sources: readonly unknown[], appId: string | undefined): UnlinkVerification<KakaoUnlinkEvent> {
  const collected = collectParams(PARAMS, headers, sources);
  if (!collected.ok) return collected;
  const { params } = collected;
  for (const name of ['app_id', 'user_id', 'referrer_type'] as const) {
    if (!params.get(name)) return { ok: false, status: 400, reason: `The parameter ${name} is missing.` };
  }
  const userId = params.get('user_id')!;
  // The user number is a Long that can exceed 2^53; it stays a string of exact digits (§C10).
  if (!/^\d+$/.test(userId)) return { ok: false, status: 400, reason: 'The parameter user_id is not a user number (decimal digits).' };
  const eventAppId = params.get('app_id')!;
  if (appId !== undefined && eventAppId !== appId) {
    // The admin key matched, so this is most likely a wrong appId option: 403 shows that in Kakao's delivery log.
    return { ok: false, status: 403, reason: 'The parameter app_id is not this app\'s ID.' };
  }
  const groupUserToken = params.get('group_user_token');
  const event: KakaoUnlinkEvent = {
    provider: 'kakao',
    userId,
    appId: eventAppId,
    referrerType: params.get('referrer_type')!,
    ...(groupUserToken ? { groupUserToken } : {}),
  };
  return { ok: true, event };
}

/**
 * Verifies a Kakao unlink webhook handed over by any framework (Fastify, Koa,
 * NestJS, ...) and decodes its event. It does not answer the request: answer
 * `200` at once on `ok: true` (Kakao wants 200 within 3 seconds, also when the
 * app's own processing fails, §C10), and `status` with `reason` otherwise.
 *
 * Checks, in order: the method (GET or POST, else 405); `Authorization:
 * KakaoAK <admin key>` in constant time (else 401); the parameters `app_id`,
 * `user_id` (decimal digits), `referrer_type` (else 400); `app_id` against
 * `options.appId` when set (else 403).
 *
 * @param request - method, headers, and the query and/or body parameters
 * @param options - the admin key and optionally the app's ID
 * @returns the event, or the refusal; the same webhook always gives the same event
 * @throws TypeError when `adminKey` or `appId` is not usable (a setup error, not a request error)
 *
 * @example
 * ```ts
 * const result = verifyKakaoUnlink({ method: req.method, headers: req.headers, query: req.query, body: req.body }, { adminKey });
 * if (!result.ok) return reply.code(result.status).send(result.reason);
 * reply.code(200).send();
 * await forgetKakaoUser(result.event); // after answering
 * ```
 */
export function verifyKakaoUnlink(request: UnlinkRequest, options: KakaoUnlinkVerifyOptions): UnlinkVerification<KakaoUnlinkEvent> {
  const digests = keyDigests(options.adminKey);
  checkAppIdOption(options.appId);
  const refusal = checkCaller(request.method, request.headers, digests);
  if (refusal) return refusal;
  return readKakaoEvent(request.headers, [querySource(request.query), request.body], options.appId);
}

/**
 * An Express/Connect handler for Kakao's unlink webhook
 * (`[앱] > [웹훅] > [연결 해제 웹훅]`, GET or POST). It reads the parameters
 * from the query string and from a form or JSON body, whether or not a body
 * parser ran, checks them as {@link verifyKakaoUnlink} does, answers 200 at
 * once, and then runs `onUnlink(event)`. What the handler throws or rejects
 * with goes to `onError(error, event)` (or one `console.error` line); Kakao
 * still has its 200. A refused webhook gets 401/400/403/405 with a short
 * plain-text reason and never reaches `onUnlink`.
 *
 * Kakao may report the same user twice: make `onUnlink` idempotent.
 *
 * @param options - `adminKey` (the primary admin key), optional `appId`, `onUnlink`, optional `onError`
 * @throws TypeError at setup when an option is missing or malformed
 *
 * @example
 * ```ts
 * app.post('/webhooks/kakao/unlink', kakaoUnlinkWebhook({
 *   adminKey: process.env.KAKAO_ADMIN_KEY!,
 *   appId: process.env.KAKAO_APP_ID,
 *   onUnlink: async ({ userId }) => { await users.deleteByKakaoId(userId); }, // deleting twice is harmless
 * }));
 * ```
 */
export function kakaoUnlinkWebhook(options: KakaoUnlinkWebhookOptions): UnlinkWebhookHandler {
  const digests = keyDigests(options.adminKey);
  checkAppIdOption(options.appId);
  if (typeof options.onUnlink !== 'function') throw new TypeError('Kakao unlink webhook: onUnlink must be a function.');
  if (options.onError !== undefined && typeof options.onError !== 'function') throw new TypeError('Kakao unlink webhook: onError must be a function.');
  const { appId } = options;
  return createReceiver<KakaoUnlinkEvent>({
    provider: 'Kakao',
    allow: 'GET, POST',
    precheck: (method, headers) => checkCaller(method, headers, digests),
    verify: (headers, sources) => readKakaoEvent(headers, sources, appId),
    successStatus: 200,
    onUnlink: options.onUnlink,
    onError: options.onError,
  });
}
