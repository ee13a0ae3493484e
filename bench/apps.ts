// The contenders: one Express app per strategy, each on its own port, all in
// this process (started by bench/run.ts). Answers { ready: { name: port } } over IPC.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import express from 'express';
import session from 'express-session';
import { Passport, type Strategy } from 'passport';
import OAuth2Strategy from 'passport-oauth2';
import KakaoLegacy from 'passport-kakao';
import NaverV2 from 'passport-naver-v2';
import { KakaoStrategy, NaverStrategy } from 'passport-naver-kakao';
import type { EmulatedKakao, EmulatedNaver } from 'passport-naver-kakao/testing';

/**
 * What every contender's verify does: keep the id and the nickname, so that
 * every contender's session holds the same data. passport-naver-v2 has no
 * `displayName`; its profile carries the nickname as `nickname`.
 */
const keep = (_at: string, _rt: string | undefined, profile: { id: string | number; displayName?: string; nickname?: string }, done: (e: null, u: object) => void): void =>
  done(null, { id: String(profile.id), name: profile.displayName ?? profile.nickname });

/**
 * The floor: passport-oauth2 with a minimal hand-written userProfile, the same
 * requests, state on; with `pkce`, also passport-oauth2's own PKCE (S256), the
 * protocol work KakaoStrategy does by default.
 */
class BareKakao extends OAuth2Strategy {
  readonly profileURL: string;
  constructor(emulator: EmulatedKakao, callbackURL: string, pkce = false) {
    super({ ...emulator, clientID: 'kakao-test-client', clientSecret: 'kakao-test-secret', callbackURL, state: true, pkce }, keep as OAuth2Strategy.VerifyFunction);
    this.name = 'kakao';
    this.profileURL = emulator.profileURL;
    this._oauth2.useAuthorizationHeaderforGET(true);
  }
  override userProfile(accessToken: string, done: (err?: unknown, profile?: unknown) => void): void {
    this._oauth2.get(this.profileURL, accessToken, (err, body) => {
      if (err) return done(err);
      try {
        const json = JSON.parse(String(body)) as { id: number; kakao_account?: { profile?: { nickname?: string } } };
        done(null, { provider: 'kakao', id: String(json.id), displayName: json.kakao_account?.profile?.nickname ?? '' });
      } catch (e) {
        done(e);
      }
    });
  }
}

/** passport-kakao as people use it (no state), or with passport-oauth2's `state: true` to do the same CSRF work. */
function legacyKakao(callbackURL: string, k: EmulatedKakao, state: boolean): Strategy {
  type Legacy = Strategy & { _oauth2: { _authorizeUrl: string; _accessTokenUrl: string }; _userProfileURL: string };
  const s = new (KakaoLegacy as new (o: object, v: unknown) => Legacy)({ clientID: 'kakao-test-client', clientSecret: 'kakao-test-secret', callbackURL, state }, keep);
  // passport-kakao overwrites the URLs it is given (provider-apis.md §K15), so point it at the emulator afterwards.
  s._oauth2._authorizeUrl = k.authorizationURL;
  s._oauth2._accessTokenUrl = k.tokenURL;
  s._userProfileURL = k.profileURL;
  return s;
}

type Factory = (callbackURL: string, naver: EmulatedNaver, kakao: EmulatedKakao) => Strategy;

/** The contenders, by name. */
export const CONTENDERS: Record<string, Factory> = {
  'floor: passport-oauth2 (Kakao flow)': (cb, _n, k) => new BareKakao(k, cb),
  'floor with PKCE: passport-oauth2 (Kakao flow, pkce: true)': (cb, _n, k) => new BareKakao(k, cb, true),
  'passport-naver-kakao KakaoStrategy': (cb, _n, k) => new KakaoStrategy({ clientID: 'kakao-test-client', clientSecret: 'kakao-test-secret', callbackURL: cb, ...k }, keep),
  'passport-naver-kakao KakaoStrategy (profileFrom id_token)': (cb, _n, k) =>
    new KakaoStrategy({ clientID: 'kakao-test-client', clientSecret: 'kakao-test-secret', callbackURL: cb, ...k, oidc: true, profileFrom: 'id_token' }, (_a, _r, p, d) => d(null, { id: p.id })),
  'passport-naver-kakao KakaoStrategy (pkce: false)': (cb, _n, k) => new KakaoStrategy({ clientID: 'kakao-test-client', clientSecret: 'kakao-test-secret', callbackURL: cb, ...k, pkce: false }, keep),
  'passport-kakao@1.0.1': (cb, _n, k) => legacyKakao(cb, k, false),
  'passport-kakao@1.0.1 with state: true': (cb, _n, k) => legacyKakao(cb, k, true),
  'passport-naver-kakao NaverStrategy': (cb, n) => new NaverStrategy({ clientID: 'naver-test-client', clientSecret: 'naver-test-secret', callbackURL: cb, ...n }, keep),
  'passport-naver-kakao NaverStrategy (OpenID Connect)': (cb, n) => {
    const oidc = n as EmulatedNaver & { oidcAuthorizationURL?: string; oidcTokenURL?: string; jwksURL?: string };
    if (!oidc.oidcAuthorizationURL || !oidc.oidcTokenURL || !oidc.jwksURL) throw new Error('the emulator serves no Naver OpenID Connect');
    return new NaverStrategy(
      { clientID: 'naver-test-client', clientSecret: 'naver-test-secret', callbackURL: cb, profileURL: n.profileURL, oidc: true, authorizationURL: oidc.oidcAuthorizationURL, tokenURL: oidc.oidcTokenURL, jwksURL: oidc.jwksURL },
      keep,
    );
  },
  'passport-naver-v2': (cb, n) => {
    const s = new (NaverV2 as unknown as new (o: object, v: unknown) => Strategy & { _profileURL: string })(
      // state: Naver requires it (provider-apis.md §A1); passport-naver-v2 leaves it to passport-oauth2's option.
      { clientID: 'naver-test-client', clientSecret: 'naver-test-secret', callbackURL: cb, authorizationURL: n.authorizationURL, tokenURL: n.tokenURL, state: true },
      keep,
    );
    s._profileURL = n.profileURL;
    return s;
  },
};

/** Starts one app per contender on 127.0.0.1 and returns their ports. */
export async function startApps(naver: EmulatedNaver, kakao: EmulatedKakao): Promise<Record<string, number>> {
  const ports: Record<string, number> = {};
  for (const [name, make] of Object.entries(CONTENDERS)) {
    const app = express();
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as AddressInfo).port;
    const passport = new Passport();
    let strategy: Strategy;
    try {
      strategy = make(`http://127.0.0.1:${port}/cb`, naver, kakao);
    } catch (err) {
      console.log(`skipped ${name}: ${(err as Error).message}`);
      server.close();
      continue;
    }
    passport.use('contender', strategy);
    passport.serializeUser((user, done) => done(null, user));
    passport.deserializeUser((user: Express.User, done) => done(null, user));
    app.use(session({ secret: 'bench', resave: false, saveUninitialized: false }));
    app.use(passport.authenticate('session'));
    app.get('/login', passport.authenticate('contender'));
    app.get('/cb', passport.authenticate('contender', { failureRedirect: '/failed' }), (_req, res) => res.redirect('/done'));
    app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => res.status(500).send(err.name));
    ports[name] = port;
  }
  return ports;
}

// Garbage collections so far, as PerformanceObserver reports them: an
// allocation measurement is kept only when none ran during its logins.
let collections = 0;
new PerformanceObserver((list) => {
  collections += list.getEntries().length;
}).observe({ entryTypes: ['gc'] });
const gc = (): void => (globalThis as { gc?: () => void }).gc!();
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20)); // lets the observer deliver
let allocation: { heap: number; collections: number } | undefined;
let profiler: Session | undefined;
const marks: Array<[number, string]> = [];

type Message = { start?: { naver: EmulatedNaver; kakao: EmulatedKakao }; heap?: true; cpu?: true; mark?: string; allocStart?: true; allocEnd?: true; profileStart?: true; profileStop?: string; heapProfileStart?: true; heapProfileStop?: string };

/** Answers one message from bench/run.ts. */
async function answer(message: Message): Promise<object> {
  // CPU time of this process so far, in microseconds: the runner takes it before and after each contender's logins.
  if (message.cpu) {
    // A profiled run marks where each contender's logins begin and end ('' ends), on the profiler's clock.
    if (message.mark !== undefined) marks.push([Number(process.hrtime.bigint() / 1000n), message.mark]);
    const { user, system } = process.cpuUsage();
    return { cpu: user + system };
  }
  if (message.start) return { ready: await startApps(message.start.naver, message.start.kakao) };
  if (message.heap) {
    gc();
    gc();
    return { heap: process.memoryUsage().heapUsed };
  }
  // Allocation: the heap after a full collection, then after the logins. With a
  // young generation large enough that no collection runs in between (checked),
  // the difference is every byte the logins allocated on the V8 heap.
  if (message.allocStart) {
    gc();
    gc();
    await settle();
    allocation = { heap: getHeapStatistics().used_heap_size, collections };
    return { ok: true };
  }
  if (message.allocEnd) {
    const heap = getHeapStatistics().used_heap_size;
    await settle();
    const started = allocation!;
    return { bytes: heap - started.heap, collected: collections !== started.collections };
  }
  // A CPU profile of one contender's logins, through the inspector (100 µs sampling).
  if (message.profileStart) {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
    await profiler.post('Profiler.start');
    return { ok: true };
  }
  if (message.profileStop) {
    const { profile } = await profiler!.post('Profiler.stop');
    profiler!.disconnect();
    writeFileSync(message.profileStop, JSON.stringify(marks.length > 0 ? { ...profile, marks } : profile));
    marks.length = 0;
    return { ok: true };
  }
  // Where the bytes go: V8's sampling heap profiler (one sample per 256 bytes allocated on average), collected objects included.
  if (message.heapProfileStart) {
    profiler = new Session();
    profiler.connect();
    await profiler.post('HeapProfiler.enable');
    await profiler.post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    return { ok: true };
  }
  if (message.heapProfileStop) {
    const { profile } = await profiler!.post('HeapProfiler.stopSampling');
    profiler!.disconnect();
    writeFileSync(message.heapProfileStop, JSON.stringify(profile));
    return { ok: true };
  }
  return { ok: true };
}

// Run as a child of bench/run.ts: start when told where the emulator is; leave when it goes.
process.on('disconnect', () => process.exit(0));
process.on('message', (message: Message) => {
  void answer(message).then((reply) => process.send!(reply));
});
