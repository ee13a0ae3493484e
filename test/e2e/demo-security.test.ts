// The demo as an attacker sees it (issue 9): cross-site POSTs, security
// headers, a flood of login starts, hostile picture URLs, a short session secret.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'chai';
import { DEFAULT_USERS } from 'passport-naver-kakao/testing';
import { checkSessionSecret, createDemo, MIN_SESSION_SECRET_LENGTH, PENDING_SESSION_MS, USER_SESSION_MS } from '../../demo/app.js';
import { imageSource, profilePage } from '../../demo/pages.js';
import { BoundedMemoryStore } from '../../demo/session-store.js';
import { settingsPage } from '../../demo/settings-page.js';
import { Client, csrfField, startDemo, type RunningDemo } from './http-client.js';

const ROOT = join(__dirname, '..', '..');

describe('the demo under attack', function () {
  this.timeout(120_000);
  let running: RunningDemo;
  before(async () => {
    running = await startDemo({
      emulatorUsers: [
        ...DEFAULT_USERS,
        { key: 'jspic', name: '자바', nickname: 'jspic', profileImage: 'javascript:alert(document.cookie)' },
        { key: 'httpspic', name: '사진', nickname: 'httpspic', profileImage: 'https://img.example/p/1.png' },
      ],
    });
  });
  after(() => running.close());

  /** A logged-in client and the CSRF token of its pages. */
  async function loggedIn(provider: 'naver' | 'kakao' = 'kakao', user = 'kim'): Promise<{ client: Client; token: string }> {
    const client = new Client(running.base);
    expect((await client.login(running.emulator, provider, user)).landed).to.equal('/profile');
    return { client, token: csrfField(await client.text('/profile')) };
  }

  describe('CSRF on every POST action', () => {
    const evil = 'http://localhost:1';

    // Each action with the fields its form sends besides the token.
    const actions: Array<[string, Record<string, string>]> = [
      ['/logout', {}],
      ['/logout/kakao', {}],
      ['/disconnect', {}],
      ['/token/refresh', {}],
      ['/settings/withdraw', { item: 'profile_image' }],
      ['/settings/consent', { item: 'account_email' }],
    ];
    for (const [path, form] of actions) {
      it(`refuses ${path} without the token, with a wrong one, or from another origin, and does nothing`, async () => {
        const { client, token } = await loggedIn();
        const attempts: Array<[Record<string, string>, Record<string, string>]> = [
          [{}, {}],
          [{ _csrf: '' }, {}],
          [{ _csrf: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` }, {}],
          [{ _csrf: token.slice(1) }, {}],
          [{ _csrf: token }, { origin: evil, 'sec-fetch-site': 'same-site' }],
          [{ _csrf: token }, { origin: evil, 'sec-fetch-site': 'cross-site' }],
          [{ _csrf: token }, { origin: 'null', 'sec-fetch-site': 'cross-site' }],
          [{ _csrf: token }, { 'sec-fetch-site': 'same-site' }],
          [{ _csrf: token }, { origin: evil }],
        ];
        for (const [fields, headers] of attempts) {
          const res = await client.post(path, { ...form, ...fields }, headers);
          expect(res.status, JSON.stringify([fields, headers])).to.equal(403);
          expect(await res.text()).to.include('Request refused');
        }
        // Still logged in, every consent kept, and the grant alive: a refresh with the real token works.
        expect((await client.request('/profile')).status).to.equal(200);
        expect(await client.text('/settings')).to.include('data-testid="consent-profile_image" data-agreed="true"');
        const refreshed = await client.post('/token/refresh', { _csrf: token });
        expect(refreshed.headers.get('location')).to.equal('/profile');
        expect(await client.text('/profile')).to.include('The access token was refreshed.');
      });
    }

    it('performs a POST with the token from a page of the site, and from a client that sends no Origin', async () => {
      const { client, token } = await loggedIn('naver');
      // No Origin and no Sec-Fetch-Site (curl, old browsers): the token alone decides.
      const res = await client.request('/disconnect', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${encodeURIComponent(token)}` });
      expect(res.headers.get('location')).to.equal('/');
      expect(await client.text('/')).to.include('Disconnected');
      expect((await client.request('/profile')).headers.get('location')).to.equal('/');
    });

    it('refuses a POST from a visitor who has no session', async () => {
      const res = await new Client(running.base).post('/logout', { _csrf: 'anything' });
      expect(res.status).to.equal(403);
    });

    it('gives a new token at login (the token of the anonymous session is not reused)', async () => {
      const a = await loggedIn('kakao', 'kim');
      const b = await loggedIn('kakao', 'kim');
      expect(a.token).not.to.equal(b.token);
      expect((await a.client.post('/logout', { _csrf: b.token })).status).to.equal(403);
    });
  });

  describe('security headers', () => {
    async function pages(): Promise<Response[]> {
      const { client } = await loggedIn();
      return [
        await client.request('/'),
        await client.request('/profile'),
        await client.request('/settings'),
        await client.post('/logout', {}),
        await new Client(running.base).request('/login/failed'),
        await new Client(running.base).request('/favicon.ico'),
        await new Client(running.base).request('/no-such-page'),
      ];
    }

    it('sends a strict CSP, frame-ancestors none, X-Frame-Options, nosniff, Referrer-Policy, and no X-Powered-By', async () => {
      for (const res of await pages()) {
        const where = `${res.url} (${res.status})`;
        const csp = new Map((res.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values.join(' ')]));
        expect(csp.get('default-src'), where).to.equal("'none'");
        expect(csp.get('script-src'), where).to.equal("'none'");
        expect(csp.get('style-src'), where).to.equal("'self'");
        expect(csp.get('img-src'), where).to.equal(`'self' https: ${new URL(running.emulator.url).origin}`);
        expect(csp.get('frame-ancestors'), where).to.equal("'none'");
        // The additional-consent and Kakao-logout forms redirect to Kakao's pages (here the emulator's).
        expect(csp.get('form-action'), where).to.equal(`'self' ${new URL(running.emulator.url).origin}`);
        expect(res.headers.get('x-frame-options'), where).to.equal('DENY');
        expect(res.headers.get('x-content-type-options'), where).to.equal('nosniff');
        expect(res.headers.get('referrer-policy'), where).to.equal('same-origin');
        expect(res.headers.get('x-powered-by'), where).to.equal(null);
        expect(res.headers.get('strict-transport-security'), `${where}: no HSTS over http`).to.equal(null);
      }
    });

    it('has no inline script or style in its pages, so the CSP needs no exception', async () => {
      for (const res of await pages()) {
        if (!res.headers.get('content-type')?.startsWith('text/html')) continue;
        const page = await res.text();
        expect(page).not.to.match(/<script|<style|\sstyle=|\son[a-z]+=/i);
      }
    });

    it('sends HSTS when served over https', async () => {
      const demo = await createDemo({ baseURL: 'https://demo.example', sessionSecret: 'x'.repeat(32), emulator: running.emulator });
      const server = (await import('node:http')).createServer(demo.app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as import('node:net').AddressInfo;
        const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-forwarded-proto': 'https' } });
        expect(res.headers.get('strict-transport-security')).to.match(/^max-age=\d+/);
      } finally {
        server.close();
        await demo.close();
      }
    });
  });

  describe('sessions', () => {
    /** Seconds from the answer's Date to the session cookie's Expires. */
    const lifetime = (res: Response): number => {
      const expires = /demo\.sid=[^;]*;.*Expires=([^;]+)/.exec(res.headers.getSetCookie().join('\n'))?.[1];
      return (Date.parse(expires ?? '') - Date.parse(res.headers.get('date') ?? '')) / 1000;
    };

    it('gives a login start a short session and a logged-in user a longer one', async () => {
      const client = new Client(running.base);
      const start = await client.request('/login/kakao');
      expect(lifetime(start)).to.be.within(PENDING_SESSION_MS / 1000 - 2, PENDING_SESSION_MS / 1000 + 2);
      const back = await client.request(await running.emulator.approve(start.headers.get('location')!, 'kim'));
      expect(lifetime(back)).to.be.within(USER_SESSION_MS / 1000 - 2, USER_SESSION_MS / 1000 + 2);
    });

    it('keeps the store bounded under a flood of 20,000 login starts, and a logged-in user keeps the session', async () => {
      const { client } = await loggedIn();
      const before = await running.demo.sessionCount();
      let started = 0;
      const worker = async (): Promise<void> => {
        while (started < 20_000) {
          started++;
          const res = await fetch(`${running.base}/login/${started % 2 ? 'kakao' : 'naver'}`, { redirect: 'manual' });
          expect(res.status).to.equal(302);
          await res.arrayBuffer();
        }
      };
      await Promise.all(Array.from({ length: 16 }, worker));
      const after = await running.demo.sessionCount();
      expect(before).to.be.at.least(1);
      expect(after, 'sessions after 20,000 login starts').to.be.at.most(1000 + before);
      expect(after).to.be.at.least(1000);
      expect((await client.request('/profile')).status, 'the logged-in user was not pushed out').to.equal(200);
    });

    it('lets sessions expire with their cookie, and caps sessions without a user', () => {
      const store = new BoundedMemoryStore({ maxAnonymous: 3, maxUsers: 2 });
      const now = Date.now();
      const data = (ms: number, user?: string) => ({ cookie: { originalMaxAge: ms, expires: new Date(now + ms) }, ...(user ? { passport: { user } } : {}) }) as never;
      for (let i = 0; i < 10; i++) store.set(`anon${i}`, data(PENDING_SESSION_MS));
      store.set('user1', data(USER_SESSION_MS, 'u1'));
      store.set('user2', data(USER_SESSION_MS, 'u2'));
      expect(store.size()).to.equal(5);
      const kept: string[] = [];
      for (const sid of ['anon0', 'anon6', 'anon7', 'anon8', 'anon9', 'user1', 'user2']) store.get(sid, (_e, s) => s && kept.push(sid));
      expect(kept).to.deep.equal(['anon7', 'anon8', 'anon9', 'user1', 'user2']);
      store.prune(now + PENDING_SESSION_MS + 1);
      expect(store.size()).to.equal(2);
      store.prune(now + USER_SESSION_MS + 1);
      expect(store.size()).to.equal(0);
      store.close();
    });
  });

  describe('picture URLs', () => {
    const emulatorOrigin = 'http://127.0.0.1:4000';
    it('only https and the emulator origin become an image source', () => {
      expect(imageSource('https://k.kakaocdn.net/a.jpg')).to.equal('https://k.kakaocdn.net/a.jpg');
      expect(imageSource('http://127.0.0.1:4000/p.png', [emulatorOrigin])).to.equal('http://127.0.0.1:4000/p.png');
      for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:alert(1)', 'data:image/svg+xml,<svg onload=alert(1)>', 'http://img.example/a.png', 'http://127.0.0.1:4001/p.png', '//evil.example/a.png', 'vbscript:x', 'not a url', '']) {
        expect(imageSource(bad, [emulatorOrigin]), bad).to.equal(undefined);
      }
    });

    it('shows a javascript: picture as text, never as an image', async () => {
      const { client } = await loggedIn('naver', 'jspic');
      const page = await client.text('/profile');
      expect(page).not.to.match(/<img[^>]*javascript/i);
      expect(page).not.to.include('data-testid="avatar"');
      expect(page).to.include('javascript:alert(document.cookie) <span class="muted">(표시하지 않음 / not shown');
    });

    it('shows an https picture as an image', async () => {
      const { client } = await loggedIn('kakao', 'httpspic');
      expect(await client.text('/profile')).to.include('<img class="avatar" src="https://img.example/p/1.png" alt="" data-testid="avatar">');
    });

    it("escapes what Kakao's consent list says (item names and IDs) on the settings page", () => {
      const hostile = '"><img src=x onerror=alert(1)>';
      const page = settingsPage(
        {
          modes: { naver: 'emulator', kakao: 'emulator' },
          csrf: 'token',
          user: { provider: 'kakao', login: 'kakao', id: '1', displayName: 'x', email: hostile, raw: '{}', token: { hasRefreshToken: false, hasIdToken: false, receivedAt: 0 }, secrets: { accessToken: 'ACCESS-abc' } },
        },
        [
          { id: hostile, display_name: hostile, type: hostile, using: true, agreed: true, revocable: true },
          { id: 'account_email', display_name: '<script>alert(2)</script>', type: 'PRIVACY', using: true, agreed: false },
        ],
      );
      expect(page).not.to.match(/<img src=x|<script>|onerror="/);
      expect(page).to.include('&#60;script&#62;alert(2)&#60;/script&#62;');
      expect(page).to.include('name="item" value="&#34;&#62;&#60;img src=x onerror=alert(1)&#62;"');
      expect(page).not.to.include('ACCESS-abc');
    });

    it('escapes a picture URL that tries to leave the attribute', () => {
      const page = profilePage({
        modes: { naver: 'emulator', kakao: 'emulator' },
        user: { provider: 'kakao', login: 'kakao', id: '1', displayName: 'x', photo: 'https://a.example/"onerror="alert(1)', raw: '{}', token: { hasRefreshToken: false, hasIdToken: false, receivedAt: 0 }, secrets: { accessToken: 'a' } },
      });
      expect(page).to.include('src="https://a.example/%22onerror=%22alert(1)"');
      expect(page).not.to.include('"onerror="');
    });
  });

  describe('SESSION_SECRET', () => {
    it(`refuses a secret shorter than ${MIN_SESSION_SECRET_LENGTH} characters with a clear message, and never pads it`, async () => {
      for (const short of ['x', 'a'.repeat(MIN_SESSION_SECRET_LENGTH - 1)]) {
        expect(() => checkSessionSecret(short)).to.throw(`SESSION_SECRET has ${short.length} character${short.length === 1 ? '' : 's'}; it needs at least 32`);
        let refused: unknown;
        await createDemo({ baseURL: 'http://localhost:3000', sessionSecret: short }).then((demo) => demo.close(), (err: unknown) => (refused = err));
        expect(refused).to.be.instanceOf(Error).with.property('name', 'DemoConfigError');
      }
      expect(() => checkSessionSecret('a'.repeat(MIN_SESSION_SECRET_LENGTH))).not.to.throw();
      expect(() => checkSessionSecret(undefined)).not.to.throw();
    });

    it('npm start with SESSION_SECRET=x exits with the message and no stack trace', async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'demo', 'server.ts')], {
        cwd: ROOT,
        env: { ...process.env, SESSION_SECRET: 'x', PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).to.equal(1);
      expect(output).to.include('passport-naver-kakao demo: SESSION_SECRET has 1 character; it needs at least 32');
      expect(output).not.to.match(/\n\s+at /);
    });
  });
});
