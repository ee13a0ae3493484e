// Defects found by the review of 2026-11-30, each performed and refused.
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { inspect } from 'node:util';
import { expect } from 'chai';
import express from 'express';
import session from 'express-session';
import nock from 'nock';
import { Passport } from 'passport';
import { KakaoAPIError, KakaoStrategy, KakaoTokenStrategy, NaverAPIError, NaverStrategy, NaverTokenStrategy, TokenError } from '../../lib/index.js';
import { redact } from '../../lib/redact.js';
import { callbackRequest, expectAction, queryOf, rejection, run, shownOf as shown } from '../helpers.js';
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

describe('defects found by the review of 2026-12-01', () => {
  const SECRET = 'CLIENT-SECRET-7f3a9c';
  const TOKEN = 'ACCESS-TOKEN-8b2e9f0a';

  describe('a short code from the browser does not cut the client secret out of the redaction', () => {
    for (const code of ['C', 'E', 'CLIENT', 'SECRET-7']) {
      it(`code=${code}`, async () => {
        nock('https://kauth.kakao.com')
          .post('/oauth/token')
          .reply(401, { error: 'invalid_client', error_description: `bad client_secret=${SECRET} for code=${code}`, error_code: 'KOE010' });
        const strategy = new KakaoStrategy({ clientID: 'k', clientSecret: SECRET, callbackURL: 'https://app.example/cb' }, (_a, _r, p, d) => d(null, p));
        const err = expectAction(await run(strategy, callbackRequest(strategy, { code, state: 's' })), 'error').err;
        expect(err.message).to.equal('bad client_secret=[redacted] for code=[redacted]');
        // No piece of the secret is left: every run of four of its characters is gone.
        for (let i = 0; i + 4 <= SECRET.length; i++) expect(shown(err)).not.to.contain(SECRET.slice(i, i + 4));
      });
    }

    it('overlapping and adjacent occurrences become one [redacted]', () => {
      expect(redact('x ababa y', ['aba'])).to.equal('x [redacted] y');
      expect(redact('AB', ['A', 'B'])).to.equal('[redacted]');
      expect(redact('a/b and a%2Fb', ['a/b'])).to.equal('[redacted] and [redacted]');
    });
  });

  describe('an access token that an API echoes in its error stays out of the error', () => {
    it('Kakao profile request during a login', async () => {
      nock('https://kauth.kakao.com').post('/oauth/token').reply(200, { access_token: TOKEN, refresh_token: 'RT' });
      nock('https://kapi.kakao.com').get('/v2/user/me').query(true).reply(401, { code: -401, msg: `this access token does not exist: ${TOKEN}`, api_type: `user/me ${TOKEN}` });
      const strategy = new KakaoStrategy({ clientID: 'k', callbackURL: 'https://app.example/cb' }, (_a, _r, p, d) => d(null, p));
      const err = expectAction(await run(strategy, callbackRequest(strategy, { code: 'c', state: 's' })), 'error').err;
      expect(err).to.be.instanceOf(KakaoAPIError).and.include({ message: 'this access token does not exist: [redacted]', code: -401, apiType: 'user/me [redacted]' });
      expect(shown(err)).not.to.contain(TOKEN);
    });

    it('Naver profile request during a login (resultcode and errorCode answers)', async () => {
      for (const body of [
        { resultcode: '024', message: `Authentication failed (token ${TOKEN})` },
        { errorCode: '024', errorMessage: `Authentication failed (token ${TOKEN})` },
      ]) {
        nock(NID).post('/oauth2.0/token').reply(200, { access_token: TOKEN, refresh_token: 'RT', token_type: 'bearer', expires_in: '3600' });
        nock('https://openapi.naver.com').get('/v1/nid/me').reply(401, body);
        const strategy = new NaverStrategy({ clientID: 'n', clientSecret: 's', callbackURL: 'https://app.example/cb' }, (_a, _r, p, d) => d(null, p));
        const err = expectAction(await run(strategy, callbackRequest(strategy, { code: 'c', state: 's' })), 'error').err;
        expect(err).to.be.instanceOf(NaverAPIError).and.include({ message: 'Authentication failed (token [redacted])', code: '024' });
        expect(shown(err)).not.to.contain(TOKEN);
      }
    });

    it("Kakao logout(), accessTokenInfo() and scopes(), and unlinkUser()'s admin key in every field", async () => {
      const kakao = new KakaoStrategy({ clientID: 'k', callbackURL: 'https://app.example/cb' }, (_a, _r, p, d) => d(null, p));
      const echo = { code: -401, msg: `invalid token ${TOKEN}` };
      nock('https://kapi.kakao.com').post('/v1/user/logout').reply(401, echo).get('/v1/user/access_token_info').reply(401, echo).get('/v2/user/scopes').reply(401, echo);
      for (const call of [() => kakao.logout(TOKEN), () => kakao.accessTokenInfo(TOKEN), () => kakao.scopes(TOKEN)]) {
        const err = await rejection(call());
        expect(err).to.be.instanceOf(KakaoAPIError).and.include({ message: 'invalid token [redacted]' });
        expect(shown(err)).not.to.contain(TOKEN);
      }
      const adminKey = 'admin-key-5c4d3e2f';
      nock('https://kapi.kakao.com')
        .post('/v1/user/unlink')
        .reply(403, { code: -3, msg: `key ${adminKey} refused`, api_type: adminKey, required_scopes: [adminKey], allowed_scopes: [] });
      const err = await rejection(kakao.unlinkUser('4242', adminKey));
      expect(err).to.be.instanceOf(KakaoAPIError).and.include({ message: 'key [redacted] refused', apiType: '[redacted]' });
      expect((err as KakaoAPIError).requiredScopes).to.deep.equal(['[redacted]']);
      expect(shown(err)).not.to.contain(adminKey);
    });

    it('the token strategies (Kakao access_token_info, Naver profile)', async () => {
      nock('https://kapi.kakao.com').get('/v1/user/access_token_info').reply(401, { code: -401, msg: `expired: ${TOKEN}` });
      const kakao = new KakaoTokenStrategy({ appId: 1 }, (_a, _r, p, d) => d(null, p));
      const failed = expectAction(await run(kakao, { method: 'POST', url: '/api/login', body: { access_token: TOKEN } }), 'fail');
      expect(failed.challenge).to.include({ code: 'invalid_token', provider: 'kakao' });
      expect(inspect(failed.challenge, { depth: 5 })).not.to.contain(TOKEN);
      nock('https://openapi.naver.com').get('/v1/nid/me').reply(500, { resultcode: '500', message: `internal failure for ${TOKEN}` });
      const naver = new NaverTokenStrategy({}, (_a, _r, p, d) => d(null, p));
      const err = expectAction(await run(naver, { method: 'POST', url: '/api/login', body: { access_token: TOKEN } }), 'error').err;
      expect(err).to.be.instanceOf(NaverAPIError).and.include({ message: 'internal failure for [redacted]' });
      expect(shown(err)).not.to.contain(TOKEN);
    });
  });

  describe('a Host header that is not a host name, with a relative callbackURL (as in the README)', () => {
    const strategies = {
      kakao: () => new KakaoStrategy({ clientID: 'k', callbackURL: '/oauth2/redirect/kakao' }, (_a, _r, p, d) => d(null, p)),
      naver: () => new NaverStrategy({ clientID: 'n', clientSecret: 's', callbackURL: '/oauth2/redirect/naver' }, (_a, _r, p, d) => d(null, p)),
    };
    for (const [name, make] of Object.entries(strategies)) {
      for (const host of ['[', '[::1', 'x:99999']) {
        it(`${name}, Host: ${host}: both steps fail with 400 instead of throwing out of authenticate()`, async () => {
          const strategy = make();
          for (const req of [{ query: {} }, callbackRequest(strategy, { code: 'c', state: 's' })]) {
            const failed = expectAction(await run(strategy, { ...req, headers: { host } }), 'fail');
            expect(failed.status).to.equal(400);
            expect(failed.challenge).to.include({ code: 'invalid_request', category: 'config', provider: name });
            expect((failed.challenge as { message: string }).message).to.match(/Host header that is not a host name/);
          }
        });
      }
    }

    it('over a real socket, an Express app answers 400 with the failure message, and the same app still logs in', async () => {
      const app = express();
      const passport = new Passport();
      passport.use(strategies.kakao());
      app.use(session({ secret: 'test', resave: false, saveUninitialized: false }));
      app.get('/login', passport.authenticate('kakao', { failureMessage: true }));
      app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => res.status(500).send(`threw: ${err.message}`));
      const server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const port = (server.address() as AddressInfo).port;
      try {
        const raw = (host: string): Promise<string> =>
          new Promise((resolve, reject) => {
            const socket = connect(port, '127.0.0.1');
            let data = '';
            socket.on('data', (chunk) => (data += chunk));
            socket.on('end', () => resolve(data));
            socket.on('error', reject);
            socket.write(`GET /login HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
          });
        expect((await raw('[')).split('\r\n')[0]).to.equal('HTTP/1.1 400 Bad Request');
        const ok = await raw(`127.0.0.1:${port}`);
        expect(ok.split('\r\n')[0]).to.equal('HTTP/1.1 302 Found');
        expect(ok).to.match(new RegExp(`Location: https://kauth\\.kakao\\.com/oauth/authorize\\?.*redirect_uri=http%3A%2F%2F127\\.0\\.0\\.1%3A${port}%2Foauth2%2Fredirect%2Fkakao`));
      } finally {
        server.close();
      }
    });
  });

  it('a Naver nickname of many `*` followed by another character is read in linear time', async () => {
    const nickname = `${'*'.repeat(200_000)}x`;
    nock(NID).post('/oauth2.0/token').reply(200, { access_token: 'AT', refresh_token: 'RT', token_type: 'bearer', expires_in: '3600' });
    nock('https://openapi.naver.com').get('/v1/nid/me').reply(200, { resultcode: '00', message: 'success', response: { id: 'n-1', nickname } });
    const strategy = new NaverStrategy({ clientID: 'n', clientSecret: 's', callbackURL: 'https://app.example/cb' }, (_a, _r, p, d) => d(null, p));
    const started = performance.now();
    const success = expectAction(await run(strategy, callbackRequest(strategy, { code: 'c', state: 's' })), 'success');
    // The old pattern /\*{3,}$/ took about 16 s for 160,000 characters (quadratic); reading it now takes milliseconds.
    expect(performance.now() - started).to.be.below(2000);
    expect(success.user).to.include({ displayName: nickname });
  });

  it('a timeout above what a Node timer holds (2^31 - 1 ms) is refused, not turned into 1 ms', () => {
    expect(() => new KakaoStrategy({ clientID: 'k', timeout: 2 ** 31 }, (_a, _r, p, d) => d(null, p))).to.throw(TypeError, 'at most 2147483647');
    expect(new KakaoStrategy({ clientID: 'k', timeout: 2 ** 31 - 1 }, (_a, _r, p, d) => d(null, p))).to.be.instanceOf(KakaoStrategy);
  });
});
