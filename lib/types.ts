/**
 * Types both strategies share. Each provider folder specialises them with its
 * own profile and token response (`NaverVerifyFunction`, `KakaoStrategyOptions`, ...).
 *
 * @packageDocumentation
 */
import type { Agent, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { Request } from 'express';
import type OAuth2Strategy from 'passport-oauth2';

declare module 'passport' {
  interface AuthenticateOptions {
    /**
     * passport-naver-kakao: the `redirect_uri` for this request, instead of the
     * strategy's `callbackURL`; pass the same one on the callback.
     */
    callbackURL?: string | undefined;
  }
}

/** The `done` callback of a verify function: `done(err)`, `done(null, false, info)` or `done(null, user, info)`. */
export type VerifyCallback = OAuth2Strategy.VerifyCallback;

/**
 * Verify with the tokens and the profile. `refreshToken` is a string, as in
 * `@types/passport-oauth2`: Naver and Kakao return a refresh token from every
 * authorization-code exchange (docs/providers.md §A3, §B3).
 */
export type VerifyFunction<Profile> = (
  accessToken: string,
  refreshToken: string,
  profile: Profile,
  done: VerifyCallback,
) => void;

/** Verify that also receives the token response as `params`. */
export type VerifyFunctionWithParams<Profile, Params> = (
  accessToken: string,
  refreshToken: string,
  params: Params,
  profile: Profile,
  done: VerifyCallback,
) => void;

/** Verify with the request first (`passReqToCallback: true`). */
export type VerifyFunctionWithRequest<Profile> = (
  req: Request,
  accessToken: string,
  refreshToken: string,
  profile: Profile,
  done: VerifyCallback,
) => void;

/** Verify with the request and the token response (`passReqToCallback: true`). */
export type VerifyFunctionWithRequestAndParams<Profile, Params> = (
  req: Request,
  accessToken: string,
  refreshToken: string,
  params: Params,
  profile: Profile,
  done: VerifyCallback,
) => void;

/**
 * Where the OAuth `state` (and, with PKCE, the code verifier) is kept between
 * the redirect to the provider and the callback. passport-oauth2 calls
 * `store` and `verify` with 2 to 5 arguments, chosen by the function's length;
 * see passport-oauth2's `lib/state/*.js`.
 *
 * `req` is typed as Node's `IncomingMessage`, the part every framework's
 * request shares, so that a store written for Express's `Request` and one
 * written for the bare message (such as `CookieStateStore`) are both accepted,
 * also under `exactOptionalPropertyTypes`.
 */
export interface StateStore {
  store(req: IncomingMessage, ...args: never[]): void;
  verify(req: IncomingMessage, state: string, ...args: never[]): void;
}

/**
 * Decides per login whether to fetch the profile: a boolean, a function that
 * returns one, or an asynchronous function that calls back with one.
 */
export type SkipUserProfile =
  | boolean
  | (() => boolean)
  | ((accessToken: string, done: (err: Error | null, skip?: boolean) => void) => void);

/** Options both strategies take. */
export interface CommonStrategyOptions {
  /** The app's client ID (Naver Client ID, Kakao REST API key). Required. */
  clientID: string;
  /** Where the provider sends the user back; absolute, or relative to the request's host. */
  callbackURL?: string | undefined;
  /** Default scope for the authorization request: a string, or an array joined by the provider's separator. */
  scope?: string | string[] | undefined;
  /**
   * A custom state store (for example one that keeps state in a signed cookie).
   * Replaces the default session store.
   */
  store?: StateStore | undefined;
  /**
   * Key under `req.session` for the state. Default
   * `oauth2:<host of authorizationURL>:<strategy name>:<clientID>`, so two
   * strategies of one provider never complete each other's callbacks.
   */
  sessionKey?: string | undefined;
  /** Decides whether the profile request is made. Default `false` (it is). */
  skipUserProfile?: SkipUserProfile | undefined;
  /** Override the provider's authorization endpoint, for example with a local emulator. */
  authorizationURL?: string | undefined;
  /** Override the provider's token endpoint. */
  tokenURL?: string | undefined;
  /** Override the provider's profile endpoint. */
  profileURL?: string | undefined;
  /** Milliseconds each request to the provider may take, from start to last byte. Default 10000. */
  timeout?: number | undefined;
  /** Largest provider answer accepted, in bytes. Default 1 MiB. */
  maxResponseBytes?: number | undefined;
  /** An `http.Agent` / `https.Agent` for every request to the provider. */
  agent?: Agent | undefined;
  /** Extra headers for every request to the provider. */
  customHeaders?: OutgoingHttpHeaders | undefined;
  /** Trust `X-Forwarded-Proto` / `X-Forwarded-Host` when resolving a relative `callbackURL`. */
  proxy?: boolean | undefined;
  /** The strategy's name for `passport.authenticate(name)`. */
  name?: string | undefined;
}
