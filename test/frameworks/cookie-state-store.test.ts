// CookieStateStore under the other frameworks' Passport adapters, in process,
// over real HTTP against the emulator:
// - Koa through koa-passport: the store reaches Koa's context (`req.ctx`), sets
//   its cookie next to the ones already set, and logs in with both providers
//   without any session;
// - Fastify through @fastify/passport: the request does not reach its reply, so
//   the first login fails with an error that says what to do instead (never
//   "res.getHeader is not a function"), and nothing is sent to the provider.
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { Authenticator } from '@fastify/passport';
import fastifySecureSession from '@fastify/secure-session';
import Router from '@koa/router';
import { expect } from 'chai';
import Fastify, { type FastifyInstance } from 'fastify';
import Koa from 'koa';
import { CookieStateStore, KakaoStrategy, NaverStrategy } from '../../lib/index.js';
import { startEmulator, type Emulator } from '../../lib/testing/index.js';
import { freePort } from '../support/run-app.js';

/**
 * koa-passport ships no types, and @types/koa-passport is not yet a
 * devDependency here: the part of it this test uses, typed by hand.
 * (With @types/koa-passport: `import koaPassport from 'koa-passport'`.)
 */
interface KoaPassportLike {
  use(strategy: object): void;
  initialize(): Koa.Middleware;
  authenticate(name: string, options: object, callback?: (err: unknown, user: unknown, info: unknown) => void): Koa.Middleware;
}
const koaPassport = createRequire(__filename)('koa-passport') as { KoaPassport: new () => KoaPassportLike };

type Provider = 'naver' | 'kakao';
const SECRET = 'frameworks-state-secret-0123456789abcdef';

/** Both strategies with `store`, pointed at `emulator`, their callbacks under `base`. */
function strategies(emulator: Emulator, base: string, store: CookieStateStore): { naver: NaverStrategy; kakao: KakaoStrategy } {
  return {
    naver: new NaverStrategy({ clientID: 'naver-test-client', clientSecret: 'naver-test-secret', callbackURL: `${base}/auth/naver/callback`, store, ...emulator.naver },
      (_at, _rt, profile, done) => done(null, { provider: 'naver', id: profile.id, name: profile.displayName })),
    kakao: new KakaoStrategy({ clientID: 'kakao-test-client', clientSecret: 'kakao-test-secret', callbackURL: `${base}/auth/kakao/callback`, store, ...emulator.kakao },
      (_at, _rt, profile, done) => done(null, { provider: 'kakao', id: profile.id, name: profile.displayName })),
  };
}

describe('CookieStateStore with Koa (koa-passport) and Fastify (@fastify/passport)', function () {
  this.timeout(30_000);
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });

  describe('Koa through koa-passport, no session', () => {
    let server: Server;
    let base = '';

    before(async () => {
      const koa = new Koa();
      const passport = new koaPassport.KoaPassport();
      const port = await freePort();
      base = `http://localhost:${port}`;
      const { naver, kakao } = strategies(emulator, base, new CookieStateStore({ secret: SECRET }));
      passport.use(naver);
      passport.use(kakao);
      // Another middleware's cookie, set before passport runs: the store must keep it.
      koa.use(async (ctx, next) => {
        ctx.cookies.set('theme', 'dark', { signed: false, httpOnly: false });
        await next();
      });
      koa.use(passport.initialize());
      const router = new Router();
      for (const provider of ['naver', 'kakao'] as const) {
        router.get(`/auth/${provider}`, passport.authenticate(provider, { session: false }));
        router.get(`/auth/${provider}/callback`, (ctx, next) => passport.authenticate(provider, { session: false }, (err: unknown, user: unknown, info: unknown) => {
          ctx.status = user ? 200 : 401;
          ctx.body = user ? { user } : { failed: (info as { code?: string } | undefined)?.code ?? String(err) };
        })(ctx, next));
      }
      koa.use(router.routes());
      server = koa.listen(port, '127.0.0.1');
      await new Promise<void>((resolve) => server.once('listening', resolve));
    });
    after(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    /** Starts a login; returns the consent screen's URL and the state cookie (name=value). */
    async function start(provider: Provider): Promise<{ authorize: string; cookie: string }> {
      const res = await fetch(`${base}/auth/${provider}`, { redirect: 'manual' });
      expect(res.status).to.equal(302);
      const cookies = res.headers.getSetCookie();
      expect(cookies[0]).to.equal('theme=dark; path=/');
      expect(cookies).to.have.length(2);
      expect(cookies[1]).to.match(new RegExp(`^oauth_state_[\\w-]{8}=[\\w-]+\\.[\\w-]+; Path=/auth/${provider}/callback; Max-Age=600; HttpOnly; SameSite=Lax$`));
      return { authorize: res.headers.get('location')!, cookie: cookies[1]!.split(';')[0]! };
    }

    for (const [provider, expected] of [['naver', { provider: 'naver', name: '서준' }], ['kakao', { provider: 'kakao', id: '1648968269', name: '민지' }]] as const) {
      it(`logs in with ${provider}: the state cookie set beside the others, checked and cleared on the callback`, async () => {
        const { authorize, cookie } = await start(provider);
        const back = await fetch(await emulator.approve(authorize, provider === 'naver' ? 'lee' : 'kim'), { headers: { cookie } });
        expect(back.status).to.equal(200);
        expect(((await back.json()) as { user: object }).user).to.include(expected);
        expect(back.headers.getSetCookie()).to.deep.equal(['theme=dark; path=/', `${cookie.split('=')[0]}=; Path=/auth/${provider}/callback; Max-Age=0; HttpOnly; SameSite=Lax`]);
      });

      it(`refuses a ${provider} callback without the state cookie, and a replayed one, with invalid_state`, async () => {
        const { authorize, cookie } = await start(provider);
        const callback = await emulator.approve(authorize, 'kim');
        const without = await fetch(callback);
        expect([without.status, await without.json()]).to.deep.equal([401, { failed: 'invalid_state' }]);
        expect((await fetch(callback, { headers: { cookie } })).status).to.equal(200);
        const replay = await fetch(callback, { headers: { cookie } });
        expect([replay.status, await replay.json()]).to.deep.equal([401, { failed: 'invalid_state' }]);
      });
    }
  });

  describe('Fastify through @fastify/passport', () => {
    let server: FastifyInstance;
    let base = '';
    const errors: Error[] = [];

    before(async () => {
      server = Fastify();
      const passport = new Authenticator();
      await server.register(fastifySecureSession, { key: Buffer.alloc(32, 7), cookie: { path: '/' } });
      await server.register(passport.initialize());
      await server.register(passport.secureSession());
      server.setErrorHandler(async (error, _request, reply) => {
        errors.push(error as Error);
        return reply.code(500).send('error');
      });
      const port = await freePort();
      base = `http://localhost:${port}`;
      const { naver, kakao } = strategies(emulator, base, new CookieStateStore({ secret: SECRET }));
      passport.use('naver', naver);
      passport.use('kakao', kakao);
      server.get('/auth/naver', passport.authenticate('naver'));
      server.get('/auth/kakao', passport.authenticate('kakao'));
      await server.listen({ port, host: '127.0.0.1' });
    });
    after(async () => {
      await server.close();
    });

    for (const provider of ['naver', 'kakao'] as const) {
      it(`fails the first ${provider} login with an error that names the fix, before any redirect`, async () => {
        errors.length = 0;
        const res = await fetch(`${base}/auth/${provider}`, { redirect: 'manual' });
        expect(res.status).to.equal(500);
        expect(res.headers.get('location')).to.equal(null);
        expect(res.headers.getSetCookie().filter((c) => c.startsWith('oauth_state'))).to.deep.equal([]);
        expect(errors).to.have.length(1);
        const { message } = errors[0]!;
        expect(message).to.include('CookieStateStore').and.include('Fastify').and.include('leave out `store`').and.include('@fastify/secure-session');
        expect(message).not.to.match(/is not a function/);
      });
    }
  });
});
