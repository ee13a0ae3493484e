/**
 * The token request, for both providers: the form, the request through the
 * HTTP layer, and the reading of the response. Provider differences come in
 * through {@link TokenClient}: how errors are read, and an optional check that
 * runs on the tokens before the login goes on (OpenID Connect).
 *
 * @packageDocumentation
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { OAuth2 } from 'oauth';
import { ProviderRequestError } from './errors.js';
import { describeResponse, send, type Endpoint, type HttpResponse, type HttpSettings } from './http.js';
import { isObject, parseJSON } from './json.js';
import type { LoginContext } from './login-context.js';
import { redactBody } from './redact.js';

/** An OAuth error response from a token endpoint (RFC 6749 §5.2), plus whatever else the provider put in it. */
export interface OAuthErrorBody {
  error: string;
  error_description?: string;
  error_uri?: string;
  [field: string]: unknown;
}

/** How one strategy reaches its token endpoint and reads what comes back. */
export interface TokenClient {
  /** "Naver token request", "Kakao token request": names the request in errors. */
  readonly label: string;
  readonly endpoint: Endpoint;
  /** Every header of the request, Content-Type included. */
  readonly headers: OutgoingHttpHeaders;
  readonly clientID: string;
  /**
   * Sent as `client_secret` when defined; when undefined, no such field is sent.
   * Defined as a non-enumerable property (see {@link tokenClient}), so that
   * `util.inspect` and `JSON.stringify` of a strategy never show it.
   */
  readonly clientSecret: string | undefined;
  readonly http: HttpSettings;
  /**
   * Turns an OAuth error response text (already cleaned of the values the
   * request sent) into the error the app sees: the strategy's `parseErrorResponse`.
   */
  readonly parseError: (body: string, status: number) => Error;
  /**
   * Runs on the tokens of a login before passport-oauth2 goes on (the ID token
   * check of OpenID Connect). Not called for `refresh()`.
   */
  readonly check?: ((params: TokenParams, login: LoginContext) => Promise<void> | undefined) | undefined;
}

/**
 * Builds a {@link TokenClient} whose `clientSecret` is not enumerable.
 *
 * @param fields - everything but the secret
 * @param clientSecret - the client secret, or undefined to send none
 */
export function tokenClient(fields: Omit<TokenClient, 'clientSecret'>, clientSecret: string | undefined): TokenClient {
  const client = { ...fields } as TokenClient;
  Object.defineProperty(client, 'clientSecret', { value: clientSecret, enumerable: false });
  return client;
}

/** The token response fields whose value is a number of seconds. */
const EXPIRY_FIELDS = ['expires_in', 'refresh_token_expires_in'] as const;

/**
 * A bearer token as RFC 6750 §2.1 allows it in a header (`b64token`). Anything
 * else (CR/LF, NUL, spaces, characters above U+00FF) would break or split the
 * `Authorization` header of the next request, so such a response is refused.
 */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
/** A refresh token (RFC 6749 Appendix A.17: visible ASCII). It only travels in form bodies. */
const VSCHAR = /^[\x20-\x7e]+$/;

/** Token response after {@link readTokenResponse}: expiries are numbers. */
export type TokenParams = Record<string, unknown> & { access_token: string };

/** The callback node-oauth's `getOAuthAccessToken` takes, as passport-oauth2 and passport-oauth2-refresh call it. */
export type TokenCallback = (err: Error | null, accessToken?: string, refreshToken?: string, params?: TokenParams) => void;

/** The key under which `tokenParams()` hands a login's context to the token client; never sent. */
export const LOGIN_CONTEXT: unique symbol = Symbol('passport-naver-kakao login');

/**
 * Sends one token request: `grant_type`, `client_id`, `client_secret` (only
 * when configured), then the grant's own fields.
 *
 * @param client - the strategy's token client
 * @param fields - `grant_type` and the grant's fields (`code`, `redirect_uri`, `refresh_token`, ...);
 *   `grant_type` is set to `authorization_code` when absent
 * @param callback - called once, with the tokens or an error
 */
export function requestToken(client: TokenClient, fields: Record<string, string>, callback: TokenCallback): void {
  fields['grant_type'] ??= 'authorization_code';
  const form = clientForm(client, fields, 'grant_type');
  send(client.endpoint, 'POST', client.headers, form, client.http, client.label, (err, res) => {
    if (err) return callback(err);
    // Everything secret the request carried, cut out of any text the provider echoes.
    const sent = [fields['code'], fields['refresh_token'], fields['code_verifier'], client.clientSecret];
    const response = readTokenResponse(client, res!, sent);
    if (response instanceof Error) return callback(response);
    const refreshToken = response['refresh_token'];
    callback(null, response.access_token, typeof refreshToken === 'string' ? refreshToken : undefined, response);
  });
}

/**
 * A form body: the first field (`grant_type` for a token request), `client_id`,
 * `client_secret` (only when configured), then the other fields in order.
 *
 * @param client - the strategy's token client (for the credentials)
 * @param fields - the form's own fields; `client_id`/`client_secret` among them are ignored
 * @param first - the field that goes first; by default the first one in `fields`
 */
export function clientForm(client: TokenClient, fields: Record<string, string>, first: string | undefined = Object.keys(fields)[0]): string {
  const form = new URLSearchParams();
  const value = first === undefined ? undefined : fields[first];
  if (value !== undefined && first !== 'client_id' && first !== 'client_secret') form.append(first!, value);
  form.append('client_id', client.clientID);
  if (client.clientSecret !== undefined) form.append('client_secret', client.clientSecret);
  for (const key in fields) {
    if (key !== first && key !== 'client_id' && key !== 'client_secret') form.append(key, fields[key]!);
  }
  return form.toString();
}

/**
 * Reads a token endpoint's response: the tokens, the provider's error when the
 * body carries an OAuth `error` (whatever the HTTP status: Naver sends them
 * with 200), or a {@link ProviderRequestError} for anything else.
 *
 * @param sent - secret values of the request, removed from the provider's texts
 */
export function readTokenResponse(client: TokenClient, res: HttpResponse, sent: ReadonlyArray<string | undefined>): TokenParams | Error {
  const json = parseJSON(res.body);
  const provider = client.http.provider;
  if (!isObject(json)) {
    return new ProviderRequestError(`${client.label} answered ${describeResponse(res)} with a body that is not a JSON object`, 'EBADRESPONSE', res.status, provider);
  }
  if (typeof json['error'] === 'string') return client.parseError(redactBody(res.body, sent), res.status);
  if (res.status < 200 || res.status > 299) {
    return new ProviderRequestError(`${client.label} answered ${describeResponse(res)} without an OAuth error`, 'EBADRESPONSE', res.status, provider);
  }
  const accessToken = json['access_token'];
  if (typeof accessToken !== 'string' || accessToken === '') {
    return new ProviderRequestError(`${client.label} answered without an access_token`, 'EBADRESPONSE', res.status, provider);
  }
  if (!B64TOKEN.test(accessToken)) {
    return new ProviderRequestError(`${client.label} answered with an access_token that is not a valid bearer token`, 'EBADRESPONSE', res.status, provider);
  }
  const refreshToken = json['refresh_token'];
  if (refreshToken !== undefined && (typeof refreshToken !== 'string' || !VSCHAR.test(refreshToken))) {
    return new ProviderRequestError(`${client.label} answered with a malformed refresh_token`, 'EBADRESPONSE', res.status, provider);
  }
  for (const field of EXPIRY_FIELDS) {
    const value = json[field];
    if (value === undefined || typeof value === 'number') continue;
    const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (Number.isFinite(seconds)) json[field] = seconds;
    else delete json[field];
  }
  return json as TokenParams;
}

/**
 * Makes a strategy's node-oauth client send its token requests through
 * {@link requestToken}: the one place node-oauth's token call is replaced.
 *
 * NOTE: passport-oauth2 calls `strategy._oauth2.getOAuthAccessToken(code,
 * params, callback)`, and passport-oauth2-refresh copies that very function
 * onto an OAuth2 client of its own and calls it there. So the function must not
 * use `this`: everything it needs is in `client`, closed over here. Nothing else
 * of node-oauth is used.
 *
 * @param oauth2 - the strategy's `_oauth2`
 * @param client - the strategy's token client
 */
export function installTokenClient(oauth2: OAuth2, client: TokenClient): void {
  const getOAuthAccessToken = (code: string, params: Record<string | symbol, unknown>, callback: TokenCallback): void => {
    const fields: Record<string, string> = {};
    for (const key in params) {
      const value = params[key];
      if (typeof value === 'string') fields[key] = value;
    }
    // node-oauth sends the first argument as `refresh_token` for that grant and
    // as `code` otherwise; keep that contract.
    fields[fields['grant_type'] === 'refresh_token' ? 'refresh_token' : 'code'] = code;
    const login = params[LOGIN_CONTEXT] as LoginContext | undefined;
    const check = client.check;
    if (login === undefined || check === undefined) return requestToken(client, fields, callback);
    requestToken(client, fields, (err, accessToken, refreshToken, tokens) => {
      if (err) return callback(err);
      const checking = check(tokens!, login);
      if (checking === undefined) return callback(null, accessToken, refreshToken, tokens);
      // Leave the promise chain before calling back into passport, so that
      // nothing passport or verify throws turns into a rejection or a second callback.
      checking.then(
        () => process.nextTick(callback, null, accessToken, refreshToken, tokens),
        (error: unknown) => process.nextTick(callback, error instanceof Error ? error : new Error(String(error))),
      );
    });
  };
  (oauth2 as unknown as { getOAuthAccessToken: typeof getOAuthAccessToken }).getOAuthAccessToken = getOAuthAccessToken;
}

/**
 * The `error_description` of an OAuth error body, or its `error` when there is
 * no description.
 */
export function oauthErrorMessage(body: OAuthErrorBody): string {
  return typeof body.error_description === 'string' && body.error_description !== '' ? body.error_description : body.error;
}
