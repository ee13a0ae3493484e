// A CommonJS app's TypeScript, checked against the built package (dist) under
// strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess by
// TypeScript 5, 6 and 7 (test/types/compilers.test.ts).
import express from 'express';
import passport, { type Profile as PassportProfile } from 'passport';
import {
  CookieStateStore,
  KakaoStrategy,
  NaverStrategy,
  type KakaoIdTokenClaims,
  type KakaoIdTokenProfile,
  type KakaoIdTokenStrategyOptions,
  type KakaoIdTokenStrategyOptionsWithRequest,
  type KakaoIdTokenVerifyFunction,
  type KakaoIdTokenVerifyFunctionWithParams,
  type KakaoIdTokenVerifyFunctionWithRequest,
  type KakaoIdTokenVerifyFunctionWithRequestAndParams,
  type KakaoProfile,
  type KakaoStrategyOptions,
  type KakaoVerifyFunctionWithParams,
  type NaverProfile,
} from 'passport-naver-kakao';
import Kakao, {
  Strategy as KakaoByConvention,
  type Profile as KakaoSubpathProfile,
  type StrategyOption as KakaoOption,
  type StrategyOptionWithRequest as KakaoOptionWithRequest,
  type VerifyFunction as KakaoVerify,
  type VerifyFunctionWithRequest as KakaoVerifyWithRequest,
} from 'passport-naver-kakao/kakao';
import Naver, {
  type Profile as NaverSubpathProfile,
  type StrategyOption as NaverOption,
  type StrategyOptionWithRequest as NaverOptionWithRequest,
  type VerifyFunction as NaverVerify,
  type VerifyFunctionWithRequest as NaverVerifyWithRequest,
} from 'passport-naver-kakao/naver';

// Verifies annotated as DefinitelyTyped's @types/passport-kakao and
// @types/passport-naver teach compile unchanged, with passport's Profile too.
passport.use(
  new KakaoStrategy(
    { clientID: 'key', clientSecret: 'secret', callbackURL: '/auth/kakao/callback' },
    (accessToken: string, refreshToken: string, profile: PassportProfile, done: (error: any, user?: any, info?: any) => void) => {
      done(null, { id: profile.id, accessToken, refreshToken });
    },
  ),
);
passport.use(
  new NaverStrategy(
    { clientID: 'id', clientSecret: 'secret', callbackURL: '/auth/naver/callback' },
    (accessToken: string, refreshToken: string, profile: NaverProfile, done: (error: any, user?: any) => void) => {
      done(null, { id: profile.id, accessToken, refreshToken });
    },
  ),
);
new Kakao({ clientID: 'key' }, (_accessToken: string, _refreshToken: string, profile: KakaoProfile, done) => done(null, { id: profile.id }));

// The default export is the class; the short names are its types.
const kakaoOptions: KakaoOption = { clientID: 'key', callbackURL: '/auth/kakao/callback' };
const kakaoVerify: KakaoVerify = (_at, _rt, profile: KakaoSubpathProfile, done) => done(null, { id: profile.id });
const kakaoRequestOptions: KakaoOptionWithRequest = { clientID: 'key', passReqToCallback: true };
const kakaoRequestVerify: KakaoVerifyWithRequest = (req, _at, _rt, profile, done) => done(null, { id: profile.id, ip: req.ip });
const kakaoStrategies: KakaoStrategy[] = [new Kakao(kakaoOptions, kakaoVerify), new KakaoByConvention(kakaoRequestOptions, kakaoRequestVerify)];

const naverOptions: NaverOption = { clientID: 'id', clientSecret: 'secret' };
const naverVerify: NaverVerify = (_at, _rt, profile: NaverSubpathProfile, done) => done(null, { id: profile.id });
const naverRequestOptions: NaverOptionWithRequest = { clientID: 'id', clientSecret: 'secret', passReqToCallback: true };
const naverRequestVerify: NaverVerifyWithRequest = (req, _at, _rt, profile, done) => done(null, { id: profile.id, ip: req.ip });
const naverStrategies: NaverStrategy[] = [new Naver(naverOptions, naverVerify), new Naver(naverRequestOptions, naverRequestVerify)];

// Inline verifies infer every parameter: 4 arguments, and 5 with the request.
new KakaoStrategy({ clientID: 'key' }, (accessToken, refreshToken, profile, done) => {
  const nickname: string | undefined = profile._json.kakao_account?.profile?.nickname;
  done(null, { id: profile.id, nickname, accessToken, refreshToken: refreshToken satisfies string });
});
new NaverStrategy({ clientID: 'id', clientSecret: 'secret', passReqToCallback: true }, (req, _at, _rt, profile, done) => {
  const email: string | undefined = profile.emails?.[0]?.value;
  done(null, { id: profile.id, email, ip: req.ip });
});

// CookieStateStore is accepted as `store` under exactOptionalPropertyTypes.
const store = new CookieStateStore({ secret: process.env['STATE_SECRET'] ?? 'a-secret-of-at-least-32-characters!' });
new KakaoStrategy({ clientID: 'key', store }, (_at, _rt, profile, done) => done(null, { id: profile.id }));
new NaverStrategy({ clientID: 'id', clientSecret: 'secret', store }, (_at, _rt, profile, done) => done(null, { id: profile.id }));

// Per-request options through passport.authenticate, as the README lists them.
const app = express();
app.get('/auth/naver', passport.authenticate('naver', { authType: 'reprompt' }));
app.get('/auth/kakao', passport.authenticate('kakao', { prompt: 'login', loginHint: 'user@example.com', scope: ['account_email'] }));
app.get('/auth/kakao/terms', passport.authenticate('kakao', { serviceTerms: ['tag1', 'tag2'], nonce: 'n-0S6_WzA2Mj' }));
app.get('/auth/kakao/again', passport.authenticate('kakao', { callbackURL: '/auth/kakao/callback', state: 'myState' }));

// What is still refused.
// @ts-expect-error Naver needs a clientSecret
new NaverStrategy({ clientID: 'id' }, (_at, _rt, _profile, done) => done(null, false));
// @ts-expect-error passReqToCallback: true needs a verify that takes the request first
new KakaoStrategy({ clientID: 'key', passReqToCallback: true }, (_at: string, _rt: string, _profile: KakaoProfile, done: () => void) => done());

export { app, kakaoStrategies, naverStrategies };

// Generic Kakao types: profileFrom: 'id_token' narrows the profile to the ID token's.
new KakaoStrategy({ clientID: 'key', oidc: true, profileFrom: 'id_token' }, (_at, _rt, profile, done) => {
  const claims: KakaoIdTokenProfile['idToken'] = profile.idToken; // always present with profileFrom: 'id_token'
  const json: KakaoIdTokenClaims = profile._json;
  done(null, { id: profile.id, sub: claims.sub, nonce: json.nonce });
});
new KakaoStrategy({ clientID: 'key', oidc: true, profileFrom: 'id_token', passReqToCallback: true }, (req, _at, _rt, profile, done) => {
  done(null, { id: profile.id, sub: profile.idToken.sub, ip: req.ip });
});
new KakaoStrategy({ clientID: 'key', oidc: true }, (_at, _rt, profile, done) => {
  // profileFrom 'user_me' (the default): the /v2/user/me profile, with the claims when OpenID Connect is on.
  done(null, { id: profile.id, age: profile._json.kakao_account?.age_range, sub: profile.idToken?.sub });
});
const idTokenOptions: KakaoStrategyOptions<'id_token'> = { clientID: 'key', oidc: true, profileFrom: 'id_token' };
const idTokenVerify: KakaoVerifyFunctionWithParams<KakaoIdTokenProfile> = (_at, _rt, params, profile, done) =>
  done(null, { id: profile.idToken.sub, idToken: params.id_token });
const fromIdToken: KakaoStrategy = new KakaoStrategy(idTokenOptions, idTokenVerify);
// The deprecated names still work.
const oldOptions: KakaoIdTokenStrategyOptions = { clientID: 'key', oidc: true, profileFrom: 'id_token' };
const oldVerify: KakaoIdTokenVerifyFunction = (_at, _rt, profile, done) => done(null, { id: profile.idToken.sub });
const oldRequestOptions: KakaoIdTokenStrategyOptionsWithRequest = { ...oldOptions, passReqToCallback: true };
const oldRequestVerify: KakaoIdTokenVerifyFunctionWithRequestAndParams = (_req, _at, _rt, _params, profile, done) => done(null, { id: profile.id });
const oldParams: KakaoIdTokenVerifyFunctionWithParams = (_at, _rt, _params, profile, done) => done(null, { id: profile.id });
const oldRequest: KakaoIdTokenVerifyFunctionWithRequest = (_req, _at, _rt, profile, done) => done(null, { id: profile.id });
const deprecated = [new KakaoStrategy(oldOptions, oldVerify), new KakaoStrategy(oldRequestOptions, oldRequestVerify), new KakaoStrategy(oldOptions, oldParams), new KakaoStrategy(oldRequestOptions, oldRequest)];
new KakaoStrategy({ clientID: 'key', oidc: true, profileFrom: 'id_token' }, (_at, _rt, profile, done) => {
  // @ts-expect-error the ID-token profile's _json is the claims, not the /v2/user/me body with its numeric id
  const userNumber: number = profile._json.id;
  done(null, { userNumber });
});
// @ts-expect-error the deprecated ID-token options need profileFrom
const missingProfileFrom: KakaoIdTokenStrategyOptions = { clientID: 'key', oidc: true };

export { fromIdToken, deprecated, missingProfileFrom };
