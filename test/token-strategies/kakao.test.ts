// KakaoTokenStrategy at the wire: access_token_info and the app check before
// /v2/user/me, ID tokens (audience list, expiry, signature, issuer, nonce,
// subject), profileFrom: 'id_token' with no request, and every forged or
// foreign token refused with no success.
import { inspect } from 'node:util';
import { expect } from 'chai';
import nock from 'nock';
import { KakaoAPIError, ProviderRequestError, type KakaoIdTokenProfile, type KakaoProfile, type VerifyCallback } from '../../lib/index.js';
import { KakaoTokenStrategy, type KakaoTokenParams, type KakaoTokenStrategyOptions } from '../../lib/kakao/token-strategy.js';
import { atHash, type TokenFailure } from '../../lib/token-strategy.js';
import { fixture } from '../fixtures.js';
import { expectAction, run, type FakeRequest } from '../helpers.js';
import { keys, NOW, signIdToken, type Keys } from '../support/id-tokens.js';

const KAPI = 'https://kapi.kakao.com';
const USER = '1376016924429759228';
const APP_ID = 1234567;
/** access_token_info as Kakao answers it (§C12); the id is above 2^53 on purpose. */
const tokenInfo = (appId: number = APP_ID) => `{"id":${USER},"expires_in":7199,"app_id":${appId}}`;

/** Intercepts `access_token_info` for `token`, answering `body` with `status`. */
function infoCall(body: string, status = 200, token = 'AT') {
  return nock(KAPI).get('/v1/user/access_token_info').matchHeader('authorization', `Bearer ${token}`).reply(status, body, { 'Content-Type': 'application/json' });
}
/** Intercepts `/v2/user/me?secure_resource=true` for `token`. */
function meCall(body = fixture('kakao/me.json'), status = 200, token = 'AT') {
  return nock(KAPI).get('/v2/user/me').query({ secure_resource: 'true' }).matchHeader('authorization', `Bearer ${token}`).reply(status, body, { 'Content-Type': 'application/json' });
}
const jwksCall = (...set: Keys[]) => nock('https://kauth.kakao.com').get('/.well-known/jwks.json').reply(200, { keys: set.map((k) => k.jwk) });

/** Asserts a failure and returns its object. */
function failure(outcome: Awaited<ReturnType<typeof run>>, code: string, status = 401): TokenFailure {
  const failed = expectAction(outcome, 'fail');
  expect(failed.status).to.equal(status);
  const challenge = failed.challenge as TokenFailure;
  expect(challenge).to.include({ code, provider: 'kakao' });
  expect(challenge.message).to.be.a('string').and.not.equal('');
  return challenge;
}

describe('KakaoTokenStrategy', () => {
  let signing: Keys;
  let other: Keys;
  before(async () => {
    signing = await keys('kid-1');
    // Same kid, another key: a forged signature.
    other = await keys('kid-1');
  });

  let verified: Array<{ accessToken: string; refreshToken: string; profile: KakaoProfile | KakaoIdTokenProfile }>;
  const strategy = (extra: Partial<KakaoTokenStrategyOptions> = {}) => {
    verified = [];
    return new KakaoTokenStrategy({ appId: APP_ID, clientID: 'kakao-key', ...extra } as KakaoTokenStrategyOptions, (accessToken, refreshToken, profile, done) => {
      verified.push({ accessToken, refreshToken, profile });
      done(null, { id: profile.id });
    });
  };
  const post = (body: Record<string, unknown>, extra: FakeRequest = {}): FakeRequest => ({ method: 'POST', url: '/api/login/kakao', body, ...extra });

  describe('access token', () => {
    it('asks access_token_info first, then /v2/user/me with secure_resource=true, and calls verify with the same profile as the login', async () => {
      const info = infoCall(tokenInfo());
      const me = meCall();
      const outcome = expectAction(await run(strategy(), post({ access_token: 'AT' })), 'success');
      expect(info.isDone() && me.isDone()).to.equal(true);
      expect(outcome.user).to.deep.equal({ id: USER });
      expect(verified).to.have.length(1);
      const { accessToken, refreshToken, profile } = verified[0]!;
      expect(accessToken).to.equal('AT');
      expect(refreshToken).to.equal('');
      expect(profile).to.include({ provider: 'kakao', id: USER, displayName: '홍길동', username: '홍길동', _raw: fixture('kakao/me.json') });
      expect(profile.emails).to.deep.equal([{ value: 'sample@sample.com', verified: true }]);
      expect(profile).not.to.have.property('idToken');
    });

    it('sends no token anywhere but the Authorization header', async () => {
      let infoPath = '';
      let mePath = '';
      nock(KAPI)
        .get(/\/v1\/user\/access_token_info.*/)
        .reply(function (uri) {
          infoPath = uri;
          expect(this.req.headers['authorization']).to.equal('Bearer AT');
          return [200, tokenInfo()];
        });
      nock(KAPI)
        .get(/\/v2\/user\/me.*/)
        .reply(function (uri) {
          mePath = uri;
          return [200, fixture('kakao/me.json')];
        });
      expectAction(await run(strategy(), post({ access_token: 'AT' })), 'success');
      expect(infoPath).to.equal('/v1/user/access_token_info');
      expect(mePath).to.equal('/v2/user/me?secure_resource=true');
    });

    it('accepts appId as a digit string, and passes the body refresh_token and params (expires_in, app_id)', async () => {
      infoCall(tokenInfo());
      meCall();
      let seen: { refreshToken: string; params: KakaoTokenParams } | undefined;
      // The params form needs annotations, as KakaoStrategy's does (TypeScript types an inline callback from the first overload).
      const s = new KakaoTokenStrategy({ appId: String(APP_ID) }, (_at: string, refreshToken: string, params: KakaoTokenParams, profile: KakaoProfile, done: VerifyCallback) => {
        seen = { refreshToken, params };
        done(null, profile);
      });
      expectAction(await run(s, post({ access_token: 'AT', refresh_token: 'RT' })), 'success');
      expect(seen).to.deep.equal({ refreshToken: 'RT', params: { access_token: 'AT', refresh_token: 'RT', expires_in: 7199, app_id: APP_ID } });
    });

    it("refuses another app's access token (wrong_app) with no profile request", async () => {
      infoCall(tokenInfo(7654321));
      const me = meCall();
      const challenge = failure(await run(strategy(), post({ access_token: 'AT' })), 'wrong_app');
      expect(challenge.category).to.equal('config');
      expect(challenge.message).to.include('7654321').and.include(String(APP_ID));
      expect(me.isDone()).to.equal(false);
      expect(verified).to.have.length(0);
      nock.cleanAll();
    });

    it('refuses a token whose app ID only shares a prefix or differs in type', async () => {
      infoCall(`{"id":${USER},"expires_in":7199,"app_id":12345670}`);
      failure(await run(strategy(), post({ access_token: 'AT' })), 'wrong_app');
      // app_id as a string is not Kakao's answer (an Integer, §C12): refused as a bad answer, never a login.
      infoCall(`{"id":${USER},"expires_in":7199,"app_id":"${APP_ID}"}`);
      const outcome = expectAction(await run(strategy(), post({ access_token: 'AT' })), 'error');
      expect(outcome.err).to.be.instanceOf(ProviderRequestError).and.include({ code: 'EBADRESPONSE' });
      expect(verified).to.have.length(0);
    });

    it('ends in an error, not a login, when access_token_info has no app_id', async () => {
      infoCall(`{"id":${USER},"expires_in":7199}`);
      const me = meCall();
      const outcome = expectAction(await run(strategy(), post({ access_token: 'AT' })), 'error');
      expect(outcome.err).to.be.instanceOf(ProviderRequestError).and.include({ code: 'EBADRESPONSE', category: 'retry' });
      expect(me.isDone()).to.equal(false);
      nock.cleanAll();
    });

    it('fails an expired or invalid token (-401) as invalid_token, category login', async () => {
      infoCall('{"msg":"this access token does not exist","code":-401}', 401);
      const challenge = failure(await run(strategy(), post({ access_token: 'AT' })), 'invalid_token');
      expect(challenge).to.include({ category: 'login' });
      expect(challenge.message).to.include('-401');
    });

    it('fails a malformed token (-2) as invalid_token', async () => {
      infoCall('{"msg":"invalid token","code":-2}', 400);
      failure(await run(strategy(), post({ access_token: 'AT' })), 'invalid_token');
    });

    it('fails a token that expires between the two requests (-401 from /v2/user/me)', async () => {
      infoCall(tokenInfo());
      meCall(fixture('kakao/me-error-401.json'), 401);
      failure(await run(strategy(), post({ access_token: 'AT' })), 'invalid_token');
    });

    it('never puts the token into a failure message, even when Kakao echoes it', async () => {
      infoCall('{"msg":"token AT-SECRET-123 does not exist","code":-401}', 401, 'AT-SECRET-123');
      const challenge = failure(await run(strategy(), post({ access_token: 'AT-SECRET-123' })), 'invalid_token');
      expect(challenge.message).not.to.include('AT-SECRET-123');
      expect(challenge.message).to.include('[redacted]');
    });

    it('reports outages as errors with the package classes: -1, a 5xx page, a timeout, -9798', async () => {
      infoCall('{"msg":"internal error","code":-1}', 400);
      const transient = expectAction(await run(strategy(), post({ access_token: 'AT' })), 'error');
      expect(transient.err).to.be.instanceOf(KakaoAPIError).and.include({ code: -1, category: 'retry' });

      infoCall('<html>bad gateway</html>', 502);
      const page = expectAction(await run(strategy(), post({ access_token: 'AT' })), 'error');
      expect(page.err).to.be.instanceOf(ProviderRequestError).and.include({ status: 502, category: 'retry' });

      nock(KAPI).get('/v1/user/access_token_info').delay(500).reply(200, tokenInfo());
      const slow = expectAction(await run(strategy({ timeout: 50 }), post({ access_token: 'AT' })), 'error');
      expect(slow.err).to.be.instanceOf(ProviderRequestError).and.include({ code: 'ETIMEDOUT', provider: 'kakao', category: 'retry' });

      infoCall(tokenInfo());
      meCall('{"msg":"system error","code":-9798}', 503);
      const me = expectAction(await run(strategy(), post({ access_token: 'AT' })), 'error');
      expect(me.err).to.be.instanceOf(KakaoAPIError).and.include({ code: -9798 });
      expect(verified).to.have.length(0);
    });
  });

  describe('ID token with the access token', () => {
    it('verifies it, checks it names the access token user, and puts the claims in profile.idToken', async () => {
      jwksCall(signing);
      infoCall(tokenInfo());
      meCall();
      const idToken = await signIdToken(signing, { aud: 'kakao-key' });
      const outcome = expectAction(await run(strategy(), post({ access_token: 'AT', id_token: idToken })), 'success');
      expect(outcome.user).to.deep.equal({ id: USER });
      const profile = verified[0]!.profile as KakaoProfile;
      expect(profile.idToken).to.include({ sub: USER, aud: 'kakao-key', iss: 'https://kauth.kakao.com' });
    });

    it("refuses an ID token of another user than the access token's (ERR_SUB_MISMATCH) with no profile request", async () => {
      jwksCall(signing);
      infoCall(tokenInfo());
      const me = meCall();
      const idToken = await signIdToken(signing, { aud: 'kakao-key', sub: '42' });
      const challenge = failure(await run(strategy(), post({ access_token: 'AT', id_token: idToken })), 'invalid_id_token');
      expect(challenge).to.include({ reason: 'ERR_SUB_MISMATCH', category: 'login' });
      expect(me.isDone()).to.equal(false);
      nock.cleanAll();
    });

    it('refuses an ID token bound to another access token (at_hash)', async () => {
      jwksCall(signing);
      infoCall(tokenInfo());
      const good = await signIdToken(signing, { aud: 'kakao-key', at_hash: atHash('AT') });
      meCall();
      const s = strategy();
      expectAction(await run(s, post({ access_token: 'AT', id_token: good })), 'success');
      infoCall(tokenInfo());
      const bad = await signIdToken(signing, { aud: 'kakao-key', at_hash: atHash('OTHER') });
      const challenge = failure(await run(s, post({ access_token: 'AT', id_token: bad })), 'invalid_id_token');
      expect(challenge.reason).to.equal('ERR_AT_HASH_MISMATCH');
    });

    it('refuses an ID token when the strategy has no audience to check it against', async () => {
      infoCall(tokenInfo());
      const s = new KakaoTokenStrategy({ appId: APP_ID }, (_at, _rt, profile, done) => done(null, profile));
      const idToken = await signIdToken(signing, { aud: 'kakao-key' });
      const challenge = failure(await run(s, post({ access_token: 'AT', id_token: idToken })), 'invalid_id_token');
      expect(challenge.category).to.equal('config');
    });
  });

  describe('profileFrom: id_token', () => {
    const idTokenStrategy = (extra: Partial<KakaoTokenStrategyOptions<'id_token'>> = {}) => {
      verified = [];
      return new KakaoTokenStrategy({ profileFrom: 'id_token', audience: ['kakao-key', 'native-key'], ...extra }, (accessToken, refreshToken, profile, done) => {
        verified.push({ accessToken, refreshToken, profile });
        done(null, { id: profile.id });
      });
    };

    it('builds the profile from the verified ID token with no request to Kakao (the key set is fetched once)', async () => {
      const s = idTokenStrategy();
      jwksCall(signing);
      const first = await signIdToken(signing, { aud: 'native-key' });
      expectAction(await run(s, post({ id_token: first })), 'success');
      // No interceptor is left: a second request to Kakao would end in an error.
      const second = await signIdToken(signing, { aud: 'kakao-key' });
      expectAction(await run(s, post({ id_token: second, access_token: 'AT' })), 'success');
      expect(verified.map((v) => v.profile.id)).to.deep.equal([USER, USER]);
      const profile = verified[0]!.profile as KakaoIdTokenProfile;
      expect(profile).to.include({ provider: 'kakao', displayName: '홍길동' });
      expect(profile.idToken).to.include({ aud: 'native-key' });
      expect(profile.emails).to.deep.equal([{ value: 'hong@example.com', verified: true }]);
      // The access token sent along is handed over unchecked (documented), '' when absent.
      expect(verified.map((v) => v.accessToken)).to.deep.equal(['', 'AT']);
    });

    it('accepts each key of the audience list and refuses a token for another aud', async () => {
      const s = idTokenStrategy();
      jwksCall(signing);
      const foreign = await signIdToken(signing, { aud: 'someone-elses-key' });
      const challenge = failure(await run(s, post({ id_token: foreign })), 'invalid_id_token');
      expect(challenge).to.include({ category: 'config', reason: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
      expect(challenge.message).to.include('aud');
      expect(verified).to.have.length(0);
    });

    it('uses clientID as the audience when audience is not given', async () => {
      const s = new KakaoTokenStrategy({ profileFrom: 'id_token', clientID: 'kakao-key' }, (_at, _rt, profile, done) => done(null, profile));
      jwksCall(signing);
      expectAction(await run(s, post({ id_token: await signIdToken(signing, { aud: 'kakao-key' }) })), 'success');
      failure(await run(s, post({ id_token: await signIdToken(signing, { aud: 'native-key' }) })), 'invalid_id_token');
    });

    it('refuses an expired ID token (category login)', async () => {
      jwksCall(signing);
      const expired = await signIdToken(signing, { aud: 'kakao-key', iat: NOW() - 7200, exp: NOW() - 3600 });
      const challenge = failure(await run(idTokenStrategy(), post({ id_token: expired })), 'invalid_id_token');
      expect(challenge).to.include({ category: 'login', reason: 'ERR_JWT_EXPIRED' });
    });

    it('refuses a forged signature, another issuer and an unsigned token', async () => {
      const s = idTokenStrategy();
      jwksCall(signing);
      const forged = await signIdToken(other, { aud: 'kakao-key' });
      expect(failure(await run(s, post({ id_token: forged })), 'invalid_id_token').reason).to.equal('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
      const issuer = await signIdToken(signing, { aud: 'kakao-key', iss: 'https://evil.example' });
      expect(failure(await run(s, post({ id_token: issuer })), 'invalid_id_token').reason).to.equal('ERR_JWT_CLAIM_VALIDATION_FAILED');
      const [header, payload] = (await signIdToken(signing, { aud: 'kakao-key' })).split('.');
      const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
      failure(await run(s, post({ id_token: none })), 'invalid_id_token');
      // A signature stripped from a real token.
      failure(await run(s, post({ id_token: `${header}.${payload}.` })), 'invalid_id_token');
      expect(verified).to.have.length(0);
    });

    it('checks the nonce the app sends in the body', async () => {
      const s = idTokenStrategy();
      jwksCall(signing);
      const token = await signIdToken(signing, { aud: 'kakao-key', nonce: 'n-1' });
      expectAction(await run(s, post({ id_token: token, nonce: 'n-1' })), 'success');
      const wrong = failure(await run(s, post({ id_token: token, nonce: 'n-2' })), 'invalid_id_token');
      expect(wrong).to.include({ reason: 'ERR_NONCE_MISMATCH', category: 'login' });
      // A nonce given for the request and none in the token: refused (Kakao echoes it, §C3).
      const bare = await signIdToken(signing, { aud: 'kakao-key' });
      expect(failure(await run(s, post({ id_token: bare, nonce: 'n-1' })), 'invalid_id_token').reason).to.equal('ERR_NONCE_MISMATCH');
      // No nonce given: the token's own nonce is not checked against anything.
      expectAction(await run(s, post({ id_token: token })), 'success');
    });

    it('takes the nonce from the nonce option instead of the body, and requireNonce refuses a request without one', async () => {
      const s = idTokenStrategy({ nonce: async (req) => (req.headers['x-session-nonce'] as string | undefined) ?? undefined, requireNonce: true });
      jwksCall(signing);
      const token = await signIdToken(signing, { aud: 'kakao-key', nonce: 'server-nonce' });
      expectAction(await run(s, post({ id_token: token, nonce: 'ignored' }, { headers: { host: 'app.example', 'x-session-nonce': 'server-nonce' } })), 'success');
      // The body's nonce is not used when the option is set.
      const missing = failure(await run(s, post({ id_token: token, nonce: 'server-nonce' })), 'invalid_id_token');
      expect(missing.reason).to.equal('ERR_NONCE_MISMATCH');
    });

    it('fails when the request has no ID token', async () => {
      const challenge = failure(await run(idTokenStrategy(), post({ access_token: 'AT' })), 'token_missing', 400);
      expect(challenge.message).to.include('id_token');
    });

    it('reports a JWKS outage as an error, not a failure', async () => {
      nock('https://kauth.kakao.com').get('/.well-known/jwks.json').reply(503, 'down');
      const outcome = expectAction(await run(idTokenStrategy(), post({ id_token: await signIdToken(signing, { aud: 'kakao-key' }) })), 'error');
      expect(outcome.err).to.be.instanceOf(ProviderRequestError).and.include({ category: 'retry' });
    });
  });

  describe('options', () => {
    it('needs appId (number or digit string) unless the profile comes from the ID token', () => {
      const verify = (_a: string, _r: string, _p: KakaoProfile, done: (e: null, u: false) => void) => done(null, false);
      // @ts-expect-error appId is required with the default profileFrom
      expect(() => new KakaoTokenStrategy({ clientID: 'k' }, verify)).to.throw(TypeError, 'appId');
      expect(() => new KakaoTokenStrategy({ appId: 'abc' }, verify)).to.throw(TypeError, 'appId');
      expect(() => new KakaoTokenStrategy({ appId: -1 }, verify)).to.throw(TypeError, 'appId');
      expect(() => new KakaoTokenStrategy({ appId: 1.5 }, verify)).to.throw(TypeError, 'appId');
      expect(() => new KakaoTokenStrategy({ profileFrom: 'id_token' }, (_a, _r, _p, done) => done(null, false))).to.throw(TypeError, 'audience');
      expect(() => new KakaoTokenStrategy({ appId: 1, audience: [] }, verify)).to.throw(TypeError, 'audience');
      expect(() => new KakaoTokenStrategy({ appId: 1, accessTokenInfoURL: 'http://kapi.kakao.com/x' }, verify)).to.throw(TypeError, 'https');
      expect(new KakaoTokenStrategy({ profileFrom: 'id_token', audience: 'k' }, (_a, _r, _p, done) => done(null, false)).name).to.equal('kakao-token');
      expect(new KakaoTokenStrategy({ appId: 1, name: 'kakao-app' }, verify).name).to.equal('kakao-app');
    });

    it('shows no option in JSON or inspect output', () => {
      const s = strategy({ customHeaders: { 'X-Api-Key': 'proxy-secret' } });
      expect(JSON.stringify(s)).to.equal('{"name":"kakao-token"}');
      expect(inspect(s)).to.equal("KakaoTokenStrategy { name: 'kakao-token' }");
    });

    it('reads the ID token from idTokenHeader when configured', async () => {
      jwksCall(signing);
      const s = new KakaoTokenStrategy({ profileFrom: 'id_token', audience: 'kakao-key', idTokenHeader: 'X-Kakao-Id-Token' }, (_a, _r, profile, done) => done(null, profile));
      const token = await signIdToken(signing, { aud: 'kakao-key' });
      expectAction(await run(s, post({}, { headers: { host: 'app.example', 'x-kakao-id-token': token } })), 'success');
    });
  });
});
