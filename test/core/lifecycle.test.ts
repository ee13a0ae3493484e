// Token lifecycle at the wire: refresh, Naver revoke (both forms), Kakao logout, unlink and token info.
import { expect } from 'chai';
import nock from 'nock';
import passport from 'passport';
import refresh from 'passport-oauth2-refresh';
import { KakaoAPIError, KakaoStrategy, KakaoTokenError, NaverStrategy, ProviderRequestError, TokenError } from '../../lib/index.js';
import { rejection } from '../helpers.js';

const NAVER_SECRET = 'naver-secret-Lc02';
const KAKAO_SECRET = 'kakao-secret-Qa77';
const naver = () => new NaverStrategy({ clientID: 'naver-client', clientSecret: NAVER_SECRET }, (_at, _rt, _p, done) => done(null, {}));
const kakao = (clientSecret?: string) => new KakaoStrategy(clientSecret ? { clientID: 'kakao-key', clientSecret } : { clientID: 'kakao-key' }, (_at, _rt, _p, done) => done(null, {}));


describe('token lifecycle', () => {
  describe('refresh()', () => {
    it('Naver: sends grant_type, client_id, client_secret, refresh_token; the answer has no new refresh token', async () => {
      nock('https://nid.naver.com')
        .matchHeader('content-type', 'application/x-www-form-urlencoded')
        .post('/oauth2.0/token', { grant_type: 'refresh_token', client_id: 'naver-client', client_secret: NAVER_SECRET, refresh_token: 'RT+/=' })
        .reply(200, '{"access_token":"AT2","token_type":"bearer","expires_in":"3600"}');
      expect(await naver().refresh('RT+/=')).to.deep.equal({
        accessToken: 'AT2',
        expiresIn: 3600,
        params: { access_token: 'AT2', token_type: 'bearer', expires_in: 3600 },
      });
    });

    it("Naver: rejects with a TokenError for Naver's HTTP 200 error", async () => {
      nock('https://nid.naver.com').post('/oauth2.0/token').reply(200, '{"error":"invalid_request","error_description":"invalid refresh_token"}');
      const err = await rejection(naver().refresh('stale'));
      expect(err).to.be.instanceOf(TokenError);
      expect(err).to.include({ code: 'invalid_request', message: 'invalid refresh_token', status: 400 });
    });

    it('Kakao: sends no client_secret when none is set, and returns the new refresh token when Kakao rotates it', async () => {
      nock('https://kauth.kakao.com')
        .matchHeader('content-type', 'application/x-www-form-urlencoded;charset=utf-8')
        .post('/oauth/token', { grant_type: 'refresh_token', client_id: 'kakao-key', refresh_token: 'RT1' })
        .reply(200, '{"token_type":"bearer","access_token":"AT2","expires_in":21599,"refresh_token":"RT2","refresh_token_expires_in":5183999}');
      const set = await kakao().refresh('RT1');
      expect(set).to.include({ accessToken: 'AT2', refreshToken: 'RT2', expiresIn: 21599, refreshTokenExpiresIn: 5183999 });
    });

    it('Kakao: sends client_secret when set, and rejects KOE322 with a KakaoTokenError', async () => {
      nock('https://kauth.kakao.com')
        .post('/oauth/token', { grant_type: 'refresh_token', client_id: 'kakao-key', client_secret: KAKAO_SECRET, refresh_token: 'dead' })
        .reply(400, '{"error":"invalid_grant","error_description":"expired_or_invalid_refresh_token","error_code":"KOE322"}');
      const err = await rejection(kakao(KAKAO_SECRET).refresh('dead'));
      expect(err).to.be.instanceOf(KakaoTokenError);
      expect(err).to.include({ code: 'invalid_grant', errorCode: 'KOE322', status: 400 });
    });

    it('rejects an empty refresh token without a request', async () => {
      expect(await rejection(kakao().refresh(''))).to.be.instanceOf(TypeError);
    });
  });

  describe('with passport-oauth2-refresh', () => {
    const strategy = naver();
    before(() => {
      passport.use('naver-refresh', strategy);
      refresh.use('naver-refresh', strategy);
    });

    const request = (token: string) =>
      new Promise<{ err: unknown; accessToken?: string; params?: unknown }>((resolve) =>
        refresh.requestNewAccessToken('naver-refresh', token, (err, accessToken, _refreshToken, params) => resolve({ err, accessToken, params })),
      );

    it('gets a new access token through the same token client', async () => {
      nock('https://nid.naver.com')
        .post('/oauth2.0/token', { grant_type: 'refresh_token', client_id: 'naver-client', client_secret: NAVER_SECRET, refresh_token: 'RT' })
        .reply(200, '{"access_token":"AT3","token_type":"bearer","expires_in":"3600"}');
      const { err, accessToken, params } = await request('RT');
      expect(err).to.equal(null);
      expect(accessToken).to.equal('AT3');
      expect(params).to.deep.equal({ access_token: 'AT3', token_type: 'bearer', expires_in: 3600 });
    });

    it("keeps Naver's 200-error mapping", async () => {
      nock('https://nid.naver.com').post('/oauth2.0/token').reply(200, '{"error":"invalid_request","error_description":"invalid refresh_token"}');
      const { err } = await request('stale');
      expect(err).to.be.instanceOf(TokenError);
      expect(err).to.include({ code: 'invalid_request', message: 'invalid refresh_token' });
    });
  });

  describe('Naver revoke()', () => {
    it('posts client_id, client_secret, token and token_type_hint to the revoke endpoint, and trusts an empty 200', async () => {
      nock('https://nid.naver.com')
        .matchHeader('content-type', 'application/x-www-form-urlencoded')
        .post('/oauth2.0/revoke', { token: 'AT+/=', client_id: 'naver-client', client_secret: NAVER_SECRET, token_type_hint: 'access_token' })
        .reply(200, '');
      expect(await naver().revoke('AT+/=')).to.equal(undefined);
    });

    it('sends token_type_hint=refresh_token for a refresh token', async () => {
      nock('https://nid.naver.com')
        .post('/oauth2.0/revoke', { token: 'RT', client_id: 'naver-client', client_secret: NAVER_SECRET, token_type_hint: 'refresh_token' })
        .reply(200, '');
      await naver().revoke('RT', { tokenTypeHint: 'refresh_token' });
    });

    it('rejects a 401 unauthorized_client with a TokenError that keeps the status', async () => {
      nock('https://nid.naver.com').post('/oauth2.0/revoke').reply(401, '{"error":"unauthorized_client","error_description":"Client authentication failed."}');
      const err = await rejection(naver().revoke('AT'));
      expect(err).to.be.instanceOf(TokenError);
      expect(err).to.include({ code: 'unauthorized_client', message: 'Client authentication failed.', status: 401 });
    });

    it('rejects a 503 HTML page with a ProviderRequestError', async () => {
      nock('https://nid.naver.com').post('/oauth2.0/revoke').reply(503, '<html>busy</html>', { 'Content-Type': 'text/html' });
      const err = await rejection(naver().revoke('AT'));
      expect(err).to.be.instanceOf(ProviderRequestError);
      expect(err.message).to.equal('Naver revoke request answered HTTP 503 (text/html)');
    });

    it("with method 'delete', sends the legacy form and resolves only on result success", async () => {
      nock('https://nid.naver.com')
        .post('/oauth2.0/token', { grant_type: 'delete', client_id: 'naver-client', client_secret: NAVER_SECRET, access_token: 'AT+/=', service_provider: 'NAVER' })
        .reply(200, '{"access_token":"AT+/=","result":"success"}');
      await naver().revoke('AT+/=', { method: 'delete' });
    });

    it("with method 'delete', rejects Naver's error body and an answer without success", async () => {
      nock('https://nid.naver.com').post('/oauth2.0/token').reply(200, '{"error":"invalid_request","error_description":"service_provider is missing"}');
      const err = await rejection(naver().revoke('AT', { method: 'delete' }));
      expect(err).to.be.instanceOf(TokenError);
      expect(err).to.include({ code: 'invalid_request', message: 'service_provider is missing' });
      nock('https://nid.naver.com').post('/oauth2.0/token').reply(200, '{"result":"fail"}');
      expect((await rejection(naver().revoke('AT', { method: 'delete' }))).message).to.equal('Naver delete request answered HTTP 200 without result "success"');
    });
  });

  describe('Kakao logout(), unlink() and accessTokenInfo()', () => {
    const api = () => nock('https://kapi.kakao.com', { reqheaders: { authorization: 'Bearer AT' } });

    it('logout posts with the Bearer header and resolves to the exact id', async () => {
      api().post('/v1/user/logout').reply(200, '{"id":1376016924429759228}');
      expect(await kakao().logout('AT')).to.deep.equal({ id: '1376016924429759228' });
    });

    it('unlink posts with the Bearer header and resolves to the id', async () => {
      api().post('/v1/user/unlink').reply(200, '{"id":123456789}');
      expect(await kakao().unlink('AT')).to.deep.equal({ id: '123456789' });
    });

    it('rejects -401 with a KakaoAPIError', async () => {
      api().post('/v1/user/unlink').reply(401, '{"msg":"this access token does not exist","code":-401}');
      const err = await rejection(kakao().unlink('AT'));
      expect(err).to.be.instanceOf(KakaoAPIError);
      expect(err).to.include({ code: -401, status: 401 });
    });

    it('accessTokenInfo reads id, expires_in and app_id', async () => {
      api().get('/v1/user/access_token_info').reply(200, '{"id":123456789,"expires_in":7199,"app_id":1234}');
      expect(await kakao().accessTokenInfo('AT')).to.deep.equal({ id: '123456789', expiresIn: 7199, appId: 1234 });
    });

    it('rejects an answer without an id', async () => {
      api().post('/v1/user/logout').reply(200, '{}');
      expect((await rejection(kakao().logout('AT'))).message).to.equal('Kakao logout request answered without a user id');
    });
  });
});
