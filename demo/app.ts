// The demo app: Express + express-session + passport with both strategies,
// using the package the way an app would, by its name.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import { Passport } from 'passport';
import {
  CookieStateStore,
  KakaoStrategy,
  NaverStrategy,
  type KakaoProfile,
  type KakaoTokenResponse,
  type NaverProfile,
  type NaverTokenResponse,
  type VerifyCallback,
} from 'passport-naver-kakao';
import { KAKAO_ACCOUNT_LOGOUT_URL, KAKAO_AUTHORIZATION_URL } from 'passport-naver-kakao/kakao';
import { startEmulator, type Emulator, type EmulatorUser } from 'passport-naver-kakao/testing';
import { RedisStore } from 'connect-redis';
import { createClient } from 'redis';
import { accountRoutes } from './account-routes.js';
import { csrfGuard, csrfToken } from './csrf.js';
import { DEMO_APPS, DEMO_PATHS, demoEmulatorOptions } from './emulated-apps.js';
import { explain, storedFailure } from './explain.js';
import { securityHeaders } from './headers.js';
import { errorLogLine } from './log.js';
import { failurePage, homePage, notFoundPage, profilePage, refusedPage, type PageContext, type ProviderModes } from './pages.js';
import { BoundedMemoryStore } from './session-store.js';
import type { TokenSummary } from './types.js';
import { unlinkReceivers } from './unlink.js';

/** Everything the demo reads from the environment. */
export interface DemoConfig {
  /** Where the browser reaches the demo, e.g. `http://localhost:3000`. */
  baseURL: string;
  sessionSecret?: string | undefined;
  naver?: { clientID: string; clientSecret: string } | undefined;
  kakao?: { clientID: string; clientSecret?: string | undefined } | undefined;
  /** Additional consent items asked at every Kakao login (KAKAO_SCOPE); none by default: the items come from the console. */
  kakaoScope?: string[] | undefined;
  /** Naver OpenID Connect with the real Naver (NAVER_OIDC=1); always offered with the emulator. */
  naverOidc?: boolean | undefined;
  /** Kakao's primary admin key (KAKAO_ADMIN_KEY): with it the demo receives Kakao's unlink webhook. */
  kakaoAdminKey?: string | undefined;
  /** Kakao's app ID (KAKAO_APP_ID): an unlink webhook for another app is refused. */
  kakaoAppId?: string | undefined;
  /** Kakao OpenID Connect (KAKAO_OIDC=1); always on with the emulator, whose demo app has it switched on. */
  kakaoOidc?: boolean | undefined;
  /** Users of the emulator (default: its own). */
  emulatorUsers?: EmulatorUser[] | undefined;
  /**
   * Kakao's per-user token quota in the emulator (KOE237 past 20 logins of one
   * user in 10 minutes). Default on; `EMULATOR_TOKEN_QUOTA=off` lifts it for load runs.
   */
  emulatorTokenQuota?: boolean | undefined;
  /** Where the OAuth state lives between redirect and callback: the session (default) or a signed cookie. */
  stateStore?: 'session' | 'cookie' | undefined;
  /** Sessions in Redis (shared by every instance) instead of in this process. */
  redisURL?: string | undefined;
  /** Trust X-Forwarded-* headers (behind a load balancer). */
  trustProxy?: boolean | undefined;
  /** Use this running emulator instead of starting one (it must know the demo's clients: {@link demoEmulatorOptions}). */
  emulator?: Emulator | undefined;
}

export { DEMO_APPS, DEMO_PATHS, demoEmulatorOptions } from './emulated-apps.js';

/** A built demo: the app, and the emulator when one was started. */
export interface Demo {
  app: express.Express;
  modes: ProviderModes;
  emulator: Emulator | undefined;
  /** How many sessions the session store holds now (expired ones not counted). */
  sessionCount(): Promise<number>;
  close(): Promise<void>;
}

/** The shortest SESSION_SECRET accepted. */
export const MIN_SESSION_SECRET_LENGTH = 32;
/** Lifetime of a session before login: the login must finish within it. */
export const PENDING_SESSION_MS = 10 * 60_000;
/** Lifetime of a logged-in session, renewed by each visit. */
export const USER_SESSION_MS = 8 * 60 * 60_000;

/** A setting the demo cannot run with; its message says what to change. */
export class DemoConfigError extends Error {
  override name = 'DemoConfigError';
}

/** Refuses a session secret that is too short to sign cookies safely (never pads it). */
export function checkSessionSecret(secret: string | undefined): void {
  if (secret !== undefined && secret.length < MIN_SESSION_SECRET_LENGTH) {
    throw new DemoConfigError(
      `SESSION_SECRET has ${secret.length} character${secret.length === 1 ? '' : 's'}; it needs at least ${MIN_SESSION_SECRET_LENGTH}. ` +
        `Make one with: node -e "console.log(require('node:crypto').randomBytes(32).toString('hex'))" (or leave SESSION_SECRET empty for a random one at each start).`,
    );
  }
}

/** Reads the demo's configuration from environment variables (see .env.example). */
export function configFromEnv(env: NodeJS.ProcessEnv): DemoConfig {
  const port = env['PORT'] || '3000';
  return {
    baseURL: (env['BASE_URL'] || `http://localhost:${port}`).replace(/\/$/, ''),
    sessionSecret: env['SESSION_SECRET'] || undefined,
    naver: env['NAVER_CLIENT_ID'] && env['NAVER_CLIENT_SECRET'] ? { clientID: env['NAVER_CLIENT_ID'], clientSecret: env['NAVER_CLIENT_SECRET'] } : undefined,
    kakao: env['KAKAO_CLIENT_ID'] ? { clientID: env['KAKAO_CLIENT_ID'], clientSecret: env['KAKAO_CLIENT_SECRET'] || undefined } : undefined,
    kakaoOidc: env['KAKAO_OIDC'] === '1',
    naverOidc: env['NAVER_OIDC'] === '1',
    kakaoAdminKey: env['KAKAO_ADMIN_KEY'] || undefined,
    kakaoAppId: env['KAKAO_APP_ID'] || undefined,
    kakaoScope: env['KAKAO_SCOPE'] ? env['KAKAO_SCOPE'].split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    stateStore: env['STATE_STORE'] === 'cookie' ? 'cookie' : 'session',
    redisURL: env['REDIS_URL'] || undefined,
    trustProxy: env['TRUST_PROXY'] === '1',
    emulatorTokenQuota: env['EMULATOR_TOKEN_QUOTA'] !== 'off',
  };
}

/** A path on this site, or undefined: `returnTo` never leads off the site. */
export function localPath(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && !/[\r\n]/.test(value) ? value : undefined;
}

function summary(params: NaverTokenResponse | KakaoTokenResponse): TokenSummary {
  return {
    tokenType: params.token_type,
    scope: typeof params.scope === 'string' ? params.scope : undefined,
    hasRefreshToken: typeof params.refresh_token === 'string',
    hasIdToken: typeof params.id_token === 'string',
    receivedAt: Date.now(),
    expiresIn: params.expires_in,
    refreshTokenExpiresIn: typeof params.refresh_token_expires_in === 'number' ? params.refresh_token_expires_in : undefined,
  };
}

/** The listed fields of an object. */
function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, from[key]])) as Pick<T, K>;
}

/** Seconds left of a lifetime that started at `since`. */
function remaining(since: number, seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : Math.max(0, seconds - Math.floor((Date.now() - since) / 1000));
}

/** The demo's login strategies: Naver OAuth 2.0, Naver OpenID Connect, Kakao. */
export type LoginName = 'naver' | 'naver-oidc' | 'kakao';

function toUser(login: LoginName, profile: NaverProfile | KakaoProfile, accessToken: string, refreshToken: string | undefined, params: NaverTokenResponse | KakaoTokenResponse): Express.User {
  const email = profile.emails?.[0];
  return {
    secrets: { accessToken, refreshToken },
    // Verified before verify ran (Kakao, and Naver OpenID Connect).
    idToken: profile.idToken as Record<string, unknown> | undefined,
    login,
    provider: profile.provider,
    id: profile.id,
    displayName: profile.displayName,
    email: email?.value,
    emailVerified: email?.verified,
    photo: profile.photos?.[0]?.value,
    // The body as received: JSON.parse has already rounded a Kakao id above 2^53 in _json.
    raw: profile._raw,
    token: summary(params),
  };
}

/** The emulator's Kakao token quota, lifted (`EMULATOR_TOKEN_QUOTA=off`). */
const NO_TOKEN_QUOTA = { accessTokens: Number.MAX_SAFE_INTEGER, accessWindowSeconds: 600, refreshTokens: Number.MAX_SAFE_INTEGER, refreshWindowSeconds: 3600 };

/** Builds the demo. Starts the emulator for every provider without credentials. */
export async function createDemo(config: DemoConfig): Promise<Demo> {
  checkSessionSecret(config.sessionSecret);
  const modes: ProviderModes = { naver: config.naver ? 'real' : 'emulator', kakao: config.kakao ? 'real' : 'emulator', naverOidc: !config.naver || config.naverOidc === true };
  const ownEmulator = !config.emulator && (modes.naver === 'emulator' || modes.kakao === 'emulator');
  const emulator = config.emulator ?? (ownEmulator ? await startEmulator({ ...demoEmulatorOptions(config.baseURL, config.emulatorUsers), ...(config.emulatorTokenQuota === false ? { kakaoTokenLimits: NO_TOKEN_QUOTA } : {}) }) : undefined);
  // REDIS_URL: sessions (and so the OAuth state) shared by every instance, so a
  // callback may land on another instance than the one the login started on.
  const redis = config.redisURL ? createClient({ url: config.redisURL }) : undefined;
  if (redis) await redis.connect();
  // In Redis, sessions expire with their cookie (connect-redis sets the TTL); in
  // this process, a store with lifetimes and a cap (a flood of login starts stays flat).
  const memoryStore = redis ? undefined : new BoundedMemoryStore();
  const sessionStore = redis ? new RedisStore({ client: redis, prefix: 'pnk-demo:' }) : memoryStore!;

  const sessionSecret = config.sessionSecret ?? randomBytes(32).toString('hex');
  // STATE_STORE=cookie: the state goes in a signed cookie instead of the session.
  const store = config.stateStore === 'cookie' ? new CookieStateStore({ secret: `${sessionSecret}:oauth-state` }) : undefined;
  const passport = new Passport();
  const verifyAs =
    (login: LoginName) =>
    (at: string, rt: string | undefined, params: NaverTokenResponse | KakaoTokenResponse, profile: NaverProfile | KakaoProfile, done: VerifyCallback): void =>
      done(null, toUser(login, profile, at, rt, params));
  const naverKeys = config.naver ?? { clientID: DEMO_APPS.naver.clientID, clientSecret: DEMO_APPS.naver.clientSecret };
  const naver = new NaverStrategy(
    {
      ...naverKeys,
      ...(config.naver ? {} : pick(emulator!.naver, ['authorizationURL', 'tokenURL', 'profileURL', 'revokeURL'])),
      callbackURL: `${config.baseURL}${DEMO_PATHS.naverCallback}`,
      store,
    },
    verifyAs('naver'),
  );
  // Naver OpenID Connect (issue 13): /oauth2/authorize and /oauth2/token with
  // PKCE and a nonce, the ID token verified against Naver's JWKS (docs/providers.md §C8).
  // The profile still comes from /v1/nid/me; the claims are shown beside it.
  const naverOidc =
    modes.naver === 'emulator' || config.naverOidc
      ? new NaverStrategy(
          { ...naverKeys, ...(config.naver ? {} : emulator!.naverOidc), oidc: true, callbackURL: `${config.baseURL}${DEMO_PATHS.naverOidcCallback}`, store },
          verifyAs('naver-oidc'),
        )
      : undefined;
  const kakao = new KakaoStrategy(
    {
      ...(config.kakao ?? { clientID: DEMO_APPS.kakao.clientID, clientSecret: DEMO_APPS.kakao.clientSecret, ...emulator!.kakao }),
      callbackURL: `${config.baseURL}${DEMO_PATHS.kakaoCallback}`,
      // No scope by default: the consent items come from the app's console
      // settings, and `scope` is for additional consent only (docs/providers.md §C2).
      // A scope naming an item the console did not enable ends on Kakao's KOE205 page.
      ...(config.kakaoScope?.length ? { scope: config.kakaoScope } : {}),
      // OpenID Connect: the demo's emulated app has it switched on in its console (§C3).
      // A real app needs the console switch too (else KOE205 "Invalid scope: openid"): KAKAO_OIDC=1.
      oidc: config.kakao ? config.kakaoOidc === true : true,
      store,
    },
    verifyAs('kakao'),
  );
  passport.use('naver', naver);
  if (naverOidc) passport.use('naver-oidc', naverOidc);
  passport.use('kakao', kakao);
  /** The Naver strategy a Naver user logged in with: refresh and revoke go through it. */
  const naverOf = (user: Express.User): NaverStrategy => (user.login === 'naver-oidc' && naverOidc ? naverOidc : naver);
  passport.serializeUser((user, done) => done(null, user));
  passport.deserializeUser((user: Express.User, done) => done(null, user));

  const app = express();
  const secure = config.baseURL.startsWith('https:');
  const origin = new URL(config.baseURL).origin;
  // The emulator serves pictures over http on loopback; every other picture must be https.
  const imageOrigins = emulator ? [new URL(emulator.url).origin] : [];
  if (secure || config.trustProxy) app.set('trust proxy', 1);
  app.disable('x-powered-by');
  // The Kakao pages a form's redirect leads to (additional consent, account logout).
  const kakaoPages = config.kakao ? [KAKAO_AUTHORIZATION_URL, KAKAO_ACCOUNT_LOGOUT_URL] : [emulator!.kakao.authorizationURL, emulator!.kakao.accountLogoutURL];
  const formRedirectOrigins = [...new Set(kakaoPages.map((url) => new URL(url).origin))];
  app.use(securityHeaders({ imageOrigins, formRedirectOrigins, secure }));
  app.use(express.static(join(__dirname, 'public'), { index: false, maxAge: '1h' }));
  // The providers' unlink notifications: verified by the package's receivers,
  // before any session or CSRF check (they come from Kakao and Naver, not from a browser).
  const receivers = unlinkReceivers({
    store: sessionStore,
    kakao: config.kakao
      ? config.kakaoAdminKey
        ? { adminKey: config.kakaoAdminKey, appId: config.kakaoAppId }
        : undefined
      : { adminKey: DEMO_APPS.kakao.adminKey, appId: String(DEMO_APPS.kakao.appId) },
    naver: config.naver ?? { clientID: DEMO_APPS.naver.clientID, clientSecret: DEMO_APPS.naver.clientSecret },
  });
  if (receivers.kakao) app.all(DEMO_PATHS.kakaoUnlinkWebhook, receivers.kakao);
  app.all(DEMO_PATHS.naverUnlinkWebhook, receivers.naver);
  app.use(
    session({
      secret: sessionSecret,
      store: sessionStore,
      resave: false,
      // A session is stored only once it holds something (the OAuth state, a returnTo).
      saveUninitialized: false,
      // Each answer renews the cookie and the stored session for the session's own lifetime.
      rolling: true,
      name: 'demo.sid',
      // Lax, not Strict: the provider's redirect back must carry the cookie.
      // A session starts short (a login in progress) and gets USER_SESSION_MS at login.
      cookie: { httpOnly: true, sameSite: 'lax', secure, maxAge: PENDING_SESSION_MS },
    }),
  );
  app.use(passport.authenticate('session'));
  app.use(express.urlencoded({ extended: false, limit: '4kb' }));

  const send = (res: Response, page: string, status = 200): void => {
    res.status(status).type('html').set('Cache-Control', 'no-store').send(page);
  };

  /** What every page needs; the notice saved for this page is shown once. */
  const context = (req: Request): PageContext => {
    const notice = req.session.notice;
    delete req.session.notice;
    return { modes, user: req.user, csrf: req.user ? csrfToken(req) : undefined, notice, imageOrigins };
  };

  // Every POST: from a page of this site, with the session's token; else 403 and nothing is done.
  app.use(csrfGuard(origin, (req, res, reason) => send(res, refusedPage(context(req), reason), 403)));

  app.get('/', (req, res) => send(res, homePage(context(req))));

  app.get('/profile', (req, res) => {
    if (!req.user) {
      req.session.returnTo = '/profile';
      return res.redirect('/');
    }
    send(res, profilePage({ ...context(req), user: req.user }));
  });

  // Refresh: a new access token from the refresh token; the profile page shows the new expiry.
  app.post('/token/refresh', (req, res, next) => {
    const user = req.user;
    if (!user?.secrets.refreshToken) return res.redirect('/');
    (user.provider === 'kakao' ? kakao : naverOf(user)).refresh(user.secrets.refreshToken).then((set) => {
      const updated: Express.User = {
        ...user,
        // Kakao may send a new refresh token; the old one is then dead (§B3).
        secrets: { accessToken: set.accessToken, refreshToken: set.refreshToken ?? user.secrets.refreshToken },
        token: { ...summary(set.params), hasRefreshToken: true, refreshTokenExpiresIn: set.refreshTokenExpiresIn ?? remaining(user.token.receivedAt, user.token.refreshTokenExpiresIn) },
      };
      req.login(updated, { session: true, keepSessionInfo: true }, (err) => {
        if (err) return next(err);
        req.session.notice = '토큰을 갱신했습니다 / The access token was refreshed.';
        res.redirect('/profile');
      });
    }, next);
  });

  // Settings, consents, disconnect and logout (issue 14).
  app.use(accountRoutes({ passport, kakao, naverOf, baseURL: config.baseURL, send, context }));

  // Start a login. `?returnTo=/path` comes back to a local path only.
  const start = (name: LoginName, options: (req: Request) => object) => (req: Request, res: Response, next: NextFunction) => {
    const returnTo = localPath(req.query['returnTo']);
    if (returnTo) req.session.returnTo = returnTo;
    passport.authenticate(name, options(req))(req, res, next);
  };
  app.get('/login/naver', start('naver', (req) => (req.query['reprompt'] ? { authType: 'reprompt' } : {})));
  app.get('/login/kakao', start('kakao', (req) => (req.query['relogin'] ? { prompt: 'login' } : {})));
  if (naverOidc) app.get('/login/naver-oidc', start('naver-oidc', () => ({})));

  // The provider sends the user back here. A failure keeps its code and
  // category (what fail() passed) for the failure page.
  const finish = (name: LoginName) => (req: Request, res: Response, next: NextFunction) => {
    // Read before passport regenerates the session on login.
    const returnTo = localPath(req.session.returnTo) ?? '/profile';
    passport.authenticate(name, (err: unknown, user: Express.User | false | null | undefined, info: unknown) => {
      if (err) return next(err);
      if (!user) {
        req.session.failure = storedFailure(info, name === 'kakao' ? 'kakao' : 'naver');
        return res.redirect('/login/failed');
      }
      req.logIn(user, (loginErr) => {
        if (loginErr) return next(loginErr);
        req.session.cookie.maxAge = USER_SESSION_MS;
        res.redirect(returnTo);
      });
    })(req, res, next);
  };
  app.get(DEMO_PATHS.naverCallback, finish('naver'));
  if (naverOidc) app.get(DEMO_PATHS.naverOidcCallback, finish('naver-oidc'));
  app.get(DEMO_PATHS.kakaoCallback, finish('kakao'));

  app.get('/login/failed', (req, res) => {
    const failure = req.session.failure;
    delete req.session.failure;
    const explained = explain(failure, true);
    send(res, failurePage(context(req), explained), explained.status);
  });

  app.use((req, res) => send(res, notFoundPage(context(req)), 404));

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const explained = explain(err, false);
    // One line, no stack, and no authorization code or token even when the provider's text echoes it.
    const what = req.path.startsWith('/oauth2/redirect/') ? 'login error' : 'error';
    console.error(errorLogLine(err, req.query, what, [req.user?.secrets.accessToken, req.user?.secrets.refreshToken]));
    send(res, failurePage({ modes }, explained, 'error'), explained.status);
  });

  return {
    app,
    modes,
    emulator,
    sessionCount: () =>
      new Promise((resolve, reject) => {
        if (!sessionStore.length) return reject(new Error('the session store cannot count'));
        sessionStore.length((err, n) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(n ?? 0)));
      }),
    close: async () => {
      if (ownEmulator) await emulator?.close();
      memoryStore?.close();
      await redis?.close();
    },
  };
}
