// Defects found by the review of 2026-11-30, each performed and refused.
import { expect } from 'chai';
import nock from 'nock';
import { KakaoStrategy, NaverStrategy, TokenError } from '../../lib/index.js';
import { callbackRequest, expectAction, queryOf, rejection, run } from '../helpers.js';
import { keys, signIdToken } from '../support/id-tokens.js';

const NID = 'https://nid.naver.com';

function kakaoLogin(verify: ConstructorParameters<typeof KakaoStrategy>[1]) {
  nock('https://kauth.kakao.com').post('/oauth/token').reply(200, { access_token: 'AT', refresh_token: 'RT' });
  nock('https://kapi.kakao.com').get('/v2/user/me').query(true).reply(200, '{"id":7}', { 'Content-Type': 'application/json' });
  const strategy = new KakaoStrategy({ clientID: 'k' }, verify);
  return run(strategy, callbackRequest(strategy, { code: 'c', state: 's' }), undefined, 5000, 60);
}

describe('defects found by the review', () => {
  it('a verify that throws and then calls done later ends the login in one action (the error)', async () => {
    const outcome = await kakaoLogin((_a, _r, p, done) => {
      setTimeout(() => done(null, { id: p.id }), 10);
      throw new Error('verify failed');
    });
    expect(expectAction(outcome, 'error').err.message).to.equal('verify failed');
  });

  it("an exception from the app's own code inside the success action is raised, not swallowed", async () => {
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    const raised: Error[] = [];
    process.on('uncaughtException', (err) => raised.push(err));
    try {
      nock('https://kauth.kakao.com').post('/oauth/token').reply(200, { access_token: 'AT', refresh_token: 'RT' });
      nock('https://kapi.kakao.com').get('/v2/user/me').query(true).reply(200, '{"id":7}', { 'Content-Type': 'application/json' });
      const strategy = new KakaoStrategy({ clientID: 'k' }, (_a, _r, p, done) => done(null, { id: p.id }));
      const actions: string[] = [];
      const instance = Object.assign(Object.create(strategy) as KakaoStrategy, {
        success: () => {
          actions.push('success');
          throw new Error('bug in the app after login');
        },
        error: () => actions.push('error'),
        fail: () => actions.push('fail'),
      });
      instance.authenticate(callbackRequest(strategy, { code: 'c', state: 's' }) as never, {});
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(actions).to.deep.equal(['success']);
      expect(raised.map((e) => e.message)).to.deep.equal(['bug in the app after login']);
    } finally {
      process.removeAllListeners('uncaughtException');
      for (const listener of listeners) process.on('uncaughtException', listener);
    }
  });

  it('a provider that JSON-escapes an echoed token does not carry it past the redaction', async () => {
    nock(NID).post('/oauth2.0/token').reply(200, '{"error":"invalid_request","error_description":"invalid refresh_token AAAA\\/BBBB+CCCC=="}', { 'Content-Type': 'application/json' });
    const strategy = new NaverStrategy({ clientID: 'n', clientSecret: 'naver-secret-1f2e' }, (_a, _r, p, d) => d(null, p));
    const err = await rejection(strategy.refresh('AAAA/BBBB+CCCC=='));
    expect(err).to.be.instanceOf(TokenError);
    expect(err.message).to.equal('invalid refresh_token [redacted]');
  });

  it("NaverStrategy.revoke() works on passport's per-request copy", async () => {
    nock(NID).post('/oauth2.0/revoke').reply(200, '');
    const strategy = new NaverStrategy({ clientID: 'n', clientSecret: 's' }, (_a, _r, p, d) => d(null, p));
    await (Object.create(strategy) as NaverStrategy).revoke('AT');
  });

  it('a per-request scope on a Naver OpenID Connect strategy keeps openid', async () => {
    const strategy = new NaverStrategy({ clientID: 'n', clientSecret: 's', oidc: true }, (_a, _r, p, d) => d(null, p));
    const { url } = expectAction(await run(strategy, { session: {} }, { scope: ['profile'] }), 'redirect');
    expect(queryOf(url)['scope']).to.equal('profile openid');
  });

  it('Naver OpenID Connect with pkce: false refuses an ID token without the nonce (nothing else binds the code)', async () => {
    const signing = await keys('naver-kid');
    const strategy = new NaverStrategy({ clientID: 'n', clientSecret: 's', oidc: true, pkce: false }, (_a, _r, p, d) => d(null, p));
    const session: Record<string, unknown> = {};
    const { url } = expectAction(await run(strategy, { session }), 'redirect');
    nock(NID).get('/oauth2/jwks').reply(200, { keys: [signing.jwk] });
    const idToken = await signIdToken(signing, { iss: 'https://nid.naver.com', aud: 'n', sub: 'pairwise', nonce: undefined });
    nock(NID).post('/oauth2/token').reply(200, { access_token: 'AT', refresh_token: 'RT', id_token: idToken });
    const { err } = expectAction(await run(strategy, { query: { code: 'c', state: queryOf(url)['state'] }, session }), 'error');
    expect(err).to.include({ code: 'ERR_NONCE_MISMATCH' });
  });

  it('userProfile() without a token refuses before any request', async () => {
    const strategy = new KakaoStrategy({ clientID: 'k' }, (_a, _r, p, d) => d(null, p));
    const err = await new Promise<unknown>((resolve) => strategy.userProfile(undefined as never, (e) => resolve(e)));
    expect(err).to.be.instanceOf(TypeError);
  });

  it("revoke({ method: 'delete' }) of a Naver OpenID Connect strategy posts to the OAuth 2.0 token endpoint", async () => {
    nock(NID).post('/oauth2.0/token', (body: Record<string, string>) => body['grant_type'] === 'delete').reply(200, { result: 'success' });
    const strategy = new NaverStrategy({ clientID: 'n', clientSecret: 's', oidc: true }, (_a, _r, p, d) => d(null, p));
    await strategy.revoke('AT', { method: 'delete' });
  });

  it('a requiredItems entry named like an Object.prototype key is an item like any other', async () => {
    let verified = 0;
    const outcome = await (async () => {
      nock('https://kauth.kakao.com').post('/oauth/token').reply(200, { access_token: 'AT', refresh_token: 'RT' });
      nock('https://kapi.kakao.com').get('/v2/user/me').query(true).reply(200, '{"id":7,"kakao_account":{}}', { 'Content-Type': 'application/json' });
      const strategy = new KakaoStrategy({ clientID: 'k', requiredItems: ['constructor'] }, (_a, _r, p, d) => {
        verified++;
        d(null, p);
      });
      return run(strategy, callbackRequest(strategy, { code: 'c', state: 's' }));
    })();
    expect(expectAction(outcome, 'fail').challenge).to.deep.include({ code: 'consent_required', missing: ['constructor'] });
    expect(verified).to.equal(0);
  });
});

describe('defects found by the review of the cost work', () => {
  it('keeps two logins apart when one wrapper object serves both callbacks: each gets its own ID token profile', async () => {
    const signing = await keys('kid-wrapper');
    const SESSION_KEY = 'oauth2:kauth.kakao.com:kakao:kakao-key';
    const answer = async (sub: string) =>
      JSON.stringify({ token_type: 'bearer', access_token: `AT${sub}`, expires_in: 21599, id_token: await signIdToken(signing, { sub, nonce: `nonce-${sub}` }) });
    nock('https://kauth.kakao.com').get('/.well-known/jwks.json').reply(200, { keys: [signing.jwk] });
    // The first login's token answer arrives after the second login has started on the same object.
    nock('https://kauth.kakao.com').post('/oauth/token', (body: Record<string, string>) => body['code'] === 'code-111').delay(80).reply(200, await answer('111'));
    nock('https://kauth.kakao.com').post('/oauth/token', (body: Record<string, string>) => body['code'] === 'code-222').reply(200, await answer('222'));
    const strategy = new KakaoStrategy({ clientID: 'kakao-key', callbackURL: 'https://app.example/cb', scope: 'openid', profileFrom: 'id_token', pkce: false }, (_at, _rt, profile, done) =>
      done(null, { id: profile.id }),
    );
    const results: string[] = [];
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const record = (result: string): void => {
      results.push(result);
      if (results.length === 2) finish();
    };
    // One object for both requests, as an app that hands passport a wrapper of its own would have.
    const wrapper = Object.assign(Object.create(strategy) as KakaoStrategy, {
      success: (user: { id: string }) => record(`success ${user.id}`),
      fail: (challenge: { code?: string }) => record(`fail ${challenge.code}`),
      error: (err: Error) => record(`error ${err.message}`),
      redirect: () => record('redirect'),
      pass: () => record('pass'),
    });
    const request = (sub: string) => ({
      method: 'GET',
      url: `/cb?code=code-${sub}&state=state-${sub}`,
      headers: { host: 'app.example' },
      connection: {},
      query: { code: `code-${sub}`, state: `state-${sub}` },
      session: { [SESSION_KEY]: { state: { handle: `state-${sub}`, state: { 'passport-naver-kakao': { nonce: `nonce-${sub}` } } } } },
    });
    wrapper.authenticate(request('111') as never);
    wrapper.authenticate(request('222') as never);
    await finished;
    expect(results.sort()).to.deep.equal(['success 111', 'success 222']);
    // The shared strategy never holds a login.
    expect((strategy as unknown as { _login?: unknown })._login).to.equal(undefined);
  });
});
