import { createHash } from 'node:crypto';
import { expect } from 'chai';
import nock from 'nock';
import {
  KakaoAPIError,
  KakaoStrategy,
  KakaoTokenError,
  ProviderRequestError,
  TokenError,
  type KakaoProfile,
  type KakaoStrategyOptions,
} from '../../lib/index.js';
import { fixture } from '../fixtures.js';
import { expectAction, queryOf, run } from '../helpers.js';

// PKCE (on by default) has its own tests in hardening.test.ts; these keep the plain exchange.
const options: KakaoStrategyOptions = {
  clientID: 'kakao-rest-key',
  callbackURL: 'https://app.example/oauth2/redirect/kakao',
  pkce: false,
};
const SECRET = 'kakao-secret-Pw93';
const ACCESS_TOKEN = 'Nd0Fq6tsVBK1vYPCZHOaQ4rPp2TW7y6GAAAAAQorDR4AAAGRnzOyb2nOxSnPQ3Mt';
const REFRESH_TOKEN = 'Gy5fXk_8xWvTr7lE4WGhk3qZ_pLrJ0EuAAAAAgorDR4AAAGRnzOyamnOxSnPQ3Mt';
const SESSION_KEY = 'oauth2:kauth.kakao.com:kakao:kakao-rest-key';

function echoStrategy(extra: Partial<KakaoStrategyOptions> = {}): KakaoStrategy {
  return new KakaoStrategy({ ...options, ...extra }, (accessToken, refreshToken, profile, done) => {
    done(null, { accessToken, refreshToken, profile });
  });
}

function callback(query: Record<string, unknown> = { code: 'auth-code', state: 'state-123' }) {
  return { query, session: { [SESSION_KEY]: { state: { handle: 'state-123' } } } };
}

/** Kakao's token endpoint, expecting exactly these form fields. */
function tokenEndpoint(fields: Record<string, string>) {
  return nock('https://kauth.kakao.com')
    .matchHeader('content-type', 'application/x-www-form-urlencoded;charset=utf-8')
    .matchHeader('accept', 'application/json')
    .post('/oauth/token', fields);
}

const CODE_FIELDS = {
  grant_type: 'authorization_code',
  client_id: 'kakao-rest-key',
  code: 'auth-code',
  redirect_uri: 'https://app.example/oauth2/redirect/kakao',
};

function profileEndpoint() {
  return nock('https://kapi.kakao.com', { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } })
    .get('/v2/user/me')
    .query({ secure_resource: 'true' });
}

describe('KakaoStrategy', () => {
  describe('constructed', () => {
    it('is named kakao', () => {
      expect(echoStrategy().name).to.equal('kakao');
    });

    it('takes another name from the name option', () => {
      expect(echoStrategy({ name: 'kakao-admin' }).name).to.equal('kakao-admin');
    });

    it('throws a TypeError naming clientID when it is missing', () => {
      expect(() => new KakaoStrategy({ callbackURL: '/cb' } as KakaoStrategyOptions, () => undefined)).to.throw(TypeError, 'clientID');
    });

    it('throws a TypeError when the verify callback is missing', () => {
      expect(() => new KakaoStrategy(options, undefined as unknown as () => void)).to.throw(TypeError, 'verify');
    });

    it('throws a TypeError for a timeout that is not a positive number', () => {
      expect(() => echoStrategy({ timeout: 0 })).to.throw(TypeError, 'timeout');
    });

    it('throws a TypeError for PKCE with state turned off', () => {
      expect(() => echoStrategy({ pkce: true, state: false })).to.throw(TypeError);
    });
  });

  describe('authorization request', () => {
    it('redirects to Kakao with response_type, client_id, redirect_uri, comma-joined scope and state', async () => {
      const session: Record<string, { state: { handle: string } }> = {};
      const outcome = expectAction(await run(echoStrategy({ scope: ['profile_nickname', 'account_email'] }), { session }), 'redirect');
      expect(outcome.url.split('?')[0]).to.equal('https://kauth.kakao.com/oauth/authorize');
      expect(queryOf(outcome.url)).to.deep.equal({
        response_type: 'code',
        client_id: 'kakao-rest-key',
        redirect_uri: 'https://app.example/oauth2/redirect/kakao',
        scope: 'profile_nickname,account_email',
        state: session[SESSION_KEY]!.state.handle,
      });
    });

    it('sends no state when state is turned off', async () => {
      const outcome = expectAction(await run(echoStrategy({ state: false }), {}), 'redirect');
      expect(queryOf(outcome.url)).to.deep.equal({
        response_type: 'code',
        client_id: 'kakao-rest-key',
        redirect_uri: 'https://app.example/oauth2/redirect/kakao',
      });
    });

    it('maps prompt (joined with commas), loginHint, serviceTerms and scope per request', async () => {
      const outcome = expectAction(
        await run(echoStrategy(), { session: {} }, {
          prompt: ['login', 'select_account'],
          loginHint: 'user@example.com',
          serviceTerms: ['terms_a', 'terms_b'],
          scope: ['friends', 'talk_message'],
          successRedirect: '/',
          failureRedirect: '/login',
          failureMessage: true,
        }),
        'redirect',
      );
      const query = queryOf(outcome.url);
      expect(query).to.include({
        prompt: 'login,select_account',
        login_hint: 'user@example.com',
        service_terms: 'terms_a,terms_b',
        scope: 'friends,talk_message',
      });
      expect(Object.keys(query).sort()).to.deep.equal(['client_id', 'login_hint', 'prompt', 'redirect_uri', 'response_type', 'scope', 'service_terms', 'state']);
    });

    it('sends an S256 code challenge with pkce: true', async () => {
      const session: Record<string, { state: { handle: string; code_verifier: string } }> = {};
      const outcome = expectAction(await run(echoStrategy({ pkce: true }), { session }), 'redirect');
      const query = queryOf(outcome.url);
      const { handle, code_verifier: verifier } = session[SESSION_KEY]!.state;
      expect(query['state']).to.equal(handle);
      expect(query['code_challenge_method']).to.equal('S256');
      expect(query['code_challenge']).to.equal(createHash('sha256').update(verifier).digest('base64url'));
    });
  });

  describe('callback carrying an error', () => {
    it('fails with "User denied access" when the user pressed Cancel', async () => {
      const outcome = expectAction(await run(echoStrategy(), callback({ error: 'access_denied', error_description: 'User denied access' })), 'fail');
      expect(outcome.challenge).to.deep.equal({ message: 'User denied access', code: 'access_denied', category: 'consent', provider: 'kakao' });
    });

    it('fails with consent_required after prompt=none, so failureRedirect can start an interactive login', async () => {
      const outcome = expectAction(
        await run(echoStrategy(), callback({ error: 'consent_required', error_description: 'user consent required.', state: 'state-123' })),
        'fail',
      );
      expect(outcome.challenge).to.deep.equal({ message: 'user consent required.', code: 'consent_required', category: 'consent', provider: 'kakao' });
    });

    it('fails an error without a description, naming the code', async () => {
      const outcome = expectAction(await run(echoStrategy(), callback({ error: 'invalid_scope' })), 'fail');
      expect(outcome.challenge).to.deep.equal({ message: 'invalid_scope', code: 'invalid_scope', category: 'config', provider: 'kakao' });
    });

    it('fails a malformed error parameter with a generic message', async () => {
      const outcome = expectAction(await run(echoStrategy(), callback({ error: ['a', 'b'] })), 'fail');
      expect(outcome.challenge).to.deep.equal({ message: 'Kakao sent back an error without a description', code: 'invalid_request', category: 'config', provider: 'kakao' });
    });
  });

  describe('callback with a bad state', () => {
    it('fails without a token request when the state does not match', async () => {
      const outcome = expectAction(await run(echoStrategy(), callback({ code: 'auth-code', state: 'other' })), 'fail');
      expect(outcome.challenge).to.deep.equal({ message: 'Invalid authorization request state.', code: 'invalid_state', category: 'login', provider: 'kakao' });
    });

    it('fails without a token request when there is no session state', async () => {
      const outcome = expectAction(await run(echoStrategy(), { query: { code: 'auth-code', state: 'state-123' }, session: {} }), 'fail');
      expect(outcome.challenge).to.deep.equal({ message: 'Unable to verify authorization request state.', code: 'invalid_state', category: 'login', provider: 'kakao' });
    });
  });

  describe('callback with a valid code', () => {
    it('sends no client_secret field at all when none is configured, then succeeds', async () => {
      tokenEndpoint(CODE_FIELDS).reply(200, fixture('kakao/token.json'), { 'Content-Type': 'application/json;charset=UTF-8' });
      profileEndpoint().reply(200, fixture('kakao/me.json'), { 'Content-Type': 'application/json;charset=UTF-8' });
      const outcome = expectAction(await run(echoStrategy(), callback()), 'success');
      const user = outcome.user as { accessToken: string; refreshToken: string; profile: KakaoProfile };
      expect(user.accessToken).to.equal(ACCESS_TOKEN);
      expect(user.refreshToken).to.equal(REFRESH_TOKEN);
    });

    it('treats an empty clientSecret as none', async () => {
      tokenEndpoint(CODE_FIELDS).reply(200, fixture('kakao/token.json'));
      profileEndpoint().reply(200, fixture('kakao/me.json'));
      expectAction(await run(echoStrategy({ clientSecret: '' }), callback()), 'success');
    });

    it('sends client_secret when one is configured', async () => {
      tokenEndpoint({ ...CODE_FIELDS, client_secret: SECRET }).reply(200, fixture('kakao/token.json'));
      profileEndpoint().reply(200, fixture('kakao/me.json'));
      expectAction(await run(echoStrategy({ clientSecret: SECRET }), callback()), 'success');
    });

    it('builds the profile with the exact 64-bit id, consented fields and the raw body', async () => {
      tokenEndpoint(CODE_FIELDS).reply(200, fixture('kakao/token.json'));
      profileEndpoint().reply(200, fixture('kakao/me.json'));
      const outcome = expectAction(await run(echoStrategy(), callback()), 'success');
      const { profile } = outcome.user as { profile: KakaoProfile };
      expect(profile).to.deep.equal({
        provider: 'kakao',
        id: '1376016924429759228',
        displayName: '홍길동',
        username: '홍길동',
        emails: [{ value: 'sample@sample.com', verified: true }],
        photos: [{ value: 'https://k.kakaocdn.net/dn/profile/img_640x640.jpg' }],
        _raw: fixture('kakao/me.json'),
        _json: JSON.parse(fixture('kakao/me.json')),
      });
    });

    it('gives a 5-argument verify the token response as sent', async () => {
      tokenEndpoint(CODE_FIELDS).reply(200, fixture('kakao/token.json'));
      profileEndpoint().reply(200, fixture('kakao/me.json'));
      let received: unknown;
      const strategy = new KakaoStrategy(options, (_at: string, _rt: string | undefined, params: object, _p: KakaoProfile, done: (e: null, u: object) => void) => {
        received = params;
        done(null, {});
      });
      expectAction(await run(strategy, callback()), 'success');
      expect(received).to.deep.equal(JSON.parse(fixture('kakao/token.json')));
    });

    it('sends the code_verifier kept by the PKCE store', async () => {
      const session = { [SESSION_KEY]: { state: { handle: 'state-123', code_verifier: 'verifier-abc' } } };
      tokenEndpoint({ ...CODE_FIELDS, code_verifier: 'verifier-abc' }).reply(200, fixture('kakao/token.json'));
      profileEndpoint().reply(200, fixture('kakao/me.json'));
      expectAction(await run(echoStrategy({ pkce: true }), { query: { code: 'auth-code', state: 'state-123' }, session }), 'success');
    });

    it('keeps the secure_resource already in an overridden profileURL', async () => {
      tokenEndpoint(CODE_FIELDS).reply(200, fixture('kakao/token.json'));
      nock('http://127.0.0.1:9100').get('/me').query({ secure_resource: 'false' }).reply(200, fixture('kakao/me.json'));
      expectAction(await run(echoStrategy({ profileURL: 'http://127.0.0.1:9100/me?secure_resource=false' }), callback()), 'success');
    });
  });

  describe('token endpoint errors', () => {
    it('turns a 400 KOE320 into a KakaoTokenError with code, errorCode, message and status; no profile request', async () => {
      tokenEndpoint(CODE_FIELDS).reply(400, fixture('kakao/token-error-KOE320.json'));
      const profile = profileEndpoint().reply(200, fixture('kakao/me.json'));
      const { err } = expectAction(await run(echoStrategy(), callback()), 'error');
      expect(err).to.be.instanceOf(KakaoTokenError);
      expect(err).to.be.instanceOf(TokenError);
      expect(err).to.include({
        name: 'KakaoTokenError',
        code: 'invalid_grant',
        errorCode: 'KOE320',
        status: 400,
        message: 'authorization code not found for code=used-code',
      });
      expect(profile.isDone()).to.equal(false);
      nock.cleanAll();
    });

    it('turns a 401 KOE010 (wrong client secret) into a KakaoTokenError with status 401', async () => {
      tokenEndpoint({ ...CODE_FIELDS, client_secret: SECRET }).reply(401, fixture('kakao/token-error-KOE010.json'));
      const { err } = expectAction(await run(echoStrategy({ clientSecret: SECRET }), callback()), 'error');
      expect(err).to.include({ code: 'invalid_client', errorCode: 'KOE010', status: 401, message: 'Bad client credentials' });
      expect(String(err.stack)).not.to.include(SECRET);
    });

    it('reports an HTML 502 page as an answer that is not JSON', async () => {
      tokenEndpoint(CODE_FIELDS).reply(502, '<html>Bad Gateway</html>', { 'Content-Type': 'text/html;charset=utf-8' });
      const { err } = expectAction(await run(echoStrategy(), callback()), 'error');
      expect(err).to.be.instanceOf(ProviderRequestError);
      expect(err.message).to.equal('Kakao token request answered HTTP 502 (text/html) with a body that is not a JSON object');
    });
  });

  describe('profile endpoint errors', () => {
    beforeEach(() => {
      tokenEndpoint(CODE_FIELDS).reply(200, fixture('kakao/token.json'));
    });

    it('turns {code: -401} into a KakaoAPIError with code and status', async () => {
      profileEndpoint().reply(401, fixture('kakao/me-error-401.json'), { 'WWW-Authenticate': 'Bearer error=invalid_token' });
      const { err } = expectAction(await run(echoStrategy(), callback()), 'error');
      expect(err).to.be.instanceOf(KakaoAPIError);
      expect(err).to.include({ code: -401, status: 401, message: 'this access token does not exist' });
    });

    it('turns the quota error {code: -10} into a KakaoAPIError', async () => {
      profileEndpoint().reply(400, '{"code":-10,"msg":"API limit has been exceeded."}');
      const { err } = expectAction(await run(echoStrategy(), callback()), 'error');
      expect(err).to.include({ code: -10, status: 400, message: 'API limit has been exceeded.' });
    });

    it('reports a body that is not JSON', async () => {
      profileEndpoint().reply(503, '<html>maintenance</html>', { 'Content-Type': 'text/html' });
      const { err } = expectAction(await run(echoStrategy(), callback()), 'error');
      expect(err).to.include({ code: 'EBADRESPONSE', status: 503, message: 'Kakao profile request answered HTTP 503 (text/html) with a body that is not JSON' });
    });

    it('reports a success answer without an id', async () => {
      profileEndpoint().reply(200, '{"kakao_account":{}}');
      const { err } = expectAction(await run(echoStrategy(), callback()), 'error');
      expect(err.message).to.equal('Kakao profile request answered without a user id');
    });
  });
});
