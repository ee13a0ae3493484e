// NestJS: routes that log in with Naver or Kakao and answer with the user. No
// server session: the OAuth state lives in a signed cookie (CookieStateStore).
import { Controller, Get, Module, Req, UseGuards, type DynamicModule } from '@nestjs/common';
import { AuthGuard, PassportModule } from '@nestjs/passport';
import type { Request } from 'express';
import type { KakaoStrategyOptions, NaverStrategyOptions } from 'passport-naver-kakao';
import { KakaoAuthStrategy, NaverAuthStrategy, type AuthUser } from './auth.strategies.js';

@Controller('auth')
export class AuthController {
  /** Redirects to Kakao (the guard runs the strategy). */
  @Get('kakao')
  @UseGuards(AuthGuard('kakao'))
  kakao(): void {}

  /** Kakao sends the user back here; a failed login answers 401. */
  @Get('kakao/callback')
  @UseGuards(AuthGuard('kakao'))
  kakaoCallback(@Req() req: Request): AuthUser {
    return req.user as AuthUser;
  }

  @Get('naver')
  @UseGuards(AuthGuard('naver'))
  naver(): void {}

  @Get('naver/callback')
  @UseGuards(AuthGuard('naver'))
  naverCallback(@Req() req: Request): AuthUser {
    return req.user as AuthUser;
  }
}

/** The options of both strategies (from configuration in a real app). */
export interface AuthSettings {
  kakao: KakaoStrategyOptions;
  naver: NaverStrategyOptions;
}

@Module({})
export class AuthModule {
  /** The module with both strategies built from `settings`. */
  static register(settings: AuthSettings): DynamicModule {
    return {
      module: AuthModule,
      imports: [PassportModule],
      controllers: [AuthController],
      providers: [
        { provide: KakaoAuthStrategy, useFactory: () => new KakaoAuthStrategy(settings.kakao) },
        { provide: NaverAuthStrategy, useFactory: () => new NaverAuthStrategy(settings.naver) },
      ],
    };
  }
}
