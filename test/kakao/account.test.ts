// The account's whole life at the wire (issue 14 §2-4): admin-key unlink,
// consent that grows (requiredItems, reconsentOptions, the consent APIs) and
// logging out of the Kakao Account; and what a -402 tells the app (issue 10 §4).
import { expect } from 'chai';
import nock from 'nock';
import { KakaoAPIError, KakaoStrategy, NaverStrategy, type KakaoStrategyOptions } from '../../lib/index.js';
import { fixture } from '../fixtures.js';
import { callbackRequest, expectAction, rejection, run, shownOf } from '../helpers.js';

const KAPI = 'https://kapi.kakao.com';
const ADMIN_KEY = 'admin-key-3e1f0c9b7a';
const ACCESS = 'ACCESS-TOKEN-0a1b2c';

const kakao = (extra: Partial<KakaoStrategyOptions> = {}) =>
  new KakaoStrategy({ clientID: 'kakao-rest-key', clientSecret: 'kakao-secret', callbackURL: 'https://app.example/cb', ...extra } as KakaoStrategyOptions, (_a, _r, p, d) => d(null, p));

describe('Kakao: the account after the login', () => {
  it('works on the per-request copy passport makes with Object.create (no #private members)', async () => {
    nock(KAPI, { reqheaders: { authorization: `Bearer ${ACCESS}` } }).post('/v1/user/logout').reply(200, '{"id":42}', { 'Content-Type': 'application/json' });
    const copy = Object.create(kakao()) as KakaoStrategy;
    expect(await copy.logout(ACCESS)).to.deep.equal({ id: '42' });
  });

  describe('unlinkUser() with the admin key', () => {
    it('sends KakaoAK and the user number in the form, and resolves with the exact id', async () => {
      nock(KAPI, { reqheaders: { authorization: `KakaoAK ${ADMIN_KEY}`, 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' } })
        .post('/v1/user/unlink', 'target_id_type=user_id&target_id=1376016924429759228')
        .reply(200, '{"id":1376016924429759228}', { 'Content-Type': 'application/json' });
      expect(await kakao().unlinkUser('1376016924429759228', ADMIN_KEY)).to.deep.equal({ id: '1376016924429759228', alreadyUnlinked: false });
    });

    it('resolves with alreadyUnlinked for a user who is no longer linked (-101), not an error', async () => {
      nock(KAPI).post('/v1/user/unlink').reply(400, { msg: 'NotRegisteredUserException', code: -101 });
      expect(await kakao().unlinkUser('4242', ADMIN_KEY)).to.deep.equal({ id: '4242', alreadyUnlinked: true });
    });

    it('rejects other errors with a KakaoAPIError that never shows the admin key', async () => {
      nock(KAPI).post('/v1/user/unlink').reply(403, { msg: `admin key ${ADMIN_KEY} is not allowed to call this API`, code: -3 });
      const err = await rejection(kakao().unlinkUser('4242', ADMIN_KEY));
      expect(err).to.be.instanceOf(KakaoAPIError).and.include({ code: -3, status: 403, category: 'config' });
      expect(shownOf(err)).not.to.contain(ADMIN_KEY);
    });

    it('refuses a user id that is not decimal digits, or no admin key, before any request', async () => {
      for (const [id, key] of [['12a', ADMIN_KEY], ['', ADMIN_KEY], [1234, ADMIN_KEY], ['1234', ''], ['1234', undefined]] as const) {
        expect(await rejection(kakao().unlinkUser(id as never, key as never))).to.be.instanceOf(TypeError);
      }
    });
  });

  describe('consent that grows', () => {
    const declinedEmail = () => {
      const user = JSON.parse(fixture('kakao/me.json')) as { kakao_account: Record<string, unknown> };
      delete user.kakao_account['email'];
      user.kakao_account['email_needs_agreement'] = true;
      return JSON.stringify(user).replace('1376016924429759000', '1376016924429759228');
    };
    const login = async (strategy: KakaoStrategy, me: string) => {
      nock('https://kauth.kakao.com').post('/oauth/token').reply(200, { access_token: ACCESS, refresh_token: 'RT', token_type: 'bearer' });
      nock(KAPI).get('/v2/user/me').query(true).reply(200, me, { 'Content-Type': 'application/json' });
      return run(strategy, callbackRequest(strategy, { code: 'c', state: 's' }));
    };

    it('a login whose profile lacks a required item fails with consent_required and the missing items; verify is not called', async () => {
      let verified = 0;
      const strategy = new KakaoStrategy({ clientID: 'k', requiredItems: ['account_email', 'profile_nickname'] }, (_a, _r, p, d) => {
        verified++;
        d(null, p);
      });
      const outcome = expectAction(await login(strategy, declinedEmail()), 'fail');
      expect(outcome.challenge).to.deep.equal({
        message: 'The user did not agree to share account_email, which this app requires',
        code: 'consent_required',
        category: 'consent',
        provider: 'kakao',
        missing: ['account_email'],
      });
      expect(verified).to.equal(0);
    });

    it('a login with every required item goes on to verify', async () => {
      const strategy = kakao({ requiredItems: ['account_email', 'profile_nickname', 'profile_image', 'gender'] });
      expectAction(await login(strategy, fixture('kakao/me.json')), 'success');
    });

    it('reconsentOptions() asks for exactly the missing items, keeping openid with OpenID Connect', () => {
      expect(kakao().reconsentOptions(['account_email'])).to.deep.equal({ scope: ['account_email'] });
      expect(kakao({ oidc: true }).reconsentOptions({ missing: ['account_email', 'phone_number'] })).to.deep.equal({ scope: ['account_email', 'phone_number', 'openid'] });
      const insufficient = new KakaoAPIError('insufficient scopes.', -402, 403, { requiredScopes: ['friends'], allowedScopes: ['profile'], apiType: 'FRIENDS' });
      expect(kakao().reconsentOptions(insufficient)).to.deep.equal({ scope: ['friends'] });
      expect(() => kakao().reconsentOptions([])).to.throw(TypeError);
    });

    it('a -402 from the API keeps what Kakao sent: requiredScopes, allowedScopes, apiType', async () => {
      nock(KAPI).post('/v1/user/logout').reply(403, { msg: 'insufficient scopes.', code: -402, api_type: 'FRIENDS', required_scopes: ['friends'], allowed_scopes: ['profile'] });
      const err = await rejection(kakao().logout(ACCESS));
      expect(err).to.be.instanceOf(KakaoAPIError).and.deep.include({ code: -402, status: 403, requiredScopes: ['friends'], allowedScopes: ['profile'], apiType: 'FRIENDS', category: 'consent' });
    });

    it('scopes() reads the consent items, optionally only some, with the token in the header', async () => {
      const body = '{"id":1376016924429759228,"scopes":[{"id":"profile","display_name":"프로필 정보(닉네임/프로필 사진)","type":"PRIVACY","using":true,"agreed":true,"revocable":false},{"id":"account_email","display_name":"카카오계정(이메일)","type":"PRIVACY","using":true,"agreed":true,"revocable":true}]}';
      nock(KAPI, { reqheaders: { authorization: `Bearer ${ACCESS}` } }).get('/v2/user/scopes').reply(200, body, { 'Content-Type': 'application/json' });
      const all = await kakao().scopes(ACCESS);
      expect(all.id).to.equal('1376016924429759228');
      expect(all.scopes.map((s) => [s.id, s.agreed, s.revocable])).to.deep.equal([['profile', true, false], ['account_email', true, true]]);
      nock(KAPI).get('/v2/user/scopes').query({ scopes: '["account_email"]' }).reply(200, body, { 'Content-Type': 'application/json' });
      expect((await kakao().scopes(ACCESS, ['account_email'])).scopes).to.have.length(2);
    });

    it('revokeScopes() posts the JSON list and resolves with the items afterwards; a required item is -3', async () => {
      nock(KAPI, { reqheaders: { authorization: `Bearer ${ACCESS}` } })
        .post('/v2/user/revoke/scopes', 'scopes=%5B%22account_email%22%5D')
        .reply(200, { id: 42, scopes: [{ id: 'account_email', display_name: '카카오계정(이메일)', type: 'PRIVACY', using: true, agreed: false }] });
      const after = await kakao().revokeScopes(ACCESS, ['account_email']);
      expect(after).to.deep.equal({ id: '42', scopes: [{ id: 'account_email', display_name: '카카오계정(이메일)', type: 'PRIVACY', using: true, agreed: false }] });
      nock(KAPI).post('/v2/user/revoke/scopes').reply(403, { msg: "[profile] is not revocable. check out if it's set as required on developers.kakao.com", code: -3 });
      expect(await rejection(kakao().revokeScopes(ACCESS, ['profile']))).to.include({ code: -3, category: 'config' });
      for (const bad of [[], [''], ['a b'], 'account_email']) expect(await rejection(kakao().revokeScopes(ACCESS, bad as never))).to.be.instanceOf(TypeError);
    });
  });

  describe('logoutURL()', () => {
    it("builds Kakao's account logout page with client_id, logout_redirect_uri and state", () => {
      const url = new URL(kakao().logoutURL({ logoutRedirectURI: 'https://app.example/logged-out', state: 'st-1' }));
      expect(url.origin + url.pathname).to.equal('https://kauth.kakao.com/oauth/logout');
      expect(Object.fromEntries(url.searchParams)).to.deep.equal({ client_id: 'kakao-rest-key', logout_redirect_uri: 'https://app.example/logged-out', state: 'st-1' });
    });

    it('uses accountLogoutURL for an emulator, and needs a redirect URI', () => {
      expect(kakao({ accountLogoutURL: 'http://127.0.0.1:9/kakao/oauth/logout' }).logoutURL({ logoutRedirectURI: 'http://localhost/out' })).to.equal(
        'http://127.0.0.1:9/kakao/oauth/logout?client_id=kakao-rest-key&logout_redirect_uri=http%3A%2F%2Flocalhost%2Fout',
      );
      expect(() => kakao().logoutURL({} as never)).to.throw(TypeError);
    });
  });
});

describe('Naver: the account after the login', () => {
  const naver = (requiredItems?: string[]) =>
    new NaverStrategy({ clientID: 'n', clientSecret: 's', ...(requiredItems ? { requiredItems } : {}) }, (_a, _r, p, d) => d(null, p));

  it('a login whose profile lacks a required field fails with consent_required', async () => {
    const strategy = naver(['email', 'mobile']);
    nock('https://nid.naver.com').post('/oauth2.0/token').reply(200, { access_token: ACCESS, refresh_token: 'RT', token_type: 'bearer', expires_in: '3600' });
    nock('https://openapi.naver.com').get('/v1/nid/me').reply(200, { resultcode: '00', message: 'success', response: { id: 'naver-id', email: 'a@naver.com' } });
    const outcome = expectAction(await run(strategy, callbackRequest(strategy, { code: 'c', state: 's' })), 'fail');
    expect(outcome.challenge).to.deep.include({ code: 'consent_required', category: 'consent', provider: 'naver', missing: ['mobile'] });
  });

  it('reconsentOptions() asks Naver to show the consent screen again', () => {
    expect(naver().reconsentOptions({ missing: ['mobile'] })).to.deep.equal({ authType: 'reprompt' });
  });

  it('revoking a token that is already revoked resolves, as Naver answers it with 200', async () => {
    nock('https://nid.naver.com').post('/oauth2.0/revoke').reply(200, '');
    await naver().revoke(ACCESS);
  });
});
