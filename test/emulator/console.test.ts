// The emulator models the providers' consoles (issue 10 §2): consent items and
// their settings, business apps, OpenID Connect, Client Secret, KOE205/KOE237,
// and the user fields the providers really send. Real sockets, exact answers.
import { expect } from 'chai';
import { KAKAO_TEST_CLIENT_SECRET, startEmulator, type Emulator, type EmulatorOptions } from '../../lib/testing/index.js';
import { api, authorize, authorizeURL, CB, claimsOf, codeOf, get, kakaoToken, postForm } from './drive.js';

const KOE205 = (items: string) =>
  '<h1>잘못된 요청 (KOE205)</h1><p>설정하지 않은 카카오 로그인 동의 항목을 포함해 인가 코드를 요청했습니다.</p>' + `<p>설정하지 않은 동의 항목: ${items}</p>`;

describe('the emulated consoles', () => {
  let emulator: Emulator;
  const start = async (options: EmulatorOptions = {}) => {
    await emulator?.close();
    emulator = await startEmulator(options);
  };
  beforeEach(() => start());
  afterEach(() => emulator.close());

  const kakaoURL = (params: Record<string, string> = {}, clientID = 'kakao-test-client') => authorizeURL(emulator.kakao.authorizationURL, { client_id: clientID, ...params });
  /** A login at the default Kakao app; resolves to the token answer. */
  const kakaoLogin = async (params: Record<string, string> = {}, options: Parameters<typeof authorize>[1] = {}) => {
    const { answer } = await authorize(kakaoURL(params), options);
    return kakaoToken(emulator, codeOf(answer.location));
  };

  describe('Kakao consent items and KOE205', () => {
    const personalApp = { clientID: 'personal', redirectURIs: [CB] };

    it('refuses an item the app did not enable with the KOE205 page after login, listing the ids, without redirecting', async () => {
      await start({ kakaoClients: [personalApp] });
      const { page, answer } = await authorize(kakaoURL({ scope: 'account_email,name,profile_nickname' }, 'personal'));
      // Anonymous: the login step is shown (Kakao checks the items at the consent step, §C2).
      expect(page.status).to.equal(200);
      expect(answer.status).to.equal(400);
      expect(answer.location).to.equal(null);
      expect(answer.body).to.include(KOE205('account_email, name'));
      expect(answer.body).not.to.include('Invalid scope');
    });

    it('shows KOE205 at once to a user who is already logged in at Kakao', async () => {
      await start({ kakaoClients: [personalApp] });
      const { answer } = await authorize(kakaoURL({}, 'personal'));
      expect(answer.status).to.equal(302);
      const again = await get(kakaoURL({ scope: 'profile_image,account_email' }, 'personal'), answer.cookie);
      expect(again.status).to.equal(400);
      expect(again.location).to.equal(null);
      expect(again.body).to.include(KOE205('account_email'));
    });

    it('answers scope=openid with OpenID Connect off with KOE205 "Invalid scope: openid"', async () => {
      await start({ kakaoClients: [personalApp] });
      const { answer } = await authorize(kakaoURL({ scope: 'openid' }, 'personal'));
      expect(answer.status).to.equal(400);
      expect(answer.body).to.include(KOE205('openid') + '<p>Invalid scope: openid</p>');
    });

    it('refuses, at start, a console that enables a business-only item on an app that is not a business app', async () => {
      const err = await startEmulator({ kakaoClients: [{ ...personalApp, consentItems: { profile_nickname: 'required', account_email: 'optional' } }] }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err?.message).to.equal('Kakao app personal: consent item "account_email" can only be enabled on a business app; set businessApp: true (docs/providers.md §C2)');
      const unknown = await startEmulator({ kakaoClients: [{ ...personalApp, consentItems: { email: 'optional' } }] }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(unknown?.message).to.match(/^Kakao app personal: unknown consent item "email" \(known: profile_nickname, profile_image, /);
    });

    it('shows each item by its Korean name, required items checked and required', async () => {
      const page = await get(kakaoURL());
      expect(page.body).to.include('<input type="checkbox" name="agree" value="profile_nickname" checked required> [필수] 닉네임</label>');
      expect(page.body).to.include('<input type="checkbox" name="agree" value="profile_image" checked> [선택] 프로필 사진</label>');
      expect(page.body).to.include('<input type="checkbox" name="agree" value="account_email" checked> [선택] 카카오계정(이메일)</label>');
      expect(page.body.replace(/value="[^"]*"/g, '')).not.to.match(/profile_nickname|account_email/);
    });

    it('gives the email of an app that enabled it without any scope, and the token scope lists the agreed items', async () => {
      const token = await kakaoLogin();
      expect(token.status).to.equal(200);
      expect(token.json['scope']).to.equal('profile_nickname profile_image account_email openid');
      const me = await api(emulator.kakao.profileURL, token.json['access_token'] as string);
      expect(me.text).to.equal(
        '{"id":1376016924429759228,"connected_at":"2024-01-01T00:00:00Z","properties":{"nickname":"길동이"},"kakao_account":{"profile_nickname_needs_agreement":false,' +
          '"profile_image_needs_agreement":false,"profile":{"nickname":"길동이","is_default_nickname":false},"name_needs_agreement":true,"email_needs_agreement":false,' +
          '"is_email_valid":true,"is_email_verified":true,"email":"hong@example.com","age_range_needs_agreement":true,"birthyear_needs_agreement":true,' +
          '"birthday_needs_agreement":true,"gender_needs_agreement":true,"phone_number_needs_agreement":true}}',
      );
    });

    it('lets the user uncheck an optional item (then *_needs_agreement: true), and asks for it again with scope', async () => {
      const { answer } = await authorize(kakaoURL(), { decline: ['account_email'] });
      const token = await kakaoToken(emulator, codeOf(answer.location));
      expect(token.json['scope']).to.equal('profile_nickname profile_image openid');
      const me = JSON.parse((await api(emulator.kakao.profileURL, token.json['access_token'] as string)).text) as { kakao_account: Record<string, unknown> };
      expect(me.kakao_account).to.include({ email_needs_agreement: true }).and.not.have.property('email');

      // A returning user without scope goes straight back; with scope=account_email the screen asks for that item only.
      expect((await get(kakaoURL(), answer.cookie)).status).to.equal(302);
      const more = await get(kakaoURL({ scope: 'account_email' }), answer.cookie);
      expect(more.status).to.equal(200);
      expect(more.body.match(/name="agree"/g)).to.have.length(1);
      expect(more.body).to.include('[선택] 카카오계정(이메일)');
    });

    it('refuses to go on when a required item is unchecked (KOE203), without redirecting', async () => {
      const { answer } = await authorize(kakaoURL(), { decline: ['profile_nickname'] });
      expect(answer.status).to.equal(400);
      expect(answer.location).to.equal(null);
      expect(answer.body).to.include('<h1>잘못된 요청 (KOE203)</h1><p>필수 동의 항목에 동의하지 않았습니다.</p><p>동의하지 않은 필수 항목: 닉네임</p>');
    });
  });

  describe('Kakao OpenID Connect', () => {
    it('issues an ID token on every login of an app with OpenID Connect on, with or without openid in scope', async () => {
      for (const params of [{}, { scope: 'openid' }, { scope: 'openid,account_email' }] as Array<Record<string, string>>) {
        const token = await kakaoLogin({ ...params, nonce: 'n-1' });
        expect(token.json['id_token'], JSON.stringify(params)).to.be.a('string');
        expect((token.json['scope'] as string).split(' ')).to.include('openid');
        expect(claimsOf(token.json['id_token'] as string)).to.include({ iss: 'https://kauth.kakao.com', aud: 'kakao-test-client', sub: '1376016924429759228', nonce: 'n-1' });
      }
    });

    it('issues none for additional consent whose scope names items but not openid (§C3)', async () => {
      const token = await kakaoLogin({ scope: 'account_email' });
      expect(token.status).to.equal(200);
      expect(token.json).not.to.have.property('id_token');
      expect(token.json['scope']).to.equal('profile_nickname profile_image account_email');
    });

    it('issues none to an app with OpenID Connect off', async () => {
      await start({ kakaoClients: [{ clientID: 'plain', redirectURIs: [CB] }] });
      const { answer } = await authorize(kakaoURL({}, 'plain'));
      const token = await postForm(emulator.kakao.tokenURL, { grant_type: 'authorization_code', client_id: 'plain', redirect_uri: CB, code: codeOf(answer.location) });
      expect(Object.keys(token.json).sort()).to.deep.equal(['access_token', 'expires_in', 'refresh_token', 'refresh_token_expires_in', 'scope', 'token_type']);
      expect(token.json['scope']).to.equal('profile_nickname profile_image');
    });
  });

  describe('Client Secret', () => {
    it('is ON for the default Kakao app: no secret or a wrong one is KOE010', async () => {
      expect(KAKAO_TEST_CLIENT_SECRET).to.equal('kakao-test-secret');
      const { answer } = await authorize(kakaoURL());
      const code = codeOf(answer.location);
      for (const secret of [undefined, 'wrong']) {
        const form: Record<string, string> = { grant_type: 'authorization_code', client_id: 'kakao-test-client', redirect_uri: CB, code };
        if (secret) form['client_secret'] = secret;
        const token = await postForm(emulator.kakao.tokenURL, form);
        expect(token.status).to.equal(401);
        expect(token.text).to.equal('{"error":"invalid_client","error_description":"Bad client credentials","error_code":"KOE010"}');
      }
      expect((await kakaoToken(emulator, code)).status).to.equal(200);
    });

    it('is off for an app registered without one, which still accepts a secret sent anyway', async () => {
      await start({ kakaoClients: [{ clientID: 'nosecret', redirectURIs: [CB] }] });
      for (const extra of [{}, { client_secret: 'anything' }] as Array<Record<string, string>>) {
        const { answer } = await authorize(kakaoURL({}, 'nosecret'));
        const token = await postForm(emulator.kakao.tokenURL, { grant_type: 'authorization_code', client_id: 'nosecret', redirect_uri: CB, code: codeOf(answer.location), ...extra });
        expect(token.status).to.equal(200);
      }
    });

    it("Naver: a wrong secret or client id is HTTP 200 with Naver's body", async () => {
      const { answer } = await authorize(authorizeURL(emulator.naver.authorizationURL, { client_id: 'naver-test-client', state: 's' }));
      const code = codeOf(answer.location);
      for (const [id, secret] of [['naver-test-client', 'wrong'], ['someone-else', 'naver-test-secret']]) {
        const token = await postForm(emulator.naver.tokenURL, { grant_type: 'authorization_code', client_id: id!, client_secret: secret!, code, state: 's' });
        expect(token.status).to.equal(200);
        expect(token.text).to.equal('{"error":"invalid_request","error_description":"wrong client id / client secret pair"}');
      }
    });
  });

  describe('Kakao token quota (KOE237)', () => {
    const KOE237 = '{"error":"invalid_request","error_description":"token request rate limit exceeded","error_code":"KOE237"}';

    it('answers KOE237 as a fault', async () => {
      emulator.setFault('kakao', 'token', { mode: 'rate-limit' });
      const { answer } = await authorize(kakaoURL());
      const token = await kakaoToken(emulator, codeOf(answer.location));
      expect(token.status).to.equal(400);
      expect(token.text).to.equal(KOE237);
    });

    it('answers KOE237 past 20 access tokens in 10 minutes for one user, and not for another user', async () => {
      let cookie: string | undefined;
      for (let i = 0; i < 20; i++) {
        const { answer } = await authorize(kakaoURL(), { cookie });
        cookie ??= answer.cookie;
        expect((await kakaoToken(emulator, codeOf(answer.location))).status, `login ${i + 1}`).to.equal(200);
      }
      const { answer } = await authorize(kakaoURL(), { cookie });
      const refused = await kakaoToken(emulator, codeOf(answer.location));
      expect(refused.status).to.equal(400);
      expect(refused.text).to.equal(KOE237);
      expect((await kakaoLogin({}, { user: 'kim' })).status).to.equal(200);
    });

    it('answers KOE237 past the refresh-token count, counted over logins and rotating refreshes', async () => {
      await start({ kakaoTokenLimits: { accessTokens: 100, accessWindowSeconds: 600, refreshTokens: 2, refreshWindowSeconds: 3600 }, kakaoRefreshTokenLifetime: 86_400 });
      const token = await kakaoLogin();
      const refresh = (rt: string) => postForm(emulator.kakao.tokenURL, { grant_type: 'refresh_token', client_id: 'kakao-test-client', client_secret: 'kakao-test-secret', refresh_token: rt });
      const first = await refresh(token.json['refresh_token'] as string);
      expect(first.json['refresh_token'], 'a refresh in the last month rotates').to.be.a('string');
      const second = await refresh(first.json['refresh_token'] as string);
      expect(second.status).to.equal(400);
      expect(second.text).to.equal(KOE237);
    });
  });

  describe('users as the providers send them', () => {
    const users: EmulatorOptions['users'] = [
      { key: 'placeholder', name: '김철수', nickname: 'bad', kakaoDefaultNickname: true, kakaoDefaultImage: true, birthyear: '1988', mobile: '010-9876-5432' },
      { key: 'legacy', name: '박영희', nickname: '영희', profileImage: 'https://example.com/y.png', kakaoProfileOnlyInProperties: true },
      { key: 'abcdefg', name: '최민수', noNickname: true, birthyear: '1961', mobile: '010-1111-2222', email: 'm@example.com' },
    ];
    const kakaoMe = async (user: string) => {
      const { answer } = await authorize(kakaoURL(), { user });
      const token = await kakaoToken(emulator, codeOf(answer.location));
      return JSON.parse((await api(emulator.kakao.profileURL, token.json['access_token'] as string)).text) as Record<string, unknown>;
    };

    it("Kakao: the placeholder nickname and the default picture, with their flags and properties (§C4)", async () => {
      await start({ users });
      const me = await kakaoMe('placeholder');
      const image = 'https://img1.kakaocdn.net/thumb/R640x640.q70/?fname=https://t1.kakaocdn.net/account_images/default_profile.jpeg';
      const thumb = 'https://img1.kakaocdn.net/thumb/R110x110.q70/?fname=https://t1.kakaocdn.net/account_images/default_profile.jpeg';
      expect(me['properties']).to.deep.equal({ nickname: '닉네임을 등록해주세요', profile_image: image, thumbnail_image: thumb });
      expect((me['kakao_account'] as Record<string, unknown>)['profile']).to.deep.equal({
        nickname: '닉네임을 등록해주세요',
        is_default_nickname: true,
        thumbnail_image_url: thumb,
        profile_image_url: image,
        is_default_image: true,
      });
    });

    it('Kakao: a nickname only in properties, as older apps get it', async () => {
      await start({ users });
      const me = await kakaoMe('legacy');
      expect(me['properties']).to.deep.equal({ nickname: '영희', profile_image: 'https://example.com/y.png', thumbnail_image: 'https://example.com/y.png' });
      expect(me['kakao_account']).not.to.have.any.keys('profile', 'profile_nickname_needs_agreement', 'profile_image_needs_agreement');
    });

    it('Kakao: age_range and phone_number for a business app that enabled them', async () => {
      await start({
        users,
        kakaoClients: [{ clientID: 'biz', redirectURIs: [CB], businessApp: true, consentItems: { profile_nickname: 'required', age_range: 'optional', phone_number: 'optional' } }],
      });
      const { answer } = await authorize(kakaoURL({}, 'biz'), { user: 'placeholder' });
      const token = await postForm(emulator.kakao.tokenURL, { grant_type: 'authorization_code', client_id: 'biz', redirect_uri: CB, code: codeOf(answer.location) });
      const me = JSON.parse((await api(emulator.kakao.profileURL, token.json['access_token'] as string)).text) as { kakao_account: Record<string, unknown> };
      const decade = Math.floor((new Date().getFullYear() - 1988) / 10) * 10;
      expect(me.kakao_account).to.include({ age_range_needs_agreement: false, age_range: `${decade}~${decade + 9}`, phone_number: '+82 10-9876-5432' });
    });

    it('Naver: the masked nickname of a user without one, age and mobile_e164 (§C5); a declined optional item is absent', async () => {
      await start({ users });
      const { answer } = await authorize(authorizeURL(emulator.naver.authorizationURL, { client_id: 'naver-test-client', state: 's' }), { user: 'abcdefg', decline: ['gender'] });
      const token = await postForm(emulator.naver.tokenURL, { grant_type: 'authorization_code', client_id: 'naver-test-client', client_secret: 'naver-test-secret', code: codeOf(answer.location), state: 's' });
      const me = await api(emulator.naver.profileURL, token.json['access_token'] as string);
      expect(JSON.parse(me.text)).to.deep.equal({
        resultcode: '00',
        message: 'success',
        response: { id: 'bmF2ZXItZW11bGF0b3I6YWJjZGVmZw', nickname: 'abcd***', name: '최민수', email: 'm@example.com', age: '60-', birthyear: '1961', mobile: '010-1111-2222', mobile_e164: '+821011112222' },
      });
    });

    it("Naver: each app sees its own id for a person (§A5); the first app registered sees the user's naverId", async () => {
      const apps = [
        { clientID: 'first-app', clientSecret: 'first-secret', redirectURIs: [CB] },
        { clientID: 'second-app', clientSecret: 'second-secret', redirectURIs: [CB] },
      ];
      await start({ naverClients: apps, users: [{ key: 'lee', name: '이영희', naverId: 'fixture-id-of-lee' }] });
      const idIn = async (app: { clientID: string; clientSecret: string }): Promise<unknown> => {
        const { answer } = await authorize(authorizeURL(emulator.naver.authorizationURL, { client_id: app.clientID, state: 's' }), { user: 'lee' });
        const token = await postForm(emulator.naver.tokenURL, { grant_type: 'authorization_code', client_id: app.clientID, client_secret: app.clientSecret, code: codeOf(answer.location), state: 's' });
        const me = await api(emulator.naver.profileURL, token.json['access_token'] as string);
        return (JSON.parse(me.text) as { response: { id: unknown } }).response.id;
      };
      const first = await idIn(apps[0]!);
      const second = await idIn(apps[1]!);
      expect(first).to.equal('fixture-id-of-lee');
      expect(second).to.be.a('string').and.match(/^[A-Za-z0-9_-]{1,64}$/);
      expect(second).to.not.equal(first);
      // The same app sees the same id at every login.
      expect(await idIn(apps[1]!)).to.equal(second);
    });

    it('Naver: the consent page names the items in Korean, and a required one cannot be declined', async () => {
      const url = authorizeURL(emulator.naver.authorizationURL, { client_id: 'naver-test-client', state: 's' });
      const page = await get(url);
      expect(page.body).to.include('[필수] 이름</label>').and.include('[필수] 이메일 주소</label>').and.include('[선택] 휴대전화번호</label>');
      const { answer } = await authorize(url, { decline: ['email'] });
      expect(answer.status).to.equal(400);
      expect(answer.body).to.include('<h1>필수 제공 항목에 동의해 주세요</h1><p>동의하지 않은 필수 항목: 이메일 주소</p>');
      expect(answer.body).not.to.include('KOE');
    });
  });
});
