// auth.controller.ts: the login routes. `GET /auth/kakao` sends the browser to
// Kakao; Kakao sends it back to `/auth/kakao/callback`. Naver's are the same.
import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthUser } from './auth.strategies.js';
import { KakaoLoginGuard, NaverLoginGuard } from './login.guards.js';

/** A request that passed a login guard. */
type LoggedIn = Request & { user: AuthUser };

@Controller('auth')
export class AuthController {
  @Get('kakao')
  @UseGuards(KakaoLoginGuard)
  kakao(): void {} // the guard redirects to Kakao

  @Get('kakao/callback')
  @UseGuards(KakaoLoginGuard)
  kakaoCallback(@Req() req: LoggedIn): AuthUser {
    return req.user; // issue your own token here
  }

  @Get('naver')
  @UseGuards(NaverLoginGuard)
  naver(): void {}

  @Get('naver/callback')
  @UseGuards(NaverLoginGuard)
  naverCallback(@Req() req: LoggedIn): AuthUser {
    return req.user;
  }
}
