// NaverTokenStrategy at the wire: the /v1/nid/me profile, 024 as a failure,
// outages as errors, and Naver OpenID Connect ID tokens checked against the
// Client ID (issuer https://nid.naver.com, JWKS https://nid.naver.com/oauth2/jwks).
import { expect } from 'chai';
import nock from 'nock';
import { NaverAPIError, ProviderRequestError, type NaverProfile } from '../../lib/index.js';
import { NaverTokenStrategy, type NaverTokenStrategyOptions } from '../../lib/naver/token-strategy.js';
import { atHash, type TokenFailure } from '../../lib/token-strategy.js';
import { fixture } from '../fixtures.js';
import { expectAction, run, type FakeRequest } from '../helpers.js';
import { keys, NOW, signIdToken, type Keys } from '../support/id-tokens.js';

const NAVER_ID = '32742776';
/** Naver's ID token claims (§C8, likely: iss, aud, sub, iat, exp); sub is pairwise, not the profile id. */
const naverClaims = (claims: Record<string, unknown> = {}) => ({
  iss: 'https://nid.naver.com',
  aud: 'naver-client',
  sub: 'pairwise-subject-1',
  nickname: undefined,
  picture: undefined,
  email: undefined,
  auth_time: undefined,
  ...claims,
});

function meCall(body = fixture('naver/me.json'), status = 200, token = 'AT') {
  return nock('https://openapi.naver.com').get('/v1/nid/me').matchHeader('authorization', `Bearer ${token}`).reply(status, body, { 'Content-Type': 'application/json' });
}
const jwksCall = (...set: Keys[]) => nock('https://nid.naver.com').get('/oauth2/jwks').reply(200, { keys: set.map((k) => k.jwk) });

function failure(outcome: Awaited<ReturnType<typeof run>>, code: string, status = 401): TokenFailure {
  const failed = expectAction(outcome, 'fail');
  expect(failed.status).to.equal(status);
  const challenge = failed.challenge as TokenFailure;
  expect(challenge).to.include({ code, provider: 'naver' });
  return challenge;
}

describe('NaverTokenStrategy', () => {
  let signing: Keys;
  let other: Keys;
  before(async () => {
    signing = await keys('naver-kid');
    other = await keys('naver-kid');
  });

  let verified: Array<{ accessToken: string; refreshToken: string; profile: NaverProfile }>;
  const strategy = (extra: Partial<NaverTokenStrategyOptions> = {}) => {
    verified = [];
    return new NaverTokenStrategy({ ...extra }, (accessToken, refreshToken, profile, done) => {
      verified.push({ accessToken, refreshToken, profile });
      done(null, { id: profile.id });
    });
  };
  const post = (body: Record<string, unknown>): FakeRequest => ({ method: 'POST', url: '/api/login/naver', body });

  describe('access token', () => {
    it('fetches /v1/nid/me with the token in the Authorization header and calls verify with the login profile', async () => {
      let path = '';
      nock('https://openapi.naver.com')
        .get(/.*/)
        .reply(function (uri) {
          path = uri;
          expect(this.req.headers['authorization']).to.equal('Bearer AT');
          return [200, fixture('naver/me.json')];
        });
      const outcome = expectAction(await run(strategy(), post({ access_token: 'AT', refresh_token: 'RT' })), 'success');
      expect(path).to.equal('/v1/nid/me');
      expect(outcome.user).to.deep.equal({ id: NAVER_ID });
      const { accessToken, refreshToken, profile } = verified[0]!;
      expect([accessToken, refreshToken]).to.deep.equal(['AT', 'RT']);
      expect(profile).to.include({ provider: 'naver', id: NAVER_ID, displayName: 'OpenAPI', _raw: fixture('naver/me.json') });
      expect(profile).not.to.have.property('idToken');
      expect(strategy().name).to.equal('naver-token');
      expect(strategy({ name: 'naver-app' }).name).to.equal('naver-app');
    });

    it('fails an expired or invalid token (024, with HTTP 401 or 200) as invalid_token, category login', async () => {
      meCall(fixture('naver/me-error-024.json'), 401);
      const challenge = failure(await run(strategy(), post({ access_token: 'AT' })), 'invalid_token');
      expect(challenge.category).to.equal('login');
      expect(challenge.message).to.include('024');
      meCall('{"resultcode":"024","message":"Authentication failed"}', 200);
      failure(await run(strategy(), post({ access_token: 'AT' })), 'invalid_token');
      expect(verified).to.have.length(0);
    });

    it('reports outages as errors: resultcode 500, a gateway 429, an HTML page', async () => {
      meCall('{"resultcode":"500","message":"Internal Server Error"}', 500);
      const db = expectAction(await run(strategy(), post({ access_token: 'AT' })), 'error');
      expect(db.err).to.be.instanceOf(NaverAPIError).and.include({ code: '500', category: 'retry' });
      meCall('{"errorMessage":"Rate limit exceeded","errorCode":"012"}', 429);
      expect(expectAction(await run(strategy(), post({ access_token: 'AT' })), 'error').err).to.be.instanceOf(NaverAPIError).and.include({ category: 'retry' });
      meCall('<html>oops</html>', 502);
      expect(expectAction(await run(strategy(), post({ access_token: 'AT' })), 'error').err).to.be.instanceOf(ProviderRequestError).and.include({ status: 502 });
      expect(verified).to.have.length(0);
    });

    it('fails a request without an access token, even with an ID token', async () => {
      const challenge = failure(await run(strategy({ clientID: 'naver-client' }), post({ id_token: 'a.b.c' })), 'token_missing', 400);
      expect(challenge.message).to.include('access_token');
    });
  });

  describe('ID token', () => {
    const oidc = (extra: Partial<NaverTokenStrategyOptions> = {}) => strategy({ clientID: 'naver-client', ...extra });

    it('verifies it against the Client ID and puts its claims in profile.idToken; the profile id stays the /v1/nid/me id', async () => {
      jwksCall(signing);
      meCall();
      const idToken = await signIdToken(signing, naverClaims());
      expectAction(await run(oidc(), post({ access_token: 'AT', id_token: idToken })), 'success');
      const profile = verified[0]!.profile;
      expect(profile.id).to.equal(NAVER_ID);
      expect(profile.idToken).to.include({ sub: 'pairwise-subject-1', aud: 'naver-client', iss: 'https://nid.naver.com' });
    });

    it("refuses another app's ID token (aud) with no profile request", async () => {
      jwksCall(signing);
      const me = meCall();
      const idToken = await signIdToken(signing, naverClaims({ aud: 'other-naver-app' }));
      const challenge = failure(await run(oidc(), post({ access_token: 'AT', id_token: idToken })), 'invalid_id_token');
      expect(challenge).to.include({ category: 'config', reason: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
      expect(me.isDone()).to.equal(false);
      expect(verified).to.have.length(0);
      nock.cleanAll();
    });

    it("refuses Kakao's issuer, an expired token and a forged signature", async () => {
      const s = oidc();
      jwksCall(signing);
      const kakaoIssued = await signIdToken(signing, naverClaims({ iss: 'https://kauth.kakao.com' }));
      failure(await run(s, post({ access_token: 'AT', id_token: kakaoIssued })), 'invalid_id_token');
      const expired = await signIdToken(signing, naverClaims({ iat: NOW() - 7200, exp: NOW() - 3600 }));
      expect(failure(await run(s, post({ access_token: 'AT', id_token: expired })), 'invalid_id_token')).to.include({ reason: 'ERR_JWT_EXPIRED', category: 'login' });
      const forged = await signIdToken(other, naverClaims());
      expect(failure(await run(s, post({ access_token: 'AT', id_token: forged })), 'invalid_id_token').reason).to.equal('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
      expect(verified).to.have.length(0);
    });

    it('checks the nonce: a mismatch is refused; a token without the claim passes only when no nonce was given', async () => {
      const s = oidc();
      jwksCall(signing);
      meCall();
      meCall();
      const withNonce = await signIdToken(signing, naverClaims({ nonce: 'n-1' }));
      expectAction(await run(s, post({ access_token: 'AT', id_token: withNonce, nonce: 'n-1' })), 'success');
      expect(failure(await run(s, post({ access_token: 'AT', id_token: withNonce, nonce: 'n-2' })), 'invalid_id_token').reason).to.equal('ERR_NONCE_MISMATCH');
      // Whether Naver echoes a nonce is unconfirmed (§C8): without one given, a token without the claim passes...
      const bare = await signIdToken(signing, naverClaims());
      expectAction(await run(s, post({ access_token: 'AT', id_token: bare })), 'success');
      // ...but when the app gives a nonce, the token must carry it.
      failure(await run(s, post({ access_token: 'AT', id_token: bare, nonce: 'n-1' })), 'invalid_id_token');
    });

    it('refuses an ID token issued with another access token (at_hash)', async () => {
      jwksCall(signing);
      const s = oidc();
      const bound = await signIdToken(signing, naverClaims({ at_hash: atHash('OTHER') }));
      expect(failure(await run(s, post({ access_token: 'AT', id_token: bound })), 'invalid_id_token').reason).to.equal('ERR_AT_HASH_MISMATCH');
    });

    it('refuses an ID token when the strategy has no clientID', async () => {
      const challenge = failure(await run(strategy(), post({ access_token: 'AT', id_token: await signIdToken(signing, naverClaims()) })), 'invalid_id_token');
      expect(challenge.category).to.equal('config');
    });

    it('requireIdToken refuses a request without one, and needs clientID', async () => {
      const challenge = failure(await run(oidc({ requireIdToken: true }), post({ access_token: 'AT' })), 'token_missing', 400);
      expect(challenge.message).to.include('id_token');
      expect(() => strategy({ requireIdToken: true })).to.throw(TypeError, 'clientID');
    });

    it('takes the JWKS and issuer from options (for an emulator)', async () => {
      nock('http://127.0.0.1:9').get('/naver/oauth2/jwks').reply(200, { keys: [signing.jwk] });
      nock('http://127.0.0.1:9').get('/naver/v1/nid/me').reply(200, fixture('naver/me.json'));
      const s = oidc({ jwksURL: 'http://127.0.0.1:9/naver/oauth2/jwks', issuer: 'http://127.0.0.1:9/naver', profileURL: 'http://127.0.0.1:9/naver/v1/nid/me' });
      const idToken = await signIdToken(signing, naverClaims({ iss: 'http://127.0.0.1:9/naver' }));
      expectAction(await run(s, post({ access_token: 'AT', id_token: idToken })), 'success');
    });
  });
});
