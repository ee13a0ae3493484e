// The token strategies against the emulator over real sockets: tokens from a
// real login at the emulated Kakao and Naver (what an SDK would hand the app),
// then the API login with them, including another app's tokens.
import { expect } from 'chai';
import { KakaoStrategy, NaverStrategy, type KakaoProfile, type KakaoTokenResponse, type NaverProfile, type VerifyCallback } from '../../lib/index.js';
import { KakaoTokenStrategy } from '../../lib/kakao/token-strategy.js';
import { NaverTokenStrategy } from '../../lib/naver/token-strategy.js';
import { DEFAULT_KAKAO_CLIENT, DEFAULT_NAVER_CLIENT, KAKAO_TEST_NATIVE_KEY, startEmulator, type Emulator } from '../../lib/testing/index.js';
import type { TokenFailure } from '../../lib/token-strategy.js';
import { login } from '../emulator-client.js';
import { expectAction, run } from '../helpers.js';

const KAKAO_APP_ID = 1_000_001;
const OTHER_KAKAO = { clientID: 'other-kakao-key', clientSecret: 'other-kakao-secret', redirectURIs: 'any' as const, appId: 2_000_002, openIdConnect: true };
const OTHER_NAVER = { clientID: 'other-naver-client', clientSecret: 'other-naver-secret', redirectURIs: 'any' as const };

describe('token strategies against the emulator', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ kakaoClients: [DEFAULT_KAKAO_CLIENT, OTHER_KAKAO], naverClients: [DEFAULT_NAVER_CLIENT, OTHER_NAVER] });
  });
  after(() => emulator.close());

  /** Logs `user` in to a Kakao app of the emulator with OpenID Connect and returns its tokens. */
  async function kakaoTokens(clientID: string, clientSecret: string, user = 'hong'): Promise<{ accessToken: string; idToken: string; nonce: string }> {
    let tokens: { accessToken: string; idToken: string } | undefined;
    const strategy = new KakaoStrategy(
      { clientID, clientSecret, callbackURL: 'http://app.example/cb', oidc: true, ...emulator.kakao },
      (accessToken: string, _rt: string, params: KakaoTokenResponse, profile: KakaoProfile, done: VerifyCallback) => {
        tokens = { accessToken, idToken: params.id_token! };
        done(null, profile);
      },
    );
    const nonce = `nonce-${clientID}-${user}`;
    const { outcome } = await login(strategy, 'approve', user, { nonce });
    expectAction(outcome, 'success');
    return { ...tokens!, nonce };
  }

  /** Logs `user` in to a Naver app of the emulator and returns the access token and the profile id. */
  async function naverToken(clientID: string, clientSecret: string, user = 'hong'): Promise<{ accessToken: string; id: string }> {
    let accessToken = '';
    const strategy = new NaverStrategy({ clientID, clientSecret, callbackURL: 'http://app.example/cb', ...emulator.naver }, (at, _rt, profile, done) => {
      accessToken = at;
      done(null, profile);
    });
    const { outcome } = await login(strategy, 'approve', user);
    return { accessToken, id: (expectAction(outcome, 'success').user as NaverProfile).id };
  }

  const kakaoTokenStrategy = (extra: object = {}) =>
    new KakaoTokenStrategy(
      {
        appId: KAKAO_APP_ID,
        clientID: DEFAULT_KAKAO_CLIENT.clientID,
        accessTokenInfoURL: emulator.kakao.accessTokenInfoURL,
        profileURL: emulator.kakao.profileURL,
        jwksURL: emulator.kakao.jwksURL,
        ...extra,
      },
      (_at, _rt, profile, done) => done(null, profile),
    );

  it("logs a Kakao user in with the access token and ID token of the app's own login", async () => {
    const { accessToken, idToken, nonce } = await kakaoTokens(DEFAULT_KAKAO_CLIENT.clientID, DEFAULT_KAKAO_CLIENT.clientSecret!);
    const outcome = expectAction(await run(kakaoTokenStrategy(), { method: 'POST', body: { access_token: accessToken, id_token: idToken, nonce } }), 'success');
    const profile = outcome.user as KakaoProfile;
    expect(profile.id).to.equal('1376016924429759228');
    expect(profile.displayName).to.equal('길동이');
    expect(profile.idToken).to.include({ sub: '1376016924429759228', aud: DEFAULT_KAKAO_CLIENT.clientID, nonce });
  });

  it("refuses another Kakao app's access token (wrong_app), and its ID token (aud)", async () => {
    const other = await kakaoTokens(OTHER_KAKAO.clientID, OTHER_KAKAO.clientSecret);
    const wrongApp = expectAction(await run(kakaoTokenStrategy(), { method: 'POST', body: { access_token: other.accessToken } }), 'fail');
    expect(wrongApp.challenge).to.include({ code: 'wrong_app', category: 'config' });
    expect((wrongApp.challenge as TokenFailure).message).to.include(String(OTHER_KAKAO.appId));

    const idOnly = kakaoTokenStrategy({ profileFrom: 'id_token', appId: undefined });
    const wrongAud = expectAction(await run(idOnly, { method: 'POST', body: { id_token: other.idToken } }), 'fail');
    expect(wrongAud.challenge).to.include({ code: 'invalid_id_token', reason: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
  });

  it("logs in with the tokens of an emulated Kakao SDK login: the ID token's aud is the native app key, accepted only when listed in audience", async () => {
    const sdk = await emulator.kakaoSdkLogin('hong', { appKey: KAKAO_TEST_NATIVE_KEY, nonce: 'sdk-nonce' });
    expect(sdk.idToken, 'the SDK login of an OpenID Connect app has an ID token').to.be.a('string');
    const body = { access_token: sdk.accessToken, id_token: sdk.idToken!, nonce: 'sdk-nonce' };
    const listed = kakaoTokenStrategy({ audience: [DEFAULT_KAKAO_CLIENT.clientID, KAKAO_TEST_NATIVE_KEY] });
    const profile = expectAction(await run(listed, { method: 'POST', body }), 'success').user as KakaoProfile;
    expect(profile.idToken).to.include({ aud: KAKAO_TEST_NATIVE_KEY, sub: '1376016924429759228', nonce: 'sdk-nonce' });
    const restOnly = expectAction(await run(kakaoTokenStrategy(), { method: 'POST', body }), 'fail');
    expect(restOnly.challenge).to.include({ code: 'invalid_id_token', reason: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
  });

  it('refuses an expired Kakao access token (-401 from access_token_info)', async () => {
    const { accessToken } = await kakaoTokens(DEFAULT_KAKAO_CLIENT.clientID, DEFAULT_KAKAO_CLIENT.clientSecret!, 'kim');
    emulator.expireAccessToken(accessToken);
    const outcome = expectAction(await run(kakaoTokenStrategy(), { method: 'POST', body: { access_token: accessToken } }), 'fail');
    expect(outcome.challenge).to.include({ code: 'invalid_token', category: 'login' });
  });

  it('builds the profile from the emulated ID token alone with profileFrom: id_token', async () => {
    const { idToken } = await kakaoTokens(DEFAULT_KAKAO_CLIENT.clientID, DEFAULT_KAKAO_CLIENT.clientSecret!);
    emulator.setFault('kakao', 'profile', { mode: 'drop' });
    emulator.setFault('kakao', 'tokenInfo', { mode: 'drop' });
    try {
      const idOnly = kakaoTokenStrategy({ profileFrom: 'id_token', appId: undefined });
      const outcome = expectAction(await run(idOnly, { method: 'POST', body: { id_token: idToken } }), 'success');
      expect(outcome.user).to.include({ id: '1376016924429759228', provider: 'kakao' });
    } finally {
      emulator.clearFaults();
    }
  });

  it("logs a Naver user in with an access token, and cannot refuse another app's token (Naver has no app check)", async () => {
    const own = await naverToken(DEFAULT_NAVER_CLIENT.clientID, DEFAULT_NAVER_CLIENT.clientSecret!);
    const strategy = new NaverTokenStrategy({ profileURL: emulator.naver.profileURL }, (_at, _rt, profile, done) => done(null, profile));
    const mine = expectAction(await run(strategy, { method: 'POST', body: { access_token: own.accessToken } }), 'success').user as NaverProfile;
    expect(mine.id).to.equal(own.id);

    // Naver cannot say which app a token is for (§C12): the other app's token
    // for the same person is accepted, with the id that app sees, which is not
    // this app's id for that person (ids are per app, §A5), so it cannot sign
    // in to this person's account by id.
    const other = await naverToken(OTHER_NAVER.clientID, OTHER_NAVER.clientSecret);
    const theirs = expectAction(await run(strategy, { method: 'POST', body: { access_token: other.accessToken } }), 'success').user as NaverProfile;
    expect(theirs.id).to.equal(other.id);
    expect(theirs.id).to.match(/^[A-Za-z0-9_-]{1,64}$/);
    expect(theirs.id).to.not.equal(mine.id);
  });

  it('refuses an expired Naver access token (024)', async () => {
    const { accessToken } = await naverToken(DEFAULT_NAVER_CLIENT.clientID, DEFAULT_NAVER_CLIENT.clientSecret!, 'kim');
    emulator.expireAccessToken(accessToken);
    const strategy = new NaverTokenStrategy({ profileURL: emulator.naver.profileURL }, (_at, _rt, profile, done) => done(null, profile));
    const outcome = expectAction(await run(strategy, { method: 'POST', body: { access_token: accessToken } }), 'fail');
    expect(outcome.challenge).to.include({ code: 'invalid_token', provider: 'naver' });
  });
});
