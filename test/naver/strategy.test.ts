import { expect } from 'chai';
import nock from 'nock';
import { NaverAPIError, NaverStrategy, ProviderRequestError, TokenError, type NaverProfile, type NaverStrategyOptions } from '../../lib/index.js';
import { fixture } from '../fixtures.js';
import { expectAction, queryOf, run } from '../helpers.js';

const SECRET = 'naver-secret-Zq81';
const options: NaverStrategyOptions = {
  clientID: 'naver-client',
  clientSecret: SECRET,
  callbackURL: 'https://app.example/oauth2/redirect/naver',
};
const ACCESS_TOKEN = 'AAAAQosjWDJieBiQZc3to9YQp6HDLvrmyKC+6+iZ3gq7qrkqf50ljZC+Lgoqrg';
const REFRESH_TOKEN = 'c8ceMEJisO4Se7uGisHoX0f5JEii7JnipglQipkOn5Zp3tyP7dHQoP0zNKHUq2gY';
const SESSION_KEY = 'oauth2:nid.naver.com:naver:naver-client';

/** A strategy whose verify hands back what it received. */
function echoStrategy(extra: Partial<NaverStrategyOptions> = {}): NaverStrategy {
  return new NaverStrategy({ ...options, ...extra }, (accessToken, refreshToken, profile, done) => {
    done(null, { accessToken, refreshToken, profile });
  });
}

/** A callback request whose state matches the one in the session. */
function callback(query: Record<string, unknown> = { code: 'auth-code', state: 'state-123' }) {
  return { query, session: { [SESSION_KEY]: { state: { handle: 'state-123' } } } };
}

function tokenEndpoint(body: Record<string, string> = {}) {
  return nock('https://nid.naver.com')
    .matchHeader('content-type', 'application/x-www-form-urlencoded')
    .matchHeader('accept', 'application/json')
    .post('/oauth2.0/token', {
      grant_type: 'authorization_code',
      client_id: 'naver-client',
      client_secret: SECRET,
      code: 'auth-code',
      // Naver's own samples send redirect_uri; its table does not list it (docs/providers.md §A3).
      redirect_uri: 'https://app.example/oauth2/redirect/naver',
      state: 'state-123',
      ...body,
    });
}

function profileEndpoint() {
  return nock('https://openapi.naver.com', { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } }).get('/v1/nid/me');
}

describe('NaverStrategy', () => {
  describe('constructed', () => {
    it('is named naver', () => {
      expect(echoStrategy().name).to.equal('naver');
    });

    it('takes another name from the name option', () => {
      expect(echoStrategy({ name: 'naver-business' }).name).to.equal('naver-business');
    });

    it('throws a TypeError naming clientID when it is missing', () => {
      expect(() => new NaverStrategy({ ...options, clientID: '' }, () => undefined)).to.throw(TypeError, 'clientID');
    });

    it('throws a TypeError naming clientSecret when it is missing', () => {
      const { clientSecret: _omitted, ...rest } = options;
      expect(() => new NaverStrategy(rest as NaverStrategyOptions, () => undefined)).to.throw(TypeError, 'clientSecret');
    });

    it('refuses state: false, because Naver requires state', () => {
      expect(() => new NaverStrategy({ ...options, state: false as unknown as true }, () => undefined)).to.throw(TypeError, 'requires state');
    });

    it('refuses an unknown authType', () => {
      expect(() => new NaverStrategy({ ...options, authType: 'always' as 'reprompt' }, () => undefined)).to.throw(TypeError, 'authType');
    });

    it('leaves the options object as it was', () => {
      const given = Object.freeze({ ...options, scope: Object.freeze(['a', 'b']) as string[] });
      const copy = JSON.stringify(given);
      echoStrategy(given);
      expect(JSON.stringify(given)).to.equal(copy);
    });
  });

  describe('authorization request', () => {
    it('redirects to Naver with response_type, client_id, redirect_uri and a state kept in the session', async () => {
      const session: Record<string, { state: { handle: string } }> = {};
      const outcome = expectAction(await run(echoStrategy(), { session }), 'redirect');
      const url = new URL(outcome.url);
      expect(url.origin + url.pathname).to.equal('https://nid.naver.com/oauth2.0/authorize');
      const state = session[SESSION_KEY]!.state.handle;
      expect(state).to.match(/^[\w-]{24}$/);
      expect(queryOf(outcome.url)).to.deep.equal({
        response_type: 'code',
        client_id: 'naver-client',
        redirect_uri: 'https://app.example/oauth2/redirect/naver',
        state,
      });
    });

    it('sends the authType option as auth_type', async () => {
      const outcome = expectAction(await run(echoStrategy({ authType: 'reauthenticate' }), { session: {} }), 'redirect');
      expect(queryOf(outcome.url)['auth_type']).to.equal('reauthenticate');
    });

    it('lets a per-request authType override the default', async () => {
      const outcome = expectAction(await run(echoStrategy({ authType: 'reauthenticate' }), { session: {} }, { authType: 'reprompt' }), 'redirect');
      expect(queryOf(outcome.url)['auth_type']).to.equal('reprompt');
    });

    it("keeps passport's own authenticate options out of the URL", async () => {
      const passportOptions = {
        successRedirect: '/home',
        failureRedirect: '/login',
        failureMessage: true,
        session: false,
        successReturnToOrRedirect: '/',
        keepSessionInfo: true,
        display: 'popup',
      };
      const outcome = expectAction(await run(echoStrategy(), { session: {} }, passportOptions), 'redirect');
      expect(Object.keys(queryOf(outcome.url)).sort()).to.deep.equal(['client_id', 'redirect_uri', 'response_type', 'state']);
    });

    it('resolves a relative callbackURL against the request host', async () => {
      const outcome = expectAction(
        await run(echoStrategy({ callbackURL: '/cb/naver' }), { session: {}, headers: { host: 'login.example:8443' }, connection: { encrypted: true } }),
        'redirect',
      );
      expect(queryOf(outcome.url)['redirect_uri']).to.equal('https://login.example:8443/cb/naver');
    });

    it('uses an overridden authorizationURL', async () => {
      const outcome = expectAction(await run(echoStrategy({ authorizationURL: 'http://127.0.0.1:9/naver/authorize' }), { session: {} }), 'redirect');
      expect(outcome.url.startsWith('http://127.0.0.1:9/naver/authorize?')).to.equal(true);
    });
  });

  describe('callback carrying an error', () => {
    it('fails with "Canceled By User" when the user pressed Cancel, without a token request', async () => {
      const outcome = expectAction(
        await run(echoStrategy(), callback({ error: 'access_denied', error_description: 'Canceled By User', state: 'state-123' })),
        'fail',
      );
      expect(outcome.challenge).to.deep.equal({ message: 'Canceled By User', code: 'access_denied', category: 'consent', provider: 'naver' });
    });

    it('fails with the error code as message when there is no description', async () => {
      const outcome = expectAction(await run(echoStrategy(), callback({ error: 'server_error', state: 'state-123' })), 'fail');
      expect(outcome.challenge).to.deep.equal({ message: 'server_error', code: 'server_error', category: 'retry', provider: 'naver' });
    });

    it('fails an autologin refusal the same way', async () => {
      const outcome = expectAction(
        await run(echoStrategy(), callback({ error: 'access_denied', error_description: 'need user consent.', state: 'state-123' })),
        'fail',
      );
      expect(outcome.challenge).to.deep.equal({ message: 'need user consent.', code: 'access_denied', category: 'login', provider: 'naver' });
    });
  });

  describe('callback with a bad state', () => {
    it('fails without a token request when the state is missing', async () => {
      const outcome = expectAction(await run(echoStrategy(), callback({ code: 'auth-code' })), 'fail');
      expect(outcome.challenge).to.deep.equal({ message: 'Invalid authorization request state.', code: 'invalid_state', category: 'login', provider: 'naver' });
      expect(outcome.status).to.equal(403);
    });

    it('fails without a token request when the state does not match', async () => {
      const outcome = expectAction(await run(echoStrategy(), callback({ code: 'auth-code', state: 'forged' })), 'fail');
      expect(outcome.challenge).to.deep.equal({ message: 'Invalid authorization request state.', code: 'invalid_state', category: 'login', provider: 'naver' });
    });

    it('fails when the session holds no state (a replayed callback)', async () => {
      const outcome = expectAction(await run(echoStrategy(), { query: { code: 'auth-code', state: 'state-123' }, session: {} }), 'fail');
      expect(outcome.challenge).to.deep.equal({ message: 'Unable to verify authorization request state.', code: 'invalid_state', category: 'login', provider: 'naver' });
    });

    it('fails a callback whose code is not a single string', async () => {
      const outcome = expectAction(await run(echoStrategy(), callback({ code: ['a', 'b'], state: 'state-123' })), 'fail');
      expect(outcome.challenge).to.deep.equal({ message: 'Naver sent back a malformed authorization code', code: 'invalid_request', category: 'config', provider: 'naver' });
    });
  });

  describe('callback with a valid code', () => {
    it('exchanges the code with state, fetches the profile with a Bearer header, and succeeds', async () => {
      tokenEndpoint().reply(200, fixture('naver/token.json'), { 'Content-Type': 'application/json;charset=UTF-8' });
      profileEndpoint().reply(200, fixture('naver/me.json'), { 'Content-Type': 'application/json' });
      const outcome = expectAction(await run(echoStrategy(), callback()), 'success');
      const user = outcome.user as { accessToken: string; refreshToken: string; profile: NaverProfile };
      expect(user.accessToken).to.equal(ACCESS_TOKEN);
      expect(user.refreshToken).to.equal(REFRESH_TOKEN);
      expect(user.profile).to.deep.equal({
        provider: 'naver',
        id: '32742776',
        displayName: 'OpenAPI',
        emails: [{ value: 'openapi@naver.com', verified: false }],
        photos: [{ value: 'https://ssl.pstatic.net/static/pwe/address/nodata_33x33.gif' }],
        _raw: fixture('naver/me.json'),
        _json: JSON.parse(fixture('naver/me.json')).response,
      });
    });

    it('gives a 5-argument verify the token response with expires_in as a number', async () => {
      tokenEndpoint().reply(200, fixture('naver/token.json'));
      profileEndpoint().reply(200, fixture('naver/me.json'));
      let received: unknown;
      const strategy = new NaverStrategy(options, (_at: string, _rt: string | undefined, params: object, _profile: NaverProfile, done: (e: null, u: object) => void) => {
        received = params;
        done(null, { id: 1 });
      });
      expectAction(await run(strategy, callback()), 'success');
      expect(received).to.deep.equal({ access_token: ACCESS_TOKEN, refresh_token: REFRESH_TOKEN, token_type: 'bearer', expires_in: 3600 });
    });

    it('calls a passReqToCallback verify with the request first', async () => {
      tokenEndpoint().reply(200, fixture('naver/token.json'));
      profileEndpoint().reply(200, fixture('naver/me.json'));
      const strategy = new NaverStrategy({ ...options, passReqToCallback: true }, (req, _at, _rt, profile, done) => {
        done(null, { state: (req.query as Record<string, string>)['state'], id: profile.id });
      });
      const outcome = expectAction(await run(strategy, callback()), 'success');
      expect(outcome.user).to.deep.equal({ state: 'state-123', id: '32742776' });
    });

    it('fails the login when verify answers false, with its info', async () => {
      tokenEndpoint().reply(200, fixture('naver/token.json'));
      profileEndpoint().reply(200, fixture('naver/me.json'));
      const strategy = new NaverStrategy(options, (_at, _rt, _profile, done) => done(null, false, { message: 'not invited' }));
      const outcome = expectAction(await run(strategy, callback()), 'fail');
      expect(outcome.challenge).to.deep.equal({ message: 'not invited' });
    });

    it('skips the profile request with skipUserProfile', async () => {
      tokenEndpoint().reply(200, fixture('naver/token.json'));
      const outcome = expectAction(await run(echoStrategy({ skipUserProfile: true }), callback()), 'success');
      expect((outcome.user as { profile: unknown }).profile).to.equal(undefined);
    });

    it('uses overridden tokenURL and profileURL', async () => {
      nock('http://127.0.0.1:9000').post('/naver/token').reply(200, fixture('naver/token.json'));
      nock('http://127.0.0.1:9000').get('/naver/me').reply(200, fixture('naver/me.json'));
      const strategy = echoStrategy({ tokenURL: 'http://127.0.0.1:9000/naver/token', profileURL: 'http://127.0.0.1:9000/naver/me' });
      expectAction(await run(strategy, callback()), 'success');
    });

    it('sends customHeaders on the token and profile requests', async () => {
      nock('https://nid.naver.com', { reqheaders: { 'x-trace': 'abc' } }).post('/oauth2.0/token').reply(200, fixture('naver/token.json'));
      nock('https://openapi.naver.com', { reqheaders: { 'x-trace': 'abc' } }).get('/v1/nid/me').reply(200, fixture('naver/me.json'));
      expectAction(await run(echoStrategy({ customHeaders: { 'X-Trace': 'abc' } }), callback()), 'success');
    });
  });

  describe('token endpoint errors', () => {
    it('turns an HTTP 200 error body into a TokenError with code and description, and fetches no profile', async () => {
      tokenEndpoint().reply(200, fixture('naver/token-error-200.json'));
      const profile = profileEndpoint().reply(200, fixture('naver/me.json'));
      const { err } = expectAction(await run(echoStrategy(), callback()), 'error');
      expect(err).to.be.instanceOf(TokenError);
      expect(err).to.include({ code: 'invalid_request', message: 'no valid data in session', status: 400 });
      expect(profile.isDone()).to.equal(false);
      nock.cleanAll();
    });

    it('reports an HTML 502 page as an answer that is not JSON', async () => {
      tokenEndpoint().reply(502, '<html><body>Bad Gateway</body></html>', { 'Content-Type': 'text/html' });
      const { err } = expectAction(await run(echoStrategy(), callback()), 'error');
      expect(err).to.be.instanceOf(ProviderRequestError);
      expect(err).to.include({ code: 'EBADRESPONSE', status: 502 });
      expect(err.message).to.equal('Naver token request answered HTTP 502 (text/html) with a body that is not a JSON object');
    });

    it('reports a 200 answer without an access_token', async () => {
      tokenEndpoint().reply(200, '{"token_type":"bearer"}');
      const { err } = expectAction(await run(echoStrategy(), callback()), 'error');
      expect(err.message).to.equal('Naver token request answered without an access_token');
    });
  });

  describe('profile endpoint errors', () => {
    beforeEach(() => {
      tokenEndpoint().reply(200, fixture('naver/token.json'));
    });

    it('turns resultcode 024 with HTTP 401 into a NaverAPIError', async () => {
      profileEndpoint().reply(401, fixture('naver/me-error-024.json'));
      const { err } = expectAction(await run(echoStrategy(), callback()), 'error');
      expect(err).to.be.instanceOf(NaverAPIError);
      expect(err).to.include({ code: '024', status: 401, message: 'Authentication failed (인증 실패하였습니다.)' });
    });

    it('turns resultcode 024 with HTTP 200 into a NaverAPIError too', async () => {
      profileEndpoint().reply(200, fixture('naver/me-error-024.json'));
      const { err } = expectAction(await run(echoStrategy(), callback()), 'error');
      expect(err).to.be.instanceOf(NaverAPIError);
      expect(err).to.include({ code: '024', status: 200 });
    });

    it('reports a body that is not JSON', async () => {
      profileEndpoint().reply(200, 'Service Unavailable', { 'Content-Type': 'text/plain' });
      const { err } = expectAction(await run(echoStrategy(), callback()), 'error');
      expect(err).to.include({ code: 'EBADRESPONSE', message: 'Naver profile request answered HTTP 200 (text/plain) with a body that is not JSON' });
    });

    it('reports a 500 without a result code', async () => {
      profileEndpoint().reply(500, '{}');
      const { err } = expectAction(await run(echoStrategy(), callback()), 'error');
      expect(err).to.include({ code: 'EBADRESPONSE', status: 500, message: 'Naver profile request answered HTTP 500 without a Naver result code' });
    });

    it('reports a success answer without a user id', async () => {
      profileEndpoint().reply(200, '{"resultcode":"00","message":"success","response":{}}');
      const { err } = expectAction(await run(echoStrategy(), callback()), 'error');
      expect(err.message).to.equal('Naver profile request answered without a user id');
    });
  });
});
