// Type tests: typical user code, type-checked by `tsc -p tsconfig.json` in `npm test`.
// It imports the package by name, so it checks the shipped .d.ts files.
// Each @ts-expect-error line must be an error, or the check fails.
import express from 'express';
import passport from 'passport';
import {
  KakaoAPIError,
  KakaoStrategy,
  KakaoTokenError,
  NaverAPIError,
  NaverStrategy,
  TokenError,
  type KakaoProfile,
  type KakaoVerifyFunctionWithParams,
  type NaverVerifyFunctionWithRequestAndParams,
} from 'passport-naver-kakao';
import { Strategy as KakaoByConvention } from 'passport-naver-kakao/kakao';

// The inline 4-argument verify, with no annotations, under strict.
passport.use(
  new KakaoStrategy({ clientID: 'key', callbackURL: '/oauth2/redirect/kakao' }, (accessToken, refreshToken, profile, done) => {
    const id: string = profile.id;
    const nickname: string | undefined = profile._json.kakao_account?.profile?.nickname;
    const ageRange: string | undefined = profile._json.kakao_account?.age_range;
    const token: string = accessToken;
    const refresh: string | undefined = refreshToken;
    done(null, { id, nickname, ageRange, token, refresh });
  }),
);

passport.use(
  new NaverStrategy({ clientID: 'id', clientSecret: 'secret', authType: 'reprompt' }, (_at, _rt, profile, done) => {
    const email: string | undefined = profile.emails?.[0]?.value;
    const gender: 'F' | 'M' | 'U' | undefined = profile._json.gender;
    done(null, { id: profile.id, email, gender });
  }),
);

// The 5- and 6-argument forms, with the exported types.
const withParams: KakaoVerifyFunctionWithParams = (_at, _rt, params, profile, done) => {
  const expires: number | undefined = params.expires_in;
  const idToken: string | undefined = params.id_token;
  done(null, { id: profile.id, expires, idToken });
};
new KakaoStrategy({ clientID: 'key' }, withParams);

const withRequest: NaverVerifyFunctionWithRequestAndParams = (req, _at, _rt, params, profile, done) => {
  const expires: number | undefined = params.expires_in;
  done(null, { ip: req.ip, id: profile.id, expires });
};
new NaverStrategy({ clientID: 'id', clientSecret: 'secret', passReqToCallback: true }, withRequest);

new KakaoByConvention({ clientID: 'key', pkce: true }, (_at, _rt, profile: KakaoProfile, done) => done(null, profile));

// @ts-expect-error Naver needs a clientSecret
new NaverStrategy({ clientID: 'id' }, (_at, _rt, _profile, done) => done(null, false));
// @ts-expect-error Naver's state cannot be turned off
new NaverStrategy({ clientID: 'id', clientSecret: 's', state: false }, (_at, _rt, _profile, done) => done(null, false));
// @ts-expect-error auth_type takes only Naver's values
new NaverStrategy({ clientID: 'id', clientSecret: 's', authType: 'always' }, (_at, _rt, _profile, done) => done(null, false));
// @ts-expect-error a timeout is a number of milliseconds
new KakaoStrategy({ clientID: 'key', timeout: '10s' }, (_at, _rt, _profile, done) => done(null, false));

// Errors narrow with instanceof.
const app = express();
app.get('/oauth2/redirect/kakao', passport.authenticate('kakao', { failureRedirect: '/login', failureMessage: true }));
app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
  if (err instanceof KakaoTokenError) res.status(err.status).send(err.errorCode ?? err.code);
  else if (err instanceof TokenError) res.status(err.status).send(err.code);
  else if (err instanceof KakaoAPIError) res.status(err.status).send(String(err.code satisfies number));
  else if (err instanceof NaverAPIError) res.status(err.status).send(err.code satisfies string);
  else res.sendStatus(500);
});
