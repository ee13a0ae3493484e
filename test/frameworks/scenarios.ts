// What the Fastify and Koa examples of docs/readme/frameworks.md must do when
// run against the emulator: the same pages, the same routes, both providers.
import { expect } from 'chai';
import type { Emulator } from '../../lib/testing/index.js';
import { CookieJar } from './cookie-jar.js';
import type { RunningApp } from '../support/run-app.js';

/** The started app, its session cookie's name, and the emulator. */
export interface SessionRun {
  app: RunningApp;
  emulator: Emulator;
  sessionCookie: string;
}

type Provider = 'naver' | 'kakao';

/** Opens the login route in `jar`; returns the consent screen's URL. */
async function startLogin(run: SessionRun, jar: CookieJar, provider: Provider): Promise<string> {
  const res = await jar.fetch(`${run.app.baseURL}/login/${provider}`);
  expect(res.status).to.equal(302);
  const authorize = res.headers.get('location')!;
  const url = new URL(authorize);
  expect(url.origin + url.pathname).to.equal(run.emulator[provider].authorizationURL);
  expect(url.searchParams.get('redirect_uri')).to.equal(`${run.app.baseURL}/oauth2/redirect/${provider}`);
  expect(url.searchParams.get('state')).to.be.a('string').with.length.above(8);
  expect(jar.get(run.sessionCookie), 'the session that holds the state').to.be.a('string');
  return authorize;
}

/** Defines the login tests of a session-based example; `run()` gives the started app. */
export function sessionAppTests(run: () => SessionRun): void {
  for (const provider of ['naver', 'kakao'] as const) {
    it(`logs in with ${provider}: state in the session, consent screen, a new session with the user, then logs out`, async () => {
      const { app, emulator, sessionCookie } = run();
      const jar = new CookieJar();
      const authorize = await startLogin(run(), jar, provider);
      const before = jar.get(sessionCookie);
      const back = await jar.fetch(await emulator.approve(authorize, 'kim'));
      expect(back.status).to.equal(302);
      expect(back.headers.get('location')).to.equal('/');
      expect(jar.get(sessionCookie), 'a new session cookie after the login').to.be.a('string').and.not.equal(before);
      const home = await jar.fetch(`${app.baseURL}/`);
      expect(await home.text()).to.include(`Hello, 민지 (${provider})`).and.include('action="/logout"');

      const out = await jar.fetch(`${app.baseURL}/logout`, { method: 'POST' });
      expect(out.status).to.equal(302);
      const after = await (await jar.fetch(`${app.baseURL}/`)).text();
      expect(after).not.to.include('민지');
      expect(after).to.include('href="/login/naver"').and.include('href="/login/kakao"');
    });

    it(`answers a cancelled ${provider} login with 401 and the failure's code`, async () => {
      const { emulator } = run();
      const jar = new CookieJar();
      const back = await jar.fetch(await emulator.cancel(await startLogin(run(), jar, provider)));
      expect(back.status).to.equal(401);
      expect(back.headers.get('content-type')).to.match(/^text\/html/);
      expect(await back.text()).to.match(/^<p>Login failed \(access_denied\): [^<]+<\/p><a href="\/">Back<\/a>$/);
    });

    it(`answers a ${provider} callback from another browser (no session) with 401 invalid_state, before any token request`, async () => {
      const { emulator } = run();
      const callback = await emulator.approve(await startLogin(run(), new CookieJar(), provider), 'kim');
      emulator.setFault(provider, 'token', { mode: 'html-5xx', status: 502 }); // reaching it would answer 503
      try {
        const back = await new CookieJar().fetch(callback);
        expect(back.status).to.equal(401);
        expect(await back.text()).to.match(/^<p>Login failed \(invalid_state\): /);
      } finally {
        emulator.clearFaults();
      }
    });

    it(`answers 503 with the code when ${provider}'s token endpoint fails`, async () => {
      const { emulator } = run();
      const jar = new CookieJar();
      const callback = await emulator.approve(await startLogin(run(), jar, provider), 'kim');
      emulator.setFault(provider, 'token', { mode: 'html-5xx', status: 502 });
      try {
        const back = await jar.fetch(callback);
        expect(back.status).to.equal(503);
        expect(await back.text()).to.match(/^<p>Login failed \(EBADRESPONSE\): /);
      } finally {
        emulator.clearFaults();
      }
    });

    it(`escapes what the callback carries: a forged ${provider} error description does not reach the page as markup`, async () => {
      const { app } = run();
      const jar = new CookieJar();
      await startLogin(run(), jar, provider);
      const attack = '<img src=x onerror=alert(1)>';
      const back = await jar.fetch(`${app.baseURL}/oauth2/redirect/${provider}?error=${encodeURIComponent(attack)}&error_description=${encodeURIComponent(attack)}`);
      expect(back.status).to.equal(401);
      const page = await back.text();
      expect(page).not.to.include('<img');
      expect(page).to.match(/^<p>Login failed \([^<]*\): [^<]+<\/p><a href="\/">Back<\/a>$/);
    });
  }

  it('printed nothing but its start line: no code, token or secret', () => {
    const { app } = run();
    expect(app.output().trim()).to.equal(`Listening on ${app.baseURL}`);
  });
}
