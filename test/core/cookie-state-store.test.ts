// CookieStateStore: CSRF state in a signed cookie, with no session.
import { expect } from 'chai';
import nock from 'nock';
import { CookieStateStore, KakaoStrategy, NaverStrategy } from '../../lib/index.js';
import { startEmulator } from '../../lib/testing/index.js';
import { consent } from '../emulator-client.js';
import { expectAction, FakeResponse, run } from '../helpers.js';

const SECRET = 'cookie-secret-0123456789-abcdefghij';
const store = () => new CookieStateStore({ secret: SECRET });

function kakao(s: CookieStateStore, extra = {}) {
  return new KakaoStrategy({ clientID: 'kakao-key', callbackURL: 'https://app.example/oauth2/redirect/kakao', store: s, ...extra }, (_at, _rt, profile, done) => done(null, profile));
}

/** Runs the redirect step without a session; returns the state sent and the cookie set. */
async function start(strategy: KakaoStrategy | NaverStrategy): Promise<{ state: string; cookie: string; setCookie: string }> {
  const res = new FakeResponse();
  const outcome = expectAction(await run(strategy, { res }), 'redirect');
  const setCookie = res.cookies()[0]!;
  return { state: new URL(outcome.url).searchParams.get('state')!, cookie: setCookie.split(';')[0]!, setCookie };
}

function callback(state: string, cookie: string | undefined, res = new FakeResponse()) {
  return { query: { code: 'auth-code', state }, headers: { host: 'app.example', ...(cookie ? { cookie } : {}) }, res };
}

function kakaoLogin() {
  nock('https://kauth.kakao.com').post('/oauth/token').reply(200, '{"access_token":"AT","token_type":"bearer","expires_in":21599}');
  nock('https://kapi.kakao.com').get('/v2/user/me').query(true).reply(200, '{"id":7,"kakao_account":{"profile":{"nickname":"길동"}}}');
}

describe('CookieStateStore', () => {
  it('sets a signed, httpOnly, SameSite=Lax cookie scoped to the callback path, and needs no session', async () => {
    const { state, setCookie } = await start(kakao(store()));
    expect(state).to.match(/^[\w-]{32}$/);
    expect(setCookie).to.match(/^oauth_state_[\w-]{8}=[\w-]+\.[\w-]{43}; Path=\/oauth2\/redirect\/kakao; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
  });

  it('lets the login through with the right cookie, and clears the cookie', async () => {
    const s = kakao(store());
    const { state, cookie } = await start(s);
    kakaoLogin();
    const res = new FakeResponse();
    const profile = expectAction(await run(s, callback(state, cookie, res)), 'success').user as { id: string };
    expect(profile.id).to.equal('7');
    expect(res.cookies()).to.deep.equal([`${cookie.split('=')[0]}=; Path=/oauth2/redirect/kakao; Max-Age=0; HttpOnly; SameSite=Lax; Secure`]);
  });

  const failures: Array<[string, (c: { state: string; cookie: string }) => { state: string; cookie: string | undefined }]> = [
    ['no cookie', ({ state }) => ({ state, cookie: undefined })],
    ['a forged signature', ({ state, cookie }) => ({ state, cookie: cookie.slice(0, -2) + (cookie.endsWith('AA') ? 'BB' : 'AA') })],
    ['a state that does not match the cookie', ({ cookie }) => ({ state: 'other-state', cookie })],
    ['a cookie signed with another secret', ({ state, cookie }) => ({ state, cookie: cookie.replace(/\.[\w-]+$/, '.' + 'x'.repeat(43)) })],
  ];
  for (const [name, change] of failures) {
    it(`fails with ${name}, without a token request`, async () => {
      const s = kakao(store());
      const changed = change(await start(s));
      const outcome = expectAction(await run(s, callback(changed.state, changed.cookie)), 'fail');
      expect(outcome.challenge).to.have.property('message').that.matches(/authorization request state/);
    });
  }

  it('fails an expired cookie', async () => {
    const s = kakao(new CookieStateStore({ secret: SECRET, maxAge: 60 }));
    const { state, cookie } = await start(s);
    const now = Date.now;
    Date.now = () => now() + 61_000;
    try {
      expectAction(await run(s, callback(state, cookie)), 'fail');
    } finally {
      Date.now = now;
    }
  });

  it('fails a replayed cookie', async () => {
    const s = kakao(store());
    const { state, cookie } = await start(s);
    kakaoLogin();
    expectAction(await run(s, callback(state, cookie)), 'success');
    expect(expectAction(await run(s, callback(state, cookie)), 'fail').challenge).to.deep.equal({ message: 'Invalid authorization request state.', code: 'invalid_state', category: 'login', provider: 'kakao' });
  });

  it("fails the other provider's cookie, even under this provider's cookie name", async () => {
    const shared = store();
    const naver = new NaverStrategy({ clientID: 'naver-client', clientSecret: 's', callbackURL: 'https://app.example/oauth2/redirect/kakao', store: shared }, (_a, _r, p, d) => d(null, p));
    const fromNaver = await start(naver);
    const kakaoName = (await start(kakao(shared))).cookie.split('=')[0];
    const forged = `${kakaoName}=${fromNaver.cookie.split('=').slice(1).join('=')}`;
    expectAction(await run(kakao(shared), callback(fromNaver.state, forged)), 'fail');
  });

  it('carries the PKCE verifier and works with OpenID Connect, end to end against the emulator', async () => {
    const emulator = await startEmulator();
    try {
      const s = new KakaoStrategy(
        { clientID: 'kakao-test-client', clientSecret: 'kakao-test-secret', callbackURL: 'http://app.test/cb', ...emulator.kakao, store: store(), pkce: true, scope: ['openid'] },
        (_at, _rt, profile, done) => done(null, profile),
      );
      const res = new FakeResponse();
      const redirect = expectAction(await run(s, { res }), 'redirect');
      const cookie = res.cookies()[0]!.split(';')[0]!;
      const { location } = await consent(redirect.url, 'approve', 'kim');
      const query = Object.fromEntries(new URL(location).searchParams);
      const profile = expectAction(await run(s, { query, headers: { host: 'app.test', cookie }, res: new FakeResponse() }), 'success').user as { displayName: string; idToken?: object };
      expect(profile.displayName).to.equal('민지');
      expect(profile.idToken).to.have.property('nonce');
    } finally {
      await emulator.close();
    }
  });

  it('refuses a short secret', () => {
    expect(() => new CookieStateStore({ secret: 'short' })).to.throw(TypeError, '32 characters');
  });
});
