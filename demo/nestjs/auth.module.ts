// auth.module.ts: the strategies are providers built by factories from the
// injected settings; both share one CookieStateStore, so no server session is needed.
import { Module, type DynamicModule } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { CookieStateStore, type KakaoStrategyOptions, type NaverStrategyOptions } from 'passport-naver-kakao';
import { AuthController } from './auth.controller.js';
import { KakaoAuthStrategy, NaverAuthStrategy } from './auth.strategies.js';
import { KakaoLoginGuard, NaverLoginGuard } from './login.guards.js';

/** The settings of the login (read from the environment in main.ts). */
export interface AuthSettings {
  /** Signs the state cookie: at least 32 characters. */
  stateSecret: string;
  naver: NaverStrategyOptions;
  kakao: KakaoStrategyOptions;
}

/** The injection token of {@link AuthSettings}. */
export const AUTH_SETTINGS = 'AUTH_SETTINGS';

@Module({})
export class AuthModule {
  static forRoot(settings: AuthSettings): DynamicModule {
    return {
      module: AuthModule,
      imports: [PassportModule],
      controllers: [AuthController],
      providers: [
        { provide: AUTH_SETTINGS, useValue: settings },
        {
          provide: CookieStateStore,
          inject: [AUTH_SETTINGS],
          useFactory: (s: AuthSettings) => new CookieStateStore({ secret: s.stateSecret }),
        },
        {
          provide: KakaoAuthStrategy,
          inject: [AUTH_SETTINGS, CookieStateStore],
          useFactory: (s: AuthSettings, store: CookieStateStore) => new KakaoAuthStrategy({ ...s.kakao, store }),
        },
        {
          provide: NaverAuthStrategy,
          inject: [AUTH_SETTINGS, CookieStateStore],
          useFactory: (s: AuthSettings, store: CookieStateStore) => new NaverAuthStrategy({ ...s.naver, store }),
        },
        KakaoLoginGuard,
        NaverLoginGuard,
      ],
    };
  }
}
