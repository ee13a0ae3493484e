// An Express app written as passport-naver-v2's README and sample teach
// (`{ Strategy as NaverStrategy, Profile as NaverProfile }`, an annotated
// verify, `authType: 'reprompt'`, a fixed `state: 'sampleState'`), with only
// the import changed to passport-naver-kakao/naver. Only `...env.endpoints` is
// added, to reach the emulator.
import express from 'express';
import session from 'express-session';
import passport from 'passport';
import { Strategy as NaverStrategy, type Profile as NaverProfile } from 'passport-naver-kakao/naver'; // was: from 'passport-naver-v2'
import type { AppEnv } from './shared.js';

export function createApp(env: AppEnv): express.Express {
  const authenticator = new passport.Passport();
  authenticator.use(
    new NaverStrategy(
      {
        clientID: 'naver-test-client',
        clientSecret: 'naver-test-secret',
        callbackURL: `${env.base}/callback`, // 애플리케이션을 등록할 때 입력했던 callbackURL 을 입력해준다.
        ...env.endpoints,
      },
      (accessToken: string, refreshToken: string, profile: NaverProfile, done: any) => {
        // 이곳에서 사용자 계정 관련된 작업을 한다.
        done(null, { id: profile.id, email: profile._json.email, tokens: Boolean(accessToken && refreshToken) });
      },
    ),
  );
  authenticator.serializeUser((user, done) => done(null, user));
  authenticator.deserializeUser((user: Express.User, done) => done(null, user));

  const app = express();
  app.use(session({ secret: 'passport-naver-v2 sample', resave: false, saveUninitialized: false }));
  app.use(authenticator.initialize());
  app.use(authenticator.session());
  app.get('/login/reprompt', authenticator.authenticate('naver', { authType: 'reprompt' }));
  app.get('/login', authenticator.authenticate('naver', { state: 'sampleState' }));
  app.get('/callback', authenticator.authenticate('naver'), (req, res) => {
    res.json({ user: req.user, authInfo: req.authInfo ?? null });
  });
  return app;
}
