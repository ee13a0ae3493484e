// The logins every run of the NestJS example must pass, whatever Nest version
// runs it: the app from demo/nestjs (the README's code), started from main.ts
// against the emulator over real HTTP.
import { expect } from 'chai';
import { describeError, type ErrorCategory } from '../../lib/error-catalog.js';
import type { Emulator } from '../../lib/testing/index.js';
import { exampleEmulator, exampleEnv, type RunningApp } from '../support/run-app.js';

/** Where the tests find the app and the emulator once `before` has run. */
export interface NestRun {
  app: RunningApp;
  emulator: Emulator;
}

type Provider = 'naver' | 'kakao';

/** The environment main.ts reads, pointed at `emulator`. */
export function nestEnv(emulator: NestRun['emulator']): Record<string, string> {
  return {
    STATE_SECRET: 'nest-test-state-secret-0123456789abcdef',
    ...exampleEnv(emulator),
  };
}

/** An emulator that knows only the example's callback URLs, with Kakao's Client Secret ON. */
export function nestEmulator(port: number): Promise<Emulator> {
  return exampleEmulator(port, (provider) => `/auth/${provider}/callback`);
}

/** What the emulator sends as `error_description` when the user presses Cancel (as the providers do). */
const CANCEL_TEXT = { kakao: 'User denied access', naver: 'Canceled By User' } as const;

/**
 * Checks the JSON the example's guard answers with for a failed login: the
 * status, the failure's code and category, and the catalogue's summary of
 * `failure` (what the strategy reported) as the message.
 */
async function expectFailure(res: Response, status: number, failure: { message: string; code: string; category: ErrorCategory; provider: Provider }): Promise<void> {
  expect(res.status).to.equal(status);
  expect(res.headers.get('content-type')).to.match(/^application\/json/);
  expect(await res.json()).to.deep.equal({ statusCode: status, code: failure.code, category: failure.category, message: describeError(failure).summary });
}

/** Defines the login tests; `run()` gives the started app and emulator. */
export function nestLoginTests(run: () => NestRun): void {
  /** Opens the login route; returns the provider URL and the state cookie (name=value). */
  async function start(provider: Provider): Promise<{ authorize: string; cookie: string; setCookie: string }> {
    const { app, emulator } = run();
    const res = await fetch(`${app.baseURL}/auth/${provider}`, { redirect: 'manual' });
    expect(res.status).to.equal(302);
    const authorize = res.headers.get('location')!;
    expect(authorize.startsWith(emulator[provider].authorizationURL), authorize).to.equal(true);
    const url = new URL(authorize);
    expect(url.searchParams.get('redirect_uri')).to.equal(`${app.baseURL}/auth/${provider}/callback`);
    const cookies = res.headers.getSetCookie();
    expect(cookies).to.have.length(1);
    const setCookie = cookies[0]!;
    return { authorize, cookie: setCookie.split(';')[0]!, setCookie };
  }

  for (const [provider, user, expected] of [
    ['kakao', 'kim', { provider: 'kakao', id: '1648968269', name: '민지' }],
    ['naver', 'lee', { provider: 'naver', name: '서준' }],
  ] as const) {
    it(`logs in with ${provider}: the state cookie, the consent screen, validate()'s user as the answer`, async () => {
      const { emulator } = run();
      const { authorize, cookie, setCookie } = await start(provider);
      expect(setCookie).to.match(new RegExp(`^oauth_state_[\\w-]{8}=[\\w-]+\\.[\\w-]+; Path=/auth/${provider}/callback; Max-Age=600; HttpOnly; SameSite=Lax$`));
      const callback = await emulator.approve(authorize, user);
      const res = await fetch(callback, { headers: { cookie } });
      expect(res.status).to.equal(200);
      const body = (await res.json()) as Record<string, string>;
      expect(body).to.include(expected);
      expect(body['id']).to.be.a('string').and.match(/^[\w-]+$/);
      // The state cookie is cleared on the callback.
      expect(res.headers.getSetCookie()).to.deep.equal([`${cookie.split('=')[0]}=; Path=/auth/${provider}/callback; Max-Age=0; HttpOnly; SameSite=Lax`]);
    });

    it(`answers a cancelled ${provider} login with 401 and the failure's code`, async () => {
      const { app, emulator } = run();
      const { authorize, cookie } = await start(provider);
      const res = await fetch(await emulator.cancel(authorize), { headers: { cookie } });
      await expectFailure(res, 401, { message: CANCEL_TEXT[provider], code: 'access_denied', category: 'consent', provider });
      expect(app.output()).not.to.include(new URL(authorize).searchParams.get('state')!);
    });

    it(`answers a ${provider} callback without its state cookie with 401 invalid_state, before any token request`, async () => {
      const { emulator } = run();
      const { authorize } = await start(provider);
      const callback = await emulator.approve(authorize, user);
      // The token endpoint would answer 502: reaching it would change the answer.
      emulator.setFault(provider, 'token', { mode: 'html-5xx', status: 502 });
      try {
        const res = await fetch(callback);
        await expectFailure(res, 401, { message: 'Unable to verify authorization request state.', code: 'invalid_state', category: 'login', provider });
      } finally {
        emulator.clearFaults();
      }
    });

    it(`answers a replayed ${provider} callback with 401 invalid_state`, async () => {
      const { emulator } = run();
      const { authorize, cookie } = await start(provider);
      const callback = await emulator.approve(authorize, user);
      expect((await fetch(callback, { headers: { cookie } })).status).to.equal(200);
      const again = await fetch(callback, { headers: { cookie } });
      await expectFailure(again, 401, { message: 'Invalid authorization request state.', code: 'invalid_state', category: 'login', provider });
    });

    it(`answers 503 with a retry code when ${provider}'s token endpoint fails`, async () => {
      const { emulator } = run();
      const { authorize, cookie } = await start(provider);
      const callback = await emulator.approve(authorize, user);
      emulator.setFault(provider, 'token', { mode: 'html-5xx', status: 502 });
      try {
        const res = await fetch(callback, { headers: { cookie } });
        // An HTML 502 page where JSON was due: ProviderRequestError EBADRESPONSE.
        expect(res.status).to.equal(503);
        expect(await res.json()).to.deep.equal({ statusCode: 503, code: 'EBADRESPONSE', category: 'retry', message: describeError({ name: 'ProviderRequestError', code: 'EBADRESPONSE', status: 502, provider }).summary });
      } finally {
        emulator.clearFaults();
      }
    });
  }

  it('printed nothing but its start line: no code, token or secret', () => {
    const { app } = run();
    expect(app.output().trim()).to.equal(`Listening on ${app.baseURL}`);
  });
}
