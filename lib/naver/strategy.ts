/**
 * The Naver Login strategy.
 *
 * @packageDocumentation
 */
import type { Request } from 'express';
import { describeAnswer, endpoint, ProviderRequestError, type Endpoint } from '../http.js';
import { isObject, parseJSON } from '../json.js';
import { clientForm, oauthTokenError, postForm, type OAuthErrorBody } from '../oauth.js';
import { ProviderStrategy } from '../strategy.js';
import { naverTokenError } from './errors.js';
import { readNaverProfileAnswer } from './profile.js';
import type {
  NaverAuthenticateOptions,
  NaverAuthType,
  NaverProfile,
  NaverRevokeOptions,
  NaverStrategyOptions,
  NaverStrategyOptionsWithRequest,
  NaverVerifyFunction,
  NaverVerifyFunctionWithParams,
  NaverVerifyFunctionWithRequest,
  NaverVerifyFunctionWithRequestAndParams,
} from './types.js';

/** Naver's authorization endpoint (provider-apis.md §A1). */
export const NAVER_AUTHORIZATION_URL = 'https://nid.naver.com/oauth2.0/authorize';
/** Naver's token endpoint (§A3). */
export const NAVER_TOKEN_URL = 'https://nid.naver.com/oauth2.0/token';
/** Naver's profile endpoint (§A5). */
export const NAVER_PROFILE_URL = 'https://openapi.naver.com/v1/nid/me';
/** Naver's token revocation endpoint (§A4). */
export const NAVER_REVOKE_URL = 'https://nid.naver.com/oauth2.0/revoke';

const AUTH_TYPES: ReadonlySet<string> = new Set<NaverAuthType>(['reprompt', 'reauthenticate', 'autologin']);

/** Carries the callback's `state` from `authenticate` to `tokenParams`. */
const callbackState = Symbol('naver callback state');
type WithCallbackState = NaverAuthenticateOptions & { [callbackState]?: string };

/**
 * Passport strategy for Naver Login (네이버 로그인).
 *
 * The login redirects to Naver with `response_type=code`, `client_id`,
 * `redirect_uri` and a `state` kept in the session; on the callback it checks
 * the state, exchanges the code (sending the same `state`, as Naver's docs ask),
 * fetches `/v1/nid/me` with the token in the `Authorization` header, and calls
 * verify with a {@link NaverProfile}.
 *
 * Failures: a callback with `error` (the user pressed Cancel) or a bad state
 * fails the login (`failureRedirect`, `failureMessage`); a token error is a
 * `TokenError`, even though Naver sends it with HTTP 200; a profile error is a
 * `NaverAPIError` with Naver's `resultcode`.
 *
 * @example
 * ```ts
 * passport.use(new NaverStrategy({
 *   clientID: process.env.NAVER_CLIENT_ID!,
 *   clientSecret: process.env.NAVER_CLIENT_SECRET!,
 *   callbackURL: '/oauth2/redirect/naver',
 * }, (accessToken, refreshToken, profile, done) => done(null, { id: profile.id })));
 * ```
 */
export class NaverStrategy extends ProviderStrategy<NaverProfile> {
  /** Default `auth_type`, from the `authType` option. */
  protected readonly _authType: NaverAuthType | undefined;
  protected readonly _revokeEndpoint: Endpoint;

  /**
   * @param options - see {@link NaverStrategyOptions}; never modified
   * @param verify - called with the tokens and the profile; its arity picks the form
   * @throws TypeError when `clientID` or `clientSecret` is missing, `state` is turned off, or an option is malformed
   */
  constructor(options: NaverStrategyOptions, verify: NaverVerifyFunction);
  constructor(options: NaverStrategyOptions, verify: NaverVerifyFunctionWithParams);
  constructor(options: NaverStrategyOptionsWithRequest, verify: NaverVerifyFunctionWithRequest);
  constructor(options: NaverStrategyOptionsWithRequest, verify: NaverVerifyFunctionWithRequestAndParams);
  constructor(options: NaverStrategyOptions | NaverStrategyOptionsWithRequest, verify: Function) {
    if (typeof options !== 'object' || options === null) throw new TypeError('NaverStrategy requires an options object');
    if (!options.clientID) throw new TypeError('NaverStrategy requires a clientID option');
    if (!options.clientSecret) throw new TypeError('NaverStrategy requires a clientSecret option');
    // Naver requires `state` on the authorization request (§A1), so it stays on.
    if ((options.state as unknown) === false) {
      throw new TypeError('NaverStrategy: Naver requires state; it cannot be turned off (pass a store to keep it outside the session)');
    }
    if (options.authType !== undefined && !AUTH_TYPES.has(options.authType)) {
      throw new TypeError(`NaverStrategy: authType must be one of ${[...AUTH_TYPES].join(', ')}`);
    }
    super(options, verify, {
      provider: 'naver',
      label: 'Naver',
      authorizationURL: options.authorizationURL ?? NAVER_AUTHORIZATION_URL,
      tokenURL: options.tokenURL ?? NAVER_TOKEN_URL,
      profileURL: options.profileURL ?? NAVER_PROFILE_URL,
      tokenContentType: 'application/x-www-form-urlencoded',
      // Naver ignores `scope` on the OAuth 2.0 endpoint (§A1); items are set in the console.
      scopeSeparator: ' ',
      clientSecret: options.clientSecret,
      base: { state: true },
      tokenError: naverTokenError,
      parseProfile: readNaverProfileAnswer,
    });
    this._authType = options.authType;
    this._revokeEndpoint = endpoint(options.revokeURL ?? NAVER_REVOKE_URL, 'revokeURL');
  }

  /**
   * Revokes a token: the user's link to the app is removed and both tokens of
   * the pair stop working (§A4). The token travels in the POST body.
   *
   * @param token - an access token, or a refresh token with `tokenTypeHint: 'refresh_token'`
   * @param options - see {@link NaverRevokeOptions}
   * @returns resolves when Naver confirmed; rejects with a `TokenError` carrying
   *   Naver's `error` code, or a `ProviderRequestError`
   */
  async revoke(token: string, options: NaverRevokeOptions = {}): Promise<void> {
    if (typeof token !== 'string' || token === '') throw new TypeError('revoke() needs a token');
    const config = this._tokenEndpoint;
    if (options.method === 'delete') {
      // The legacy form, deprecated 2026-05 but still what Naver's Android SDK sends (§A4).
      const form = clientForm(config, { grant_type: 'delete' }, { access_token: token, service_provider: 'NAVER' });
      const res = await postForm(config, config.endpoint, form, 'Naver delete request');
      const json = parseJSON(res.body);
      if (isObject(json) && json['result'] === 'success') return;
      if (isObject(json) && typeof json['error'] === 'string') throw naverTokenError(json as OAuthErrorBody, res.status);
      throw new ProviderRequestError(`Naver delete request answered ${describeAnswer(res)} without result "success"`, 'EBADRESPONSE', res.status);
    }
    const form = clientForm(config, { token }, { token_type_hint: options.tokenTypeHint ?? 'access_token' });
    const res = await postForm(config, this._revokeEndpoint, form, 'Naver revoke request');
    // Success is an empty HTTP 200, also for a token already revoked: judge by status (§A4).
    if (res.status >= 200 && res.status <= 299) return;
    const json = parseJSON(res.body);
    if (isObject(json) && typeof json['error'] === 'string') throw oauthTokenError(json as OAuthErrorBody, res.status);
    throw new ProviderRequestError(`Naver revoke request answered ${describeAnswer(res)}`, 'EBADRESPONSE', res.status);
  }

  /** Keeps the callback's `state` for the token request, then runs the login step. */
  override authenticate(req: Request, options?: NaverAuthenticateOptions): void {
    const state = req.query?.['state'];
    const withState: WithCallbackState | undefined = typeof state === 'string' ? { ...options, [callbackState]: state } : options;
    super.authenticate(req, withState);
  }

  /** Whitelisted Naver parameters of the authorization request: `auth_type` only. */
  override authorizationParams(options: NaverAuthenticateOptions): object {
    const authType = options.authType ?? this._authType;
    return authType !== undefined && AUTH_TYPES.has(authType) ? { auth_type: authType } : {};
  }

  /**
   * Naver's docs list `state` as a token request parameter (§A3); it is sent
   * equal to the callback's state, which the state store has just verified.
   */
  override tokenParams(options: WithCallbackState): object {
    const state = options[callbackState];
    return state === undefined ? {} : { state };
  }
}
