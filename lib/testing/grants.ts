/**
 * What the emulated providers remember: authorization codes, tokens and
 * consents. In memory, per emulator.
 *
 * @packageDocumentation
 */
import { randomBytes } from 'node:crypto';
import type { EmulatedProviderName, EmulatorClient, EmulatorUser } from './types.js';

/** An issued authorization code, waiting to be exchanged once. */
export interface CodeGrant {
  provider: EmulatedProviderName;
  client: EmulatorClient;
  user: EmulatorUser;
  redirectURI: string;
  state: string | undefined;
  /** The items the user has agreed to for this app when the code was issued. */
  scopes: string[];
  /** Whether the token answer carries an ID token. */
  idToken: boolean;
  codeChallenge: string | undefined;
  /** OpenID Connect nonce of the authorization request. */
  nonce: string | undefined;
  /** Which route set issued it (Naver OpenID Connect codes: `'oidc'`); undefined for the OAuth 2.0 routes. */
  kind: string | undefined;
  expiresAt: number;
}

/** An issued access or refresh token. */
export interface TokenGrant {
  provider: EmulatedProviderName;
  client: EmulatorClient;
  user: EmulatorUser;
  scopes: string[];
  /** Issued together with an ID token: a refresh issues a new one (§C3). */
  idToken?: boolean;
  /** Which route set issued it (see {@link CodeGrant.kind}). */
  kind?: string | undefined;
  /** Tokens that come from one login (and its refreshes) share a family and are revoked together. */
  family: string;
  expiresAt: number;
}

/** The emulator's memory. */
export class Grants {
  readonly #codes = new Map<string, CodeGrant>();
  readonly #access = new Map<string, TokenGrant>();
  readonly #refresh = new Map<string, TokenGrant>();
  readonly #consents = new Map<string, Set<string>>();

  /** Issues a single-use code. */
  issueCode(grant: CodeGrant): string {
    const code = randomBytes(24).toString('base64url');
    this.#codes.set(code, grant);
    return code;
  }

  /** Takes a code out: a second call with the same code finds nothing, as does an expired code or one of another route set. */
  takeCode(code: string | undefined, provider: EmulatedProviderName, kind?: string): CodeGrant | undefined {
    if (code === undefined) return undefined;
    const grant = this.#codes.get(code);
    if (!grant || grant.provider !== provider || grant.kind !== kind) return undefined;
    this.#codes.delete(code);
    return grant.expiresAt > Date.now() ? grant : undefined;
  }

  /**
   * Issues an access token, and a refresh token when `refreshLifetime` is given.
   * Naver tokens use the standard base64 alphabet (with `+ / =`, as Naver's
   * do, docs/providers.md §A3); Kakao's are URL-safe.
   */
  issueTokens(grant: Omit<TokenGrant, 'expiresAt' | 'family'> & { family?: string }, accessLifetime: number, refreshLifetime?: number): { access: string; refresh?: string } {
    const family = grant.family ?? randomBytes(12).toString('hex');
    const access = this.#token(grant.provider);
    this.#access.set(access, { ...grant, family, expiresAt: Date.now() + accessLifetime * 1000 });
    if (refreshLifetime === undefined) return { access };
    const refresh = this.#token(grant.provider);
    this.#refresh.set(refresh, { ...grant, family, expiresAt: Date.now() + refreshLifetime * 1000 });
    return { access, refresh };
  }

  /** Ends one refresh token (Kakao invalidates the old one when it issues a new one). */
  dropRefresh(token: string): void {
    this.#refresh.delete(token);
  }

  /** Ends every token of a family: the access token's refresh token goes with it, and the other way round. */
  revokeFamily(family: string): void {
    for (const map of [this.#access, this.#refresh]) {
      for (const [token, grant] of map) if (grant.family === family) map.delete(token);
    }
  }

  /** Ends every token of the user at this client and forgets the consent: the next login asks again. */
  unlink(provider: EmulatedProviderName, client: EmulatorClient, user: EmulatorUser): void {
    for (const map of [this.#access, this.#refresh]) {
      for (const [token, grant] of map) if (grant.provider === provider && grant.client === client && grant.user === user) map.delete(token);
    }
    this.#consents.delete(`${provider}\n${client.clientID}\n${user.key}`);
  }

  /** The grant behind a live access token. */
  accessGrant(token: string | undefined, provider: EmulatedProviderName): TokenGrant | undefined {
    const grant = token === undefined ? undefined : this.#access.get(token);
    return grant && grant.provider === provider && grant.expiresAt > Date.now() ? grant : undefined;
  }

  /** The grant behind a live refresh token. */
  refreshGrant(token: string | undefined, provider: EmulatedProviderName): TokenGrant | undefined {
    const grant = token === undefined ? undefined : this.#refresh.get(token);
    return grant && grant.provider === provider && grant.expiresAt > Date.now() ? grant : undefined;
  }

  /** Makes an access token expire now. */
  expireAccess(token: string): void {
    const grant = this.#access.get(token);
    if (grant) grant.expiresAt = 0;
  }

  /** Withdraws agreed items (Kakao `/v2/user/revoke/scopes`); the link stays. */
  withdraw(provider: EmulatedProviderName, client: EmulatorClient, user: EmulatorUser, items: readonly string[]): void {
    const set = this.#consents.get(`${provider}\n${client.clientID}\n${user.key}`);
    for (const item of items) set?.delete(item);
  }

  /** Records that the user agreed to these scopes for this client (with none, the user is linked with no items). */
  consent(provider: EmulatedProviderName, client: EmulatorClient, user: EmulatorUser, scopes: readonly string[]): void {
    const key = `${provider}\n${client.clientID}\n${user.key}`;
    const set = this.#consents.get(key) ?? new Set<string>();
    for (const scope of scopes) set.add(scope);
    this.#consents.set(key, set);
  }

  /** The scopes the user has agreed to for this client, or undefined if never. */
  consented(provider: EmulatedProviderName, client: EmulatorClient, user: EmulatorUser): ReadonlySet<string> | undefined {
    return this.#consents.get(`${provider}\n${client.clientID}\n${user.key}`);
  }

  #token(provider: EmulatedProviderName): string {
    return provider === 'naver' ? randomBytes(44).toString('base64') : randomBytes(45).toString('base64url');
  }
}
