/**
 * Types both strategies share. Each provider folder specialises them with its
 * own profile and token response (`NaverVerifyFunction`, `KakaoStrategyOptions`, ...).
 *
 * @packageDocumentation
 */
import type { Agent, OutgoingHttpHeaders } from 'node:http';
import type { Request } from 'express';
import type OAuth2Strategy from 'passport-oauth2';

/** The `done` callback of a verify function: `done(err)`, `done(null, false, info)` or `done(null, user, info)`. */
export type VerifyCallback = OAuth2Strategy.VerifyCallback;

/** Verify with the tokens and the profile. */
export type VerifyFunction<Profile> = (
  accessToken: string,
  refreshToken: string | undefined,
  profile: Profile,
  done: VerifyCallback,
) => void;

/** Verify that also receives the token response as `params`. */
export type VerifyFunctionWithParams<Profile, Params> = (
  accessToken: string,
  refreshToken: string | undefined,
  params: Params,
  profile: Profile,
  done: VerifyCallback,
) => void;

/** Verify with the request first (`passReqToCallback: true`). */
export type VerifyFunctionWithRequest<Profile> = (
  req: Request,
  accessToken: string,
  refreshToken: string | undefined,
  profile: Profile,
  done: VerifyCallback,
) => void;

/** Verify with the request and the token response (`passReqToCallback: true`). */
export type VerifyFunctionWithRequestAndParams<Profile, Params> = (
  req: Request,
  accessToken: string,
  refreshToken: string | undefined,
  params: Params,
  profile: Profile,
  done: VerifyCallback,
) => void;

/**
 * Where the OAuth `state` (and, with PKCE, the code verifier) is kept between
 * the redirect to the provider and the callback. passport-oauth2 calls
 * `store` and `verify` with 2 to 5 arguments, chosen by the function's length;
 * see passport-oauth2's `lib/state/*.js`.
 */
export interface StateStore {
  store(req: Request, ...args: never[]): void;
  verify(req: Request, state: string, ...args: never[]): void;
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
  /** Key under `req.session` for the state. Default `oauth2:<host of authorizationURL>`. */
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
