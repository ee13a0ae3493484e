// Naver OpenID Connect at the emulator (issue 13, docs/providers.md §C8) and
// Kakao SDK logins for a native app key (§C3, §C12). Real sockets; ID tokens
// verified with jose against the emulator's JWKS.
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { NaverStrategy, type NaverProfile } from '../../lib/index.js';
import { startEmulator, type Emulator } from '../../lib/testing/index.js';
import { login } from '../emulator-client.js';
import { expectAction } from '../helpers.js';
import { api, authorize, authorizeURL, CB, codeOf, postForm } from './drive.js';

const VERIFIER = 'a-code-verifier-that-is-long-enough-for-pkce-0123456789';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

describe('OpenID Connect and SDK logins at the emulator', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.close());

  const jwks = async (url: string) => createLocalJWKSet((await (await fetch(url)).json()) as JSONWebKeySet);
  const naverSecret = { client_id: 'naver-test-client', client_secret: 'naver-test-secret' };
  /** A Naver OIDC authorization, approved; resolves to the code. */
  const naverCode = async (extra: Record<string, string> = {}) => {
    const url = authorizeURL(emulator.naver.oidcAuthorizationURL, { client_id: 'naver-test-client', state: 'st', scope: 'openid', code_challenge: CHALLENGE, code_challenge_method: 'S256', ...extra });
    const { answer } = await authorize(url);
    expect(answer.status, answer.body).to.equal(302);
    expect(new URL(answer.location!).searchParams.get('state')).to.equal('st');
    return codeOf(answer.location);
  };
  const naverToken = (form: Record<string, string>) => postForm(emulator.naver.oidcTokenURL, { ...naverSecret, ...form });

  describe('Naver', () => {
    it('serves the discovery document with the captured values and its own URLs', async () => {
      const doc = (await (await fetch(emulator.naver.discoveryURL)).json()) as Record<string, unknown>;
      expect(doc).to.deep.equal({
        issuer: 'https://nid.naver.com',
        authorization_endpoint: emulator.naver.oidcAuthorizationURL,
        token_endpoint: emulator.naver.oidcTokenURL,
        jwks_uri: emulator.naver.jwksURL,
        userinfo_endpoint: emulator.naver.profileURL,
        response_types_supported: ['code'],
        scopes_supported: ['openid', 'profile'],
        grant_types_supported: ['authorization_code'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'none'],
        code_challenge_methods_supported: ['S256'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
      expect(emulator.naverOidc).to.deep.equal({
        authorizationURL: `${emulator.url}/naver/oauth2/authorize`,
        tokenURL: `${emulator.url}/naver/oauth2/token`,
        profileURL: `${emulator.url}/naver/v1/nid/me`,
        revokeURL: `${emulator.url}/naver/oauth2.0/revoke`,
        jwksURL: `${emulator.url}/naver/oauth2/jwks`,
      });
    });

    it('signs with its own key, not Kakao\'s', async () => {
      const naver = (await (await fetch(emulator.naver.jwksURL)).json()) as { keys: Array<Record<string, string>> };
      const kakao = (await (await fetch(emulator.kakao.jwksURL)).json()) as { keys: Array<Record<string, string>> };
      expect(naver.keys).to.have.length(1);
      expect(naver.keys[0]).to.include({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: `emulator-naver-${new URL(emulator.url).port}` });
      expect(naver.keys[0]!['n']).not.to.equal(kakao.keys[0]!['n']);
    });

    it('issues an RS256 ID token: iss, aud, pairwise sub unlike the /v1/nid/me id, nonce, iat/exp', async () => {
      const code = await naverCode({ nonce: 'nonce-1' });
      const token = await naverToken({ grant_type: 'authorization_code', code, code_verifier: VERIFIER, state: 'st' });
      expect(token.status).to.equal(200);
      expect(Object.keys(token.json).sort()).to.deep.equal(['access_token', 'expires_in', 'id_token', 'refresh_token', 'token_type']);
      const { payload, protectedHeader } = await jwtVerify(token.json['id_token'] as string, await jwks(emulator.naver.jwksURL), {
        issuer: 'https://nid.naver.com',
        audience: 'naver-test-client',
      });
      expect(protectedHeader.alg).to.equal('RS256');
      expect(Object.keys(payload).sort()).to.deep.equal(['aud', 'exp', 'iat', 'iss', 'nonce', 'sub']);
      expect(payload.nonce).to.equal('nonce-1');
      expect(payload.exp! - payload.iat!).to.equal(3600);
      const me = JSON.parse((await api(emulator.naver.profileURL, token.json['access_token'] as string)).text) as { response: { id: string } };
      expect(payload.sub).to.be.a('string').and.not.equal(me.response.id);
    });

    it('sends no nonce claim when none was sent', async () => {
      const token = await naverToken({ grant_type: 'authorization_code', code: await naverCode(), code_verifier: VERIFIER });
      const { payload } = await jwtVerify(token.json['id_token'] as string, await jwks(emulator.naver.jwksURL));
      expect(payload).not.to.have.property('nonce');
    });

    it('checks code_verifier and the client secret', async () => {
      const wrongVerifier = await naverToken({ grant_type: 'authorization_code', code: await naverCode(), code_verifier: 'wrong' });
      expect([wrongVerifier.status, wrongVerifier.text]).to.deep.equal([400, '{"error":"invalid_grant","error_description":"PKCE verification failed."}']);
      const wrongSecret = await naverToken({ grant_type: 'authorization_code', code: await naverCode(), code_verifier: VERIFIER, client_secret: 'nope' });
      expect([wrongSecret.status, wrongSecret.text]).to.deep.equal([401, '{"error":"invalid_client"}']);
    });

    it('requires openid in scope, and S256 as the challenge method', async () => {
      const noOpenid = await authorize(authorizeURL(emulator.naver.oidcAuthorizationURL, { client_id: 'naver-test-client', state: 'st', scope: 'profile' }));
      expect(noOpenid.answer.status).to.equal(400);
      expect(noOpenid.answer.location).to.equal(null);
      expect(noOpenid.answer.body).to.include('<p>scope에 openid가 있어야 합니다.</p>').and.not.include('KOE');
      const plain = await fetch(authorizeURL(emulator.naver.oidcAuthorizationURL, { client_id: 'naver-test-client', state: 'st', scope: 'openid', code_challenge: 'x', code_challenge_method: 'plain' }));
      expect(plain.status).to.equal(400);
      expect(await plain.text()).to.include('code_challenge_method는 S256만 지원합니다.');
    });

    it('keeps the two code families apart: an OAuth 2.0 code is refused at /oauth2/token', async () => {
      const { answer } = await authorize(authorizeURL(emulator.naver.authorizationURL, { client_id: 'naver-test-client', state: 'st' }));
      const token = await naverToken({ grant_type: 'authorization_code', code: codeOf(answer.location) });
      expect([token.status, token.text]).to.deep.equal([400, '{"error":"invalid_grant","error_description":"invalid authorization code"}']);
    });

    it('refreshes on /oauth2/token; /oauth2.0/token refuses an OpenID Connect refresh token', async () => {
      const token = await naverToken({ grant_type: 'authorization_code', code: await naverCode(), code_verifier: VERIFIER });
      const refreshed = await naverToken({ grant_type: 'refresh_token', refresh_token: token.json['refresh_token'] as string });
      expect(refreshed.status).to.equal(200);
      expect(Object.keys(refreshed.json).sort()).to.deep.equal(['access_token', 'expires_in', 'token_type']);
      expect((await api(emulator.naver.profileURL, refreshed.json['access_token'] as string)).status).to.equal(200);
      const legacy = await postForm(emulator.naver.tokenURL, { ...naverSecret, grant_type: 'refresh_token', refresh_token: token.json['refresh_token'] as string });
      expect([legacy.status, legacy.text]).to.deep.equal([200, '{"error":"invalid_request","error_description":"invalid refresh_token"}']);
    });

    it('logs in through NaverStrategy with oidc: true', async () => {
      const strategy = new NaverStrategy(
        { clientID: 'naver-test-client', clientSecret: 'naver-test-secret', callbackURL: CB, ...emulator.naverOidc, oidc: true },
        (_at, _rt, profile, done) => done(null, profile),
      );
      const { outcome, start } = await login(strategy);
      expect(new URL(start).pathname).to.equal('/naver/oauth2/authorize');
      const profile = expectAction(outcome, 'success').user as NaverProfile & { idToken?: Record<string, unknown> };
      expect(profile.displayName).to.equal('길동이');
      expect(profile.idToken).to.include({ iss: 'https://nid.naver.com', aud: 'naver-test-client' });
    });
  });

  describe('Kakao SDK logins', () => {
    it('issues an access token of the app and an ID token whose aud is the native app key', async () => {
      const tokens = await emulator.kakaoSdkLogin('hong', { appKey: 'kakao-native-key', nonce: 'sdk-nonce' });
      expect(tokens.expiresIn).to.equal(21599);
      expect(tokens.scopes).to.deep.equal(['profile_nickname', 'profile_image', 'account_email']);
      const { payload } = await jwtVerify(tokens.idToken!, await jwks(emulator.kakao.jwksURL), { issuer: 'https://kauth.kakao.com', audience: 'kakao-native-key' });
      expect(payload).to.include({ sub: '1376016924429759228', nonce: 'sdk-nonce', email: 'hong@example.com' });
      const info = await api(emulator.kakao.accessTokenInfoURL, tokens.accessToken);
      expect(info.text).to.match(/^\{"id":1376016924429759228,"expires_in":2159[89],"app_id":1000001\}$/);
      expect((await api(emulator.kakao.profileURL, tokens.accessToken)).status).to.equal(200);
    });

    it('issues no ID token for an app with OpenID Connect off, and refuses a key no app has', async () => {
      await emulator.close();
      emulator = await startEmulator({ kakaoClients: [{ clientID: 'rest', redirectURIs: [CB], appId: 77, nativeAppKeys: ['native-a', 'native-b'] }] });
      const tokens = await emulator.kakaoSdkLogin('kim', { appKey: 'native-b', decline: ['profile_image'] });
      expect(tokens).not.to.have.property('idToken');
      expect(tokens.scopes).to.deep.equal(['profile_nickname']);
      expect((await api(emulator.kakao.accessTokenInfoURL, tokens.accessToken)).text).to.match(/"app_id":77\}$/);
      const err = await emulator.kakaoSdkLogin('kim', { appKey: 'kakao-native-key' }).then(() => undefined, (e: Error) => e);
      expect(err?.message).to.equal('kakaoSdkLogin: no Kakao app has the native app key kakao-native-key (EmulatorClient.nativeAppKeys)');
    });
  });
});
