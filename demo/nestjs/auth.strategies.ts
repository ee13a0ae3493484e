// auth.strategies.ts: Naver and Kakao as Nest strategies. The options come in
// through the constructor, so the module builds them with a factory provider.
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { KakaoStrategy, NaverStrategy, type KakaoProfile, type KakaoStrategyOptions, type NaverProfile, type NaverStrategyOptions } from 'passport-naver-kakao';

/** What the app keeps of a logged-in user: it becomes `req.user`. */
export interface AuthUser {
  provider: 'naver' | 'kakao';
  id: string;
  name: string;
}

@Injectable()
export class KakaoAuthStrategy extends PassportStrategy(KakaoStrategy, 'kakao') {
  constructor(options: KakaoStrategyOptions) {
    super(options);
  }

  validate(_accessToken: string, _refreshToken: string, profile: KakaoProfile): AuthUser {
    return { provider: 'kakao', id: profile.id, name: profile.displayName };
  }
}

@Injectable()
export class NaverAuthStrategy extends PassportStrategy(NaverStrategy, 'naver') {
  constructor(options: NaverStrategyOptions) {
    super(options);
  }

  validate(_accessToken: string, _refreshToken: string, profile: NaverProfile): AuthUser {
    return { provider: 'naver', id: profile.id, name: profile.displayName };
  }
}
