// A native ES module app's TypeScript (.mts), checked against the built
// package's ES entries (dist/*/index.d.mts) by TypeScript 5, 6 and 7.
import passport from 'passport';
import { CookieStateStore, KakaoStrategy as RootKakao } from 'passport-naver-kakao';
import KakaoStrategy, { Strategy, type Profile, type StrategyOption, type VerifyFunction } from 'passport-naver-kakao/kakao';
import NaverStrategy, { type Profile as NaverProfile } from 'passport-naver-kakao/naver';

const options: StrategyOption = { clientID: 'key', callbackURL: '/auth/kakao/callback', store: new CookieStateStore({ secret: 'a-secret-of-at-least-32-characters!' }) };
const verify: VerifyFunction = (_accessToken, _refreshToken, profile: Profile, done) => done(null, { id: profile.id });
const kakao: RootKakao = new KakaoStrategy(options, verify);
const same: typeof Strategy = KakaoStrategy;

passport.use(kakao);
passport.use(
  new NaverStrategy({ clientID: 'id', clientSecret: 'secret' }, (accessToken: string, refreshToken: string, profile: NaverProfile, done) => {
    done(null, { id: profile.id, accessToken, refreshToken });
  }),
);
passport.authenticate('naver', { authType: 'reauthenticate' });

export { same };
