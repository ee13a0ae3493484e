// The demo's security: cookie attributes, local-only returnTo, escaping.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { DEFAULT_USERS } from 'passport-naver-kakao/testing';
import { createDemo, localPath } from '../../demo/app.js';
import { profilePage } from '../../demo/pages.js';

const ACCESS = 'ACCESS+TOKEN/8b2e=';
const REFRESH = 'REFRESH-TOKEN-5d1c04';

describe('the demo', () => {
  let server: http.Server;
  let base: string;
  let close: () => Promise<void>;
  before(async () => {
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://localhost:${(server.address() as AddressInfo).port}`;
    const demo = await createDemo({ baseURL: base, sessionSecret: 'test', emulatorUsers: [...DEFAULT_USERS, { key: 'xss', name: '<b>x</b>', nickname: '<img src=x onerror=alert(1)>' }] });
    server.on('request', demo.app);
    close = async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await demo.close();
    };
  });
  after(() => close());

  it('sets an httpOnly, SameSite=Lax session cookie, not Secure over http', async () => {
    const res = await fetch(`${base}/login/kakao`, { redirect: 'manual' });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).to.match(/^demo\.sid=/);
    expect(cookie).to.include('HttpOnly').and.include('SameSite=Lax');
    expect(cookie).not.to.include('Secure');
  });

  it('marks the cookie Secure when served over https', async () => {
    const demo = await createDemo({ baseURL: 'https://demo.example', sessionSecret: 'test' });
    const srv = http.createServer(demo.app);
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(srv.address() as AddressInfo).port}/login/naver`, { redirect: 'manual', headers: { 'X-Forwarded-Proto': 'https' } });
      expect(res.headers.get('set-cookie')).to.include('Secure');
    } finally {
      srv.close();
      await demo.close();
    }
  });

  it('keeps returnTo on the site', async () => {
    expect(localPath('/profile')).to.equal('/profile');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'profile', '/x\r\nSet-Cookie: a=b', ['/a'], undefined]) {
      expect(localPath(bad), String(bad)).to.equal(undefined);
    }
  });

  it('escapes provider data in its pages', async () => {
    const page = profilePage({ naver: 'emulator', kakao: 'emulator' }, {
      provider: 'kakao',
      id: '1',
      displayName: '<img src=x onerror=alert(1)>',
      email: '"><script>alert(2)</script>',
      photo: 'x" onerror="alert(3)',
      raw: { nickname: '</pre><script>alert(4)</script>' },
      token: { hasRefreshToken: false, hasIdToken: false, receivedAt: 0 },
      secrets: { accessToken: ACCESS, refreshToken: REFRESH },
    });
    expect(page).not.to.match(/<img src=x|<script>|onerror="/);
    expect(page).to.include('&#60;img src=x onerror=alert(1)&#62;');
    expect(page).not.to.include(ACCESS).and.not.include(REFRESH);
  });
});
