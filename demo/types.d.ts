// What the demo keeps about a logged-in user, and in its session.
import 'express-session';

declare global {
  namespace Express {
    interface User {
      provider: 'naver' | 'kakao';
      /** How the user logged in: Naver OAuth 2.0, Naver OpenID Connect or Kakao (refresh and revoke use that strategy). */
      login: 'naver' | 'naver-oidc' | 'kakao';
      id: string;
      displayName: string;
      email?: string | undefined;
      emailVerified?: boolean | undefined;
      photo?: string | undefined;
      /** The provider's answer body as received (`profile._raw`), every digit of an id kept. */
      raw: string;
      /** Token response fields, never the tokens themselves. */
      token: TokenSummary;
      /** Verified ID token claims (OpenID Connect logins). */
      idToken?: Record<string, unknown> | undefined;
      /** The tokens, kept in the server-side session for refresh and disconnect; never rendered. */
      secrets: { accessToken: string; refreshToken?: string | undefined };
    }
  }
}

/** What the profile page shows of a token response. */
export interface TokenSummary {
  tokenType?: string | undefined;
  scope?: string | undefined;
  hasRefreshToken: boolean;
  hasIdToken: boolean;
  /** Epoch milliseconds. */
  receivedAt: number;
  expiresIn?: number | undefined;
  refreshTokenExpiresIn?: number | undefined;
}

declare module 'express-session' {
  interface SessionData {
    /** The last login failure, shown once by /login/failed. */
    failure?: import('./explain.js').StoredFailure;
    returnTo?: string;
    /** A one-time notice for the next page. */
    notice?: string;
    /** The `state` sent with a Kakao account logout, checked once when Kakao sends the browser back (account-routes.ts). */
    kakaoLogoutState?: string;
    /** The token in the hidden field of every form (csrf.ts). */
    csrfToken?: string;
  }
}
