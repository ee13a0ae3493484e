// Security check: no error path shows the client secret or a token (message,
// stack, toString, JSON, oauthError, data, console output).
import type http from 'node:http';
import { expect } from 'chai';
import { KakaoStrategy, NaverStrategy } from '../../lib/index.js';
import { localServer, type LocalServer } from '../servers.js';
import { callbackRequest, expectAction, run, shownOf as shown } from '../helpers.js';

const SECRET = 'CLIENT-SECRET-7f3a9c';
const ACCESS = 'ACCESS+TOKEN/8b2e=';
const REFRESH = 'REFRESH-TOKEN-5d1c04';
const CODE = 'AUTH-CODE-e0c1';


describe('secrets and tokens never show', () => {
  let server: LocalServer;
  let answer: (url: string, res: http.ServerResponse) => void;
  before(async () => {
    server = await localServer((req, res) => answer(req.url ?? '', res));
  });
  after(() => server.close());

  const urls = () => ({
    authorizationURL: `${server.url}/authorize`,
    tokenURL: `${server.url}/token`,
    profileURL: `${server.url}/me`,
    revokeURL: `${server.url}/revoke`,
    logoutURL: `${server.url}/logout`,
    unlinkURL: `${server.url}/unlink`,
    accessTokenInfoURL: `${server.url}/info`,
  });
  const naver = () => new NaverStrategy({ clientID: 'n', clientSecret: SECRET, callbackURL: 'http://app.test/cb', timeout: 200, maxResponseBytes: 1000, ...urls() }, (_a, _r, p, d) => d(null, p));
  const kakao = () => new KakaoStrategy({ clientID: 'k', clientSecret: SECRET, callbackURL: 'http://app.test/cb', timeout: 200, maxResponseBytes: 1000, ...urls() }, (_a, _r, p, d) => d(null, p));
  const login = async (strategy: NaverStrategy | KakaoStrategy) =>
    expectAction(await run(strategy, callbackRequest(strategy, { code: CODE, state: 's' })), 'error').err;
  const tokens = JSON.stringify({ access_token: ACCESS, refresh_token: REFRESH, token_type: 'bearer', expires_in: 60 });
  // Each answer echoes the secrets back, the way a careless proxy or provider page might.
  const echo = `${SECRET} ${ACCESS} ${REFRESH}`;

  const paths: Array<[string, (url: string, res: http.ServerResponse) => void, () => Promise<unknown>]> = [
    ['a token error', (_u, r) => void r.writeHead(401).end(JSON.stringify({ error: 'invalid_client', error_description: 'Bad client credentials', error_code: 'KOE010' })), () => login(kakao())],
    ['a Naver 200 token error', (_u, r) => void r.end(JSON.stringify({ error: 'invalid_request', error_description: 'no valid data in session' })), () => login(naver())],
    ['an HTML token page', (_u, r) => void r.writeHead(502, { 'Content-Type': 'text/html' }).end(`<p>${echo}</p>`), () => login(naver())],
    ['a token answer without access_token', (_u, r) => void r.end(JSON.stringify({ refresh_token: REFRESH, note: echo })), () => login(kakao())],
    ['an oversized token answer', (_u, r) => void r.end(echo.repeat(200)), () => login(kakao())],
    ['a token request that times out', () => undefined, () => login(naver())],
    ['a Naver profile error', (u, r) => void (u === '/token' ? r.end(tokens) : r.writeHead(401).end('{"resultcode":"024","message":"Authentication failed"}')), () => login(naver())],
    ['a Kakao profile error', (u, r) => void (u === '/token' ? r.end(tokens) : r.writeHead(401).end('{"code":-401,"msg":"this access token does not exist"}')), () => login(kakao())],
    ['a profile page that is not JSON', (u, r) => void (u === '/token' ? r.end(tokens) : r.end(`Bearer ${ACCESS}`)), () => login(kakao())],
    ['a profile cut off', (u, r) => void (u === '/token' ? r.end(tokens) : r.destroy()), () => login(naver())],
    ['a refresh error', (_u, r) => void r.writeHead(400).end(JSON.stringify({ error: 'invalid_grant', error_description: 'expired_or_invalid_refresh_token', error_code: 'KOE322' })), () => kakao().refresh(REFRESH)],
    ['a refresh that times out', () => undefined, () => naver().refresh(REFRESH)],
    ['a revoke error', (_u, r) => void r.writeHead(401).end(JSON.stringify({ error: 'unauthorized_client', error_description: 'Client authentication failed.' })), () => naver().revoke(ACCESS)],
    ['a legacy delete error', (_u, r) => void r.end(echo), () => naver().revoke(ACCESS, { method: 'delete' })],
    ['a logout error', (_u, r) => void r.writeHead(401).end('{"code":-401,"msg":"this access token does not exist"}'), () => kakao().logout(ACCESS)],
    ['an unlink page that is not JSON', (_u, r) => void r.writeHead(500).end(echo), () => kakao().unlink(ACCESS)],
    ['a token info that times out', () => undefined, () => kakao().accessTokenInfo(ACCESS)],
    // Providers echo what they were sent: Kakao's KOE320 names the code (docs/providers.md §C6.3).
    ['a KOE320 that names the code', (_u, r) => void r.writeHead(400).end(JSON.stringify({ error: 'invalid_grant', error_description: `authorization code not found for code=${CODE}`, error_code: 'KOE320' })), () => login(kakao())],
    ['a Naver token error that echoes the code and the secret', (_u, r) => void r.end(JSON.stringify({ error: 'invalid_request', error_description: `bad pair for ${CODE} / ${SECRET}` })), () => login(naver())],
    ['a refresh error that echoes the refresh token', (_u, r) => void r.writeHead(400).end(JSON.stringify({ error: 'invalid_grant', error_description: `${REFRESH} is expired`, error_code: 'KOE322' })), () => kakao().refresh(REFRESH)],
    ['a revoke error that echoes the token', (_u, r) => void r.writeHead(400).end(JSON.stringify({ error: 'invalid_request', error_description: `unknown token ${ACCESS}` })), () => naver().revoke(ACCESS)],
  ];

  for (const [name, respond, act] of paths) {
    it(`in ${name}`, async () => {
      answer = respond;
      const output: string[] = [];
      const original = { log: console.log, error: console.error, warn: console.warn };
      console.log = console.error = console.warn = (...args: unknown[]) => void output.push(args.map(String).join(' '));
      let err: unknown;
      try {
        err = await act().then(
          (value) => value,
          (e: unknown) => e,
        );
      } finally {
        Object.assign(console, original);
      }
      expect(err).to.be.instanceOf(Error);
      const text = shown(err, output.join('\n'));
      for (const secret of [SECRET, ACCESS, REFRESH, CODE, encodeURIComponent(ACCESS)]) expect(text, `${name} shows ${secret}`).not.to.include(secret);
    });
  }
});
