// The account's life at the emulated providers (issue 14): Kakao admin-key
// unlink, the consent APIs, the Kakao Account logout, and the unlink
// notifications both providers send when a user disconnects an app.
import { createDecipheriv, createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../lib/testing/index.js';
import { naverUnlinkNotice } from '../../lib/testing/unlink-notices.js';
import { api, authorize, authorizeURL, CB, codeOf, get, postForm } from './drive.js';

const HONG = '1376016924429759228';

/** A local receiver that records every request it gets and answers `status`. */
async function receiver(status = 200) {
  const seen: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('the account at the emulated providers', () => {
  let emulator: Emulator;
  const start = async (options: EmulatorOptions = {}) => {
    await emulator?.close();
    emulator = await startEmulator(options);
  };
  beforeEach(() => start());
  afterEach(() => emulator.close());

  /** Hong logs in at the default Kakao app; resolves to the access token and the login cookie. */
  const kakaoLogin = async (clientID = 'kakao-test-client', secret = 'kakao-test-secret') => {
    const { answer } = await authorize(authorizeURL(emulator.kakao.authorizationURL, { client_id: clientID }));
    const token = await postForm(emulator.kakao.tokenURL, { grant_type: 'authorization_code', client_id: clientID, client_secret: secret, redirect_uri: CB, code: codeOf(answer.location) });
    return { accessToken: token.json['access_token'] as string, cookie: answer.cookie! };
  };
  const admin = { authorization: 'KakaoAK kakao-test-admin-key' };

  describe('Kakao unlink with the admin key (§C12)', () => {
    it('unlinks a user by id, ends the tokens, and answers -101 when the user is not linked', async () => {
      const { accessToken } = await kakaoLogin();
      const unlink = () => postForm(emulator.kakao.unlinkURL, { target_id_type: 'user_id', target_id: HONG }, admin);
      const first = await unlink();
      expect(first.status).to.equal(200);
      expect(first.text).to.equal(`{"id":${HONG}}`);
      expect((await api(emulator.kakao.profileURL, accessToken)).status).to.equal(401);
      const again = await unlink();
      expect(again.status).to.equal(400);
      expect(again.text).to.equal('{"msg":"NotRegisteredUserException","code":-101}');
    });

    it('refuses an unknown admin key without echoing it, and a wrong target_id_type', async () => {
      await kakaoLogin();
      const wrong = await postForm(emulator.kakao.unlinkURL, { target_id_type: 'user_id', target_id: HONG }, { authorization: 'KakaoAK not-the-key' });
      expect(wrong.status).to.equal(401);
      expect(wrong.text).to.equal('{"msg":"invalid admin key","code":-401}');
      const type = await postForm(emulator.kakao.unlinkURL, { target_id_type: 'uuid', target_id: HONG }, admin);
      expect(type.text).to.equal('{"msg":"target_id_type must be user_id","code":-2}');
    });

    it('keeps fault support on the new routes', async () => {
      emulator.setFault('kakao', 'unlink', { mode: 'rate-limit' });
      const limited = await postForm(emulator.kakao.unlinkURL, { target_id_type: 'user_id', target_id: HONG }, admin);
      expect([limited.status, limited.text]).to.deep.equal([400, '{"msg":"API limit has been exceeded.","code":-10}']);
      emulator.setFault('kakao', 'scopes', { mode: 'html-5xx', status: 503 });
      expect((await fetch(emulator.kakao.scopesURL)).status).to.equal(503);
    });
  });

  describe('Kakao consent check and withdrawal (§C12)', () => {
    const NICK = '{"id":"profile_nickname","display_name":"닉네임","type":"PRIVACY","using":true,"agreed":true,"revocable":false}';
    const IMAGE = '{"id":"profile_image","display_name":"프로필 사진","type":"PRIVACY","using":true,"agreed":true,"revocable":true}';
    const EMAIL = '{"id":"account_email","display_name":"카카오계정(이메일)","type":"PRIVACY","using":true,"agreed":true,"revocable":true}';

    it('lists the items with agreed and revocable, all or only those asked, by token or by admin key', async () => {
      const { accessToken } = await kakaoLogin();
      expect((await api(emulator.kakao.scopesURL, accessToken)).text).to.equal(`{"id":${HONG},"scopes":[${NICK},${IMAGE},${EMAIL}]}`);
      const only = await api(`${emulator.kakao.scopesURL}?scopes=${encodeURIComponent('["account_email"]')}`, accessToken);
      expect(only.text).to.equal(`{"id":${HONG},"scopes":[${EMAIL}]}`);
      const byAdmin = await fetch(`${emulator.kakao.scopesURL}?target_id_type=user_id&target_id=${HONG}`, { headers: admin });
      expect(await byAdmin.text()).to.equal(`{"id":${HONG},"scopes":[${NICK},${IMAGE},${EMAIL}]}`);
    });

    it('withdraws an optional item: agreed false, and /v2/user/me no longer has it', async () => {
      const { accessToken } = await kakaoLogin();
      const revoked = await postForm(emulator.kakao.revokeScopesURL, { scopes: '["account_email"]' }, { authorization: `Bearer ${accessToken}` });
      expect(revoked.status).to.equal(200);
      expect(revoked.text).to.equal(`{"id":${HONG},"scopes":[${NICK},${IMAGE},{"id":"account_email","display_name":"카카오계정(이메일)","type":"PRIVACY","using":true,"agreed":false}]}`);
      const me = JSON.parse((await api(emulator.kakao.profileURL, accessToken)).text) as { kakao_account: Record<string, unknown> };
      expect(me.kakao_account).to.include({ email_needs_agreement: true }).and.not.have.property('email');
    });

    it("answers Kakao's -3 for a required item and -2 for an unknown id", async () => {
      const { accessToken } = await kakaoLogin();
      const bearer = { authorization: `Bearer ${accessToken}` };
      const required = await postForm(emulator.kakao.revokeScopesURL, { scopes: '["profile_nickname"]' }, bearer);
      expect(required.status).to.equal(403);
      expect(required.text).to.equal('{"msg":"[profile_nickname] is not revocable. check out if it\'s set as required on developers.kakao.com","code":-3}');
      const unknown = await postForm(emulator.kakao.revokeScopesURL, { scopes: '["email"]' }, bearer);
      expect(unknown.status).to.equal(400);
      expect(unknown.text).to.equal('{"msg":"There is no scopes to revoke. check out if given scope id([email]) is correct again.","code":-2}');
    });
  });

  describe('Kakao Account logout (§C12)', () => {
    it('logs the browser out and redirects to a registered logout URI with state; KOE007 otherwise', async () => {
      await start({ kakaoClients: [{ clientID: 'k', redirectURIs: [CB], logoutRedirectURIs: ['http://app.test/bye'] }] });
      const { answer } = await authorize(authorizeURL(emulator.kakao.authorizationURL, { client_id: 'k' }));
      const cookie = answer.cookie!;
      expect((await get(authorizeURL(emulator.kakao.authorizationURL, { client_id: 'k' }), cookie)).status, 'logged in: straight back').to.equal(302);

      const out = await fetch(`${emulator.kakao.accountLogoutURL}?client_id=k&logout_redirect_uri=${encodeURIComponent('http://app.test/bye')}&state=s%201`, { redirect: 'manual', headers: { cookie } });
      expect(out.status).to.equal(302);
      expect(out.headers.get('location')).to.equal('http://app.test/bye?state=s%201');
      expect(out.headers.get('set-cookie')).to.equal('emulator_kakao_account=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');

      const bad = await fetch(`${emulator.kakao.accountLogoutURL}?client_id=k&logout_redirect_uri=${encodeURIComponent('http://evil.test/')}`, { redirect: 'manual' });
      expect(bad.status).to.equal(400);
      expect(bad.headers.get('location')).to.equal(null);
      expect(await bad.text()).to.include('<h1>Admin Settings Issue (KOE007)</h1><p>등록하지 않은 로그아웃 리다이렉트 URI를 사용해 로그아웃을 요청했습니다.</p><p>logout_redirect_uri: http://evil.test/</p>');
    });
  });

  describe('Naver unlink notification crypto (§C11 test vectors)', () => {
    it('reproduces vector 1 and vector 2 exactly', () => {
      const one = naverUnlinkNotice('jyvqXeaVOVmV', '527300A0_COq1_XV33cf', 'abcdefgABCDEFG1234567', 1693877406, Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'));
      expect(one).to.deep.equal({
        clientId: 'jyvqXeaVOVmV',
        encryptUniqueId: 'AAECAwQFBgcICQoLDA0OD9Z_ALRKpLo6RxVMc6_yE3BMb1XfL_jZwoU5oUULBM-U',
        timestamp: '1693877406',
        signature: 'VFb3hSc4mzoS8YmgGZKCZT7yw7JBWwYDtukM5ovPArE',
      });
      const two = naverUnlinkNotice('jyvqXeaVOVmV', '527300A0_COq1_XV33cf', 'Xr7kQ2mN9pL4vT8wZ1yB6cD3fG5hJ0aE', 1693877406, Buffer.from('f0e1d2c3b4a5968778695a4b3c2d1e0f', 'hex'));
      expect(two.encryptUniqueId).to.equal('8OHSw7Sllod4aVpLPC0eD1RjVJ-VGd33-J4fZElcpqQUGrDGc7O2lIOwPudStsnA9gZf0AcLpeQ_XfrTvm3eng');
      expect(two.signature).to.equal('DuIDrGUdxBhY4H8QwPv8dYGIvctNaH8PVnUfmpeze0U');
    });
  });

  describe('a user disconnects the app at the provider', () => {
    let app: Awaited<ReturnType<typeof receiver>>;
    beforeEach(async () => {
      app = await receiver();
    });
    afterEach(() => app.close());

    for (const method of ['POST', 'GET'] as const) {
      it(`Kakao sends the unlink webhook (${method}) with the primary admin key, and the grants end`, async () => {
        await start({ kakaoClients: [{ clientID: 'k', clientSecret: 's', redirectURIs: [CB], appId: 424242, adminKey: 'admin-1', kakaoUnlinkWebhook: { url: `${app.url}/hook/kakao`, method } }] });
        const { accessToken } = await kakaoLogin('k', 's');
        const delivery = await emulator.disconnect('kakao', 'hong');
        expect(delivery).to.deep.equal({ url: `${app.url}/hook/kakao${method === 'GET' ? `?app_id=424242&user_id=${HONG}&referrer_type=UNLINK_FROM_APPS` : ''}`, method, status: 200 });
        expect(app.seen).to.have.length(1);
        const seen = app.seen[0]!;
        expect(seen.method).to.equal(method);
        expect(seen.headers['authorization']).to.equal('KakaoAK admin-1');
        if (method === 'POST') {
          expect(seen.url).to.equal('/hook/kakao');
          expect(seen.headers['content-type']).to.equal('application/x-www-form-urlencoded');
          expect(seen.body).to.equal(`app_id=424242&user_id=${HONG}&referrer_type=UNLINK_FROM_APPS`);
        } else {
          expect(seen.url).to.equal(`/hook/kakao?app_id=424242&user_id=${HONG}&referrer_type=UNLINK_FROM_APPS`);
          expect(seen.body).to.equal('');
        }
        expect((await api(emulator.kakao.profileURL, accessToken)).status).to.equal(401);
      });
    }

    it('Naver sends a signed, encrypted notification whose id decrypts to the /v1/nid/me id', async () => {
      await start({ naverClients: [{ clientID: 'n', clientSecret: 'naver-secret-1', redirectURIs: [CB], naverUnlinkCallbackURL: `${app.url}/hook/naver` }] });
      const { answer } = await authorize(authorizeURL(emulator.naver.authorizationURL, { client_id: 'n', state: 's' }));
      const token = await postForm(emulator.naver.tokenURL, { grant_type: 'authorization_code', client_id: 'n', client_secret: 'naver-secret-1', code: codeOf(answer.location) });
      const accessToken = token.json['access_token'] as string;
      const profileId = (JSON.parse((await api(emulator.naver.profileURL, accessToken)).text) as { response: { id: string } }).response.id;

      const delivery = await emulator.disconnect('naver', 'hong', 'n');
      expect(delivery).to.deep.equal({ url: `${app.url}/hook/naver`, method: 'POST', status: 200 });
      const seen = app.seen[0]!;
      expect(seen.headers['content-type']).to.equal('application/x-www-form-urlencoded');
      const form = new URLSearchParams(seen.body);
      expect([...form.keys()]).to.deep.equal(['clientId', 'encryptUniqueId', 'timestamp', 'signature']);
      expect(form.get('clientId')).to.equal('n');
      expect(Math.abs(Number(form.get('timestamp')) - Date.now() / 1000)).to.be.below(5);
      // Checked independently of the emulator's code: the §C11 algorithm, by hand.
      const key = createHash('md5').update('naver-secret-1').digest();
      const mac = createHmac('sha256', key).update(`clientId=n&encryptUniqueId=${form.get('encryptUniqueId')}&timestamp=${form.get('timestamp')}`).digest('base64url');
      expect(form.get('signature')).to.equal(mac);
      const bytes = Buffer.from(form.get('encryptUniqueId')!, 'base64url');
      const decipher = createDecipheriv('aes-128-cbc', key, bytes.subarray(0, 16));
      expect(Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]).toString('utf8')).to.equal(profileId);
      expect((await api(emulator.naver.profileURL, accessToken)).status).to.equal(401);
    });

    it('shows an app name with `$$` and `$`` as written (no String.replace patterns)', async () => {
      await start({ kakaoClients: [{ clientID: 'k', clientSecret: 's', redirectURIs: [CB], name: 'Pay$$ and $`', appId: 7, adminKey: 'admin-1' }] });
      const { cookie } = await kakaoLogin('k', 's');
      const page = await get(`${emulator.url}/kakao/account`, cookie);
      expect(page.body).to.include('<li>Pay$$ and $` <form method="post" action="/kakao/account/disconnect"');
      expect(page.body.match(/<html/g)).to.have.length(1);
    });

    it('from the account page: the user presses Disconnect, the app is notified, the page says so', async () => {
      await start({ kakaoClients: [{ clientID: 'k', clientSecret: 's', redirectURIs: [CB], name: '<My App>', appId: 7, adminKey: 'admin-1', kakaoUnlinkWebhook: { url: `${app.url}/hook` } }] });
      const { cookie } = await kakaoLogin('k', 's');
      const page = await get(`${emulator.url}/kakao/account`, cookie);
      expect(page.body).to.include('&#60;My App&#62; <form method="post" action="/kakao/account/disconnect"').and.include('data-action="disconnect"');
      const pressed = await fetch(`${emulator.url}/kakao/account/disconnect`, { method: 'POST', body: new URLSearchParams({ client_id: 'k' }), headers: { cookie }, redirect: 'manual' });
      expect(pressed.status).to.equal(302);
      expect(pressed.headers.get('location')).to.equal('/kakao/account?disconnected=k');
      expect(app.seen.map((r) => r.body)).to.deep.equal([`app_id=7&user_id=${HONG}&referrer_type=UNLINK_FROM_APPS`]);
      const after = await get(`${emulator.url}/kakao/account?disconnected=k`, cookie);
      expect(after.body).to.include('<p data-testid="disconnected">k 연결을 끊었습니다 / disconnected</p><p>연결된 서비스가 없습니다 / No connected apps</p>');
      // The next login asks for consent again.
      expect((await get(authorizeURL(emulator.kakao.authorizationURL, { client_id: 'k' }), cookie)).status).to.equal(200);
    });

    it('reports an app that does not answer, and sends nothing for an app without a URL', async () => {
      await app.close();
      await start({ kakaoClients: [{ clientID: 'k', clientSecret: 's', redirectURIs: [CB], adminKey: 'a', kakaoUnlinkWebhook: { url: app.url } }, { clientID: 'quiet', redirectURIs: [CB] }] });
      await kakaoLogin('k', 's');
      const delivery = await emulator.disconnect('kakao', 'hong', 'k');
      expect(delivery?.status).to.equal(undefined);
      expect(delivery?.error).to.be.a('string');
      expect(await emulator.disconnect('kakao', 'hong', 'quiet')).to.equal(undefined);
      app = await receiver();
    });

    it('refuses, at start, a Kakao webhook without an admin key', async () => {
      const err = await startEmulator({ kakaoClients: [{ clientID: 'k', redirectURIs: [CB], kakaoUnlinkWebhook: { url: app.url } }] }).then(() => undefined, (e: Error) => e);
      expect(err?.message).to.equal('Kakao app k: kakaoUnlinkWebhook needs an adminKey (Kakao sends Authorization: KakaoAK <primary admin key>)');
    });
  });
});
