// Unlink notifications end to end (issue 14 "Done when"): a user disconnects
// the demo at the provider, the emulator sends the provider's real-format
// notification to the URL the demo's app registered, the package's receiver
// verifies it, and the demo ends every session of that user, once.
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { DEMO_APPS, DEMO_PATHS } from '../../demo/app.js';
import { Client, startDemo, type RunningDemo } from './http-client.js';

/** Whether the client is logged in: /profile answers 200, or sends a visitor to the start. */
async function loggedIn(client: Client): Promise<boolean> {
  return (await client.request('/profile')).status === 200;
}

/**
 * Waits until the client is logged out. The receiver answers the provider
 * first and forgets the user right after (§C10: answer within 3 s), so the
 * sessions end a moment after the delivery returns.
 */
async function loggedOutSoon(client: Client): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    if (!(await loggedIn(client))) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('unlink notifications: the demo forgets a user who disconnected at the provider', function () {
  this.timeout(30_000);
  let running: RunningDemo;
  before(async () => {
    running = await startDemo();
  });
  after(() => running.close());

  async function logIn(provider: 'naver' | 'kakao', user: string): Promise<Client> {
    const client = new Client(running.base);
    expect((await client.login(running.emulator, provider, user)).landed).to.equal('/profile');
    return client;
  }

  for (const [provider, path, status] of [
    ['kakao', DEMO_PATHS.kakaoUnlinkWebhook, 200],
    ['naver', DEMO_PATHS.naverUnlinkWebhook, 204],
  ] as const) {
    it(`${provider}: every session of that user ends, other users stay, and a second notification changes nothing`, async () => {
      const [laptop, phone, other] = [await logIn(provider, 'kim'), await logIn(provider, 'kim'), await logIn(provider, 'hong')];
      const delivery = await running.emulator.disconnect(provider, 'kim');
      expect(delivery).to.deep.equal({ url: `${running.base}${path}`, method: 'POST', status });
      expect(await loggedOutSoon(laptop), 'the first browser is logged out').to.equal(true);
      expect(await loggedOutSoon(phone), 'the second browser is logged out').to.equal(true);
      expect(await loggedIn(other), 'another user stays logged in').to.equal(true);

      // The same user reported again (Kakao may): accepted, and nothing else happens.
      expect((await running.emulator.disconnect(provider, 'kim'))?.status).to.equal(status);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await loggedIn(other)).to.equal(true);
      // The user can come back: a new login asks for consent again and works.
      expect(await loggedIn(await logIn(provider, 'kim'))).to.equal(true);
    });
  }

  describe('forged notifications never end a session', () => {
    const kakaoForm = (userId: string, appId = String(DEMO_APPS.kakao.appId)) => new URLSearchParams({ app_id: appId, user_id: userId, referrer_type: 'UNLINK_FROM_APPS' }).toString();

    it('kakao: no key, a wrong key, the Bearer form or another app_id are refused (401/403), GET or POST', async () => {
      const victim = await logIn('kakao', 'kim');
      const userId = /data-testid="user-id">(\d+)</.exec(await victim.text('/profile'))![1]!;
      const url = `${running.base}${DEMO_PATHS.kakaoUnlinkWebhook}`;
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      const attempts: Array<[RequestInit & { query?: string }, number]> = [
        [{ method: 'POST', headers: form, body: kakaoForm(userId) }, 401],
        [{ method: 'POST', headers: { ...form, authorization: 'KakaoAK not-the-admin-key' }, body: kakaoForm(userId) }, 401],
        [{ method: 'POST', headers: { ...form, authorization: `Bearer ${DEMO_APPS.kakao.adminKey}` }, body: kakaoForm(userId) }, 401],
        [{ method: 'POST', headers: { ...form, authorization: `KakaoAK ${DEMO_APPS.kakao.adminKey}` }, body: kakaoForm(userId, '1') }, 403],
        [{ method: 'GET', query: kakaoForm(userId), headers: { authorization: 'KakaoAK wrong' } }, 401],
        [{ method: 'GET', query: kakaoForm(userId) }, 401],
      ];
      for (const [{ query, ...init }, expected] of attempts) {
        const res = await fetch(query ? `${url}?${query}` : url, init);
        expect(res.status, JSON.stringify(init.headers)).to.equal(expected);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await loggedIn(victim)).to.equal(true);
    });

    it('naver: a bad signature, one changed byte, another client, another secret or a stale timestamp are refused', async () => {
      const victim = await logIn('naver', 'kim');
      const userId = /data-testid="user-id">([^<]+)</.exec(await victim.text('/profile'))![1]!;
      /** A notification made as §C11 describes, with the given client, secret and time. */
      const notice = (clientId: string, secret: string, timestamp: number): { clientId: string; encryptUniqueId: string; timestamp: string; signature: string } => {
        const key = createHash('md5').update(secret).digest();
        const iv = randomBytes(16);
        const cipher = createCipheriv('aes-128-cbc', key, iv);
        const encryptUniqueId = Buffer.concat([iv, cipher.update(userId, 'utf8'), cipher.final()]).toString('base64url');
        const signature = createHmac('sha256', key).update(`clientId=${clientId}&encryptUniqueId=${encryptUniqueId}&timestamp=${timestamp}`).digest('base64url');
        return { clientId, encryptUniqueId, timestamp: String(timestamp), signature };
      };
      const now = Math.floor(Date.now() / 1000);
      const good = notice(DEMO_APPS.naver.clientID, DEMO_APPS.naver.clientSecret, now);
      const flip = (text: string): string => `${text.slice(0, 5)}${text[5] === 'A' ? 'B' : 'A'}${text.slice(6)}`;
      const forged = [
        { ...good, signature: flip(good.signature) },
        { ...good, encryptUniqueId: flip(good.encryptUniqueId) },
        notice('another-client', DEMO_APPS.naver.clientSecret, now),
        notice(DEMO_APPS.naver.clientID, 'not-the-secret', now),
        notice(DEMO_APPS.naver.clientID, DEMO_APPS.naver.clientSecret, now - 3600),
      ];
      for (const fields of forged) {
        const res = await fetch(`${running.base}${DEMO_PATHS.naverUnlinkWebhook}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
        expect([400, 401], JSON.stringify(fields)).to.include(res.status);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await loggedIn(victim)).to.equal(true);
      // The genuine notification, built the same way, does end the session: the forgeries failed for their flaw alone.
      const res = await fetch(`${running.base}${DEMO_PATHS.naverUnlinkWebhook}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(good).toString() });
      expect(res.status).to.equal(204);
      expect(await loggedOutSoon(victim)).to.equal(true);
    });
  });
});
