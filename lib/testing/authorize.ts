/**
 * The emulated authorization step, shared by both providers: check the client
 * and redirect URI, show the consent screen, and redirect back with a code or
 * with the provider's own cancel error.
 *
 * @packageDocumentation
 */
import type { Grants } from './grants.js';
import { consentPage, errorPage } from './pages.js';
import type { Exchange, Route } from './server.js';
import type { EmulatedProviderName, EmulatorClient, EmulatorUser } from './types.js';

/** What differs between the providers' authorization steps. */
export interface AuthorizeSettings {
  provider: EmulatedProviderName;
  label: 'Naver' | 'Kakao';
  authorizePath: string;
  decisionPath: string;
  clients: readonly EmulatorClient[];
  users: readonly EmulatorUser[];
  grants: Grants;
  codeLifetimeMs: number;
  /** Naver requires `state` (provider-apis.md §A1). */
  requireState: boolean;
  /** The consent items granted for a requested `scope` parameter. */
  scopesFor(requested: string | undefined): string[];
  /** The query of the redirect after Cancel, without `?`. */
  cancelQuery(state: string | undefined): string;
  /**
   * Called before the consent screen; returns true when it answered without one
   * (Kakao `prompt=none`), using `approve` to issue the code. `returning` is the
   * user logged in at the provider who already agreed to every requested item.
   */
  silent?(ex: Exchange, request: AuthorizationRequest, returning: EmulatorUser | undefined, approve: SilentApprove): boolean;
  /** True when the request asks for the screen even for a returning user (Naver `auth_type`, Kakao `prompt=login`). */
  asksAgain(ex: Exchange): boolean;
}

/** A checked authorization request. */
export interface AuthorizationRequest {
  client: EmulatorClient;
  redirectURI: string;
  state: string | undefined;
  scopes: string[];
  codeChallenge: string | undefined;
  nonce: string | undefined;
}

/** Name of the emulator's cookie that remembers who logged in, per provider. */
export function accountCookie(provider: EmulatedProviderName): string {
  return `emulator_${provider}_account`;
}

/** Appends a query to a redirect URI that may already have one. */
export function withQuery(uri: string, query: string): string {
  return `${uri}${uri.includes('?') ? '&' : '?'}${query}`;
}

/** The authorize and decision routes of one provider. */
export function authorizeRoutes(settings: AuthorizeSettings): Route[] {
  const { provider, label } = settings;

  /** Checks client, redirect URI and parameters; answers an error page and returns undefined when they are wrong. */
  const check = (ex: Exchange): AuthorizationRequest | undefined => {
    const clientID = ex.param('client_id');
    const client = settings.clients.find((c) => c.clientID === clientID);
    if (!client) {
      ex.html(400, errorPage(label, 'Unknown app (KOE101)', `client_id ${clientID ?? '(none)'} is not registered.`));
      return undefined;
    }
    const redirectURI = ex.param('redirect_uri');
    // Configuration errors show the provider's error page and do not redirect (§B2, KOE006).
    if (!redirectURI || (client.redirectURIs !== 'any' && !client.redirectURIs.includes(redirectURI))) {
      ex.html(400, errorPage(label, 'Unregistered redirect URI (KOE006)', `redirect_uri ${redirectURI ?? '(none)'} is not registered for this app.`));
      return undefined;
    }
    if (ex.param('response_type') !== 'code') {
      ex.html(400, errorPage(label, 'Unsupported response type (KOE201)', 'response_type must be code.'));
      return undefined;
    }
    const state = ex.param('state');
    if (settings.requireState && !state) {
      ex.html(400, errorPage(label, 'Missing state', 'This provider requires a state parameter.'));
      return undefined;
    }
    const challenge = ex.param('code_challenge');
    if (challenge !== undefined && ex.param('code_challenge_method') !== 'S256') {
      ex.html(400, errorPage(label, 'Unsupported code challenge method', 'Only S256 is supported.'));
      return undefined;
    }
    return { client, redirectURI, state, scopes: settings.scopesFor(ex.param('scope')), codeChallenge: challenge, nonce: ex.param('nonce') };
  };

  const approve = (ex: Exchange, request: AuthorizationRequest, user: EmulatorUser): void => {
    settings.grants.consent(provider, request.client, user, request.scopes);
    const code = settings.grants.issueCode({
      provider,
      client: request.client,
      user,
      redirectURI: request.redirectURI,
      state: request.state,
      scopes: request.scopes,
      codeChallenge: request.codeChallenge,
      nonce: request.nonce,
      expiresAt: Date.now() + settings.codeLifetimeMs,
    });
    const state = request.state === undefined ? '' : `&state=${encodeURIComponent(request.state)}`;
    ex.redirect(withQuery(request.redirectURI, `code=${encodeURIComponent(code)}${state}`), {
      'Set-Cookie': `${accountCookie(provider)}=${encodeURIComponent(user.key)}; Path=/; HttpOnly; SameSite=Lax`,
    });
  };

  /** The user of the provider's login cookie, when that user already agreed to every requested item. */
  const returningUser = (ex: Exchange, request: AuthorizationRequest): EmulatorUser | undefined => {
    const user = settings.users.find((u) => u.key === ex.cookie(accountCookie(provider)));
    const consented = user && settings.grants.consented(provider, request.client, user);
    return consented && request.scopes.every((s) => consented.has(s)) ? user : undefined;
  };

  return [
    {
      provider,
      endpoint: 'authorize',
      methods: ['GET', 'POST'],
      path: settings.authorizePath,
      handle: (ex) => {
        const request = check(ex);
        if (!request) return;
        const returning = returningUser(ex, request);
        if (settings.silent?.(ex, request, returning, approve)) return;
        // Logged in at the provider and agreed before: straight back, as the real providers do.
        if (returning && !settings.asksAgain(ex)) return approve(ex, request, returning);
        const carry: Record<string, string> = {};
        for (const name of ['client_id', 'redirect_uri', 'response_type', 'state', 'scope', 'code_challenge', 'code_challenge_method', 'nonce', 'prompt', 'auth_type']) {
          const value = ex.param(name);
          if (value !== undefined) carry[name] = value;
        }
        ex.html(
          200,
          consentPage({
            provider: label,
            action: settings.decisionPath,
            appName: request.client.name ?? request.client.clientID,
            users: settings.users,
            scopes: request.scopes,
            carry,
          }),
        );
      },
    },
    {
      provider,
      endpoint: 'page',
      methods: ['POST'],
      path: settings.decisionPath,
      handle: (ex) => {
        const request = check(ex);
        if (!request) return;
        if (ex.param('decision') !== 'approve') return ex.redirect(withQuery(request.redirectURI, settings.cancelQuery(request.state)));
        const user = settings.users.find((u) => u.key === ex.param('user'));
        if (!user) return ex.html(400, errorPage(label, 'Unknown user', 'Pick one of the listed accounts.'));
        approve(ex, request, user);
      },
    },
  ];
}

/** Issues a code without a consent screen (for `prompt=none` when consent was given before). */
export type SilentApprove = (ex: Exchange, request: AuthorizationRequest, user: EmulatorUser) => void;
