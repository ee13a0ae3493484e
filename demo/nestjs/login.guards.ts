// login.guards.ts: the guards of the login routes. A failed login becomes a
// JSON answer with the failure's code, instead of Nest's bare 401.
import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { describeError, type ErrorCategory } from 'passport-naver-kakao';

/** The status of each kind of failure (see describeError in the package's docs). */
const STATUS: Record<ErrorCategory, HttpStatus> = {
  consent: HttpStatus.UNAUTHORIZED,       // the user cancelled or declined
  login: HttpStatus.UNAUTHORIZED,         // start the login again (state missing, code used)
  config: HttpStatus.INTERNAL_SERVER_ERROR, // the app's registration or settings are wrong
  retry: HttpStatus.SERVICE_UNAVAILABLE,  // the provider did not answer in time
};

/**
 * What both guards do with passport's result: `err` is an error (token request,
 * profile), `info` the failure a strategy reported (`{ message, code, category, provider }`).
 */
function loginResult<TUser>(err: unknown, user: TUser | false | null, info: unknown): TUser {
  if (!err && user) return user;
  const { code, category, summary } = describeError(err ?? info);
  const status = STATUS[category];
  throw new HttpException({ statusCode: status, code, category, message: summary }, status);
}

@Injectable()
export class KakaoLoginGuard extends AuthGuard('kakao') {
  override handleRequest<TUser>(err: unknown, user: TUser | false | null, info: unknown): TUser {
    return loginResult(err, user, info);
  }
}

@Injectable()
export class NaverLoginGuard extends AuthGuard('naver') {
  override handleRequest<TUser>(err: unknown, user: TUser | false | null, info: unknown): TUser {
    return loginResult(err, user, info);
  }
}
