// Naver OpenID Connect at the wire (issue 13 §1): /oauth2/* endpoints, PKCE,
// the nonce, the ID token checks, the profile from /v1/nid/me, refresh and revoke.
import { expect } from 'chai';
import nock from 'nock';
import { IdTokenError, NaverStrategy, NaverTokenError, type NaverProfile, type NaverStrategyOptions } from '../../lib/index.js';
import { fixture } from '../fixtures.js';
import { expectAction, queryOf, run } from '../helpers.js';
import { keys, NOW, signIdToken, type Keys } from '../support/id-tokens.js';

const NID = 'https://nid.naver.com';
/** Naver's subjects are pairwise: not the /v1/nid/me id (docs/providers.md §C8). */
const SUB = 'pairwise-subject-7Qx';

describe('Naver OpenID Connect', () => {
  let signing: Keys;
  before(async () => {
    signing = await keys('naver-kid-1');
  });

  let verified: NaverProfile[];
  const strategy = (extra: Partial<NaverStrategyOptions> = {}) => {
    verified = [];
    return new NaverStrategy({ clientID: 'naver-client', clientSecret: 'naver-secret', callbackURL: 'https://app.example/cb', oidc: true, ...extra } as NaverStrategyOptions, (_at, _rt, profile, done) => {
      verified.push(profile);
      done(null, profile);
    });
  };
  const naverToken = (nonce: string | undefined, claims: Record<string, unknown> = {}) =>
    signIdToken(signing, { iss: 'https://nid.naver.com', aud: 'naver-client', sub: SUB, nickname: undefined, picture: undefined, email: undefined, auth_time: undefined, nonce, ...claims });
  const jwks = () => nock(NID).get('/oauth2/jwks').reply(200, { keys: [signing.jwk] });
  const me = () => nock('https://openapi.naver.com').get('/v1/nid/me').reply(200, fixture('naver/me.json'));

  async function start(s: NaverStrategy) {
    const session: Record<string, unknown> = {};
    const { url } = expectAction(await run(s, { session }), 'redirect');
    return { url: new URL(url), query: queryOf(url), session };
  }
  const finish = (s: NaverStrategy, login: { query: Record<string, string>; session: Record<string, unknown> }) => run(s, { query: { code: 'code', state: login.query['state'] }, session: login.session });

  it('redirects to /oauth2/authorize with openid, PKCE S256, a state and a nonce', async () => {
    const login = await start(strategy());
    expect(login.url.origin + login.url.pathname).to.equal('https://nid.naver.com/oauth2/authorize');
    expect(Object.keys(login.query).sort()).to.deep.equal(['client_id', 'code_challenge', 'code_challenge_method', 'nonce', 'redirect_uri', 'response_type', 'scope', 'state']);
    expect(login.query).to.include({ response_type: 'code', client_id: 'naver-client', scope: 'openid', code_challenge_method: 'S256' });
  });

  it('is also on with openid in the scope', async () => {
    const login = await start(strategy({ oidc: undefined, scope: ['openid', 'profile'] }));
    expect(login.query).to.include({ scope: 'openid profile', code_challenge_method: 'S256' });
  });

  it('exchanges the code at /oauth2/token with state, code_verifier and the secret, checks the ID token, and reads the profile from /v1/nid/me', async () => {
    const s = strategy();
    const login = await start(s);
    const stored = (login.session as Record<string, { state: { code_verifier: string } }>)['oauth2:nid.naver.com:naver:naver-client']!.state;
    nock(NID)
      .post('/oauth2/token', {
        grant_type: 'authorization_code',
        client_id: 'naver-client',
        client_secret: 'naver-secret',
        state: login.query['state']!,
        redirect_uri: 'https://app.example/cb',
        code_verifier: stored.code_verifier,
        code: 'code',
      })
      .reply(200, { access_token: 'AT', refresh_token: 'RT', token_type: 'bearer', expires_in: '3600', id_token: await naverToken(login.query['nonce']) });
    jwks();
    me();
    const profile = expectAction(await finish(s, login), 'success').user as NaverProfile;
    expect(profile.id).to.equal(JSON.parse(fixture('naver/me.json')).response.id);
    expect(profile.idToken).to.include({ iss: 'https://nid.naver.com', aud: 'naver-client', sub: SUB, nonce: login.query['nonce'] });
  });

  it('accepts a token without a nonce claim (that Naver echoes it is unconfirmed), but refuses one with another nonce', async () => {
    const s = strategy();
    const plain = await start(s);
    nock(NID).post('/oauth2/token').reply(200, { access_token: 'AT', refresh_token: 'RT', id_token: await naverToken(undefined) });
    jwks();
    me();
    expectAction(await finish(s, plain), 'success');
    const other = await start(s);
    nock(NID).post('/oauth2/token').reply(200, { access_token: 'AT', refresh_token: 'RT', id_token: await naverToken('nonce-of-another-login') });
    expect(expectAction(await finish(s, other), 'error').err).to.be.instanceOf(IdTokenError).and.include({ code: 'ERR_NONCE_MISMATCH', provider: 'naver' });
    expect(verified).to.have.length(1);
  });

  const forged: Array<[string, () => Promise<string | undefined>, string]> = [
    ['no ID token', async () => undefined, 'ERR_ID_TOKEN_MISSING'],
    ['another audience', async () => naverToken(undefined, { aud: 'someone-else' }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['another issuer', async () => naverToken(undefined, { iss: 'https://kauth.kakao.com' }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['an expired token', async () => naverToken(undefined, { iat: NOW() - 7200, exp: NOW() - 3600 }), 'ERR_JWT_EXPIRED'],
    ['iat in the future', async () => naverToken(undefined, { iat: NOW() + 3600 }), 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
  ];
  for (const [what, make, code] of forged) {
    it(`refuses ${what}; verify is not called`, async () => {
      const s = strategy();
      const login = await start(s);
      const token = await make();
      nock(NID).post('/oauth2/token').reply(200, { access_token: 'AT', refresh_token: 'RT', ...(token ? { id_token: token } : {}) });
      if (token) jwks();
      expect(expectAction(await finish(s, login), 'error').err).to.be.instanceOf(IdTokenError).and.include({ code });
      expect(verified).to.deep.equal([]);
    });
  }

  it("reads /oauth2/token's 401 invalid_client as a NaverTokenError", async () => {
    const s = strategy();
    const login = await start(s);
    nock(NID).post('/oauth2/token').reply(401, { error: 'invalid_client' });
    expect(expectAction(await finish(s, login), 'error').err).to.be.instanceOf(NaverTokenError).and.include({ code: 'invalid_client', status: 401, category: 'config' });
  });

  it('refreshes at /oauth2/token and revokes at /oauth2.0/revoke', async () => {
    const s = strategy();
    nock(NID).post('/oauth2/token', { grant_type: 'refresh_token', client_id: 'naver-client', client_secret: 'naver-secret', refresh_token: 'RT' }).reply(200, { access_token: 'AT2', token_type: 'bearer', expires_in: '3600' });
    expect(await s.refresh('RT')).to.deep.include({ accessToken: 'AT2', expiresIn: 3600 });
    nock(NID).post('/oauth2.0/revoke', { client_id: 'naver-client', client_secret: 'naver-secret', token: 'AT2', token_type_hint: 'access_token' }).reply(200, '');
    await s.revoke('AT2');
  });

  it('refuses PKCE without OpenID Connect, where Naver has none', () => {
    expect(() => strategy({ oidc: false, pkce: true })).to.throw(TypeError, 'PKCE needs OpenID Connect');
  });
});
