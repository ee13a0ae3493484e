/**
 * What both providers share about OAuth 2.0: the token request and the reading
 * of its answer. Provider differences come in through {@link TokenEndpoint}.
 *
 * @packageDocumentation
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { OAuth2 } from 'oauth';
import { TokenError } from 'passport-oauth2';
import {
  describeAnswer,
  ProviderRequestError,
  send,
  sendAsync,
  type Endpoint,
  type HttpResponse,
  type HttpSettings,
} from './http.js';
import { isObject, parseJSON } from './json.js';

/** An OAuth error answer from a token endpoint (RFC 6749 §5.2), plus whatever else the provider put in it. */
export interface OAuthErrorBody {
  error: string;
  error_description?: string;
  error_uri?: string;
  [field: string]: unknown;
}

/** How one provider's token endpoint is reached and how its errors are read. */
export interface TokenEndpoint {
  /** "Naver token request", "Kakao token request": names the request in errors. */
  readonly label: string;
  readonly endpoint: Endpoint;
  /** Every header of the request, Content-Type included. */
  readonly headers: OutgoingHttpHeaders;
  readonly clientID: string;
  /** Sent as `client_secret` when defined; when undefined, no such field is sent at all. */
  readonly clientSecret: string | undefined;
  readonly http: HttpSettings;
  /** Turns the provider's error answer into the error the app sees. */
  readonly tokenError: (body: OAuthErrorBody, status: number) => TokenError;
}

/** The token response fields whose value is a number of seconds. */
const EXPIRY_FIELDS = ['expires_in', 'refresh_token_expires_in'] as const;

/** Token endpoint answer after {@link readTokenAnswer}: expiries are numbers. */
export type TokenParams = Record<string, unknown> & { access_token: string };

/** The callback node-oauth's `getOAuthAccessToken` takes, as passport-oauth2 and passport-oauth2-refresh call it. */
export type TokenCallback = (
  err: Error | null,
  accessToken?: string,
  refreshToken?: string,
  params?: TokenParams,
) => void;

/**
 * Sends one token request: `grant_type`, `client_id`, `client_secret` (only
 * when configured), then the grant's own fields.
 *
 * @param config - the provider's token endpoint
 * @param fields - `grant_type` and the grant's fields (`code`, `redirect_uri`, `refresh_token`, ...)
 * @param callback - called once, with the tokens or an error
 */
export function requestToken(config: TokenEndpoint, fields: Record<string, string>, callback: TokenCallback): void {
  const form = clientForm(config, { grant_type: fields['grant_type'] ?? 'authorization_code' }, fields);
  send(config.endpoint, 'POST', config.headers, form, config.http, config.label, (err, res) => {
    if (err) return callback(err);
    const answer = readTokenAnswer(config, res!);
    if (answer instanceof Error) return callback(answer);
    const refreshToken = answer['refresh_token'];
    callback(null, answer.access_token, typeof refreshToken === 'string' ? refreshToken : undefined, answer);
  });
}

/**
 * A form body: `first`'s fields, then `client_id` and `client_secret` (only when
 * configured), then `rest`'s fields other than those.
 */
export function clientForm(config: TokenEndpoint, first: Record<string, string>, rest: Record<string, string> = {}): string {
  const form = new URLSearchParams(first);
  form.append('client_id', config.clientID);
  if (config.clientSecret !== undefined) form.append('client_secret', config.clientSecret);
  for (const key in rest) {
    if (!(key in first) && key !== 'client_id' && key !== 'client_secret') form.append(key, rest[key]!);
  }
  return form.toString();
}

/**
 * Sends a form with the client's credentials to an OAuth endpoint other than
 * the token request (revocation), with the token request's headers.
 *
 * @param config - the provider's token endpoint settings (headers, client, HTTP settings)
 * @param target - where to send it
 * @param form - the body, from {@link clientForm}
 * @param label - names the request in errors
 */
export function postForm(config: TokenEndpoint, target: Endpoint, form: string, label: string): Promise<HttpResponse> {
  return sendAsync(target, 'POST', config.headers, form, config.http, label);
}

/**
 * Reads a token endpoint's answer: the tokens, a `TokenError` when the body
 * carries an OAuth `error` (whatever the HTTP status: Naver sends them with 200),
 * or a {@link ProviderRequestError} for anything else.
 */
export function readTokenAnswer(config: TokenEndpoint, res: HttpResponse): TokenParams | Error {
  const json = parseJSON(res.body);
  if (!isObject(json)) {
    return new ProviderRequestError(
      `${config.label} answered ${describeAnswer(res)} with a body that is not a JSON object`,
      'EBADRESPONSE',
      res.status,
    );
  }
  if (typeof json['error'] === 'string') return config.tokenError(json as OAuthErrorBody, res.status);
  if (res.status < 200 || res.status > 299) {
    return new ProviderRequestError(`${config.label} answered ${describeAnswer(res)} without an OAuth error`, 'EBADRESPONSE', res.status);
  }
  if (typeof json['access_token'] !== 'string' || json['access_token'] === '') {
    return new ProviderRequestError(`${config.label} answered without an access_token`, 'EBADRESPONSE', res.status);
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
 * Makes a strategy's own node-oauth client send its token requests through
 * {@link requestToken}. passport-oauth2 (and passport-oauth2-refresh) keep
 * calling `_oauth2.getOAuthAccessToken(code, params, callback)` as before; only
 * this instance is changed.
 *
 * @param oauth2 - the strategy's `_oauth2`
 * @param config - the provider's token endpoint
 */
export function useTokenEndpoint(oauth2: OAuth2, config: TokenEndpoint): void {
  const getOAuthAccessToken = (code: string, params: Record<string, unknown>, callback: TokenCallback): void => {
    const fields: Record<string, string> = {};
    for (const key in params) {
      const value = params[key];
      if (typeof value === 'string') fields[key] = value;
    }
    // node-oauth sends the first argument as `refresh_token` for that grant and
    // as `code` otherwise; keep that contract.
    fields[fields['grant_type'] === 'refresh_token' ? 'refresh_token' : 'code'] = code;
    requestToken(config, fields, callback);
  };
  (oauth2 as unknown as { getOAuthAccessToken: typeof getOAuthAccessToken }).getOAuthAccessToken = getOAuthAccessToken;
}

/**
 * The `TokenError` for an OAuth error answer, keeping the provider's code,
 * description, URI and HTTP status (passport-oauth2's own `parseErrorResponse`
 * drops the status).
 */
export function oauthTokenError(body: OAuthErrorBody, status: number): TokenError {
  const description = typeof body.error_description === 'string' && body.error_description ? body.error_description : body.error;
  const uri = typeof body.error_uri === 'string' ? body.error_uri : undefined;
  return new TokenError(description, body.error, uri, status);
}
