// Apps written the way the READMEs of passport-kakao, passport-naver,
// passport-naver-v2 and passport-kakao-login teach, with the import changed to
// passport-naver-kakao (see each file in ./apps), log in against the emulator
// with the state in the session. `tsc -p tsconfig.json` type-checks them under strict.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type express from 'express';
import { startEmulator, type Emulator } from 'passport-naver-kakao/testing';
import * as passportKakao from './apps/passport-kakao.js';
import * as passportKakaoLogin from './apps/passport-kakao-login.js';
import * as passportNaver from './apps/passport-naver.js';
import * as passportNaverV2 from './apps/passport-naver-v2.js';
import type { AppEnv } from './apps/shared.js';

/** Follows redirects by hand and keeps the cookies of one host, as a browser would (session regeneration included). */
async function browse(start: string, emulator: Emulator, user: string): Promise<{ path: string; status: number; body: unknown }> {
  const jar = new Map<string, string>();
  const get = async (url: string): Promise<Response> => {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    return res;
  };
  const redirect = await get(start);
  expect(redirect.status, 'the login route redirects to the provider').to.equal(302);
  const callback = await emulator.approve(redirect.headers.get('location')!, user);
  const res = await get(callback);
  return { path: new URL(callback).pathname, status: res.status, body: res.status === 200 ? await res.json() : await res.text() };
}

describe('moving over from the other packages', function () {
  this.timeout(20_000);
  let emulator: Emulator;
  const servers: Server[] = [];
  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    for (const server of servers) server.close();
    await emulator.close();
  });

  /** Starts one migrated app on a free port. */
  async function serve(create: (env: AppEnv) => express.Express, provider: 'naver' | 'kakao'): Promise<string> {
    let base = '';
    const app = await new Promise<Server>((resolve) => {
      // The app is built once the port is known, so its callback URL is absolute.
      const holder: { handler?: express.Express } = {};
      const server = createServer((req, res) => holder.handler!(req, res));
      server.listen(0, '127.0.0.1', () => {
        base = `http://localhost:${(server.address() as AddressInfo).port}`;
        holder.handler = create({ base, endpoints: emulator[provider] });
        resolve(server);
      });
    });
    servers.push(app);
    return base;
  }

  it('passport-kakao: the README app logs in; the id is the exact string; the fixed state comes back as app state', async () => {
    const base = await serve(passportKakao.createApp, 'kakao');
    const result = await browse(`${base}/login`, emulator, 'hong');
    expect(result).to.deep.equal({
      path: '/oauth',
      status: 200,
      body: { user: { provider: 'kakao', id: '1376016924429759228', nickname: '길동이', tokens: true }, authInfo: { state: 'myState' } },
    });
  });

  it('passport-kakao-login: the typed app (Strategy, StrategyOption, VerifyFunction, Profile) logs in', async () => {
    const base = await serve(passportKakaoLogin.createApp, 'kakao');
    const result = await browse(`${base}/auth/kakao`, emulator, 'kim');
    expect(result.status, JSON.stringify(result.body)).to.equal(200);
    const body = result.body as { user: { provider: string; id: string; username: string; tokens: boolean } };
    expect(body.user).to.include({ provider: 'kakao', username: '민지', tokens: true });
    expect(body.user.id).to.be.a('string').and.match(/^\d+$/);
  });

  it('passport-naver: the README app logs in; emails and _json are read as before', async () => {
    const base = await serve(passportNaver.createApp, 'naver');
    const result = await browse(`${base}/auth/naver`, emulator, 'hong');
    expect(result.status, JSON.stringify(result.body)).to.equal(200);
    const body = result.body as { user: { provider: string; id: string; email?: string; nickname?: string; tokens: boolean } };
    expect(body.user).to.include({ provider: 'naver', email: 'hong@example.com', nickname: '길동이', tokens: true });
    expect(body.user.id).to.be.a('string').and.not.equal('');
  });

  it('passport-naver: a user who shares no email has no emails (not an empty address)', async () => {
    const base = await serve(passportNaver.createApp, 'naver');
    const result = await browse(`${base}/auth/naver`, emulator, 'lee');
    const body = result.body as { user: Record<string, unknown> };
    expect(body.user).to.include({ provider: 'naver', nickname: '서준' });
    expect(body.user).not.to.have.property('email');
  });

  it('passport-naver-v2: the sample logs in with its fixed state, which comes back as app state', async () => {
    const base = await serve(passportNaverV2.createApp, 'naver');
    const result = await browse(`${base}/login`, emulator, 'kim');
    expect(result.status, JSON.stringify(result.body)).to.equal(200);
    const body = result.body as { user: { id: string; email?: string; tokens: boolean }; authInfo: unknown };
    expect(body.user).to.include({ email: 'minji@example.com', tokens: true });
    expect(body.authInfo).to.deep.equal({ state: 'sampleState' });
  });

  it('passport-naver-v2: authType reprompt reaches Naver as auth_type', async () => {
    const base = await serve(passportNaverV2.createApp, 'naver');
    const res = await fetch(`${base}/login/reprompt`, { redirect: 'manual' });
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('auth_type')).to.equal('reprompt');
    expect(location.searchParams.get('state')).to.be.a('string').and.not.equal('');
  });
});
