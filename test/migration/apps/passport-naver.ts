// An Express app written as passport-naver's README teaches
// (require('passport-naver').Strategy, clientID / clientSecret / callbackURL,
// authenticate('naver', null)), with the import changed to
// passport-naver-kakao/naver. `svcType: 0` is removed: Naver's OAuth 2.0 login
// has no such parameter and passport-naver-kakao rejects unknown options at
// compile time. Only `...env.endpoints` is added, to reach the emulator.
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import { Strategy as NaverStrategy } from 'passport-naver-kakao/naver'; // was: from 'passport-naver'
import type { AppEnv } from './shared.js';

export function createApp(env: AppEnv): express.Express {
  const authenticator = new passport.Passport();
  authenticator.use(
    new NaverStrategy(
      {
        clientID: 'naver-test-client',
        clientSecret: 'naver-test-secret',
        callbackURL: `${env.base}/auth/naver/callback`,
        ...env.endpoints,
      },
      (accessToken, refreshToken, profile, done) => {
        // passport-naver's README reads profile.emails[0].value and profile._json
        const email = profile.emails?.[0]?.value;
        done(null, { provider: profile.provider, id: profile.id, email, nickname: profile._json.nickname, tokens: Boolean(accessToken && refreshToken) });
      },
    ),
  );
  authenticator.serializeUser((user, done) => done(null, user));
  authenticator.deserializeUser((user: Express.User, done) => done(null, user));

  const app = express();
  app.use(session({ secret: 'passport-naver sample', resave: false, saveUninitialized: false }));
  app.use(authenticator.initialize());
  app.use(authenticator.session());
  app.get('/auth/naver', authenticator.authenticate('naver'));
  app.get('/auth/naver/callback', authenticator.authenticate('naver', { failureRedirect: '#!/auth/login' }), (req, res) => {
    res.json({ user: req.user, authInfo: req.authInfo ?? null });
  });
  return app;
}
