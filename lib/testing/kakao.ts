/**
 * The emulated Kakao: `/kakao/oauth/authorize`, `/kakao/oauth/token` and
 * `/kakao/v2/user/me`, answering as Kakao does (provider-apis.md Part B):
 * KOE error codes, numeric 64-bit ids, consent flags, `prompt=none`.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import { accountCookie, authorizeRoutes, withQuery, type AuthorizeSettings } from './authorize.js';
import type { Grants } from './grants.js';
import type { Exchange, Route } from './server.js';
import type { EmulatorClient, EmulatorUser } from './types.js';

/** Paths of the emulated Kakao, below the emulator's URL. */
export const KAKAO_PATHS = {
  authorize: '/kakao/oauth/authorize',
  decision: '/kakao/oauth/authorize/decision',
  token: '/kakao/oauth/token',
  profile: '/kakao/v2/user/me',
} as const;

/** What the emulated Kakao needs. */
export interface KakaoSettings {
  clients: readonly EmulatorClient[];
  users: readonly EmulatorUser[];
  grants: Grants;
  codeLifetimeMs: number;
  accessTokenLifetime: number;
}

/** Consent items every login gets: the basic profile. */
const BASIC_SCOPES = ['profile_nickname', 'profile_image'];
/** Refresh token lifetime Kakao reports (observed 5183999 s, §B3). */
const REFRESH_LIFETIME = 5_183_999;

/** Kakao's token endpoint error body (§B3). */
function tokenError(ex: Exchange, status: number, error: string, description: string, code?: string): void {
  ex.json(status, JSON.stringify(code === undefined ? { error, error_description: description } : { error, error_description: description, error_code: code }));
}

/** A stable 10-digit user number, the size real ones have (§C7). */
function kakaoIdFor(key: string): string {
  return String(1_000_000_000 + (createHash('sha256').update(key).digest().readUInt32BE(0) % 3_000_000_000));
}

/** `/v2/user/me` for a user, with only the consented items; the id is written digit for digit. */
export function kakaoUserBody(user: EmulatorUser, scopes: ReadonlySet<string>): string {
  const has = (scope: string): boolean => scopes.has(scope);
  const account: Record<string, unknown> = {
    profile_nickname_needs_agreement: !has('profile_nickname'),
    profile_image_needs_agreement: !has('profile_image'),
  };
  const profile: Record<string, unknown> = {};
  if (has('profile_nickname')) profile['nickname'] = user.nickname ?? user.name;
  if (has('profile_image') && user.profileImage) {
    profile['thumbnail_image_url'] = user.profileImage;
    profile['profile_image_url'] = user.profileImage;
    profile['is_default_image'] = false;
  }
  if (Object.keys(profile).length) account['profile'] = profile;
  account['name_needs_agreement'] = !has('name');
  if (has('name')) account['name'] = user.name;
  account['email_needs_agreement'] = !has('account_email');
  if (has('account_email') && user.email) Object.assign(account, { is_email_valid: true, is_email_verified: true, email: user.email });
  account['gender_needs_agreement'] = !has('gender');
  if (has('gender') && user.gender) account['gender'] = user.gender;
  account['birthday_needs_agreement'] = !has('birthday');
  if (has('birthday') && user.birthday) Object.assign(account, { birthday: user.birthday, birthday_type: 'SOLAR' });
  account['birthyear_needs_agreement'] = !has('birthyear');
  if (has('birthyear') && user.birthyear) account['birthyear'] = user.birthyear;
  account['phone_number_needs_agreement'] = !has('phone_number');
  if (has('phone_number') && user.mobile) account['phone_number'] = `+82 ${user.mobile}`;
  const body = JSON.stringify({ id: 0, connected_at: '2024-01-01T00:00:00Z', kakao_account: account });
  // Kakao's id is a JSON number that may exceed 2^53: splice the digits in as text.
  return body.replace('"id":0', `"id":${user.kakaoId ?? kakaoIdFor(user.key)}`);
}

/** The routes of the emulated Kakao. */
export function kakaoRoutes(settings: KakaoSettings): Route[] {
  const { grants } = settings;
  const authorize: AuthorizeSettings = {
    provider: 'kakao',
    label: 'Kakao',
    authorizePath: KAKAO_PATHS.authorize,
    decisionPath: KAKAO_PATHS.decision,
    clients: settings.clients,
    users: settings.users,
    grants,
    codeLifetimeMs: settings.codeLifetimeMs,
    requireState: false,
    // Kakao documents commas; spaces are observed to work too (§B1).
    scopesFor: (requested) => [...new Set([...BASIC_SCOPES, ...(requested ?? '').split(/[ ,]+/).filter(Boolean)])],
    // Kakao's cancel redirect, `%20` for spaces (§B2); state comes back as sent.
    cancelQuery: (state) => `error=access_denied&error_description=User%20denied%20access${state === undefined ? '' : `&state=${encodeURIComponent(state)}`}`,
    silent: (ex, request, approve) => {
      if (!(ex.param('prompt') ?? '').split(',').includes('none')) return false;
      const user = settings.users.find((u) => u.key === ex.cookie(accountCookie('kakao')));
      const consented = user && grants.consented('kakao', request.client, user);
      if (user && consented && request.scopes.every((s) => consented.has(s))) {
        approve(ex, request, user);
        return true;
      }
      // No interaction allowed and consent missing (§B2).
      const state = request.state === undefined ? '' : `&state=${encodeURIComponent(request.state)}`;
      ex.redirect(withQuery(request.redirectURI, `error=consent_required&error_description=user%20consent%20required.${state}`));
      return true;
    },
  };

  const token = (ex: Exchange): void => {
    const client = settings.clients.find((c) => c.clientID === ex.form.get('client_id'));
    if (!client) return tokenError(ex, 401, 'invalid_client', `Not exist client_id [${ex.form.get('client_id') ?? ''}]`, 'KOE101');
    // The secret is checked only when the app turned it on (§B3, [K6]).
    if (client.clientSecret !== undefined && client.clientSecret !== ex.form.get('client_secret')) {
      return tokenError(ex, 401, 'invalid_client', 'Bad client credentials', 'KOE010');
    }
    const grantType = ex.form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = ex.form.get('code') ?? '';
      const grant = grants.takeCode(code, 'kakao');
      if (!grant || grant.client !== client) return tokenError(ex, 400, 'invalid_grant', `authorization code not found for code=${code}`, 'KOE320');
      if (ex.form.get('redirect_uri') !== grant.redirectURI) return tokenError(ex, 400, 'invalid_grant', 'Redirect URI mismatch.', 'KOE303');
      if (grant.codeChallenge !== undefined) {
        const verifier = ex.form.get('code_verifier') ?? '';
        // UNCONFIRMED: Kakao's exact PKCE error body; this one carries no KOE code.
        if (createHash('sha256').update(verifier).digest('base64url') !== grant.codeChallenge) {
          return tokenError(ex, 400, 'invalid_grant', 'PKCE verification failed.');
        }
      }
      const issued = grants.issueTokens({ provider: 'kakao', client, user: grant.user, scopes: grant.scopes }, settings.accessTokenLifetime, REFRESH_LIFETIME);
      return ex.json(
        200,
        JSON.stringify({
          token_type: 'bearer',
          access_token: issued.access,
          expires_in: settings.accessTokenLifetime,
          refresh_token: issued.refresh,
          refresh_token_expires_in: REFRESH_LIFETIME,
          scope: grant.scopes.join(' '),
        }),
      );
    }
    if (grantType === 'refresh_token') {
      const refreshToken = ex.form.get('refresh_token');
      if (!refreshToken) return tokenError(ex, 400, 'invalid_grant', 'refresh_token not found', 'KOE319');
      const grant = grants.refreshGrant(refreshToken, 'kakao');
      if (!grant || grant.client !== client) return tokenError(ex, 400, 'invalid_grant', 'expired_or_invalid_refresh_token', 'KOE322');
      const issued = grants.issueTokens({ provider: 'kakao', client, user: grant.user, scopes: grant.scopes }, settings.accessTokenLifetime);
      return ex.json(200, JSON.stringify({ token_type: 'bearer', access_token: issued.access, expires_in: settings.accessTokenLifetime }));
    }
    tokenError(ex, 400, 'unsupported_grant_type', `grant_type ${grantType ?? ''} is not supported`);
  };

  const profile = (ex: Exchange): void => {
    const grant = grants.accessGrant(ex.bearer(), 'kakao');
    if (!grant) {
      return ex.json(401, JSON.stringify({ msg: 'this access token does not exist', code: -401 }), { 'WWW-Authenticate': 'Bearer error=invalid_token' });
    }
    ex.json(200, kakaoUserBody(grant.user, new Set(grant.scopes)));
  };

  return [
    ...authorizeRoutes(authorize),
    { provider: 'kakao', endpoint: 'token', methods: ['POST'], path: KAKAO_PATHS.token, handle: token },
    { provider: 'kakao', endpoint: 'profile', methods: ['GET', 'POST'], path: KAKAO_PATHS.profile, handle: profile },
  ];
}
