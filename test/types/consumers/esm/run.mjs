// Run by compilers.test.ts with plain node: the ES entries load, their default
// export is the strategy class, and it is the same class as the CommonJS one.
import { KakaoStrategy as RootKakao, NaverStrategy as RootNaver } from 'passport-naver-kakao';
import KakaoStrategy, { Strategy as KakaoNamed } from 'passport-naver-kakao/kakao';
import NaverStrategy, { Strategy as NaverNamed } from 'passport-naver-kakao/naver';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const kakao = new KakaoStrategy({ clientID: 'key' }, (_a, _r, p, d) => d(null, p));
const naver = new NaverStrategy({ clientID: 'id', clientSecret: 's' }, (_a, _r, p, d) => d(null, p));
console.log(JSON.stringify({
  kakaoName: kakao.name,
  naverName: naver.name,
  kakaoSame: KakaoStrategy === RootKakao && KakaoStrategy === KakaoNamed && KakaoStrategy === require('passport-naver-kakao/kakao').default,
  naverSame: NaverStrategy === RootNaver && NaverStrategy === NaverNamed && NaverStrategy === require('passport-naver-kakao/naver').Strategy,
  kakaoInstance: kakao instanceof RootKakao,
}));
