// An Express app written as passport-kakao's README teaches
// (require('passport-kakao').Strategy, a 4-argument verify, clientSecret when
// it is on), with only the import changed to passport-naver-kakao/kakao.
// Only `...env.endpoints` is added, to reach the emulator instead of Kakao.
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import { Strategy as KakaoStrategy } from 'passport-naver-kakao/kakao'; // was: from 'passport-kakao'
import type { AppEnv } from './shared.js';

export function createApp(env: AppEnv): express.Express {
  const clientID = 'kakao-test-client';
  const clientSecret = 'kakao-test-secret';
  const callbackURL = `${env.base}/oauth`;
  const authenticator = new passport.Passport();
  authenticator.use(
    new KakaoStrategy(
      {
        clientID: clientID,
        clientSecret: clientSecret, // clientSecret을 사용하지 않는다면 넘기지 말거나 빈 스트링을 넘길 것
        callbackURL: callbackURL,
        ...env.endpoints,
      },
      (accessToken, refreshToken, profile, done) => {
        // 사용자의 정보는 profile에 들어있다.
        done(null, { provider: profile.provider, id: profile.id, nickname: profile._json.properties?.['nickname'], tokens: Boolean(accessToken && refreshToken) });
      },
    ),
  );
  authenticator.serializeUser((user, done) => done(null, user));
  authenticator.deserializeUser((user: Express.User, done) => done(null, user));

  const app = express();
  app.use(session({ secret: 'passport-kakao sample', resave: false, saveUninitialized: false }));
  app.use(authenticator.initialize());
  app.use(authenticator.session());
  // passport-kakao's sample passes a fixed state string.
  app.get('/login', authenticator.authenticate('kakao', { state: 'myState' }));
  app.get('/oauth', authenticator.authenticate('kakao', { failureRedirect: '/' }), (req, res) => {
    res.json({ user: req.user, authInfo: req.authInfo ?? null });
  });
  return app;
}
