// Kakao OpenID Connect as apps use it: per-request scope and nonce (issue 10 §1),
// the ID token checks the review found missing (issue 9), several app keys
// (issue 13 §2), and a key set that changes (issue 10 §5). Whole logins: the
// redirect, then the callback with the same session.
import { expect } from 'chai';
import nock from 'nock';
import { IdTokenError, KakaoStrategy, ProviderRequestError, type KakaoProfile, type KakaoStrategyOptions } from '../../lib/index.js';
import { fixture } from '../fixtures.js';
import { expectAction, queryOf, run } from '../helpers.js';
import { keys, NOW, signIdToken, type Keys } from '../support/id-tokens.js';

const KAUTH = 'https://kauth.kakao.com';
const HOUR = 3_600_000;

describe('Kakao OpenID Connect logins', () => {
  let signing: Keys;
  before(async () => {
    signing = await keys('kid-1');
  });

  let verified: KakaoProfile[];
  const strategy = (extra: Partial<KakaoStrategyOptions> = {}) => {
    verified = [];
    return new KakaoStrategy({ clientID: 'kakao-key', clientSecret: 'kakao-secret', callbackURL: 'https://app.example/cb', ...extra } as KakaoStrategyOptions, (_at, _rt, profile, done) => {
      verified.push(profile as KakaoProfile);
      done(null, profile);
    });
  };
  const jwks = (set: Keys[], headers: Record<string, string> = {}) => nock(KAUTH).get('/.well-known/jwks.json').reply(200, { keys: set.map((k) => k.jwk) }, headers);
  /** The token endpoint: checks the PKCE verifier is sent, answers with `idToken` (if any). */
  const token = (idToken: string | undefined) =>
    nock(KAUTH)
      .post('/oauth/token', (body: Record<string, string>) => typeof body['code_verifier'] === 'string' && body['client_secret'] === 'kakao-secret')
      .reply(200, { token_type: 'bearer', access_token: 'AT', expires_in: 21599, refresh_token: 'RT', scope: 'openid profile_nickname', ...(idToken ? { id_token: idToken } : {}) });
  const userMe = () => nock('https://kapi.kakao.com').get('/v2/user/me').query({ secure_resource: 'true' }).reply(200, fixture('kakao/me.json'));

  /** The redirect of one login; resolves to its query and the session it left. */
  async function start(s: KakaoStrategy, options?: object) {
    const session: Record<string, unknown> = {};
    const { url } = expectAction(await run(s, { session }, options), 'redirect');
    return { query: queryOf(url), session };
  }
  /** The callback of that login. */
  const finish = (s: KakaoStrategy, login: { query: Record<string, string>; session: Record<string, unknown> }) => run(s, { query: { code: 'code', state: login.query['state'] }, session: login.session });

  describe('per-request options', () => {
    it('a per-request scope on an OpenID Connect strategy keeps openid, sends a nonce and checks the ID token', async () => {
      const s = strategy({ oidc: true });
      const login = await start(s, { scope: ['account_email'] });
      expect(login.query).to.include({ scope: 'account_email,openid' });
      expect(login.query['nonce']).to.match(/^[\w-]{32}$/);
      jwks([signing]);
      token(await signIdToken(signing, { nonce: login.query['nonce'] }));
      userMe();
      const profile = expectAction(await finish(s, login), 'success').user as KakaoProfile;
      expect(profile.idToken).to.include({ sub: '1376016924429759228', nonce: login.query['nonce'] });
    });

    it('a per-request scope with openid runs that login with OpenID Connect on a strategy without it', async () => {
      const s = strategy();
      const plain = await start(s);
      expect(plain.query).not.to.have.property('nonce');
      const login = await start(s, { scope: 'openid,account_email' });
      expect(login.query).to.include({ scope: 'openid,account_email' });
      jwks([signing]);
      token(await signIdToken(signing, { nonce: login.query['nonce'] }));
      userMe();
      const profile = expectAction(await finish(s, login), 'success').user as KakaoProfile;
      expect(profile.idToken).to.include({ nonce: login.query['nonce'] });
    });

    it('such a login still refuses an ID token with another nonce', async () => {
      const s = strategy();
      const login = await start(s, { scope: ['openid'] });
      jwks([signing]);
      token(await signIdToken(signing, { nonce: 'nonce-of-another-login' }));
      const { err } = expectAction(await finish(s, login), 'error');
      expect(err).to.be.instanceOf(IdTokenError).and.include({ code: 'ERR_NONCE_MISMATCH', category: 'login' });
      expect(verified).to.deep.equal([]);
    });

    it('an ID token Kakao sends to a login that did not ask for one (OpenID Connect on in the console) is left unchecked and unused', async () => {
      const s = strategy();
      const login = await start(s);
      token(await signIdToken(signing, { nonce: 'whatever' }));
      userMe();
      const profile = expectAction(await finish(s, login), 'success').user as KakaoProfile;
      expect(profile).not.to.have.property('idToken');
    });

    it('an explicit nonce given at authorize is kept with the state and checked at the callback without being passed again', async () => {
      const s = strategy({ oidc: true });
      const login = await start(s, { nonce: 'app-chosen-nonce' });
      expect(login.query).to.include({ nonce: 'app-chosen-nonce' });
      jwks([signing]);
      token(await signIdToken(signing, { nonce: 'app-chosen-nonce' }));
      userMe();
      expectAction(await finish(s, login), 'success');

      const again = await start(s, { nonce: 'app-chosen-nonce' });
      token(await signIdToken(signing, { nonce: 'another-nonce' }));
      expect(expectAction(await finish(s, again), 'error').err).to.include({ code: 'ERR_NONCE_MISMATCH' });
    });

    it('the app state passed with an OpenID Connect login comes back in info.state', async () => {
      const s = strategy({ oidc: true });
      const login = await start(s, { state: { returnTo: '/orders' } });
      jwks([signing]);
      token(await signIdToken(signing, { nonce: login.query['nonce'] }));
      userMe();
      expect(expectAction(await finish(s, login), 'success').info).to.deep.equal({ state: { returnTo: '/orders' } });
    });
  });

  describe('claims the review found unchecked', () => {
    const refused: Array<[string, () => Record<string, unknown>, string]> = [
      ['iat a day in the future', () => ({ iat: NOW() + 86_400 }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
      ['an extra audience without azp', () => ({ aud: ['kakao-key', 'other-app'] }), 'ERR_AZP_MISMATCH'],
      ['an azp that is another app', () => ({ aud: ['kakao-key', 'other-app'], azp: 'other-app' }), 'ERR_AZP_MISMATCH'],
      ['an azp that is another app, with one audience', () => ({ azp: 'other-app' }), 'ERR_AZP_MISMATCH'],
    ];
    for (const [what, claims, code] of refused) {
      it(`refuses ${what}`, async () => {
        const s = strategy({ oidc: true });
        const login = await start(s);
        jwks([signing]);
        token(await signIdToken(signing, { nonce: login.query['nonce'], ...claims() }));
        const { err } = expectAction(await finish(s, login), 'error');
        expect(err).to.be.instanceOf(IdTokenError).and.include({ code });
        expect(verified).to.deep.equal([]);
      });
    }

    it('accepts several audiences when azp is this app, and iat within the clock tolerance', async () => {
      const s = strategy({ oidc: true });
      const login = await start(s);
      jwks([signing]);
      token(await signIdToken(signing, { nonce: login.query['nonce'], aud: ['kakao-key', 'other-app'], azp: 'kakao-key', iat: NOW() + 20 }));
      userMe();
      expectAction(await finish(s, login), 'success');
    });

    it("refuses a login whose ID token names another user than /v2/user/me", async () => {
      const s = strategy({ oidc: true });
      const login = await start(s);
      jwks([signing]);
      token(await signIdToken(signing, { nonce: login.query['nonce'], sub: '4242' }));
      userMe();
      const { err } = expectAction(await finish(s, login), 'error');
      expect(err).to.be.instanceOf(IdTokenError).and.include({ code: 'ERR_SUB_MISMATCH' });
      expect(verified).to.deep.equal([]);
    });
  });

  describe('several app keys (audience)', () => {
    it('accepts an ID token whose aud is any configured key, and refuses the others', async () => {
      const s = strategy({ oidc: true, audience: ['kakao-key', 'kakao-native-key'] } as Partial<KakaoStrategyOptions>);
      const login = await start(s);
      jwks([signing]);
      token(await signIdToken(signing, { nonce: login.query['nonce'], aud: 'kakao-native-key' }));
      userMe();
      expectAction(await finish(s, login), 'success');
      const other = await start(s);
      token(await signIdToken(signing, { nonce: other.query['nonce'], aud: 'someone-elses-key' }));
      expect(expectAction(await finish(s, other), 'error').err).to.include({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
    });

    it('refuses an empty or malformed audience option at construction', () => {
      for (const audience of [[], '', [''], [1]]) expect(() => strategy({ oidc: true, audience } as never)).to.throw(TypeError, 'audience');
    });
  });

  describe('a key set that changes', () => {
    const clock = Date.now;
    afterEach(() => {
      Date.now = clock;
    });
    const later = (ms: number) => {
      const now = clock();
      Date.now = () => now + ms;
    };
    async function login(s: KakaoStrategy, key: Keys) {
      const started = await start(s);
      token(await signIdToken(key, { nonce: started.query['nonce'] }));
      return finish(s, started);
    }

    it('is fetched again when its max-age has passed, so a withdrawn key stops being trusted', async () => {
      const s = strategy({ oidc: true });
      jwks([signing], { 'Cache-Control': 'public, max-age=60' });
      userMe();
      expectAction(await login(s, signing), 'success');
      const rotated = await keys('kid-2');
      later(61_000);
      jwks([rotated], { 'Cache-Control': 'max-age=60' });
      const { err } = expectAction(await login(s, signing), 'error');
      expect(err).to.include({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
      userMe();
      expectAction(await login(s, rotated), 'success');
    });

    it('is kept no longer than 24 hours, whatever max-age says', async () => {
      const s = strategy({ oidc: true });
      jwks([signing], { 'Cache-Control': 'max-age=31536000' });
      userMe();
      expectAction(await login(s, signing), 'success');
      later(24 * HOUR - 1000);
      userMe();
      expectAction(await login(s, signing), 'success');
      later(24 * HOUR + 1000);
      const refetch = jwks([signing]);
      userMe();
      expectAction(await login(s, signing), 'success');
      expect(refetch.isDone()).to.equal(true);
    });

    it('keeps the last good set when a refetch fails, and does not ask again before the interval', async () => {
      const s = strategy({ oidc: true });
      jwks([signing], { 'Cache-Control': 'max-age=60' });
      userMe();
      expectAction(await login(s, signing), 'success');
      later(61_000);
      const failing = nock(KAUTH).get('/.well-known/jwks.json').once().reply(502, '<html>bad gateway</html>', { 'Content-Type': 'text/html' });
      userMe();
      expectAction(await login(s, signing), 'success');
      expect(failing.isDone()).to.equal(true);
      userMe();
      expectAction(await login(s, signing), 'success');
    });

    it('never trusts a set with a key that does not import: logins with the known key go on, and the next good set is taken', async () => {
      const s = strategy({ oidc: true });
      jwks([signing], { 'Cache-Control': 'max-age=60' });
      userMe();
      expectAction(await login(s, signing), 'success');
      later(61_000);
      const broken = { ...signing.jwk, n: '!!not base64!!' };
      nock(KAUTH).get('/.well-known/jwks.json').reply(200, { keys: [broken] });
      userMe();
      expectAction(await login(s, signing), 'success');
      later(61_000 + 31_000);
      const rotated = await keys('kid-2');
      jwks([rotated]);
      userMe();
      expectAction(await login(s, rotated), 'success');
    });

    it('a first set with a key that does not import fails the login, and a good set later recovers it', async () => {
      const s = strategy({ oidc: true });
      nock(KAUTH).get('/.well-known/jwks.json').reply(200, { keys: [{ ...signing.jwk, e: '' }] });
      const { err } = expectAction(await login(s, signing), 'error');
      expect(err).to.be.instanceOf(ProviderRequestError).and.include({ message: 'Kakao JWKS request answered a key set with a key that does not import', category: 'retry' });
      // Within a few seconds the broken answer is not asked for again.
      expect(expectAction(await login(s, signing), 'error').err).to.equal(err);
      later(6_000);
      jwks([signing]);
      userMe();
      expectAction(await login(s, signing), 'success');
    });
  });
});
