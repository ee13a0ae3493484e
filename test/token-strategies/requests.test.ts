// What both token strategies share: where the token is read from (body, a
// chosen header, never the query string), malformed values refused before any
// request, the verify forms, and exactly one Passport action per request.
import { expect } from 'chai';
import nock from 'nock';
import type { Request } from 'express';
import type { KakaoProfile, NaverProfile, VerifyCallback } from '../../lib/index.js';
import { KakaoTokenStrategy, type KakaoTokenParams } from '../../lib/kakao/token-strategy.js';
import { NaverTokenStrategy } from '../../lib/naver/token-strategy.js';
import type { TokenFailure } from '../../lib/token-strategy.js';
import { fixture } from '../fixtures.js';
import { expectAction, run, type FakeRequest } from '../helpers.js';

const APP_ID = 1234567;
const USER = '1376016924429759228';

/** Both Kakao requests of a good login with `token`. */
function kakaoAnswers(token = 'AT') {
  nock('https://kapi.kakao.com')
    .get('/v1/user/access_token_info')
    .matchHeader('authorization', `Bearer ${token}`)
    .reply(200, `{"id":${USER},"expires_in":7199,"app_id":${APP_ID}}`);
  nock('https://kapi.kakao.com').get('/v2/user/me').query({ secure_resource: 'true' }).matchHeader('authorization', `Bearer ${token}`).reply(200, fixture('kakao/me.json'));
}

const kakao = (extra: object = {}) =>
  new KakaoTokenStrategy({ appId: APP_ID, ...extra }, (_at, _rt, profile, done) => {
    done(null, { id: profile.id });
  });
const naver = (extra: object = {}) => new NaverTokenStrategy({ ...extra }, (_at, _rt, profile, done) => done(null, { id: profile.id }));

function failed(outcome: Awaited<ReturnType<typeof run>>, code: string, status: number): TokenFailure {
  const fail = expectAction(outcome, 'fail');
  expect(fail.status).to.equal(status);
  expect(fail.challenge).to.include({ code });
  return fail.challenge as TokenFailure;
}

describe('token strategies: reading the request', () => {
  describe('the query string', () => {
    for (const name of ['access_token', 'id_token', 'refresh_token']) {
      it(`refuses ${name} in the parsed query, even with a good token in the body, before any request`, async () => {
        // No interceptor: any request would end in an error, not this failure.
        const challenge = failed(await run(kakao(), { method: 'POST', query: { [name]: 'AT' }, body: { access_token: 'AT' } }), 'token_in_query', 400);
        expect(challenge).to.include({ category: 'config', provider: 'kakao' });
        expect(challenge.message).to.include(name).and.include('query string');
        expect(challenge.message).not.to.include('AT ');
      });
    }

    it('refuses a token in the URL when no query parser ran (Naver too)', async () => {
      failed(await run(naver(), { method: 'POST', url: '/api/login/naver?x=1&access_token=AT', body: { access_token: 'AT' } }), 'token_in_query', 400);
      failed(await run(kakao(), { method: 'GET', url: '/api/login/kakao?id_token=a.b.c' }), 'token_in_query', 400);
    });

    it('reads originalUrl when a router stripped the mount path', async () => {
      const req = { method: 'POST', url: '/kakao', originalUrl: '/api/login/kakao?access_token=AT', body: { access_token: 'AT' } } as FakeRequest;
      failed(await run(kakao(), req), 'token_in_query', 400);
    });

    it('lets other query parameters through', async () => {
      kakaoAnswers();
      expectAction(await run(kakao(), { method: 'POST', url: '/api/login/kakao?next=%2Fhome', query: { next: '/home' }, body: { access_token: 'AT' } }), 'success');
    });
  });

  describe('missing and malformed tokens', () => {
    it('fails with token_missing when there is no body (no body parser) or no token in it', async () => {
      const none = failed(await run(kakao(), { method: 'POST' }), 'token_missing', 400);
      expect(none).to.include({ category: 'config', provider: 'kakao' });
      failed(await run(naver(), { method: 'POST', body: { access_token: '' } }), 'token_missing', 400);
    });

    const malformed: Array<[string, unknown]> = [
      ['a header injection', 'AT\r\nX-Evil: 1'],
      ['a list (qs parses a[]=)', ['AT', 'AT2']],
      ['an object', { $ne: '' }],
      ['a number', 12345],
      ['spaces', 'A T'],
      ['non-ASCII', '토큰'],
      ['an oversized value', 'A'.repeat(4097)],
    ];
    for (const [what, value] of malformed) {
      it(`refuses ${what} as malformed_token before any request`, async () => {
        const challenge = failed(await run(kakao(), { method: 'POST', body: { access_token: value } }), 'malformed_token', 400);
        expect(challenge.message).not.to.include(String(value));
        failed(await run(naver(), { method: 'POST', body: { access_token: value } }), 'malformed_token', 400);
      });
    }

    it('refuses a malformed id_token or refresh_token too', async () => {
      failed(await run(kakao(), { method: 'POST', body: { access_token: 'AT', id_token: 'a b' } }), 'malformed_token', 400);
      failed(await run(kakao(), { method: 'POST', body: { access_token: 'AT', refresh_token: ['x'] } }), 'malformed_token', 400);
    });
  });

  describe('tokenHeader', () => {
    it('reads a custom header as the bare token', async () => {
      kakaoAnswers('HDR');
      const s = kakao({ tokenHeader: 'X-Kakao-Access-Token' });
      expectAction(await run(s, { method: 'POST', headers: { host: 'app.example', 'x-kakao-access-token': 'HDR' }, body: { access_token: 'BODY' } }), 'success');
    });

    it('reads Authorization: Bearer, with any case of the scheme', async () => {
      kakaoAnswers('HDR');
      const s = kakao({ tokenHeader: 'authorization' });
      expectAction(await run(s, { method: 'POST', headers: { host: 'app.example', authorization: 'bearer HDR' } }), 'success');
    });

    it('refuses another Authorization scheme', async () => {
      const s = kakao({ tokenHeader: 'authorization' });
      failed(await run(s, { method: 'POST', headers: { host: 'app.example', authorization: 'Basic dXNlcjpwYXNz' } }), 'token_missing', 400);
    });

    it('falls back to the body when the header is absent', async () => {
      kakaoAnswers('BODY');
      expectAction(await run(kakao({ tokenHeader: 'x-kakao-access-token' }), { method: 'POST', body: { access_token: 'BODY' } }), 'success');
    });

    it('refuses a header value that is two tokens (a repeated header)', async () => {
      const s = naver({ tokenHeader: 'x-naver-access-token' });
      const headers = { host: 'app.example', 'x-naver-access-token': ['A', 'B'] } as unknown as Record<string, string>;
      failed(await run(s, { method: 'POST', headers }), 'malformed_token', 400);
    });

    it('refuses a tokenHeader that is not a header name', () => {
      expect(() => kakao({ tokenHeader: 'x token' })).to.throw(TypeError, 'tokenHeader');
      expect(() => naver({ tokenHeader: '' })).to.throw(TypeError, 'tokenHeader');
    });
  });

  describe('verify', () => {
    it('passes the request first with passReqToCallback, in the 5- and 6-argument forms', async () => {
      const seen: unknown[] = [];
      const five = new KakaoTokenStrategy({ appId: APP_ID, passReqToCallback: true }, (req, accessToken, refreshToken, profile, done) => {
        seen.push([(req.body as { access_token: string }).access_token, accessToken, refreshToken, profile.id]);
        done(null, { id: profile.id });
      });
      kakaoAnswers();
      expectAction(await run(five, { method: 'POST', body: { access_token: 'AT', refresh_token: 'RT' } }), 'success');
      const six = new KakaoTokenStrategy(
        { appId: APP_ID, passReqToCallback: true },
        (req: Request, accessToken: string, _rt: string, params: KakaoTokenParams, profile: KakaoProfile, done: VerifyCallback) => {
          seen.push([req.method, accessToken, params.app_id, profile.id]);
          done(null, { id: profile.id });
        },
      );
      kakaoAnswers();
      expectAction(await run(six, { method: 'POST', body: { access_token: 'AT' } }), 'success');
      expect(seen).to.deep.equal([
        ['AT', 'AT', 'RT', USER],
        ['POST', 'AT', APP_ID, USER],
      ]);
    });

    it("passes verify's own failure (done(null, false, info)) to fail()", async () => {
      nock('https://openapi.naver.com').get('/v1/nid/me').reply(200, fixture('naver/me.json'));
      const s = new NaverTokenStrategy({}, (_at, _rt, _profile: NaverProfile, done) => done(null, false, { message: 'banned' }));
      const outcome = expectAction(await run(s, { method: 'POST', body: { access_token: 'AT' } }), 'fail');
      expect(outcome.challenge).to.deep.equal({ message: 'banned' });
    });

    it('turns done(err) and a throw into error()', async () => {
      nock('https://openapi.naver.com').get('/v1/nid/me').times(2).reply(200, fixture('naver/me.json'));
      const boom = new Error('db down');
      const viaDone = new NaverTokenStrategy({}, (_at, _rt, _profile, done) => done(boom));
      expect(expectAction(await run(viaDone, { method: 'POST', body: { access_token: 'AT' } }), 'error').err).to.equal(boom);
      const viaThrow = new NaverTokenStrategy({}, () => {
        throw boom;
      });
      expect(expectAction(await run(viaThrow, { method: 'POST', body: { access_token: 'AT' } }), 'error').err).to.equal(boom);
    });

    it('acts once when verify calls done twice, or throws after done', async () => {
      nock('https://openapi.naver.com').get('/v1/nid/me').times(2).reply(200, fixture('naver/me.json'));
      const twice = new NaverTokenStrategy({}, (_at, _rt, profile, done) => {
        done(null, { id: profile.id });
        done(new Error('again'));
      });
      // run() rejects when a second action follows the first.
      expectAction(await run(twice, { method: 'POST', body: { access_token: 'AT' } }), 'success');
      const throwsAfter = new NaverTokenStrategy({}, (_at, _rt, profile, done) => {
        done(null, { id: profile.id });
        throw new Error('after');
      });
      expectAction(await run(throwsAfter, { method: 'POST', body: { access_token: 'AT' } }), 'success');
    });

    it("raises the app's own exception thrown inside success() as uncaught, once, without a second action or a warning", async () => {
      nock('https://openapi.naver.com').get('/v1/nid/me').reply(200, fixture('naver/me.json'));
      const s = new NaverTokenStrategy({}, (_at, _rt, profile, done) => done(null, { id: profile.id }));
      const appBug = new Error('bug in the route handler');
      const actions: string[] = [];
      const warnings: string[] = [];
      const onWarning = (w: Error) => warnings.push(w.message);
      // Mocha's own handler would fail the test: set it aside while the app's exception is expected.
      const mocha = process.listeners('uncaughtException');
      process.removeAllListeners('uncaughtException');
      process.on('warning', onWarning);
      try {
        const uncaught = new Promise<unknown>((resolve) => process.once('uncaughtException', resolve));
        const instance = Object.assign(Object.create(s) as NaverTokenStrategy, {
          success: () => {
            actions.push('success');
            throw appBug;
          },
          fail: () => actions.push('fail'),
          error: () => actions.push('error'),
        });
        instance.authenticate({ method: 'POST', url: '/', headers: {}, body: { access_token: 'AT' } } as unknown as Request);
        expect(await uncaught).to.equal(appBug);
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(actions).to.deep.equal(['success']);
        expect(warnings).to.deep.equal([]);
      } finally {
        process.off('warning', onWarning);
        for (const listener of mocha) process.on('uncaughtException', listener);
      }
    });

    it('needs a verify function and an options object', () => {
      expect(() => new KakaoTokenStrategy({ appId: 1 }, undefined as never)).to.throw(TypeError, 'verify');
      expect(() => new NaverTokenStrategy(undefined as never, () => undefined)).to.throw(TypeError, 'options');
    });
  });
});
