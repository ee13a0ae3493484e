// NestJS: the two strategies as Nest providers, with typed validate().
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { KakaoStrategy, NaverStrategy, type KakaoProfile, type KakaoStrategyOptions, type NaverProfile, type NaverStrategyOptions } from 'passport-naver-kakao';

/** What the app keeps of a logged-in user. */
export interface AuthUser {
  provider: 'naver' | 'kakao';
  id: string;
  name: string;
}

/** Kakao Login as a Nest strategy, registered under the name `kakao`. */
@Injectable()
export class KakaoAuthStrategy extends PassportStrategy(KakaoStrategy, 'kakao') {
  constructor(options: KakaoStrategyOptions) {
    super(options);
  }

  /** Receives what the 4-argument verify would; its result becomes `req.user`. */
  validate(_accessToken: string, _refreshToken: string | undefined, profile: KakaoProfile): AuthUser {
    return { provider: 'kakao', id: profile.id, name: profile.displayName };
  }
}

/** Naver Login as a Nest strategy, registered under the name `naver`. */
@Injectable()
export class NaverAuthStrategy extends PassportStrategy(NaverStrategy, 'naver') {
  constructor(options: NaverStrategyOptions) {
    super(options);
  }

  validate(_accessToken: string, _refreshToken: string | undefined, profile: NaverProfile): AuthUser {
    return { provider: 'naver', id: profile.id, name: profile.displayName };
  }
}
