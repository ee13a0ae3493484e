/**
 * What both Express/Connect receivers share: gather the request's parameter
 * sources, answer the provider at once, then run the app's handler so that its
 * slowness or failure never reaches the provider.
 *
 * @packageDocumentation
 */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { queryOf } from './params.js';
import { bodyUnread, readBody } from './read-body.js';
import type { UnlinkErrorHandler, UnlinkEvent, UnlinkHandler, UnlinkRefusal, UnlinkVerification, UnlinkWebhookHandler } from './types.js';

/** How one provider's receiver checks a request. */
export interface ReceiverSpec<E extends UnlinkEvent> {
  /** `'Kakao'` or `'Naver'`, for the log line. */
  readonly provider: string;
  /** The methods the provider uses, for the `Allow` header of a 405. */
  readonly allow: string;
  /** Checks that need no body (method, credentials in headers); runs before the body is read. */
  readonly precheck: (method: string | undefined, headers: Readonly<IncomingHttpHeaders>) => UnlinkRefusal | undefined;
  /** The full verification, from the parameter sources. */
  readonly verify: (headers: Readonly<IncomingHttpHeaders>, sources: readonly unknown[]) => UnlinkVerification<E>;
  /** 200 for Kakao (§C10), 204 for Naver (§C11). */
  readonly successStatus: 200 | 204;
  /** The app's handler, run after the response. */
  readonly onUnlink: UnlinkHandler<E>;
  /** The app's error callback; without it, one log line. */
  readonly onError: UnlinkErrorHandler<E> | undefined;
}

/** Writes the response: an empty success, or the refusal's status with its reason as plain text. */
function answer(res: ServerResponse, status: number, reason: string | undefined, allow: string): void {
  if (res.headersSent || res.writableEnded) return;
  res.statusCode = status;
  res.setHeader('Cache-Control', 'no-store');
  if (status === 405) res.setHeader('Allow', allow);
  if (status === 413) res.setHeader('Connection', 'close');
  if (reason === undefined) {
    if (status !== 204) res.setHeader('Content-Length', '0');
    res.end();
    return;
  }
  const body = Buffer.from(`${reason}\n`, 'utf8');
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', String(body.length));
  res.end(body);
}

/** One line for the log when the handler failed and no `onError` was given: no stack, no secrets. */
function logFailure(provider: string, event: UnlinkEvent, error: unknown, what: string): void {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const firstLine = (detail.split(/\r?\n/, 1)[0] ?? '').slice(0, 200);
  console.error(`passport-naver-kakao: the ${provider} ${what} failed for user ${event.userId}: ${firstLine}`);
}

/** A 401 refusal: the notification is not from the provider, or not for this app. */
export const unauthorized = (reason: string): UnlinkRefusal => ({ ok: false, status: 401, reason });

/**
 * Runs `onUnlink(event)`; whatever it throws or rejects with goes to `onError`
 * once (or to one log line). Never throws and never leaves a rejection unhandled.
 */
export function dispatchUnlink<E extends UnlinkEvent>(provider: string, event: E, onUnlink: UnlinkHandler<E>, onError: UnlinkErrorHandler<E> | undefined): void {
  const report = (error: unknown): void => {
    if (!onError) return logFailure(provider, event, error, 'unlink handler');
    try {
      const returned: unknown = onError(error, event);
      // An async onError is allowed by the type (it returns void); keep its rejection handled too.
      if (returned instanceof Promise) returned.catch((e: unknown) => logFailure(provider, event, e, 'unlink onError callback'));
    } catch (e) {
      logFailure(provider, event, e, 'unlink onError callback');
    }
  };
  let outcome: PromiseLike<void> | void;
  try {
    outcome = onUnlink(event);
  } catch (error) {
    return report(error);
  }
  Promise.resolve(outcome).then(undefined, report);
}

/** Builds the Express/Connect handler for one provider. */
export function createReceiver<E extends UnlinkEvent>(spec: ReceiverSpec<E>): UnlinkWebhookHandler {
  return (req, res, next) => {
    const receive = async (): Promise<void> => {
      const early = spec.precheck(req.method, req.headers);
      if (early) return answer(res, early.status, early.reason, spec.allow);
      const sources: unknown[] = [queryOf(req.url), req.body];
      if (bodyUnread(req)) {
        const body = await readBody(req);
        if (!body.ok) return answer(res, body.status, body.reason, spec.allow);
        sources.push(body.raw);
      }
      const result = spec.verify(req.headers, sources);
      if (!result.ok) return answer(res, result.status, result.reason, spec.allow);
      // Answer first: Kakao wants its 200 within 3 s and Naver does not retry (§C10, §C11).
      answer(res, spec.successStatus, undefined, spec.allow);
      dispatchUnlink(spec.provider, result.event, spec.onUnlink, spec.onError);
    };
    receive().catch((error: unknown) => {
      // Only a bug in this package gets here; the app's handler errors are caught in dispatchUnlink.
      if (next) return next(error);
      answer(res, 500, 'The notification could not be processed.', spec.allow);
    });
  };
}
