// The demo over plain HTTP: logins against its emulator, cookie attributes,
// local-only returnTo, escaping.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { DEFAULT_USERS } from 'passport-naver-kakao/testing';
import { createDemo, DEMO_APPS, localPath } from '../../demo/app.js';
import { indentJSON } from '../../demo/json-text.js';
import { profilePage } from '../../demo/pages.js';
import { Client, startDemo, type RunningDemo } from './http-client.js';

const ACCESS = 'ACCESS+TOKEN/8b2e=';
const REFRESH = 'REFRESH-TOKEN-5d1c04';
const SECRET = 'a-test-session-secret-of-32-chars-or-more';

describe('the demo', () => {
  let running: RunningDemo;
  before(async () => {
    running = await startDemo({ emulatorUsers: [...DEFAULT_USERS, { key: 'xss', name: '<b>x</b>', nickname: '<img src=x onerror=alert(1)>' }] });
  });
  after(() => running.close());

  describe('Kakao with Client Secret on (docs/providers.md §C1)', () => {
    it("registers the demo's Kakao app with a secret, so a token request without it is refused with KOE010", async () => {
      const res = await fetch(running.emulator.kakao.tokenURL, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', client_id: DEMO_APPS.kakao.clientID, code: 'x', redirect_uri: `${running.base}/oauth2/redirect/kakao` }),
      });
      expect(res.status).to.equal(401);
      expect(await res.json()).to.deep.equal({ error: 'invalid_client', error_description: 'Bad client credentials', error_code: 'KOE010' });
    });

    it('logs in with Kakao: the strategy sends the secret', async () => {
      const client = new Client(running.base);
      expect((await client.login(running.emulator, 'kakao', 'kim')).landed).to.equal('/profile');
      expect(await client.text('/profile')).to.include('data-testid="display-name">민지<');
    });

    it('asks Kakao for no consent item: the console has them (a business app with email), OpenID Connect by its switch (§C2, §C3)', async () => {
      const client = new Client(running.base);
      const start = await client.request('/login/kakao');
      const authorize = new URL(start.headers.get('location')!);
      // Only `openid` (oidc: true); no consent item, so nothing can end on KOE205.
      expect(authorize.searchParams.get('scope')).to.equal('openid');
      const consent = await (await fetch(authorize)).text();
      expect(consent).to.include('[필수] 닉네임').and.include('[선택] 프로필 사진').and.include('[선택] 카카오계정(이메일)');
      const back = await client.request(await running.emulator.approve(authorize.href, 'kim'));
      expect(back.headers.get('location')).to.equal('/profile');
      const page = await client.text('/profile');
      expect(page).to.include('minji@example.com (verified)');
      expect(page).to.match(/data-testid="id-token">[^<]*&#34;email&#34;: &#34;minji@example.com&#34;/);
    });

    it('logs in with Naver', async () => {
      const client = new Client(running.base);
      expect((await client.login(running.emulator, 'naver', 'kim')).landed).to.equal('/profile');
      expect(await client.text('/profile')).to.include('data-testid="display-name">민지<');
    });
  });

  describe('the raw JSON card (issue 11 §4)', () => {
    it('shows the Kakao body as received: an id above 2^53 keeps every digit', async () => {
      const client = new Client(running.base);
      expect((await client.login(running.emulator, 'kakao', 'hong')).landed).to.equal('/profile');
      const page = await client.text('/profile');
      const raw = (/<pre data-testid="raw-json">([^<]*)<\/pre>/.exec(page)?.[1] ?? '').replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));
      expect(raw).to.match(/^\{\n {2}"id": 1376016924429759228,\n/);
      expect(page).not.to.include('1376016924429759200');
      expect(page).to.include('data-testid="user-id">1376016924429759228<');
    });

    it('indents JSON text without touching its values', () => {
      const text = '{"id":1376016924429759228,"f":1.50,"e":1e400,"s":"a,b:{\\"c\\"}[ ]","o":{},"a":[],"n":[1,{"x":null}]}';
      const indented = indentJSON(text);
      expect(indented).to.equal(
        '{\n  "id": 1376016924429759228,\n  "f": 1.50,\n  "e": 1e400,\n  "s": "a,b:{\\"c\\"}[ ]",\n  "o": {},\n  "a": [],\n  "n": [\n    1,\n    {\n      "x": null\n    }\n  ]\n}',
      );
      expect(JSON.parse(indented)).to.deep.equal(JSON.parse(text));
      expect(indentJSON('not json {')).to.equal('not json {');
    });
  });

  it('sets an httpOnly, SameSite=Lax session cookie, not Secure over http', async () => {
    const res = await fetch(`${running.base}/login/kakao`, { redirect: 'manual' });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).to.match(/^demo\.sid=/);
    expect(cookie).to.include('HttpOnly').and.include('SameSite=Lax');
    expect(cookie).not.to.include('Secure');
  });

  it('marks the cookie Secure when served over https', async () => {
    const demo = await createDemo({ baseURL: 'https://demo.example', sessionSecret: SECRET });
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
    const page = profilePage({ modes: { naver: 'emulator', kakao: 'emulator' }, user: {
      provider: 'kakao',
      login: 'kakao',
      id: '1',
      displayName: '<img src=x onerror=alert(1)>',
      email: '"><script>alert(2)</script>',
      photo: 'x" onerror="alert(3)',
      raw: JSON.stringify({ nickname: '</pre><script>alert(4)</script>' }),
      token: { hasRefreshToken: false, hasIdToken: false, receivedAt: 0 },
      secrets: { accessToken: ACCESS, refreshToken: REFRESH },
    } });
    expect(page).not.to.match(/<img src=x|<script>|onerror="/);
    expect(page).to.include('&#60;img src=x onerror=alert(1)&#62;');
    expect(page).not.to.include(ACCESS).and.not.include(REFRESH);
  });
});
