// Whole logins against real local servers: what only a real socket shows
// (timeouts, bytes split across chunks).
import { expect } from 'chai';
import { KakaoStrategy, NaverStrategy, type KakaoProfile } from '../../lib/index.js';
import { callbackRequest, expectAction, run } from '../helpers.js';
import { localServer, type LocalServer } from '../servers.js';

const SECRET = 'SECRET-d41d8cd98f00';
const ACCESS = 'ACCESS-9e107d9d372b';
const REFRESH = 'REFRESH-e4d909c2904';


function kakao(server: LocalServer, extra: object = {}) {
  return new KakaoStrategy(
    {
      clientID: 'k',
      clientSecret: SECRET,
      callbackURL: 'http://app.test/cb',
      authorizationURL: `${server.url}/authorize`,
      tokenURL: `${server.url}/token`,
      profileURL: `${server.url}/me`,
      ...extra,
    },
    (_at, _rt, profile, done) => done(null, profile),
  );
}

describe('logins over real sockets', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('ends a login whose token request gets no answer with an error naming it, within the timeout', async () => {
    server = await localServer(() => undefined);
    const strategy = new NaverStrategy(
      { clientID: 'n', clientSecret: SECRET, tokenURL: `${server.url}/token`, authorizationURL: `${server.url}/authorize`, timeout: 200 },
      (_at, _rt, profile, done) => done(null, profile),
    );
    const started = Date.now();
    const { err } = expectAction(await run(strategy, callbackRequest(strategy, { code: 'c', state: 's' })), 'error');
    expect(err.message).to.equal('Naver token request timed out after 200 ms');
    expect(Date.now() - started).to.be.below(1000);
  });

  it('ends a login whose profile request gets no answer with an error naming it', async () => {
    server = await localServer((req, res) => {
      if (req.url === '/token') res.end(JSON.stringify({ access_token: ACCESS, refresh_token: REFRESH, token_type: 'bearer', expires_in: 60 }));
    });
    const strategy = kakao(server, { timeout: 200 });
    const { err } = expectAction(await run(strategy, callbackRequest(strategy, { code: 'c', state: 's' })), 'error');
    expect(err.message).to.equal('Kakao profile request timed out after 200 ms');
  });

  it('keeps a Hangul nickname whole when its bytes arrive in two TCP chunks', async () => {
    const body = Buffer.from(JSON.stringify({ id: 42, kakao_account: { profile: { nickname: '카카오프렌즈' } } }), 'utf8');
    const cut = body.indexOf(Buffer.from('프', 'utf8')) + 2;
    server = await localServer((req, res) => {
      if (req.url === '/token') return void res.end(JSON.stringify({ access_token: ACCESS, token_type: 'bearer' }));
      res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8' });
      res.write(body.subarray(0, cut));
      setTimeout(() => res.end(body.subarray(cut)), 30);
    });
    const strategy = kakao(server);
    const outcome = expectAction(await run(strategy, callbackRequest(strategy, { code: 'c', state: 's' })), 'success');
    expect((outcome.user as KakaoProfile).displayName).to.equal('카카오프렌즈');
    expect(server.requests[1]).to.include({ method: 'GET', url: '/me?secure_resource=true' });
    expect(server.requests[1]!.headers['authorization']).to.equal(`Bearer ${ACCESS}`);
  });
});
