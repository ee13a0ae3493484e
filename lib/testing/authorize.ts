/**
 * The emulated authorization step, shared by both providers: check the client
 * and redirect URI, show the consent screen, and redirect back with a code or
 * with the provider's own cancel error.
 *
 * @packageDocumentation
 */
import { consoleItems, itemLabel } from './consent-items.js';
import type { Grants } from './grants.js';
import { consentPage, errorPage, type ErrorText } from './pages.js';
import { registrableURI, type Exchange, type Route } from './server.js';
import type { ConsentSetting, EmulatedProviderName, EmulatorClient, EmulatorUser } from './types.js';

/** The provider's wording for the errors its authorization page shows instead of redirecting. */
export interface AuthorizeTexts {
  unknownClient(clientID: string | undefined): ErrorText;
  redirectURI(uri: string | undefined): ErrorText;
  responseType(value: string | undefined): ErrorText;
  missingState: ErrorText;
  challengeMethod: ErrorText;
  /** Required items left unchecked (their Korean names). */
  notAgreed(labels: string[]): ErrorText;
  unknownUser: ErrorText;
}

/** What a provider reads from the `scope` parameter. */
export interface ScopeRequest {
  /** Consent items the parameter names (additional consent). */
  items: string[];
  /** Shown after the user logged in, instead of the consent step (Kakao KOE205). */
  refusal?: ErrorText;
  /** Whether the token answer for this login carries an ID token. */
  idToken: boolean;
}

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
  /** Naver requires `state` (docs/providers.md §A1). */
  requireState: boolean;
  texts: AuthorizeTexts;
  /** Reads `scope` for this app; an error text in the result refuses the request after login. */
  readScope(scope: string | undefined, client: EmulatorClient): ScopeRequest;
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
  /** Marks the codes of this route set (Naver's OpenID Connect codes are only good at its `/oauth2/token`). */
  codeKind?: string;
}

/** A checked authorization request. */
export interface AuthorizationRequest extends ScopeRequest {
  client: EmulatorClient;
  redirectURI: string;
  state: string | undefined;
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

/** Issues a code without a consent screen (for `prompt=none` when consent was given before). */
export type SilentApprove = (ex: Exchange, request: AuthorizationRequest, user: EmulatorUser) => void;

/** The authorize and decision routes of one provider. */
export function authorizeRoutes(settings: AuthorizeSettings): Route[] {
  const { provider, label, texts, grants } = settings;
  const fail = (ex: Exchange, text: ErrorText): undefined => void ex.html(400, errorPage(label, text));

  /** Checks client, redirect URI and parameters; answers an error page and returns undefined when they are wrong. */
  const check = (ex: Exchange): AuthorizationRequest | undefined => {
    const clientID = ex.param('client_id');
    const client = settings.clients.find((c) => c.clientID === clientID);
    if (!client) return fail(ex, texts.unknownClient(clientID));
    const redirectURI = ex.param('redirect_uri');
    // Configuration errors show the provider's error page and do not redirect (§B2).
    if (!redirectURI || !registrableURI(redirectURI) || (client.redirectURIs !== 'any' && !client.redirectURIs.includes(redirectURI))) return fail(ex, texts.redirectURI(redirectURI));
    if (ex.param('response_type') !== 'code') return fail(ex, texts.responseType(ex.param('response_type')));
    const state = ex.param('state');
    if (settings.requireState && !state) return fail(ex, texts.missingState);
    const challenge = ex.param('code_challenge');
    if (challenge !== undefined && ex.param('code_challenge_method') !== 'S256') return fail(ex, texts.challengeMethod);
    const scope = settings.readScope(ex.param('scope'), client);
    return { ...scope, client, redirectURI, state, codeChallenge: challenge, nonce: ex.param('nonce') };
  };

  /**
   * The items to ask this user: on a first login every item of the console
   * (§C2); for a linked user, the items the `scope` parameter names that were
   * not agreed yet (additional consent), or without one every item not agreed
   * yet. Items agreed before are left off (§C2, observed).
   */
  const toAsk = (request: AuthorizationRequest, user: EmulatorUser | undefined): Array<{ id: string; setting: ConsentSetting }> => {
    const agreed = user && grants.consented(provider, request.client, user);
    const items = Object.entries(consoleItems(provider, request.client)).map(([id, setting]) => ({ id, setting }));
    const named = agreed && request.items.length ? items.filter((item) => request.items.includes(item.id)) : items;
    return named.filter((item) => !agreed?.has(item.id));
  };

  const approve = (ex: Exchange, request: AuthorizationRequest, user: EmulatorUser): void => {
    const code = grants.issueCode({
      provider,
      client: request.client,
      user,
      redirectURI: request.redirectURI,
      state: request.state,
      scopes: [...(grants.consented(provider, request.client, user) ?? [])],
      idToken: request.idToken,
      codeChallenge: request.codeChallenge,
      nonce: request.nonce,
      kind: settings.codeKind,
      expiresAt: Date.now() + settings.codeLifetimeMs,
    });
    const state = request.state === undefined ? '' : `&state=${encodeURIComponent(request.state)}`;
    ex.redirect(withQuery(request.redirectURI, `code=${encodeURIComponent(code)}${state}`), {
      'Set-Cookie': `${accountCookie(provider)}=${encodeURIComponent(user.key)}; Path=/; HttpOnly; SameSite=Lax`,
    });
  };

  const loggedIn = (ex: Exchange): EmulatorUser | undefined => settings.users.find((u) => u.key === ex.cookie(accountCookie(provider)));

  /**
   * The logged-in user, when linked to the app and agreed to every item the
   * `scope` parameter names: such a user gets a code at once (§C2).
   */
  const returningUser = (ex: Exchange, request: AuthorizationRequest): EmulatorUser | undefined => {
    const user = loggedIn(ex);
    const agreed = user && grants.consented(provider, request.client, user);
    return agreed && request.items.every((id) => agreed.has(id)) ? user : undefined;
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
        const user = loggedIn(ex);
        // Kakao checks the items at the consent step, after login (§C2): a logged-in user sees KOE205 at once.
        if (user && request.refusal) return fail(ex, request.refusal);
        const returning = request.refusal ? undefined : returningUser(ex, request);
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
            items: toAsk(request, user).map((item) => ({ ...item, label: itemLabel(provider, item.id) })),
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
        if (!user) return fail(ex, texts.unknownUser);
        if (request.refusal) return fail(ex, request.refusal);
        const asked = toAsk(request, user);
        const ticked = new Set(ex.form.getAll('agree'));
        // A code only after every required item is agreed; optional ones may stay unchecked (§C2).
        const missing = asked.filter((item) => item.setting === 'required' && !ticked.has(item.id));
        if (missing.length) return fail(ex, texts.notAgreed(missing.map((item) => itemLabel(provider, item.id))));
        grants.consent(provider, request.client, user, asked.filter((item) => ticked.has(item.id)).map((item) => item.id));
        approve(ex, request, user);
      },
    },
  ];
}
