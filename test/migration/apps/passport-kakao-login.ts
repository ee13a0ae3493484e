// An app written as passport-kakao-login teaches TypeScript users: the class
// imported as `Strategy`, options typed with `StrategyOption`, a verify typed
// `VerifyFunction`, and `Profile`; only the import changed to
// passport-naver-kakao/kakao. Only `...env.endpoints` is added, to reach the emulator.
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import { Strategy, type Profile, type StrategyOption, type VerifyFunction } from 'passport-naver-kakao/kakao'; // was: from 'passport-kakao-login'
import type { AppEnv } from './shared.js';

export function createApp(env: AppEnv): express.Express {
  const options: StrategyOption = {
    clientID: 'kakao-test-client',
    clientSecret: 'kakao-test-secret',
    callbackURL: `${env.base}/auth/kakao/callback`,
    ...env.endpoints,
  };
  const verify: VerifyFunction = (accessToken: string, refreshToken: string, profile: Profile, done) => {
    done(null, { provider: profile.provider, id: profile.id, username: profile.displayName, tokens: Boolean(accessToken && refreshToken) });
  };
  const authenticator = new passport.Passport();
  authenticator.use(new Strategy(options, verify));
  authenticator.serializeUser((user, done) => done(null, user));
  authenticator.deserializeUser((user: Express.User, done) => done(null, user));

  const app = express();
  app.use(session({ secret: 'passport-kakao-login sample', resave: false, saveUninitialized: false }));
  app.use(authenticator.initialize());
  app.use(authenticator.session());
  app.get('/auth/kakao', authenticator.authenticate('kakao'));
  app.get('/auth/kakao/callback', authenticator.authenticate('kakao', { failureRedirect: '/' }), (req, res) => {
    res.json({ user: req.user, authInfo: req.authInfo ?? null });
  });
  return app;
}
