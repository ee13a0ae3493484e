// Issue 9 ("Hardening II"): each attack of the adversarial review, performed,
// and refused. Real HTTP against the emulator or local servers; nock for wire checks.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { expect } from 'chai';
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import { KakaoStrategy, NaverStrategy, ProviderRequestError, type KakaoStrategyOptions } from '../../lib/index.js';
import { send, endpoint } from '../../lib/http.js';
import { startEmulator, type Emulator } from '../../lib/testing/index.js';
import { callbackRequest, expectAction, queryOf, rejection, run, stateSession, storedState } from '../helpers.js';
import { localServer, type LocalServer } from '../servers.js';
import { WebClient } from '../support/web-client.js';

const SECRET = 'CLIENT-SECRET-9b8a7c';

/** An Express app with one Kakao strategy on the emulator; `/me` shows who is logged in. */
async function kakaoApp(emulator: Emulator, extra: Partial<KakaoStrategyOptions>): Promise<{ base: string; close: () => Promise<void> }> {
  const app = express();
  const server: http.Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://localhost:${(server.address() as AddressInfo).port}`;
  const auth = new passport.Passport();
  auth.use(
    new KakaoStrategy(
      { clientID: 'kakao-test-client', clientSecret: 'kakao-test-secret', callbackURL: `${base}/cb`, ...emulator.kakao, ...extra } as KakaoStrategyOptions,
      (_a, _r, p, d) => d(null, { id: p.id, name: p.displayName }),
    ),
  );
  auth.serializeUser((user, done) => done(null, user));
  auth.deserializeUser((user: Express.User, done) => done(null, user));
  app.use(session({ secret: 'attacks-test', resave: false, saveUninitialized: false }));
  app.use(auth.authenticate('session'));
  app.get('/login', auth.authenticate('kakao'));
  app.get('/cb', auth.authenticate('kakao', { failureRedirect: '/failed' }), (_req, res) => res.redirect('/me'));
  app.get('/failed', (_req, res) => res.status(401).send('failed'));
  app.get('/me', (req, res) => res.json(req.user ?? null));
  app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => res.status(500).send(err.name));
  return {
    base,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('attacks, performed and refused', () => {
  describe('authorization code injection (RFC 9700 §2.1.1)', () => {
    let emulator: Emulator;
    before(async () => {
      emulator = await startEmulator();
    });
    after(() => emulator.close());

    /** The victim approves; the attacker replays the victim's code with a state of their own. */
    async function inject(base: string): Promise<{ status: number; body: string; url: string }> {
      const victim = new WebClient();
      const victimStart = await victim.get(`${base}/login`, { follow: false });
      const victimCallback = new URL(await emulator.approve(victimStart.location!, 'hong'));
      const stolenCode = victimCallback.searchParams.get('code')!;
      const attacker = new WebClient();
      const attackerStart = await attacker.get(`${base}/login`, { follow: false });
      const attackerState = queryOf(attackerStart.location!)['state']!;
      return attacker.get(`${base}/cb?code=${encodeURIComponent(stolenCode)}&state=${encodeURIComponent(attackerState)}`);
    }

    it('works against a Kakao strategy with PKCE turned off: the attacker is logged in as the victim', async () => {
      const app = await kakaoApp(emulator, { pkce: false });
      try {
        const landed = await inject(app.base);
        expect(new URL(landed.url).pathname).to.equal('/me');
        expect(JSON.parse(landed.body)).to.include({ name: '길동이' });
      } finally {
        await app.close();
      }
    });

    it('fails against the default Kakao strategy (PKCE on): the code does not match the attacker\'s verifier', async () => {
      const app = await kakaoApp(emulator, {});
      try {
        const start = await new WebClient().get(`${app.base}/login`, { follow: false });
        expect(queryOf(start.location!)).to.include({ code_challenge_method: 'S256' });
        const landed = await inject(app.base);
        expect(landed.status).to.equal(500);
        expect(landed.body).to.equal('KakaoTokenError');
      } finally {
        await app.close();
      }
    });

    it('a whole default login still works', async () => {
      const app = await kakaoApp(emulator, {});
      try {
        const client = new WebClient();
        const start = await client.get(`${app.base}/login`, { follow: false });
        const landed = await client.get(await emulator.approve(start.location!, 'kim'));
        expect(JSON.parse(landed.body)).to.include({ name: '민지' });
      } finally {
        await app.close();
      }
    });

    it('refuses, at construction, a custom store that cannot keep the PKCE verifier, unless pkce: false is chosen', () => {
      const fourArgs = { store(_req: unknown, _state: unknown, _meta: unknown, cb: (e: null, h: string) => void) { cb(null, 'h'); }, verify(_req: unknown, _s: unknown, _m: unknown, cb: (e: null, ok: boolean) => void) { cb(null, true); } };
      const make = (extra: object) => new KakaoStrategy({ clientID: 'k', store: fourArgs as never, ...extra }, (_a, _r, p, d) => d(null, p));
      expect(() => make({})).to.throw(TypeError, 'pass pkce: false to go without');
      expect(() => make({ pkce: true })).to.throw(TypeError, 'cannot keep the code verifier');
      expect(() => make({ pkce: false })).not.to.throw();
    });
  });

  describe('a hostile token response', () => {
    let server: LocalServer;
    let accessToken: string;
    before(async () => {
      server = await localServer((req, res) => {
        if (req.url === '/token') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ access_token: accessToken, token_type: 'bearer', refresh_token: 'r', expires_in: 60 }));
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
    });
    after(() => server.close());

    const urls = () => ({ authorizationURL: `${server.url}/authorize`, tokenURL: `${server.url}/token`, profileURL: `${server.url}/me`, jwksURL: `${server.url}/jwks` });
    const makers: Array<[string, () => NaverStrategy | KakaoStrategy]> = [
      ['Naver', () => new NaverStrategy({ clientID: 'n', clientSecret: SECRET, ...urls() }, (_a, _r, p, d) => d(null, p))],
      ['Kakao', () => new KakaoStrategy({ clientID: 'k', clientSecret: SECRET, ...urls() }, (_a, _r, p, d) => d(null, p))],
      ['Kakao OIDC', () => new KakaoStrategy({ clientID: 'k', clientSecret: SECRET, oidc: true, ...urls() }, (_a, _r, p, d) => d(null, p))],
    ];
    const tokens: Array<[string, string]> = [
      ['CR/LF', 'abc\r\nX-Injected: 1'],
      ['NUL', 'abc\u0000def'],
      ['a character above U+00FF', 'abc\u0100def'],
      ['a space', 'abc def'],
    ];
    for (const [provider, make] of makers) {
      for (const [what, token] of tokens) {
        it(`${provider}: an access_token with ${what} ends the login in one error, and nothing is thrown`, async () => {
          accessToken = token;
          const strategy = make();
          const seen = server.requests.length;
          const { err } = expectAction(await run(strategy, callbackRequest(strategy, { code: 'c', state: 's' })), 'error');
          expect(err).to.be.instanceOf(ProviderRequestError);
          expect(err).to.include({ code: 'EBADRESPONSE', message: `${provider.slice(0, 5)} token request answered with an access_token that is not a valid bearer token` });
          expect(server.requests.slice(seen).map((r) => r.url)).to.deep.equal(['/token']);
        });
      }
    }

    it('the HTTP layer turns a header Node refuses into an error through its callback', async () => {
      const result = await new Promise<unknown>((resolve) => {
        send(endpoint(`${server.url}/me`, 'profileURL'), 'GET', { Authorization: 'Bearer a\nb' }, undefined, { timeout: 1000, maxResponseBytes: 1000 }, 'Test request', (err) => resolve(err));
      });
      expect(result).to.be.instanceOf(ProviderRequestError);
      expect(result).to.include({ code: 'EREQUEST', message: 'Test request could not be sent (ERR_INVALID_CHAR)' });
    });
  });

  describe('values the request sent, echoed back by the provider', () => {
    let server: LocalServer;
    before(async () => {
      server = await localServer((req, res) => {
        const form = new URLSearchParams(server.requests.at(-1)!.body);
        // Kakao's KOE320 names the code it could not find (docs/providers.md §C6.3).
        res.writeHead(400, { 'Content-Type': 'application/json' }).end(
          JSON.stringify({ error: 'invalid_grant', error_description: `authorization code not found for code=${form.get('code')} (${form.get('client_secret')}, ${encodeURIComponent(form.get('code_verifier') ?? '')})`, error_code: 'KOE320' }),
        );
        void req;
      });
    });
    after(() => server.close());

    it('are cut out of the message: KOE320 does not carry the code into logs', async () => {
      const strategy = new KakaoStrategy({ clientID: 'k', clientSecret: SECRET, authorizationURL: `${server.url}/a`, tokenURL: `${server.url}/token`, profileURL: `${server.url}/me` }, (_a, _r, p, d) => d(null, p));
      const code = 'VICTIM-CODE-+/=xyz';
      const { err } = expectAction(await run(strategy, callbackRequest(strategy, { code, state: 's' })), 'error');
      expect(err.message).to.equal('authorization code not found for code=[redacted] ([redacted], [redacted])');
      expect(err).to.include({ errorCode: 'KOE320', category: 'login' });
    });
  });

  describe('what a strategy shows of itself', () => {
    for (const [name, make] of [
      ['Naver', () => new NaverStrategy({ clientID: 'n', clientSecret: SECRET }, (_a, _r, p, d) => d(null, p))],
      ['Kakao', () => new KakaoStrategy({ clientID: 'k', clientSecret: SECRET }, (_a, _r, p, d) => d(null, p))],
    ] as const) {
      it(`${name}: util.inspect and JSON.stringify never show the client secret`, () => {
        const strategy = make();
        const views = [inspect(strategy), inspect(strategy, { showHidden: true, depth: Infinity }), inspect(Object.create(strategy)), JSON.stringify(strategy), JSON.stringify((strategy as unknown as { _oauth2: object })._oauth2), inspect((strategy as unknown as { _oauth2: object })._oauth2, { depth: Infinity })];
        for (const view of views) expect(view).not.to.contain(SECRET);
        expect(inspect(strategy)).to.equal(`${name}Strategy { name: '${name.toLowerCase()}' }`);
      });
    }
  });

  describe('a verify that calls done twice', () => {
    it('ends the login in one success, and reports the second call once as a warning', async () => {
      const warnings: Error[] = [];
      const onWarning = (w: Error) => warnings.push(w);
      process.on('warning', onWarning);
      try {
        const server = await localServer((req, res) => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(req.url === '/token' ? JSON.stringify({ access_token: 'at', refresh_token: 'rt' }) : JSON.stringify({ id: 7 }));
        });
        try {
          const strategy = new KakaoStrategy({ clientID: 'k', authorizationURL: `${server.url}/a`, tokenURL: `${server.url}/token`, profileURL: `${server.url}/me` }, (_a, _r, p, done) => {
            done(null, { id: p.id });
            done(null, { id: 'again' });
            done(new Error('and again'));
          });
          const outcome = expectAction(await run(strategy, callbackRequest(strategy, { code: 'c', state: 's' })), 'success');
          expect(outcome.user).to.deep.equal({ id: '7' });
          await new Promise((resolve) => setImmediate(resolve));
          const ours = warnings.filter((w) => (w as { code?: string }).code === 'PASSPORT_NAVER_KAKAO_VERIFY_DONE_TWICE');
          expect(ours.map((w) => w.message)).to.deep.equal(['KakaoStrategy: verify called done() again after it had already called done(); ignored']);
        } finally {
          await server.close();
        }
      } finally {
        process.off('warning', onWarning);
      }
    });
  });

  describe('methods called without a token', () => {
    let server: LocalServer;
    before(async () => {
      server = await localServer((_req, res) => void res.end('{}'));
    });
    after(() => server.close());

    it('reject with a TypeError before any request, for every method', async () => {
      const urls = { logoutURL: `${server.url}/logout`, unlinkURL: `${server.url}/unlink`, accessTokenInfoURL: `${server.url}/info`, tokenURL: `${server.url}/token`, revokeURL: `${server.url}/revoke` };
      const kakao = new KakaoStrategy({ clientID: 'k', ...urls }, (_a, _r, p, d) => d(null, p));
      const naver = new NaverStrategy({ clientID: 'n', clientSecret: SECRET, ...urls }, (_a, _r, p, d) => d(null, p));
      const calls: Array<() => Promise<unknown>> = [];
      for (const bad of [undefined, null, '', 42, {}]) {
        calls.push(() => kakao.logout(bad as never), () => kakao.unlink(bad as never), () => kakao.accessTokenInfo(bad as never), () => kakao.refresh(bad as never), () => naver.revoke(bad as never), () => naver.refresh(bad as never));
      }
      for (const call of calls) expect(await rejection(call())).to.be.instanceOf(TypeError);
      expect(server.requests).to.deep.equal([]);
    });
  });

  describe('plain http to a real provider host', () => {
    it('is refused at construction; loopback and other hosts stay allowed', () => {
      const kakao = (tokenURL: string) => new KakaoStrategy({ clientID: 'k', tokenURL }, (_a, _r, p, d) => d(null, p));
      const naver = (profileURL: string) => new NaverStrategy({ clientID: 'n', clientSecret: 's', profileURL }, (_a, _r, p, d) => d(null, p));
      expect(() => kakao('http://kauth.kakao.com/oauth/token')).to.throw(TypeError, 'tokenURL must use https for kauth.kakao.com');
      expect(() => naver('http://openapi.naver.com/v1/nid/me')).to.throw(TypeError, 'profileURL must use https for openapi.naver.com');
      expect(() => naver('http://NAVER.COM./x')).to.throw(TypeError);
      expect(() => kakao('http://127.0.0.1:9/token')).not.to.throw();
      expect(() => kakao('http://localhost:9/token')).not.to.throw();
      expect(() => kakao('http://evil-kakao.com.example/token')).not.to.throw();
      expect(() => kakao('https://kauth.kakao.com/oauth/token')).not.to.throw();
    });
  });

  describe('two strategies of one provider', () => {
    it("keep their states apart: one app's state does not complete the other's callback", async () => {
      const a = new KakaoStrategy({ clientID: 'app-a', pkce: false }, (_a, _r, p, d) => d(null, p));
      const b = new KakaoStrategy({ clientID: 'app-b', name: 'kakao-b', pkce: false }, (_a, _r, p, d) => d(null, p));
      const session: Record<string, unknown> = {};
      const redirect = expectAction(await run(a, { session }), 'redirect');
      const state = queryOf(redirect.url)['state'];
      const outcome = expectAction(await run(b, { query: { code: 'c', state }, session }), 'fail');
      expect(outcome.challenge).to.include({ code: 'invalid_state' });
      expect(storedState(a, session).handle).to.equal(state);
    });
  });

  describe('a fixed state string, as the peer packages\' samples pass it', () => {
    it('is kept as app state: a CSRF state is still generated, and the string comes back in info.state', async () => {
      const server = await localServer((req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(req.url === '/token' ? JSON.stringify({ access_token: 'at', refresh_token: 'rt' }) : JSON.stringify({ resultcode: '00', message: 'success', response: { id: 'naver-1' } }));
      });
      try {
        const strategy = new NaverStrategy({ clientID: 'n', clientSecret: SECRET, authorizationURL: `${server.url}/a`, tokenURL: `${server.url}/token`, profileURL: `${server.url}/me` }, (_a, _r, p, d) => d(null, { id: p.id }));
        const session: Record<string, unknown> = {};
        const redirect = expectAction(await run(strategy, { session }, { state: 'myState' }), 'redirect');
        const sent = queryOf(redirect.url)['state']!;
        expect(sent).to.match(/^[\w-]{24}$/);
        expect(sent).not.to.equal('myState');
        const outcome = expectAction(await run(strategy, { query: { code: 'c', state: sent }, session }), 'success');
        expect(outcome.info).to.deep.equal({ state: 'myState' });
        // The fixed string alone no longer logs anyone in.
        const forged = expectAction(await run(strategy, { query: { code: 'c', state: 'myState' }, session: stateSession(strategy, sent) }), 'fail');
        expect(forged.challenge).to.include({ code: 'invalid_state' });
      } finally {
        await server.close();
      }
    });

    it('is refused at the first request when the store cannot keep it, with a message that says why', async () => {
      const threeArgs = { store(_req: unknown, _meta: unknown, cb: (e: null, h: string) => void) { cb(null, 'h'); }, verify(_req: unknown, _s: unknown, cb: (e: null, ok: boolean) => void) { cb(null, true); } };
      const strategy = new NaverStrategy({ clientID: 'n', clientSecret: SECRET, store: threeArgs as never }, (_a, _r, p, d) => d(null, p));
      const { err } = expectAction(await run(strategy, {}, { state: 'myState' }), 'error');
      expect(err).to.be.instanceOf(TypeError);
      expect(err.message).to.contain('the state string passed to authenticate()');
    });
  });
});
