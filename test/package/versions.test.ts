// A whole login through Express 4 and 5, with passport 0.6 and 0.7, against the
// emulator, over real HTTP, with the session store and with the cookie store.
import { createRequire } from 'node:module';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type expressType from 'express';
import session from 'express-session';
import type { PassportStatic } from 'passport';
import { CookieStateStore, KakaoStrategy, NaverStrategy } from '../../lib/index.js';
import { startEmulator, type Emulator } from '../../lib/testing/index.js';

const load = createRequire(__filename);
const EXPRESS: Record<string, typeof expressType> = { 'Express 4': load('express4'), 'Express 5': load('express') };
const PASSPORT: Record<string, () => PassportStatic> = {
  'passport 0.6': () => new (load('passport06') as PassportStatic).Passport() as PassportStatic,
  'passport 0.7': () => new (load('passport') as PassportStatic).Passport() as PassportStatic,
};

/** A browser in miniature: follows redirects by hand and keeps cookies per host. */
class Client {
  readonly #jar = new Map<string, Map<string, string>>();
  async get(url: string, options: { follow: boolean } = { follow: true }): Promise<{ status: number; url: string; body: string; location?: string }> {
    let next: string | undefined = url;
    for (let hops = 0; next && hops < 10; hops++) {
      const target: URL = new URL(next);
      const cookies = [...(this.#jar.get(target.host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
      const res: Response = await fetch(target, { redirect: 'manual', headers: cookies ? { cookie: cookies } : {} });
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair!.indexOf('=');
        const jar = this.#jar.get(target.host) ?? new Map<string, string>();
        if (/max-age=0/i.test(line)) jar.delete(pair!.slice(0, eq));
        else jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
        this.#jar.set(target.host, jar);
      }
      const location = res.headers.get('location');
      if (res.status !== 302 || !options.follow) return { status: res.status, url: target.href, body: await res.text(), ...(location ? { location } : {}) };
      next = new URL(location!, target).href;
    }
    throw new Error('too many redirects');
  }
}

describe('the versions people run', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());

  for (const [expressName, express] of Object.entries(EXPRESS)) {
    for (const [passportName, makePassport] of Object.entries(PASSPORT)) {
      for (const stateStore of ['session', 'cookie'] as const) {
        it(`${expressName} + ${passportName}, state in the ${stateStore}: Naver and Kakao logins complete`, async () => {
          const passport = makePassport();
          const app = express();
          const server: http.Server = await new Promise((resolve) => {
            const s = app.listen(0, '127.0.0.1', () => resolve(s));
          });
          const base = `http://localhost:${(server.address() as AddressInfo).port}`;
          const store = stateStore === 'cookie' ? new CookieStateStore({ secret: 'versions-test-secret-0123456789abcdef' }) : undefined;
          passport.use(new NaverStrategy({ clientID: 'naver-test-client', clientSecret: 'naver-test-secret', callbackURL: `${base}/cb/naver`, store, ...emulator.naver }, (_a, _r, p, d) => d(null, { name: p.displayName })));
          passport.use(new KakaoStrategy({ clientID: 'kakao-test-client', clientSecret: 'kakao-test-secret', callbackURL: `${base}/cb/kakao`, store, ...emulator.kakao }, (_a, _r, p, d) => d(null, { name: p.displayName })));
          passport.serializeUser((user, done) => done(null, user));
          passport.deserializeUser((user: Express.User, done) => done(null, user));
          app.use(session({ secret: 'versions', resave: false, saveUninitialized: false }));
          app.use(passport.authenticate('session'));
          for (const name of ['naver', 'kakao']) {
            app.get(`/login/${name}`, passport.authenticate(name));
            app.get(`/cb/${name}`, passport.authenticate(name, { failureRedirect: '/failed' }), (_req, res) => res.redirect('/me'));
          }
          app.get('/me', (req, res) => res.json(req.user ?? null));
          try {
            for (const [name, user, expected] of [['naver', 'kim', '민지'], ['kakao', 'lee', '서준']] as const) {
              const client = new Client();
              const start = await client.get(`${base}/login/${name}`, { follow: false });
              const done = await client.get(await emulator.approve(start.location!, user));
              expect(new URL(done.url).pathname).to.equal('/me');
              expect(JSON.parse(done.body)).to.deep.equal({ name: expected });
            }
          } finally {
            server.closeAllConnections();
            await new Promise((resolve) => server.close(resolve));
          }
        });
      }
    }
  }
});
