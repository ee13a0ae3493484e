// The mobile login endpoints of docs/readme/mobile.md, as an app would write
// them (Express 5, passport, express.json()), over real HTTP, with tokens from
// the emulator.
import { expect } from 'chai';
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Passport } from 'passport';
import { KakaoStrategy, NaverStrategy, type KakaoProfile, type NaverProfile } from '../../lib/index.js';
import { KakaoTokenStrategy } from '../../lib/kakao/token-strategy.js';
import { NaverTokenStrategy } from '../../lib/naver/token-strategy.js';
import { DEFAULT_KAKAO_CLIENT, startEmulator, type Emulator } from '../../lib/testing/index.js';
import { login } from '../emulator-client.js';
import { expectAction } from '../helpers.js';

describe('token strategies in an Express app', () => {
  let emulator: Emulator;
  let server: Server;
  let base: string;
  const created: string[] = [];

  before(async () => {
    emulator = await startEmulator();
    const passport = new Passport();
    passport.use(
      new KakaoTokenStrategy(
        { appId: 1_000_001, clientID: DEFAULT_KAKAO_CLIENT.clientID, accessTokenInfoURL: emulator.kakao.accessTokenInfoURL, profileURL: emulator.kakao.profileURL, jwksURL: emulator.kakao.jwksURL },
        (_accessToken, _refreshToken, profile: KakaoProfile, done) => {
          created.push(`kakao:${profile.id}`);
          done(null, { id: `kakao:${profile.id}`, name: profile.displayName });
        },
      ),
    );
    passport.use(
      new NaverTokenStrategy({ profileURL: emulator.naver.profileURL, tokenHeader: 'authorization' }, (_at, _rt, profile: NaverProfile, done) => {
        done(null, { id: `naver:${profile.id}` });
      }),
    );
    const app = express();
    // As the README's first example: Passport's own 401/400 on failure.
    app.post('/api/login/kakao', express.json(), passport.authenticate('kakao-token', { session: false }), (req, res) => {
      res.json({ user: req.user });
    });
    // As the README's second example: the failure object as JSON.
    app.post('/api/login/kakao-json', express.json(), (req, res, next) => {
      passport.authenticate('kakao-token', { session: false }, (err: unknown, user: unknown, info: unknown, status?: number) => {
        if (err) return next(err);
        if (!user) return res.status(status ?? 401).json(info);
        res.json({ user });
      })(req, res, next);
    });
    app.post('/api/login/naver', passport.authenticate('naver-token', { session: false }), (req, res) => {
      res.json({ user: req.user });
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await emulator.close();
  });

  async function kakaoAccessToken(): Promise<string> {
    let token = '';
    const strategy = new KakaoStrategy({ clientID: DEFAULT_KAKAO_CLIENT.clientID, clientSecret: DEFAULT_KAKAO_CLIENT.clientSecret!, callbackURL: 'http://app.example/cb', ...emulator.kakao }, (at, _rt, profile, done) => {
      token = at;
      done(null, profile);
    });
    expectAction((await login(strategy)).outcome, 'success');
    return token;
  }

  const postJSON = (path: string, body: unknown) => fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('logs a user in with the access token in a JSON body', async () => {
    const res = await postJSON('/api/login/kakao', { access_token: await kakaoAccessToken() });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ user: { id: 'kakao:1376016924429759228', name: '길동이' } });
  });

  it("answers 401 for a bad token, and the failure object as JSON with the README's custom callback", async () => {
    const plain = await postJSON('/api/login/kakao', { access_token: 'not-a-real-token' });
    expect(plain.status).to.equal(401);
    const res = await postJSON('/api/login/kakao-json', { access_token: 'not-a-real-token' });
    expect(res.status).to.equal(401);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).to.include({ code: 'invalid_token', category: 'login', provider: 'kakao' });
    expect(body['message']).to.be.a('string');
  });

  it('answers 400 with token_in_query for a token in the URL, and never asks Kakao', async () => {
    emulator.setFault('kakao', 'tokenInfo', { mode: 'drop' });
    try {
      const before = created.length;
      const res = await postJSON(`/api/login/kakao-json?access_token=${await kakaoAccessToken()}`, {});
      expect(res.status).to.equal(400);
      expect(await res.json()).to.include({ code: 'token_in_query', category: 'config' });
      expect(created.length).to.equal(before);
    } finally {
      emulator.clearFaults();
    }
  });

  it('answers 400 token_missing when the body was not parsed (no express.json() on the route)', async () => {
    const res = await fetch(base + '/api/login/naver', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"access_token":"x"}' });
    expect(res.status).to.equal(400);
  });

  it('reads Authorization: Bearer for Naver', async () => {
    let token = '';
    const strategy = new NaverStrategy({ clientID: 'naver-test-client', clientSecret: 'naver-test-secret', callbackURL: 'http://app.example/cb', ...emulator.naver }, (at, _rt, profile, done) => {
      token = at;
      done(null, profile);
    });
    const naverId = (expectAction((await login(strategy)).outcome, 'success').user as NaverProfile).id;
    const res = await fetch(base + '/api/login/naver', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ user: { id: `naver:${naverId}` } });
  });
});
