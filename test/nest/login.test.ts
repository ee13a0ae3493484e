// A small Nest app (express platform) completes Naver and Kakao logins against
// the emulator, with the cookie state store and no session.
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { expect } from 'chai';
import { CookieStateStore } from 'passport-naver-kakao';
import { startEmulator, type Emulator } from 'passport-naver-kakao/testing';
import { AuthModule } from '../../demo/nestjs/auth.module.js';

describe('NestJS', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  let app: INestApplication;
  let base: string;

  before(async () => {
    emulator = await startEmulator();
    const store = new CookieStateStore({ secret: 'nest-test-secret-0123456789abcdefghij' });
    app = await NestFactory.create(
      AuthModule.register({
        kakao: { clientID: 'kakao-test-client', callbackURL: '/auth/kakao/callback', store, ...emulator.kakao },
        naver: { clientID: 'naver-test-client', clientSecret: 'naver-test-secret', callbackURL: '/auth/naver/callback', store, ...emulator.naver },
      }),
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    base = `http://localhost:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
  });
  after(async () => {
    await app.close();
    await emulator.close();
  });

  /** Starts a login, approves it as `user`, and returns the callback's answer. */
  async function loginAs(provider: 'kakao' | 'naver', user: string, decision: 'approve' | 'cancel' = 'approve') {
    const start = await fetch(`${base}/auth/${provider}`, { redirect: 'manual' });
    expect(start.status).to.equal(302);
    const cookie = start.headers.getSetCookie()[0]!;
    expect(cookie).to.include('HttpOnly').and.include(`Path=/auth/${provider}/callback`);
    const location = start.headers.get('location')!;
    const callback = decision === 'approve' ? await emulator.approve(location, user) : await emulator.cancel(location);
    return fetch(callback, { headers: { cookie: cookie.split(';')[0]! } });
  }

  it('logs in with Kakao: the typed validate() result is the answer', async () => {
    const res = await loginAs('kakao', 'kim');
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ provider: 'kakao', id: '1648968269', name: '민지' });
  });

  it('logs in with Naver', async () => {
    const res = await loginAs('naver', 'lee');
    expect(await res.json()).to.include({ provider: 'naver', name: '서준' });
  });

  it('answers 401 when the user cancels', async () => {
    expect((await loginAs('kakao', 'kim', 'cancel')).status).to.equal(401);
  });

  it('answers 401 for a callback without the state cookie', async () => {
    const start = await fetch(`${base}/auth/kakao`, { redirect: 'manual' });
    const callback = await emulator.approve(start.headers.get('location')!, 'kim');
    expect((await fetch(callback)).status).to.equal(401);
  });
});
