// Kakao OpenID Connect at the wire: the nonce, the ID token checks, the JWKS cache, and profileFrom: 'id_token'.
import { expect } from 'chai';
import nock from 'nock';
import { IdTokenError, KakaoStrategy, ProviderRequestError, type KakaoIdTokenProfile, type KakaoProfile, type KakaoStrategyOptions } from '../../lib/index.js';
import { fixture } from '../fixtures.js';
import { expectAction, queryOf, run } from '../helpers.js';
import { keys, NOW, signIdToken, type Keys } from '../support/id-tokens.js';

const SESSION_KEY = 'oauth2:kauth.kakao.com:kakao:kakao-key';
const STATE = 'state-oidc';
/** The nonce the strategy kept with STATE before its redirect. */
const NONCE = 'nonce-kept-with-state-oidc';
/** A session as the strategy's store leaves it before the redirect of an OpenID Connect login. */
const oidcSession = (nonce = NONCE) => ({ [SESSION_KEY]: { state: { handle: STATE, state: { 'passport-naver-kakao': { nonce } } } } });
/** An ID token for the default test login: the nonce kept with STATE, unless `claims` says otherwise. */
const idToken = (key: Keys, claims: Record<string, unknown> = {}, kid?: string) => signIdToken(key, { nonce: NONCE, ...claims }, kid);

function tokenAnswer(token: string | undefined): string {
  return JSON.stringify({ token_type: 'bearer', access_token: 'AT', expires_in: 21599, refresh_token: 'RT', refresh_token_expires_in: 5183999, scope: 'openid profile_nickname', ...(token ? { id_token: token } : {}) });
}

describe('Kakao OpenID Connect', () => {
  let signing: Keys;
  before(async () => {
    signing = await keys('kid-1');
  });

  let verified: unknown[];
  const strategy = (extra: Partial<KakaoStrategyOptions> = {}) => {
    verified = [];
    // PKCE (on by default) is tested in hardening.test.ts; these keep the plain exchange.
    return new KakaoStrategy({ clientID: 'kakao-key', callbackURL: 'https://app.example/cb', scope: ['openid'], pkce: false, ...extra }, (_at, _rt, profile, done) => {
      verified.push(profile);
      done(null, profile);
    });
  };
  const callback = () => ({ query: { code: 'code', state: STATE }, session: oidcSession() });
  const jwks = (...set: Keys[]) => nock('https://kauth.kakao.com').get('/.well-known/jwks.json').reply(200, { keys: set.map((k) => k.jwk) });
  const token = (body: string) => nock('https://kauth.kakao.com').post('/oauth/token').reply(200, body);
  const userMe = () => nock('https://kapi.kakao.com').get('/v2/user/me').query({ secure_resource: 'true' }).reply(200, fixture('kakao/me.json'));

  describe('authorization request', () => {
    it('sends a fresh nonce kept with the state, with openid in the scope', async () => {
      const session: Record<string, { state: { handle: string; state: { 'passport-naver-kakao': { nonce: string } } } }> = {};
      const outcome = expectAction(await run(strategy({ scope: 'account_email', oidc: true }), { session }), 'redirect');
      const query = queryOf(outcome.url);
      expect(query['scope']).to.equal('account_email,openid');
      const stored = session[SESSION_KEY]!.state;
      expect(query['state']).to.equal(stored.handle);
      expect(query['nonce']).to.match(/^[\w-]{32}$/);
      expect(query['nonce']).to.equal(stored.state['passport-naver-kakao'].nonce);
    });

    it('sends an explicit per-request nonce instead', async () => {
      const outcome = expectAction(await run(strategy(), { session: {} }, { nonce: 'my-nonce' }), 'redirect');
      expect(queryOf(outcome.url)['nonce']).to.equal('my-nonce');
    });

    it('sends no nonce when OpenID Connect is off', async () => {
      const outcome = expectAction(await run(strategy({ scope: 'account_email' }), { session: {} }), 'redirect');
      expect(queryOf(outcome.url)).not.to.have.property('nonce');
    });

    it('refuses OpenID Connect without state, and profileFrom id_token without OpenID Connect', () => {
      expect(() => strategy({ state: false })).to.throw(TypeError, 'needs state');
      expect(() => new KakaoStrategy({ clientID: 'k', profileFrom: 'id_token' }, (_a, _r, _p, d) => d(null, false))).to.throw(TypeError, 'OpenID Connect');
    });
  });

  describe('callback', () => {
    it('checks the ID token, puts its claims in profile.idToken, and fetches the JWKS only once', async () => {
      const s = strategy();
      jwks(signing);
      token(tokenAnswer(await idToken(signing)));
      userMe();
      const profile = expectAction(await run(s, callback()), 'success').user as KakaoProfile;
      expect(profile.id).to.equal('1376016924429759228');
      expect(profile.idToken).to.include({ sub: '1376016924429759228', nonce: NONCE, iss: 'https://kauth.kakao.com', aud: 'kakao-key' });

      token(tokenAnswer(await idToken(signing)));
      userMe();
      expectAction(await run(s, callback()), 'success');
    });

    it("with profileFrom 'id_token', builds the profile from the claims and makes no profile request", async () => {
      const s = new KakaoStrategy({ clientID: 'kakao-key', scope: 'openid', profileFrom: 'id_token', pkce: false }, (_at, _rt, profile, done) => done(null, profile));
      jwks(signing);
      token(tokenAnswer(await idToken(signing)));
      const profile = expectAction(await run(s, callback()), 'success').user as KakaoIdTokenProfile;
      expect(profile).to.deep.include({
        provider: 'kakao',
        id: '1376016924429759228',
        displayName: '홍길동',
        emails: [{ value: 'hong@example.com', verified: true }],
        photos: [{ value: 'https://k.kakaocdn.net/p.jpg' }],
      });
      expect(profile._json).to.equal(profile.idToken);
    });

    it('accepts a matching explicit nonce on the callback (a store that kept no nonce)', async () => {
      const s = strategy();
      jwks(signing);
      token(tokenAnswer(await idToken(signing, { nonce: 'my-nonce' })));
      userMe();
      expectAction(await run(s, { query: { code: 'code', state: STATE }, session: { [SESSION_KEY]: { state: { handle: STATE } } } }, { nonce: 'my-nonce' }), 'success');
    });

    const forgeries: Array<[string, () => Promise<string | undefined>, string]> = [
      ['no ID token at all', async () => undefined, 'ERR_ID_TOKEN_MISSING'],
      ['a signature by another key with the same kid', async () => idToken(await keys('kid-1')), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
      ['alg none', async () => `${Buffer.from('{"alg":"none","kid":"kid-1"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: 'https://kauth.kakao.com', aud: 'kakao-key', sub: '1', iat: NOW(), exp: NOW() + 60, nonce: NONCE })).toString('base64url')}.`, 'ERR_JOSE_ALG_NOT_ALLOWED'],
      ['another audience', async () => idToken(signing, { aud: 'other-app' }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
      ['another issuer', async () => idToken(signing, { iss: 'https://evil.example' }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
      ['an expired token', async () => idToken(signing, { iat: NOW() - 7200, exp: NOW() - 3600 }), 'ERR_JWT_EXPIRED'],
      ['a nonce from another login', async () => idToken(signing, { nonce: 'nonce-of-another-login' }), 'ERR_NONCE_MISMATCH'],
      ['a token without a nonce', async () => idToken(signing, { nonce: undefined }), 'ERR_NONCE_MISMATCH'],
    ];
    for (const [name, make, code] of forgeries) {
      it(`rejects ${name}, and verify is never called`, async () => {
        const s = strategy();
        const forged = await make();
        if (forged !== undefined) jwks(signing);
        token(tokenAnswer(forged));
        const { err } = expectAction(await run(s, callback()), 'error');
        expect(err).to.be.instanceOf(IdTokenError);
        expect(err).to.include({ code });
        expect(verified).to.deep.equal([]);
      });
    }

    it('checks the ID token for a code posted in the body too', async () => {
      const s = strategy();
      jwks(signing);
      token(tokenAnswer(await idToken(signing, { aud: 'other-app' })));
      const { err } = expectAction(await run(s, { body: { code: 'code', state: STATE }, session: oidcSession() }), 'error');
      expect(err).to.be.instanceOf(IdTokenError);
      expect(verified).to.deep.equal([]);
    });

    it('accepts a token expired by less than clockTolerance', async () => {
      const s = strategy({ clockTolerance: 120 });
      jwks(signing);
      token(tokenAnswer(await idToken(signing, { iat: NOW() - 3600, exp: NOW() - 60 })));
      userMe();
      expectAction(await run(s, callback()), 'success');
    });
  });

  describe('the JWKS', () => {
    it('is fetched again for an unknown kid (a rotated key), then the token passes', async () => {
      const clock = Date.now;
      const s = strategy();
      jwks(signing);
      token(tokenAnswer(await idToken(signing)));
      userMe();
      expectAction(await run(s, callback()), 'success');
      const rotated = await keys('kid-2');
      Date.now = () => clock() + 60_000; // past the refetch interval
      try {
        jwks(signing, rotated);
        token(tokenAnswer(await idToken(rotated)));
        userMe();
        expectAction(await run(s, callback()), 'success');
      } finally {
        Date.now = clock;
      }
    });

    it('is not fetched again within the interval, however many unknown kids arrive', async () => {
      const s = strategy();
      jwks(signing);
      const stranger = await keys('kid-unknown');
      for (let i = 0; i < 3; i++) {
        token(tokenAnswer(await idToken(stranger)));
        const { err } = expectAction(await run(s, callback()), 'error');
        expect(err).to.include({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
      }
    });

    it('that cannot be fetched ends the login with a ProviderRequestError', async () => {
      nock('https://kauth.kakao.com').get('/.well-known/jwks.json').reply(502, '<html>bad gateway</html>', { 'Content-Type': 'text/html' });
      token(tokenAnswer(await idToken(signing)));
      const { err } = expectAction(await run(strategy(), callback()), 'error');
      expect(err).to.be.instanceOf(ProviderRequestError);
      expect(err.message).to.equal('Kakao JWKS request answered HTTP 502 (text/html) without a key set');
    });
  });
});
