/**
 * What `KakaoTokenStrategy` and `NaverTokenStrategy` share: logins from mobile
 * apps that got a token from the provider's SDK and send it to an API of the
 * app's server. There is no redirect and no callback here, so these are plain
 * Passport strategies, not OAuth 2.0 ones.
 *
 * This part reads the tokens from the request (body or a chosen header, never
 * the query string), refuses malformed ones before any request is sent, calls
 * the verify function in the same forms as the login strategies, and makes
 * sure every request ends in exactly one Passport action.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import type { Agent, OutgoingHttpHeaders } from 'node:http';
import { inspect } from 'node:util';
import type { Request } from 'express';
import { Strategy as OAuth2Strategy } from 'passport-oauth2';
import type { ErrorCategory } from './error-catalog.js';
import { IdTokenError, ProviderRequestError, type ProviderName } from './errors.js';
import { bearerHeaders, type HttpSettings } from './http.js';
import type { IdTokenClaims, IdTokenVerifier } from './oidc/verifier.js';
import { isObject } from './json.js';
import { redact } from './redact.js';
import { apiHeaders, clockToleranceOption, httpSettingsOption } from './options.js';

/**
 * passport-strategy's `Strategy`, the class every Passport strategy extends.
 * It is taken from passport-oauth2 (whose base class it is) rather than
 * imported, so that the package does not depend on a module it does not list.
 */
const PassportStrategy = Object.getPrototypeOf(OAuth2Strategy.prototype).constructor as new () => object;

/**
 * The codes of a token strategy's failures.
 *
 * - `token_missing`: the request carries no token (or the configured header has another scheme).
 * - `token_in_query`: a token was sent in the query string; it is refused even when the body has one too.
 * - `malformed_token`: the value is not a token (wrong characters, too long, a list).
 * - `wrong_app`: a Kakao access token issued to another app (`app_id`).
 * - `invalid_token`: the provider says the access token is invalid or expired (Kakao `-401`/`-2`, Naver `024`).
 * - `invalid_id_token`: the ID token failed a check (signature, `iss`, `aud`, expiry, nonce, subject).
 */
export type TokenFailureCode = 'token_missing' | 'token_in_query' | 'malformed_token' | 'wrong_app' | 'invalid_token' | 'invalid_id_token';

/**
 * A token strategy's failure: what `fail()` receives, so it reaches
 * `failureMessage`, `failWithError` and custom callbacks (`info`). The same
 * shape as a login's `CallbackFailure`.
 */
export interface TokenFailure {
  /** What happened, for a person. Never contains a token. */
  message: string;
  /** See {@link TokenFailureCode}. */
  code: TokenFailureCode;
  /** What the app should do next; see `describeError()`. */
  category: ErrorCategory;
  /** The provider the token claims to come from. */
  provider: ProviderName;
  /** For `invalid_id_token`: the check that failed (`IdTokenError` code, e.g. `'ERR_JWT_EXPIRED'`). */
  reason?: string;
}

/** Options both token strategies take. */
export interface TokenStrategyCommonOptions {
  /** The strategy's name for `passport.authenticate(name)`. Default `'kakao-token'` / `'naver-token'`. */
  name?: string | undefined;
  /**
   * A request header that carries the access token, instead of the body's
   * `access_token`. `'authorization'` reads `Authorization: Bearer <token>`;
   * any other name (e.g. `'x-kakao-access-token'`) is read as the bare token.
   * When the header is absent the body is read.
   */
  tokenHeader?: string | undefined;
  /** Milliseconds each request to the provider may take, from start to last byte. Default 10000. */
  timeout?: number | undefined;
  /** Largest provider answer accepted, in bytes. Default 1 MiB. */
  maxResponseBytes?: number | undefined;
  /** An `http.Agent` / `https.Agent` for every request to the provider. */
  agent?: Agent | undefined;
  /** Extra headers for every request to the provider. */
  customHeaders?: OutgoingHttpHeaders | undefined;
  /** Seconds of clock skew allowed for an ID token's `exp` and `iat`. Default 30. */
  clockTolerance?: number | undefined;
  /**
   * The nonce an ID token must carry, per request. Default: the body's `nonce`
   * field when it is a non-empty string. Return `undefined` when there is none.
   * A nonce the server issued (kept in the session) is what stops a stolen ID
   * token from being replayed; one the app sends with the token only proves
   * that the two belong together.
   */
  nonce?: ((req: Request) => string | undefined | Promise<string | undefined>) | undefined;
  /** Refuse an ID token when no nonce is given for the request. Default false. */
  requireNonce?: boolean | undefined;
}

/** The tokens a request carried. */
export interface SentTokens {
  accessToken: string | undefined;
  idToken: string | undefined;
  /** The body's `refresh_token`, or `''`. */
  refreshToken: string;
}

/** What a provider class hands back for a request that passed every check. */
export interface TokenLogin<P, Params> {
  profile: P;
  params: Params;
  /** The access token passed to verify (`''` when none was sent). */
  accessToken: string;
}

/** A `done` as verify receives it. */
type Done = (err?: unknown, user?: unknown, info?: unknown) => void;

/** The Passport actions, as Passport puts them on the per-request object. */
interface Actions {
  success(user: unknown, info?: unknown): void;
  fail(challenge?: unknown, status?: number): void;
  error(err: unknown): void;
}

/** Query-string parameters that must never carry a token. */
const QUERY_TOKEN_NAMES = ['access_token', 'id_token', 'refresh_token'] as const;

/** RFC 6750 §2.1 `b64token`: what a bearer token may contain (JWTs too: `.` is allowed). */
const TOKEN_SYNTAX = /^[A-Za-z0-9\-._~+/]+=*$/;
/** Longest access or refresh token accepted. Kakao's and Naver's are a few hundred characters. */
export const MAX_TOKEN_LENGTH = 4096;
/** Longest ID token accepted (a JWT with a few claims is about 1 KB). */
export const MAX_ID_TOKEN_LENGTH = 16_384;

/** A plain failure thrown inside a check, turned into `fail()` by {@link TokenStrategy.authenticate}. */
export class TokenCheckFailure extends Error {
  /** The failure `fail()` receives. */
  readonly failure: TokenFailure;
  /** The HTTP status `fail()` receives. */
  readonly status: number;

  /**
   * @param failure - see {@link TokenFailure}
   * @param status - 400 for a request that is malformed, 401 for a token that is refused
   */
  constructor(failure: TokenFailure, status: number) {
    super(failure.message);
    this.name = 'TokenCheckFailure';
    this.failure = failure;
    this.status = status;
  }
}

/**
 * The shared base of `KakaoTokenStrategy` and `NaverTokenStrategy`. Not
 * exported from the package: use the provider classes.
 *
 * No `#private` members here or in the subclasses: Passport runs
 * `authenticate` on `Object.create(strategy)`, which has no private slots.
 */
export abstract class TokenStrategy<P, Params> extends PassportStrategy {
  /** The name for `passport.authenticate()`. */
  name: string;
  /** @internal Timeout, size cap, agent and provider of every provider request. */
  protected readonly _httpSettings: HttpSettings;
  /** @internal Headers for API requests, before `Authorization`. */
  protected readonly _apiHeaders: OutgoingHttpHeaders;
  /** @internal `'naver'` or `'kakao'`. */
  protected readonly _provider: ProviderName;
  /** @internal `'Naver'` or `'Kakao'`, for messages. */
  protected readonly _label: string;
  /** @internal Seconds of clock skew for ID tokens. */
  protected readonly _clockTolerance: number;
  /** @internal */
  protected readonly _requireNonce: boolean;
  private readonly _verify: Function;
  private readonly _passReqToCallback: boolean;
  private readonly _tokenHeader: string | undefined;
  private readonly _nonce: ((req: Request) => string | undefined | Promise<string | undefined>) | undefined;

  /**
   * @param options - the caller's options; never modified
   * @param verify - the app's verify function (its arity picks the form)
   * @param provider - `'naver'` or `'kakao'`
   * @throws TypeError for a malformed option
   */
  constructor(options: TokenStrategyCommonOptions & { passReqToCallback?: boolean | undefined }, verify: Function, provider: ProviderName) {
    super();
    const label = provider === 'naver' ? 'Naver' : 'Kakao';
    const className = `${label}TokenStrategy`;
    if (typeof options !== 'object' || options === null) throw new TypeError(`${className} requires an options object`);
    if (typeof verify !== 'function') throw new TypeError(`${className} requires a verify callback`);
    const http = httpSettingsOption(className, options, provider);
    const clockTolerance = clockToleranceOption(className, options.clockTolerance);
    if (options.tokenHeader !== undefined && !(typeof options.tokenHeader === 'string' && /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(options.tokenHeader))) {
      throw new TypeError(`${className}: tokenHeader must be a header name`);
    }
    if (options.nonce !== undefined && typeof options.nonce !== 'function') throw new TypeError(`${className}: nonce must be a function of the request`);
    this.name = options.name ?? `${provider}-token`;
    this._provider = provider;
    this._label = label;
    this._clockTolerance = clockTolerance;
    this._requireNonce = options.requireNonce === true;
    this._httpSettings = http;
    this._apiHeaders = apiHeaders(options.customHeaders);
    this._verify = verify;
    this._passReqToCallback = options.passReqToCallback === true;
    this._tokenHeader = options.tokenHeader?.toLowerCase();
    this._nonce = options.nonce;
  }

  /**
   * @internal Checks the tokens of one request and builds the profile. The provider
   * classes implement it.
   *
   * @param req - the request
   * @param tokens - what the request carried, already checked for shape
   * @returns the profile and params; throws a {@link TokenCheckFailure} for a
   *   refused token, an `IdTokenError` for a bad ID token, or the provider's
   *   error class for an outage
   */
  protected abstract _check(req: Request, tokens: SentTokens): Promise<TokenLogin<P, Params>>;

  /**
   * @internal Turns a provider error into a failure when it means "this
   * token is refused" rather than "the provider is down"; `undefined` keeps
   * it an error.
   */
  protected abstract _failureOf(err: unknown): TokenFailure | undefined;

  /**
   * Authenticates one API request: reads the token, checks it with the
   * provider, and calls verify. Ends in exactly one of `success()`, `fail()`
   * (a {@link TokenFailure}, or verify's `info`) and `error()`; never throws.
   */
  authenticate(req: Request, _options?: object): void {
    const actions = this as unknown as Actions;
    let acted = false;
    const once = (act: () => void): void => {
      if (acted) return;
      acted = true;
      act();
    };
    const failWith = (failure: TokenFailure, status: number): void => once(() => actions.fail(failure, status));
    let tokens: SentTokens;
    try {
      tokens = this._readTokens(req);
    } catch (err) {
      if (err instanceof TokenCheckFailure) return failWith(err.failure, err.status);
      return once(() => actions.error(err));
    }
    this._check(req, tokens)
      .then(
        (login) => this._callVerify(req, login, tokens.refreshToken, once, actions),
        (err: unknown) => {
          if (err instanceof TokenCheckFailure) return failWith(err.failure, err.status);
          const failure = this._failureOf(err);
          if (failure) {
            failure.message = redact(failure.message, [tokens.accessToken, tokens.idToken, tokens.refreshToken]);
            return failWith(failure, 401);
          }
          once(() => actions.error(err));
        },
      )
      // What throws here was thrown by the app after the action (its custom
      // callback or route handler, run inside success/fail/error). It is the
      // app's exception: raised as an uncaught one, as from any I/O callback,
      // rather than swallowed or turned into a second action.
      .catch((err: unknown) =>
        process.nextTick(() => {
          throw err;
        }),
      );
  }

  /** Calls verify in the form its arity picks; its `done` acts once. */
  private _callVerify(req: Request, login: TokenLogin<P, Params>, refreshToken: string, once: (act: () => void) => void, actions: Actions): void {
    let called = false;
    /** Set when the Passport action itself threw (the app's code, run inside it). */
    let actionThrew = false;
    const act = (action: () => void): void => {
      try {
        once(action);
      } catch (err) {
        actionThrew = true;
        throw err;
      }
    };
    const done: Done = (err, user, info) => {
      if (called) return warnTwice(this._label);
      called = true;
      if (err) return act(() => actions.error(err));
      if (!user) return act(() => actions.fail(info));
      act(() => actions.success(user, info));
    };
    const { accessToken, profile, params } = login;
    const verify = this._verify;
    try {
      if (this._passReqToCallback) {
        if (verify.length >= 6) verify(req, accessToken, refreshToken, params, profile, done);
        else verify(req, accessToken, refreshToken, profile, done);
      } else if (verify.length >= 5) verify(accessToken, refreshToken, params, profile, done);
      else verify(accessToken, refreshToken, profile, done);
    } catch (err) {
      if (actionThrew) throw err;
      if (called) return warnTwice(this._label);
      called = true;
      once(() => actions.error(err));
    }
  }

  /**
   * Reads the tokens: the configured header, else the body. A token in the
   * query string is refused first, whatever else the request carries.
   *
   * @throws TokenCheckFailure
   */
  private _readTokens(req: Request): SentTokens {
    const inQuery = queryTokenName(req);
    if (inQuery !== undefined) {
      this._refuse(
        'token_in_query',
        'config',
        `The request carries ${inQuery} in the query string; tokens in URLs end up in logs and browser history, so it is refused. Send it in the request body or a header.`,
        400,
      );
    }
    const body: Record<string, unknown> = isObject(req.body) ? req.body : {};
    let accessToken: string | undefined;
    const header = this._tokenHeader;
    const headerValue = header === undefined ? undefined : req.headers?.[header];
    if (header !== undefined && headerValue !== undefined) {
      const value = Array.isArray(headerValue) ? headerValue.join(', ') : headerValue;
      if (header === 'authorization') {
        const match = /^Bearer +(\S*)\s*$/i.exec(value);
        if (!match) this._refuse('token_missing', 'config', 'The Authorization header does not carry a Bearer token', 400);
        accessToken = this._shaped(match![1], 'access token', MAX_TOKEN_LENGTH);
      } else {
        accessToken = this._shaped(value, 'access token', MAX_TOKEN_LENGTH);
      }
    } else {
      accessToken = this._shaped(body['access_token'], 'access token', MAX_TOKEN_LENGTH);
    }
    return {
      accessToken,
      idToken: this._shaped(this._idTokenValue(req, body), 'ID token', MAX_ID_TOKEN_LENGTH),
      refreshToken: this._shaped(body['refresh_token'], 'refresh token', MAX_TOKEN_LENGTH) ?? '',
    };
  }

  /**
   * @internal The raw ID token value of a request: the body's `id_token`. The
   * Kakao class adds its header option.
   */
  protected _idTokenValue(_req: Request, body: Record<string, unknown>): unknown {
    return body['id_token'];
  }

  /**
   * A sent value as a token: `undefined` when absent or empty, else a string
   * of bearer-token characters within the length limit.
   *
   * @throws TokenCheckFailure `malformed_token`
   */
  private _shaped(value: unknown, what: string, maxLength: number): string | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string' || value.length > maxLength || !TOKEN_SYNTAX.test(value)) {
      this._refuse('malformed_token', 'login', `The ${what} in the request is not a well-formed ${this._label} token`, 400);
    }
    return value as string;
  }

  /** @throws TokenCheckFailure, always */
  private _refuse(code: TokenFailureCode, category: ErrorCategory, message: string, status: number): never {
    throw new TokenCheckFailure({ message, code, category, provider: this._provider }, status);
  }

  /**
   * @internal A failure for the provider classes to throw.
   *
   * @param code - see {@link TokenFailureCode}
   * @param category - see {@link ErrorCategory}
   * @param message - for a person; never a token
   * @param status - 400 or 401
   */
  protected _refused(code: TokenFailureCode, category: ErrorCategory, message: string, status = 401): TokenCheckFailure {
    return new TokenCheckFailure({ message, code, category, provider: this._provider }, status);
  }

  /**
   * @internal The nonce an ID token of this request must carry: the `nonce`
   * option's answer, else the body's `nonce`.
   */
  protected async _expectedNonce(req: Request): Promise<string | undefined> {
    if (this._nonce !== undefined) {
      const nonce = await this._nonce(req);
      return typeof nonce === 'string' && nonce !== '' ? nonce : undefined;
    }
    const body = isObject(req.body) ? req.body : {};
    const nonce = body['nonce'];
    return typeof nonce === 'string' && nonce !== '' ? nonce : undefined;
  }

  /**
   * @internal Verifies an ID token sent along with the access token:
   * signature, `iss`, `aud` and expiry through the provider's verifier, the
   * nonce given for this request (one is required with `requireNonce`), and
   * `at_hash` when present.
   *
   * @param verifier - the provider's verifier; `undefined` when the strategy has nothing to check `aud` against
   * @param unconfigured - the failure message for a request that carries an ID token without a verifier
   */
  protected async _checkIdToken(verifier: IdTokenVerifier | undefined, unconfigured: string, req: Request, idToken: string, accessToken: string | undefined): Promise<IdTokenClaims> {
    if (verifier === undefined) throw this._refused('invalid_id_token', 'config', unconfigured);
    const nonce = await this._expectedNonce(req);
    if (nonce === undefined && this._requireNonce) throw new IdTokenError(`${this._label} ID token rejected: no nonce was given for this request`, 'ERR_NONCE_MISMATCH', this._provider);
    const claims = await verifier.verify(idToken, nonce);
    this._checkNonce(claims, nonce);
    this._checkAtHash(claims, accessToken);
    return claims;
  }

  /**
   * @internal The failure of an ID token that did not pass a check; the
   * category follows the check (`'config'` for a wrong `aud`/`iss`, `'login'`
   * for an expired token or a nonce mismatch).
   */
  protected _idTokenFailure(err: IdTokenError): TokenFailure {
    return { message: err.message, code: 'invalid_id_token', category: err.category, provider: this._provider, reason: err.code };
  }

  /**
   * @internal Checks the nonce of verified claims when one was given: the
   * shared verifier lets a token without a `nonce` claim pass when the
   * provider's echo is not required, but here the app chose to give one, so
   * the token must carry it.
   *
   * @throws IdTokenError `ERR_NONCE_MISMATCH`
   */
  protected _checkNonce(claims: { nonce?: unknown }, nonce: string | undefined): void {
    if (nonce !== undefined && claims.nonce !== nonce) {
      throw new IdTokenError(`${this._label} ID token rejected: its nonce does not match the one given for this request`, 'ERR_NONCE_MISMATCH', this._provider);
    }
  }

  /**
   * @internal Checks `at_hash` when the ID token has one and an access token
   * came with it: the claim binds the ID token to that access token (OIDC Core
   * §3.1.3.6). Neither provider documents it (§B6, §C8), so its absence is no reason to refuse.
   *
   * @throws IdTokenError `ERR_AT_HASH_MISMATCH`
   */
  protected _checkAtHash(claims: object, accessToken: string | undefined): void {
    const hash = (claims as Record<string, unknown>)['at_hash'];
    if (hash === undefined || accessToken === undefined) return;
    if (hash !== atHash(accessToken)) {
      throw new IdTokenError(`${this._label} ID token rejected: it was not issued with the access token sent along (at_hash)`, 'ERR_AT_HASH_MISMATCH', this._provider);
    }
  }

  /** @internal The API headers with the access token in `Authorization`: the only place a token goes. */
  protected _bearer(accessToken: string): OutgoingHttpHeaders {
    return bearerHeaders(this._apiHeaders, accessToken);
  }

  /** @internal An answer that cannot be used (`EBADRESPONSE`): an error, never a login. */
  protected _badAnswer(message: string, status: number): ProviderRequestError {
    return new ProviderRequestError(message, 'EBADRESPONSE', status, this._provider);
  }

  /** What `JSON.stringify` shows: the name only. */
  toJSON(): { name: string } {
    return { name: this.name };
  }

  /** What `util.inspect` shows: the class and name, never options or headers. */
  [inspect.custom](): string {
    return `${this._label}TokenStrategy { name: ${inspect(this.name)} }`;
  }
}

/**
 * The first token parameter in the request's query string, by name, or
 * `undefined`. Reads both the parsed `req.query` and the URL itself, so a
 * framework without a query parser is covered too.
 */
function queryTokenName(req: Request): string | undefined {
  const query = isObject(req.query) ? (req.query as Record<string, unknown>) : {};
  let search: URLSearchParams | undefined;
  const url = typeof req.originalUrl === 'string' ? req.originalUrl : req.url;
  if (typeof url === 'string') {
    const mark = url.indexOf('?');
    if (mark >= 0) search = new URLSearchParams(url.slice(mark + 1));
  }
  return QUERY_TOKEN_NAMES.find((name) => query[name] !== undefined || search?.has(name) === true);
}

/**
 * The OpenID Connect `at_hash` of an access token for an RS256 ID token: the
 * left half of its SHA-256, base64url (OIDC Core §3.1.3.6).
 */
export function atHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

let warned = false;
/** Reports once per process that a verify function called `done` twice (or threw after it). */
function warnTwice(label: string): void {
  if (warned) return;
  warned = true;
  process.emitWarning(`${label}TokenStrategy: verify called done() again, or threw after calling it; ignored`, { code: 'PASSPORT_NAVER_KAKAO_VERIFY_DONE_TWICE' });
}
