/**
 * The types the unlink-notification receivers share: the events they deliver,
 * the options they take and the result of a verification.
 *
 * @packageDocumentation
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/**
 * Why Kakao unlinked the user (`referrer_type`, docs/providers.md §C10):
 *
 * - `ACCOUNT_DELETE`: the user deleted the Kakao Account.
 * - `FORCED_ACCOUNT_DELETE`: Kakao deleted the account (long dormancy, customer service).
 * - `UNLINK_FROM_ADMIN`: a Kakao administrator unlinked the user.
 * - `UNLINK_FROM_APPS`: the user disconnected the app on the Kakao Account page or in Kakao Talk.
 * - `INCOMPLETE_SIGN_UP`: Kakao unlinked a user who never completed sign-up.
 *
 * A value Kakao adds later is passed through unchanged (the `string & {}` member),
 * because the user is unlinked whatever the reason: the receiver still answers 200
 * and the app still has to forget the user.
 */
export type KakaoUnlinkReferrerType =
  | 'ACCOUNT_DELETE'
  | 'FORCED_ACCOUNT_DELETE'
  | 'UNLINK_FROM_ADMIN'
  | 'UNLINK_FROM_APPS'
  | 'INCOMPLETE_SIGN_UP'
  | (string & {});

/** A verified Kakao unlink webhook (docs/providers.md §C10). */
export interface KakaoUnlinkEvent {
  /** Always `'kakao'`. */
  readonly provider: 'kakao';
  /**
   * The user's number (회원번호) as exact decimal digits, the same string as
   * `profile.id`. Kakao ids can exceed 2^53, so never turn it into a number.
   */
  readonly userId: string;
  /** The Kakao app the user was unlinked from (`app_id`). */
  readonly appId: string;
  /** Why the user was unlinked (`referrer_type`). */
  readonly referrerType: KakaoUnlinkReferrerType;
  /** `group_user_token`, sent only when the app belongs to an app group. */
  readonly groupUserToken?: string;
}

/** A verified Naver unlink notification (docs/providers.md §C11). */
export interface NaverUnlinkEvent {
  /** Always `'naver'`. */
  readonly provider: 'naver';
  /**
   * The decrypted `encryptUniqueId`: the user's unique id for this app, by all
   * signs the same string as `profile.id` (UNCONFIRMED at Naver, §C11).
   */
  readonly userId: string;
  /** When Naver made the request, in Unix seconds (`timestamp`). */
  readonly timestamp: number;
}

/** Either receiver's event. */
export type UnlinkEvent = KakaoUnlinkEvent | NaverUnlinkEvent;

/**
 * The app's handler for a verified unlink. It runs after the provider has had
 * its response, so it may be slow; it may return a promise. The same notification
 * delivered twice gives the same event twice: make the handler idempotent.
 */
export type UnlinkHandler<E extends UnlinkEvent> = (event: E) => void | PromiseLike<void>;

/**
 * Called once when the unlink handler throws or its promise rejects. Without it,
 * the receiver writes one line to `console.error` (no secrets, no stack).
 */
export type UnlinkErrorHandler<E extends UnlinkEvent> = (error: unknown, event: E) => void;

/** A refused notification: the HTTP status to answer and a reason a person understands. */
export interface UnlinkRefusal {
  readonly ok: false;
  /**
   * 400 malformed or missing parameters (or an undecryptable Naver id);
   * 401 wrong or missing credentials (Kakao admin key; Naver signature, Client ID or timestamp);
   * 403 Kakao `app_id` is not the configured app; 405 wrong method;
   * 413 body over 16 KiB; 415 compressed body.
   */
  readonly status: 400 | 401 | 403 | 405 | 413 | 415;
  /** A short English sentence; it never contains a key, secret, signature or parameter value. */
  readonly reason: string;
}

/** The result of a verification: the event, or why the notification was refused. */
export type UnlinkVerification<E extends UnlinkEvent> = { readonly ok: true; readonly event: E } | UnlinkRefusal;

/**
 * One notification as a framework hands it over, for the framework-neutral
 * verifiers. `query` and `body` may each be a parsed object (values are strings;
 * a value given more than once is refused), a raw string or `Buffer` (parsed by
 * the `Content-Type` header: JSON or `application/x-www-form-urlencoded`), or a
 * `URLSearchParams`. A parameter may come from either; if both carry it, the
 * values must agree.
 */
export interface UnlinkRequest {
  /** The HTTP method; when given, it is checked (Kakao: GET or POST; Naver: POST). */
  readonly method?: string | undefined;
  /** The request headers, names in lower case as Node gives them. */
  readonly headers: Readonly<IncomingHttpHeaders>;
  /** The query string's parameters. */
  readonly query?: unknown;
  /** The body's parameters. */
  readonly body?: unknown;
}

/** Options of {@link UnlinkRequest}-based Kakao verification. */
export interface KakaoUnlinkVerifyOptions {
  /**
   * The app's primary admin key (대표 어드민 키), which Kakao sends as
   * `Authorization: KakaoAK <key>`. Several keys may be given while the primary
   * key is being changed; any of them is accepted.
   */
  readonly adminKey: string | readonly string[];
  /** The app's ID (앱 ID). When set, a webhook with another `app_id` is refused with 403. */
  readonly appId?: string | undefined;
}

/** Options of {@link kakaoUnlinkWebhook}. */
export interface KakaoUnlinkWebhookOptions extends KakaoUnlinkVerifyOptions {
  /** Runs once per accepted webhook, after Kakao has its 200. */
  readonly onUnlink: UnlinkHandler<KakaoUnlinkEvent>;
  /** Receives what `onUnlink` threw or rejected with. */
  readonly onError?: UnlinkErrorHandler<KakaoUnlinkEvent> | undefined;
}

/** Options of {@link UnlinkRequest}-based Naver verification. */
export interface NaverUnlinkVerifyOptions {
  /** The app's Client ID; a notification for another Client ID is refused. */
  readonly clientID: string;
  /** The app's Client Secret; its MD5 digest is the key of both the signature and the encryption. */
  readonly clientSecret: string;
  /**
   * How far `timestamp` may be from this server's clock, in seconds, either way
   * (default 300). Naver documents no window (UNCONFIRMED, §C11); a window limits replays.
   */
  readonly maxAgeSeconds?: number | undefined;
  /** The clock, in milliseconds since the epoch (default `Date.now`); for tests. */
  readonly now?: (() => number) | undefined;
}

/** Options of {@link naverUnlinkWebhook}. */
export interface NaverUnlinkWebhookOptions extends NaverUnlinkVerifyOptions {
  /** Runs once per accepted notification, after Naver has its 204. */
  readonly onUnlink: UnlinkHandler<NaverUnlinkEvent>;
  /** Receives what `onUnlink` threw or rejected with. */
  readonly onError?: UnlinkErrorHandler<NaverUnlinkEvent> | undefined;
}

/**
 * What the Express/Connect receivers read from a request: Node's request plus,
 * when a body parser ran, its `body`.
 */
export type UnlinkHttpRequest = IncomingMessage & { body?: unknown };

/**
 * An Express/Connect handler. It always answers the request itself and never
 * calls `next`, except with an error from a bug in this package.
 */
export type UnlinkWebhookHandler = (req: UnlinkHttpRequest, res: ServerResponse, next?: (error?: unknown) => void) => void;
