/**
 * A harness that runs one `authenticate` call of a strategy, as passport does
 * (through `Object.create`), and reports the one action it ended in.
 */
import { inspect } from 'node:util';
import type { Request } from 'express';
import type { Strategy } from 'passport';

/** The action a strategy ended in. */
export type Outcome =
  | { action: 'success'; user: unknown; info: unknown }
  | { action: 'fail'; challenge: unknown; status: number | undefined }
  | { action: 'redirect'; url: string; status: number | undefined }
  | { action: 'error'; err: Error }
  | { action: 'pass' };

/** A request as express would hand it to passport, with only what a strategy reads. */
export interface FakeRequest {
  query?: Record<string, unknown>;
  body?: Record<string, unknown>;
  session?: Record<string, unknown>;
  headers?: Record<string, string>;
  method?: string;
  url?: string;
  connection?: { encrypted?: boolean };
  /** The response, as Express links it (`req.res`). */
  res?: FakeResponse;
}

/** Just enough of a response for a state store to set cookies. */
export class FakeResponse {
  readonly headers = new Map<string, string | string[]>();
  getHeader(name: string): string | string[] | undefined {
    return this.headers.get(name.toLowerCase());
  }
  setHeader(name: string, value: string | string[]): void {
    this.headers.set(name.toLowerCase(), value);
  }
  /** The Set-Cookie values sent so far. */
  cookies(): string[] {
    const value = this.headers.get('set-cookie');
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  }
}

/**
 * Runs `strategy.authenticate(req, options)` and resolves with its action.
 * Rejects when the strategy throws, ends in two actions, or ends in none within
 * `timeoutMs`. A second action is watched for `settleMs` after the first (with
 * 0, for two turns of the event loop: what the fuzz tests can afford).
 */
export function run(strategy: Strategy, req: FakeRequest, options?: object, timeoutMs = 5000, settleMs = 20): Promise<Outcome> {
  const fullReq = { method: 'GET', url: '/', headers: { host: 'app.example' }, connection: {}, ...req };
  return new Promise((resolve, reject) => {
    const outcomes: Outcome[] = [];
    const timer = setTimeout(() => reject(new Error('the strategy ended in no action')), timeoutMs);
    const record = (outcome: Outcome): void => {
      outcomes.push(outcome);
      if (outcomes.length > 1) return;
      clearTimeout(timer);
      // Wait a little so a second action would be seen.
      const settle = (): void => {
        if (outcomes.length === 1) resolve(outcome);
        else reject(new Error(`the strategy ended in ${outcomes.map((o) => o.action).join(' and ')}`));
      };
      if (settleMs > 0) setTimeout(settle, settleMs);
      else setImmediate(() => setImmediate(settle));
    };
    const instance = Object.assign(Object.create(strategy) as Strategy, {
      success: (user: unknown, info: unknown) => record({ action: 'success', user, info }),
      fail: (challenge: unknown, status?: number) => record({ action: 'fail', challenge, status }),
      redirect: (url: string, status?: number) => record({ action: 'redirect', url, status }),
      error: (err: Error) => record({ action: 'error', err }),
      pass: () => record({ action: 'pass' }),
    });
    try {
      (instance.authenticate as (req: Request, options?: object) => void)(fullReq as unknown as Request, options);
    } catch (err) {
      clearTimeout(timer);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

/** Narrows an outcome to one action, failing the test with what actually happened. */
export function expectAction<A extends Outcome['action']>(outcome: Outcome, action: A): Extract<Outcome, { action: A }> {
  if (outcome.action !== action) {
    const detail = outcome.action === 'error' ? `: ${outcome.err.stack}` : `: ${JSON.stringify(outcome)}`;
    throw new Error(`expected ${action}, got ${outcome.action}${detail}`);
  }
  return outcome as Extract<Outcome, { action: A }>;
}

/** The query parameters of a URL, as a plain object (repeated keys would fail the test). */
export function queryOf(url: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of new URL(url).searchParams) {
    if (key in result) throw new Error(`repeated query parameter ${key}`);
    result[key] = value;
  }
  return result;
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

/** The session key a strategy keeps its login state under (`oauth2:<host>:<name>:<client ID>` by default). */
export function sessionKeyOf(strategy: Strategy): string {
  return (strategy as unknown as { _key: string })._key;
}

/**
 * A session holding a login state, as the strategy's own session store writes
 * it before the redirect: `{ handle }`, plus `code_verifier` with PKCE and
 * `state` for a state of the app's own or a nonce.
 */
export function stateSession(strategy: Strategy, handle: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { [sessionKeyOf(strategy)]: { state: { handle, ...extra } } };
}

/** The login state a strategy stored in `session` before its redirect. */
export function storedState(strategy: Strategy, session: Record<string, unknown>): { handle: string; code_verifier?: string; state?: unknown } {
  const entry = session[sessionKeyOf(strategy)] as { state?: { handle: string; code_verifier?: string; state?: unknown } } | undefined;
  if (!entry?.state) throw new Error('the strategy stored no login state in the session');
  return entry.state;
}

/** The PKCE verifier {@link callbackRequest} puts in the session. */
export const TEST_VERIFIER = 'test-code-verifier-0123456789-abcdefghijklmnopq';

/**
 * A callback request whose session holds the state `handle` (and a PKCE
 * verifier when the strategy uses PKCE), as the strategy's store left it.
 */
export function callbackRequest(strategy: Strategy, query: Record<string, unknown>, handle = 's', extra: Record<string, unknown> = {}): FakeRequest {
  const pkce = (strategy as unknown as { _pkceMethod?: string })._pkceMethod !== undefined;
  return { query, session: stateSession(strategy, handle, pkce ? { code_verifier: TEST_VERIFIER, ...extra } : extra) };
}

/**
 * Everything an app might print or send on about an error: message, stack,
 * `String()`, JSON, `util.inspect`, passport-oauth2's `oauthError` and `data`,
 * the cause, and any console output captured meanwhile. A secret must appear in none.
 */
export function shownOf(err: unknown, output = ''): string {
  const e = err as Error & { oauthError?: unknown; data?: unknown; cause?: unknown };
  return [e.message, String(e.stack), String(e), JSON.stringify(e), JSON.stringify(e.oauthError ?? null), JSON.stringify(e.data ?? null), String(e.cause ?? ''), inspect(e), output].join('\n');
}
