// The user's account at the provider, seen from the demo (issue 14 §3, §4):
// the settings page with the Kakao consents, asking for one more item,
// withdrawing one, disconnecting, and logging out of this app or of Kakao too.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import type { Passport } from 'passport';
import type { KakaoProfile, KakaoStrategy, NaverStrategy } from 'passport-naver-kakao';
import { DEMO_PATHS } from './emulated-apps.js';
import { errorLogLine } from './log.js';
import type { PageContext } from './pages.js';
import { logoutCheckPage, settingsPage } from './settings-page.js';

/** What the account routes need from the app. */
export interface AccountRouteDeps {
  passport: InstanceType<typeof Passport>;
  kakao: KakaoStrategy;
  /** The Naver strategy a Naver user logged in with (OAuth 2.0 or OpenID Connect). */
  naverOf(user: Express.User): NaverStrategy;
  /** Where the browser reaches the demo (the logout redirect URI is built from it). */
  baseURL: string;
  send(res: Response, page: string, status?: number): void;
  context(req: Request): PageContext;
}

/** A consent item ID as Kakao writes them (`account_email`, `profile_image`, ...). */
const ITEM_ID = /^[a-z][a-z0-9_]{0,63}$/;

/** The item ID posted by a settings form, or undefined. */
function postedItem(req: Request): string | undefined {
  const body: unknown = req.body;
  const item = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['item'] : undefined;
  return typeof item === 'string' && ITEM_ID.test(item) ? item : undefined;
}

/** `/v2/user/me` as it is now (the strategy's own profile request). */
function kakaoProfile(kakao: KakaoStrategy, accessToken: string): Promise<KakaoProfile> {
  return new Promise((resolve, reject) => {
    kakao.userProfile(accessToken, (err, profile) => (err || !profile ? reject(err instanceof Error ? err : new Error('no profile')) : resolve(profile as KakaoProfile)));
  });
}

/** ID token claims that carry a consent item's data (docs/providers.md §C3). */
const CLAIMS_OF: Readonly<Record<string, readonly string[]>> = { account_email: ['email'], profile_image: ['picture'], profile_nickname: ['nickname'] };

/**
 * The user after withdrawing `item`: the profile fields from `/v2/user/me` as
 * Kakao answers now, and the ID token claims of that item dropped, so the
 * demo keeps nothing the user took back.
 */
function withdrawn(user: Express.User, item: string, profile: KakaoProfile): Express.User {
  const email = profile.emails?.[0];
  const claims = user.idToken ? Object.fromEntries(Object.entries(user.idToken).filter(([claim]) => !CLAIMS_OF[item]?.includes(claim))) : undefined;
  return { ...user, email: email?.value, emailVerified: email?.verified, photo: profile.photos?.[0]?.value, raw: profile._raw, idToken: claims };
}

function sameState(sent: unknown, kept: string | undefined): boolean {
  if (typeof sent !== 'string' || kept === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(kept);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The routes of the settings page, consent changes, disconnect and logout. Every POST has passed the CSRF check before. */
export function accountRoutes(deps: AccountRouteDeps): express.Router {
  const { passport, kakao, send, context } = deps;
  const router = express.Router();

  /** Ends the app's session; for a Kakao user also the tokens at Kakao (`/v1/user/logout`, §B5), best effort. */
  const endSession = async (req: Request): Promise<void> => {
    const user = req.user;
    if (user?.provider === 'kakao') {
      // A token that already expired cannot be logged out, and the app's logout must not depend on Kakao answering.
      await kakao.logout(user.secrets.accessToken).catch((err: unknown) => console.error(errorLogLine(err, {}, 'Kakao token logout failed', [user.secrets.accessToken])));
    }
    await new Promise<void>((resolve, reject) => req.logout((err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve())));
  };

  router.get('/settings', (req, res, next) => {
    const user = req.user;
    if (!user) {
      req.session.returnTo = '/settings';
      return res.redirect('/');
    }
    if (user.provider === 'naver') return send(res, settingsPage({ ...context(req), user }, undefined));
    // GET /v2/user/scopes (§C12): which items the app uses, which the user agreed to, which may be withdrawn.
    kakao.scopes(user.secrets.accessToken).then((scopes) => send(res, settingsPage({ ...context(req), user }, scopes.scopes)), next);
  });

  // Ask for one more item: an additional-consent login for exactly that item
  // (reconsentOptions keeps `openid`, §C3). Only an item the app uses and the
  // user has not agreed to, as Kakao reports them: anything else would end on KOE205.
  router.post('/settings/consent', (req, res, next) => {
    const user = req.user;
    const item = postedItem(req);
    if (user?.provider !== 'kakao' || !item) return res.redirect('/settings');
    kakao.scopes(user.secrets.accessToken, [item]).then((found) => {
      const row = found.scopes.find((scope) => scope.id === item);
      if (!row?.using || row.agreed) {
        req.session.notice = '그 항목은 요청할 수 없습니다 / That item cannot be asked for.';
        return res.redirect('/settings');
      }
      req.session.returnTo = '/settings';
      passport.authenticate('kakao', kakao.reconsentOptions([item]))(req, res, next);
    }, next);
  });

  // Withdraw an agreed item (POST /v2/user/revoke/scopes, §C12); Kakao refuses required ones (-3).
  router.post('/settings/withdraw', (req, res, next) => {
    const user = req.user;
    const item = postedItem(req);
    if (user?.provider !== 'kakao' || !item) return res.redirect('/settings');
    const token = user.secrets.accessToken;
    kakao
      .revokeScopes(token, [item])
      .then(async (after) => ({ after, profile: await kakaoProfile(kakao, token) }))
      .then(({ after, profile }) => {
        const row = after.scopes.find((scope) => scope.id === item);
        req.login(withdrawn(user, item, profile), { session: true, keepSessionInfo: true }, (err) => {
          if (err) return next(err);
          req.session.notice = `동의를 철회했습니다 / Consent withdrawn: ${row?.display_name ?? item}`;
          res.redirect('/settings');
        });
      }, next);
  });

  // Disconnect: Naver revoke / Kakao unlink, then log out. The next login asks for consent again.
  router.post('/disconnect', (req, res, next) => {
    const user = req.user;
    if (!user) return res.redirect('/');
    const done = user.provider === 'naver' ? deps.naverOf(user).revoke(user.secrets.accessToken) : kakao.unlink(user.secrets.accessToken).then(() => undefined);
    done.then(
      () =>
        req.logout((err) => {
          if (err) return next(err);
          req.session.notice = '연결을 끊었습니다 / Disconnected: the app no longer has access to your account.';
          res.redirect('/');
        }),
      next,
    );
  });

  // Log out of this app only: the browser stays logged in at the provider.
  router.post('/logout', (req, res, next) => {
    endSession(req).then(() => res.redirect('/'), next);
  });

  // Log out of Kakao too: end the app's session first (whatever happens at
  // Kakao), then send the browser to Kakao's account logout with a state that
  // only this browser's session knows (§C12).
  router.post('/logout/kakao', (req, res, next) => {
    if (req.user?.provider !== 'kakao') return res.redirect('/');
    endSession(req).then(() => {
      const state = randomBytes(24).toString('base64url');
      req.session.kakaoLogoutState = state;
      res.redirect(kakao.logoutURL({ logoutRedirectURI: `${deps.baseURL}${DEMO_PATHS.kakaoLogoutDone}`, state }));
    }, next);
  });

  // Kakao sends the browser back here with the state (§C12). It must be the one
  // this session sent, once: a link from anywhere else changes nothing.
  router.get(DEMO_PATHS.kakaoLogoutDone, (req, res) => {
    const kept = req.session.kakaoLogoutState;
    delete req.session.kakaoLogoutState;
    if (!sameState(req.query['state'], kept)) return send(res, logoutCheckPage(context(req)), 400);
    req.session.notice = '카카오 계정에서도 로그아웃했습니다 / Logged out of this app and of your Kakao Account.';
    res.redirect('/');
  });

  return router;
}
