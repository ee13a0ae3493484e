// Does not compile on purpose: compilers.test.ts checks that the error names
// the plain (options, verify) form, not passReqToCallback.
import { KakaoStrategy, NaverStrategy } from 'passport-naver-kakao';

new KakaoStrategy({ clientID: 'key' }, (accessToken: string, refreshToken: number, profile: { id: string }, done: (error: unknown) => void) => {
  done({ accessToken, refreshToken, profile });
});

new NaverStrategy({ clientID: 'id', clientSecret: 'secret' }, (accessToken: string, refreshToken: number, profile: { id: string }, done: (error: unknown) => void) => {
  done({ accessToken, refreshToken, profile });
});
