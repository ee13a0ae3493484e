// Kakao's unlink webhook over real HTTP (docs/providers.md §C10): what Kakao sends
// is accepted under every mount, forged webhooks get 401 and never reach the
// handler, and the handler's slowness or failure never changes Kakao's 200.
import { expect } from 'chai';
import fc from 'fast-check';
import { kakaoUnlinkWebhook, verifyKakaoUnlink, type KakaoUnlinkEvent, type KakaoUnlinkWebhookOptions } from '../../lib/webhooks/index.js';
import { captureConsoleError, deferred, form, MOUNTS, send, serve, settle, type Mount, type Receiver } from './servers.js';

const ADMIN_KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const APP_ID = '1234567';
const BIG_ID = '1376016924429759228'; // above 2^53: as a JS number it would become ...9759000-something
const PATH = '/webhooks/kakao/unlink';
const auth = { Authorization: `KakaoAK ${ADMIN_KEY}` };
const params = { app_id: APP_ID, user_id: BIG_ID, referrer_type: 'UNLINK_FROM_APPS' };
const expected: KakaoUnlinkEvent = { provider: 'kakao', userId: BIG_ID, appId: APP_ID, referrerType: 'UNLINK_FROM_APPS' };

/** A receiver whose handler and error callback record their calls. */
async function receiver(mount: Mount, extra: Partial<KakaoUnlinkWebhookOptions> = {}) {
  const events: KakaoUnlinkEvent[] = [];
  const errors: Array<{ error: unknown; event: KakaoUnlinkEvent }> = [];
  const server = await serve(
    mount,
    PATH,
    kakaoUnlinkWebhook({
      adminKey: ADMIN_KEY,
      appId: APP_ID,
      onUnlink: (event) => {
        events.push(event);
      },
      onError: (error, event) => {
        errors.push({ error, event });
      },
      ...extra,
    }),
  );
  return { server, events, errors };
}

/** Sends a GET with the parameters in the query string. */
const get = (server: Receiver, query: Record<string, string>, headers: Record<string, string> = auth) => send(`${server.url}?${form(query)}`, 'GET', headers);
/** Sends a form POST. */
const postForm = (server: Receiver, body: Record<string, string>, headers: Record<string, string> = auth) =>
  send(server.url, 'POST', { ...headers, 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' }, form(body));
/** Sends a JSON POST. */
const postJson = (server: Receiver, body: unknown, headers: Record<string, string> = auth) => send(server.url, 'POST', { ...headers, 'Content-Type': 'application/json' }, JSON.stringify(body));

describe('kakaoUnlinkWebhook', () => {
  let server: Receiver | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  for (const mount of MOUNTS) {
    describe(`mounted in ${mount}`, () => {
      it('accepts a GET with the parameters in the query: 200, empty body, the handler gets the event once', async () => {
        const r = await receiver(mount);
        server = r.server;
        const answer = await get(server, params);
        await settle();
        expect(answer).to.include({ status: 200, body: '' });
        expect(r.events).to.deep.equal([expected]);
        expect(r.errors).to.deep.equal([]);
        expect(server.expressErrors).to.deep.equal([]);
      });

      it('accepts a form POST, keeping the user number digit for digit above 2^53', async () => {
        const r = await receiver(mount);
        server = r.server;
        const answer = await postForm(server, params);
        await settle();
        expect(answer).to.include({ status: 200, body: '' });
        expect(r.events).to.deep.equal([expected]);
        expect(r.events[0]!.userId).to.equal('1376016924429759228');
      });

      it('accepts a JSON POST with string values', async () => {
        const r = await receiver(mount);
        server = r.server;
        const answer = await postJson(server, { ...params, group_user_token: 'gut-abc' });
        await settle();
        expect(answer).to.include({ status: 200, body: '' });
        expect(r.events).to.deep.equal([{ ...expected, groupUserToken: 'gut-abc' }]);
      });

      for (const [name, headers] of [
        ['a wrong key of the same length', { Authorization: `KakaoAK ${ADMIN_KEY.slice(0, -1)}1` }],
        ['no Authorization header', {}],
        ['a key of another length', { Authorization: `KakaoAK ${ADMIN_KEY}00` }],
        ['the key under another scheme', { Authorization: `Bearer ${ADMIN_KEY}` }],
        ['the scheme without a key', { Authorization: 'KakaoAK ' }],
        ['the key followed by a second token', { Authorization: `KakaoAK ${ADMIN_KEY} ${ADMIN_KEY}` }],
      ] as const) {
        it(`refuses ${name} with 401, for GET and POST forms alike, and never runs the handler`, async () => {
          const r = await receiver(mount);
          server = r.server;
          const answers = [await get(server, params, headers), await postForm(server, params, headers), await postJson(server, params, headers)];
          await settle();
          for (const answer of answers) {
            expect(answer.status).to.equal(401);
            expect(answer.headers['content-type']).to.equal('text/plain; charset=utf-8');
            expect(answer.body).to.match(/^The Authorization header /);
            expect(answer.body).not.to.include(ADMIN_KEY);
          }
          expect(r.events).to.deep.equal([]);
        });
      }
    });
  }

  it('answers 200 while a slow handler is still pending, and the handler then finishes', async () => {
    const gate = deferred();
    let finished = false;
    const started: KakaoUnlinkEvent[] = [];
    server = await serve('express without parsers', PATH, kakaoUnlinkWebhook({
      adminKey: ADMIN_KEY,
      onUnlink: async (event) => {
        started.push(event);
        await gate.promise;
        finished = true;
      },
    }));
    const answer = await get(server, params);
    expect(answer.status).to.equal(200);
    expect(started).to.deep.equal([expected]);
    expect(finished).to.equal(false); // the answer arrived while the handler waited
    gate.resolve();
    await settle();
    expect(finished).to.equal(true);
  });

  for (const [kind, onUnlink] of [
    ['throws', () => {
      throw new Error('database down');
    }],
    ['rejects', () => Promise.reject(new Error('database down'))],
  ] as const) {
    it(`answers 200 when the handler ${kind}, and gives the error to onError once, with the event`, async () => {
      const r = await receiver('express with urlencoded and json parsers', { onUnlink });
      server = r.server;
      const answer = await postForm(server, params);
      await settle();
      expect(answer).to.include({ status: 200, body: '' });
      expect(r.errors).to.have.length(1);
      expect(r.errors[0]!.error).to.be.instanceOf(Error).with.property('message', 'database down');
      expect(r.errors[0]!.event).to.deep.equal(expected);
      expect(server.expressErrors).to.deep.equal([]);
    });
  }

  it('without onError, logs one line without the admin key when the handler rejects', async () => {
    server = await serve('bare node:http', PATH, kakaoUnlinkWebhook({ adminKey: ADMIN_KEY, onUnlink: () => Promise.reject(new TypeError('no such table\nsecond line')) }));
    const lines = await captureConsoleError(async () => {
      expect((await get(server!, params)).status).to.equal(200);
      await settle();
    });
    expect(lines).to.deep.equal([`passport-naver-kakao: the Kakao unlink handler failed for user ${BIG_ID}: TypeError: no such table`]);
  });

  it('logs one line when onError itself throws, and Kakao still has its 200', async () => {
    server = await serve('bare node:http', PATH, kakaoUnlinkWebhook({
      adminKey: ADMIN_KEY,
      onUnlink: () => Promise.reject(new Error('first')),
      onError: () => {
        throw new Error('second');
      },
    }));
    const lines = await captureConsoleError(async () => {
      expect((await get(server!, params)).status).to.equal(200);
      await settle();
    });
    expect(lines).to.deep.equal([`passport-naver-kakao: the Kakao unlink onError callback failed for user ${BIG_ID}: Error: second`]);
  });

  it('gives the same event for the same webhook delivered twice', async () => {
    const r = await receiver('express with urlencoded and json parsers');
    server = r.server;
    await postForm(server, params);
    await postForm(server, params);
    await settle();
    expect(r.events).to.deep.equal([expected, expected]);
  });

  it('refuses another app_id with 403 when appId is configured, and accepts it when not', async () => {
    const r = await receiver('express without parsers');
    server = r.server;
    const answer = await get(server, { ...params, app_id: '7654321' });
    await settle();
    expect(answer).to.include({ status: 403, body: "The parameter app_id is not this app's ID.\n" });
    expect(r.events).to.deep.equal([]);

    const open = verifyKakaoUnlink({ method: 'GET', headers: { authorization: auth.Authorization }, query: { ...params, app_id: '7654321' } }, { adminKey: ADMIN_KEY });
    expect(open).to.deep.equal({ ok: true, event: { ...expected, appId: '7654321' } });
  });

  for (const [name, query, reason] of [
    ['no user_id', { app_id: APP_ID, referrer_type: 'ACCOUNT_DELETE' }, 'The parameter user_id is missing.'],
    ['no app_id', { user_id: BIG_ID, referrer_type: 'ACCOUNT_DELETE' }, 'The parameter app_id is missing.'],
    ['no referrer_type', { app_id: APP_ID, user_id: BIG_ID }, 'The parameter referrer_type is missing.'],
    ['a user_id that is not digits', { ...params, user_id: '-1' }, 'The parameter user_id is not a user number (decimal digits).'],
    ['a user_id with a decimal point', { ...params, user_id: '1.5e18' }, 'The parameter user_id is not a user number (decimal digits).'],
  ] as const) {
    it(`refuses ${name} with 400 and never runs the handler`, async () => {
      const r = await receiver('express with urlencoded and json parsers');
      server = r.server;
      const answer = await postForm(server, query);
      await settle();
      expect(answer).to.include({ status: 400, body: `${reason}\n` });
      expect(r.events).to.deep.equal([]);
    });
  }

  it('refuses a JSON number user_id that has lost digits, and accepts a small one', async () => {
    const r = await receiver('bare node:http');
    server = r.server;
    const lossy = await send(server.url, 'POST', { ...auth, 'Content-Type': 'application/json' }, `{"app_id":"${APP_ID}","user_id":${BIG_ID},"referrer_type":"ACCOUNT_DELETE"}`);
    const exact = await send(server.url, 'POST', { ...auth, 'Content-Type': 'application/json' }, `{"app_id":${APP_ID},"user_id":4242,"referrer_type":"ACCOUNT_DELETE"}`);
    await settle();
    expect(lossy).to.include({ status: 400, body: 'The parameter user_id must be a string.\n' });
    expect(exact.status).to.equal(200);
    expect(r.events).to.deep.equal([{ provider: 'kakao', userId: '4242', appId: APP_ID, referrerType: 'ACCOUNT_DELETE' }]);
  });

  it('passes an undocumented referrer_type through as it came', async () => {
    const r = await receiver('express without parsers');
    server = r.server;
    expect((await get(server, { ...params, referrer_type: 'SOMETHING_NEW' })).status).to.equal(200);
    await settle();
    expect(r.events).to.deep.equal([{ ...expected, referrerType: 'SOMETHING_NEW' }]);
  });

  it('refuses a parameter with different values in the query and the body', async () => {
    const r = await receiver('express with urlencoded and json parsers');
    server = r.server;
    const answer = await send(`${server.url}?user_id=1`, 'POST', { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' }, form(params));
    await settle();
    expect(answer).to.include({ status: 400, body: 'The parameter user_id has two different values.\n' });
    expect(r.events).to.deep.equal([]);
  });

  it('refuses a parameter given twice', async () => {
    const r = await receiver('express without parsers');
    server = r.server;
    const answer = await send(`${server.url}?${form(params)}&user_id=2`, 'GET', auth);
    expect(answer).to.include({ status: 400, body: 'The parameter user_id is given more than once.\n' });
  });

  it('refuses other methods with 405 and Allow: GET, POST', async () => {
    const r = await receiver('bare node:http');
    server = r.server;
    const answer = await send(`${server.url}?${form(params)}`, 'PUT', auth);
    await settle();
    expect(answer.status).to.equal(405);
    expect(answer.headers['allow']).to.equal('GET, POST');
    expect(r.events).to.deep.equal([]);
  });

  it('refuses a body over 16 KiB with 413 without reading it whole', async () => {
    const r = await receiver('express without parsers');
    server = r.server;
    const answer = await send(server.url, 'POST', { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' }, `${form(params)}&pad=${'x'.repeat(17 * 1024)}`);
    await settle();
    expect(answer.status).to.equal(413);
    expect(r.events).to.deep.equal([]);
  });

  it('checks the key before it reads the body: a forged oversized POST gets 401', async () => {
    const r = await receiver('express without parsers');
    server = r.server;
    const answer = await send(server.url, 'POST', { Authorization: 'KakaoAK wrong', 'Content-Type': 'application/x-www-form-urlencoded' }, 'x'.repeat(17 * 1024));
    expect(answer.status).to.equal(401);
  });

  it('accepts any of several admin keys (while the primary key changes)', () => {
    const result = verifyKakaoUnlink({ method: 'POST', headers: { authorization: 'kakaoak second-key' }, body: params }, { adminKey: ['first-key', 'second-key'] });
    expect(result).to.deep.equal({ ok: true, event: expected });
  });

  it('throws a TypeError at setup, without the key, when an option is unusable', () => {
    const onUnlink = (): void => undefined;
    expect(() => kakaoUnlinkWebhook({ adminKey: '', onUnlink })).to.throw(TypeError, /adminKey/);
    expect(() => kakaoUnlinkWebhook({ adminKey: [], onUnlink })).to.throw(TypeError, /adminKey/);
    expect(() => kakaoUnlinkWebhook({ adminKey: ADMIN_KEY, appId: '', onUnlink })).to.throw(TypeError, /appId/);
    expect(() => kakaoUnlinkWebhook({ adminKey: ADMIN_KEY, onUnlink: undefined as unknown as () => void })).to.throw(TypeError, /onUnlink/);
  });

  it('property: no Authorization value other than "KakaoAK <the key>" gets past verification', () => {
    const header = fc.oneof(
      fc.string(),
      fc.string().map((s) => `KakaoAK ${s}`),
      fc.tuple(fc.nat(ADMIN_KEY.length - 1), fc.string({ minLength: 1, maxLength: 1 })).map(([i, c]) => `KakaoAK ${ADMIN_KEY.slice(0, i)}${c}${ADMIN_KEY.slice(i + 1)}`),
      fc.string({ minLength: 1, maxLength: 3 }).map((s) => `KakaoAK ${ADMIN_KEY}${s}`),
    );
    fc.assert(
      fc.property(header, (value) => {
        fc.pre(value.trim().replace(/^kakaoak[ \t]+/i, '').trim() !== ADMIN_KEY);
        const result = verifyKakaoUnlink({ method: 'POST', headers: { authorization: value }, body: params }, { adminKey: ADMIN_KEY });
        expect(result).to.include({ ok: false, status: 401 });
      }),
      { numRuns: 2000 },
    );
  });
}); // kakaoUnlinkWebhook
