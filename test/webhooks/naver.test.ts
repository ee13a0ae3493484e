// Naver's unlink notification over real HTTP (docs/providers.md §C11): both test
// vectors are accepted with 204 under every mount; forged, tampered, stale and
// foreign notifications are refused and never reach the handler.
import { expect } from 'chai';
import fc from 'fast-check';
import { naverUnlinkWebhook, verifyNaverUnlink, type NaverUnlinkEvent, type NaverUnlinkWebhookOptions } from '../../lib/webhooks/index.js';
import { encryptNaverUniqueId, naverUnlinkKey, signNaverUnlink } from '../../lib/webhooks/naver-crypto.js';
import { VECTOR_CLIENT_ID, VECTOR_SECRET, VECTOR_TIMESTAMP, VECTORS } from './vectors.js';
import { captureConsoleError, deferred, form, MOUNTS, send, serve, settle, type Mount, type Receiver } from './servers.js';

const PATH = '/webhooks/naver/unlink';
const SENT_AT = Number(VECTOR_TIMESTAMP) * 1000;
const V1 = VECTORS[0];
const V2 = VECTORS[1];

/** The four fields of a vector's notification. */
const notice = (v: (typeof VECTORS)[number] = V1): Record<string, string> => ({
  clientId: VECTOR_CLIENT_ID,
  encryptUniqueId: v.encryptUniqueId,
  timestamp: VECTOR_TIMESTAMP,
  signature: v.signature,
});
const eventOf = (v: (typeof VECTORS)[number]): NaverUnlinkEvent => ({ provider: 'naver', userId: v.uniqueId, timestamp: Number(VECTOR_TIMESTAMP) });

/** Replaces the character at `i` with another one of the base64url alphabet. */
function changeOneChar(value: string, i: number): string {
  const c = value[i]!;
  return `${value.slice(0, i)}${c === 'A' ? 'B' : 'A'}${value.slice(i + 1)}`;
}

/** A receiver whose clock reads the vectors' send time plus `skewSeconds`, recording handler calls. */
async function receiver(mount: Mount, extra: Partial<NaverUnlinkWebhookOptions> = {}, skewSeconds = 5) {
  const events: NaverUnlinkEvent[] = [];
  const errors: Array<{ error: unknown; event: NaverUnlinkEvent }> = [];
  const server = await serve(
    mount,
    PATH,
    naverUnlinkWebhook({
      clientID: VECTOR_CLIENT_ID,
      clientSecret: VECTOR_SECRET,
      now: () => SENT_AT + skewSeconds * 1000,
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

/** Posts the fields as Naver does: a form body. */
const post = (server: Receiver, fields: Record<string, string>) => send(server.url, 'POST', { 'Content-Type': 'application/x-www-form-urlencoded' }, form(fields));

describe('naverUnlinkWebhook', () => {
  let server: Receiver | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  for (const mount of MOUNTS) {
    describe(`mounted in ${mount}`, () => {
      for (const v of VECTORS) {
        it(`accepts ${v.name} as a form POST: 204, no body, the handler gets the decrypted id`, async () => {
          const r = await receiver(mount);
          server = r.server;
          const answer = await post(server, notice(v));
          await settle();
          expect(answer).to.include({ status: 204, body: '' });
          expect(r.events).to.deep.equal([eventOf(v)]);
          expect(r.errors).to.deep.equal([]);
          expect(server.expressErrors).to.deep.equal([]);
        });
      }

      it('accepts the fields in the request line of a form POST, as the devguide sample shows', async () => {
        const r = await receiver(mount);
        server = r.server;
        const answer = await send(`${server.url}?${form(notice(V2))}`, 'POST', { 'Content-Type': 'application/x-www-form-urlencoded' });
        await settle();
        expect(answer.status).to.equal(204);
        expect(r.events).to.deep.equal([eventOf(V2)]);
      });

      it('accepts a JSON body', async () => {
        const r = await receiver(mount);
        server = r.server;
        const answer = await send(server.url, 'POST', { 'Content-Type': 'application/json' }, JSON.stringify(notice(V1)));
        await settle();
        expect(answer.status).to.equal(204);
        expect(r.events).to.deep.equal([eventOf(V1)]);
      });

      for (const [name, fields, status] of [
        ['a made-up signature', { ...notice(), signature: 'XUGURE_KaNSs-Y0XUGURE_KaNSs-Y0XUGURE_KaNSs' }, 401],
        ['one changed character in encryptUniqueId', { ...notice(), encryptUniqueId: changeOneChar(V1.encryptUniqueId, 20) }, 401],
        ['one changed character in the signature', { ...notice(), signature: changeOneChar(V1.signature, 7) }, 401],
        ['another Client ID', { ...notice(), clientId: 'anotherClient' }, 401],
        ['one second changed in the timestamp', { ...notice(), timestamp: String(Number(VECTOR_TIMESTAMP) + 1) }, 401],
        ['no signature', { clientId: VECTOR_CLIENT_ID, encryptUniqueId: V1.encryptUniqueId, timestamp: VECTOR_TIMESTAMP }, 400],
      ] as const) {
        it(`refuses ${name} with ${status} and never runs the handler`, async () => {
          const r = await receiver(mount);
          server = r.server;
          const answer = await post(server, fields);
          await settle();
          expect(answer.status).to.equal(status);
          expect(answer.headers['content-type']).to.equal('text/plain; charset=utf-8');
          expect(answer.body).not.to.include(VECTOR_SECRET);
          expect(answer.body).not.to.include(V1.signature);
          expect(r.events).to.deep.equal([]);
        });
      }
    });
  }

  it('refuses a notification signed with another secret (401), and one for another app signed with ours (401)', async () => {
    const r = await receiver('express with urlencoded and json parsers');
    server = r.server;
    const otherKey = naverUnlinkKey('another-secret-1234');
    const fromOtherSecret = { ...notice(), signature: signNaverUnlink(otherKey, { clientId: VECTOR_CLIENT_ID, encryptUniqueId: V1.encryptUniqueId, timestamp: VECTOR_TIMESTAMP }) };
    const ourKey = naverUnlinkKey(VECTOR_SECRET);
    const forOtherApp = { ...notice(), clientId: 'otherClientId', signature: signNaverUnlink(ourKey, { clientId: 'otherClientId', encryptUniqueId: V1.encryptUniqueId, timestamp: VECTOR_TIMESTAMP }) };
    const a = await post(server, fromOtherSecret);
    const b = await post(server, forOtherApp);
    await settle();
    expect(a).to.include({ status: 401, body: 'The signature does not match (wrong Client Secret, or the notification was altered).\n' });
    expect(b).to.include({ status: 401, body: 'The notification is for another Client ID.\n' });
    expect(r.events).to.deep.equal([]);
  });

  it('refuses the vectors when the receiver has another secret', async () => {
    const r = await receiver('bare node:http', { clientSecret: `${VECTOR_SECRET}x` });
    server = r.server;
    expect((await post(server, notice(V1))).status).to.equal(401);
    expect((await post(server, notice(V2))).status).to.equal(401);
    await settle();
    expect(r.events).to.deep.equal([]);
  });

  for (const [name, skew, status] of [
    ['301 s old (default window)', 301, 401],
    ['301 s in the future', -301, 401],
    ['300 s old (the edge)', 300, 204],
    ['300 s in the future (the edge)', -300, 204],
  ] as const) {
    it(`${status === 204 ? 'accepts' : 'refuses'} a timestamp ${name}`, async () => {
      const r = await receiver('express without parsers', {}, skew);
      server = r.server;
      const answer = await post(server, notice());
      await settle();
      expect(answer.status).to.equal(status);
      if (status === 401) expect(answer.body).to.equal('The timestamp is outside the accepted window (a replay, or a clock out of sync).\n');
      expect(r.events).to.have.length(status === 204 ? 1 : 0);
    });
  }

  it('takes maxAgeSeconds as the window', async () => {
    const r = await receiver('express without parsers', { maxAgeSeconds: 30 }, 31);
    server = r.server;
    expect((await post(server, notice())).status).to.equal(401);
    const near = verifyNaverUnlink({ method: 'POST', headers: {}, body: notice() }, { clientID: VECTOR_CLIENT_ID, clientSecret: VECTOR_SECRET, maxAgeSeconds: 30, now: () => SENT_AT - 29_000 });
    expect(near).to.deep.equal({ ok: true, event: eventOf(V1) });
  });

  it('accepts the signature padded and in the standard alphabet', async () => {
    const r = await receiver('express with urlencoded and json parsers');
    server = r.server;
    const standard = Buffer.from(V1.signature, 'base64url').toString('base64'); // contains '+' or '/' and ends in '='
    expect((await post(server, { ...notice(V1), signature: standard })).status).to.equal(204);
    expect((await post(server, { ...notice(V2), signature: `${V2.signature}=` })).status).to.equal(204);
    await settle();
    expect(r.events).to.deep.equal([eventOf(V1), eventOf(V2)]);
  });

  it('refuses a signature whose last character carries stray bits (same bytes to a lax decoder)', async () => {
    const r = await receiver('express without parsers');
    server = r.server;
    const answer = await post(server, { ...notice(V1), signature: `${V1.signature.slice(0, -1)}F` });
    await settle();
    expect(answer.status).to.equal(401);
    expect(r.events).to.deep.equal([]);
  });

  it('refuses a correctly signed value that does not decrypt with 400', async () => {
    const r = await receiver('express without parsers');
    server = r.server;
    const key = naverUnlinkKey(VECTOR_SECRET);
    const garbage = Buffer.alloc(48, 7).toString('base64url');
    const signed = { clientId: VECTOR_CLIENT_ID, encryptUniqueId: garbage, timestamp: VECTOR_TIMESTAMP };
    const answer = await post(server, { ...signed, signature: signNaverUnlink(key, signed) });
    await settle();
    expect(answer).to.include({ status: 400, body: 'The parameter encryptUniqueId does not decrypt to a user id.\n' });
    expect(r.events).to.deep.equal([]);
  });

  it('refuses GET with 405 and Allow: POST', async () => {
    const r = await receiver('bare node:http');
    server = r.server;
    const answer = await send(`${server.url}?${form(notice())}`, 'GET');
    await settle();
    expect(answer.status).to.equal(405);
    expect(answer.headers['allow']).to.equal('POST');
    expect(r.events).to.deep.equal([]);
  });

  it('answers 204 while a slow handler is still pending', async () => {
    const gate = deferred();
    let finished = false;
    let started = 0;
    server = await serve('express with urlencoded and json parsers', PATH, naverUnlinkWebhook({
      clientID: VECTOR_CLIENT_ID,
      clientSecret: VECTOR_SECRET,
      now: () => SENT_AT,
      onUnlink: async () => {
        started++;
        await gate.promise;
        finished = true;
      },
    }));
    const answer = await post(server, notice());
    expect(answer.status).to.equal(204);
    expect(started).to.equal(1);
    expect(finished).to.equal(false);
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
    it(`answers 204 when the handler ${kind}, and gives the error to onError once`, async () => {
      const r = await receiver('express without parsers', { onUnlink });
      server = r.server;
      expect((await post(server, notice())).status).to.equal(204);
      await settle();
      expect(r.errors).to.have.length(1);
      expect(r.errors[0]!.error).to.have.property('message', 'database down');
      expect(r.errors[0]!.event).to.deep.equal(eventOf(V1));
    });
  }

  it('without onError, logs one line that holds neither the secret nor the signature', async () => {
    server = await serve('bare node:http', PATH, naverUnlinkWebhook({
      clientID: VECTOR_CLIENT_ID,
      clientSecret: VECTOR_SECRET,
      now: () => SENT_AT,
      onUnlink: () => Promise.reject(new Error('gone')),
    }));
    const lines = await captureConsoleError(async () => {
      expect((await post(server!, notice())).status).to.equal(204);
      await settle();
    });
    expect(lines).to.deep.equal([`passport-naver-kakao: the Naver unlink handler failed for user ${V1.uniqueId}: Error: gone`]);
  });

  it('gives the same event for the same notification delivered twice', async () => {
    const r = await receiver('express with urlencoded and json parsers');
    server = r.server;
    await post(server, notice(V2));
    await post(server, notice(V2));
    await settle();
    expect(r.events).to.deep.equal([eventOf(V2), eventOf(V2)]);
  });

  it('throws a TypeError at setup, without the secret, when an option is unusable', () => {
    const onUnlink = (): void => undefined;
    expect(() => naverUnlinkWebhook({ clientID: '', clientSecret: VECTOR_SECRET, onUnlink })).to.throw(TypeError, /clientID/);
    expect(() => naverUnlinkWebhook({ clientID: VECTOR_CLIENT_ID, clientSecret: '', onUnlink })).to.throw(TypeError, /clientSecret/);
    expect(() => naverUnlinkWebhook({ clientID: VECTOR_CLIENT_ID, clientSecret: VECTOR_SECRET, maxAgeSeconds: 0, onUnlink })).to.throw(TypeError, /maxAgeSeconds/);
    expect(() => naverUnlinkWebhook({ clientID: VECTOR_CLIENT_ID, clientSecret: VECTOR_SECRET, maxAgeSeconds: Number.NaN, onUnlink })).to.throw(TypeError, /maxAgeSeconds/);
  });

  describe('property: tampering with any field never reaches the handler', () => {
    const secret = 'naver-test-secret';
    const clientID = 'naver-test-client';
    const key = naverUnlinkKey(secret);
    const now = 1_780_000_000_000;
    const options = { clientID, clientSecret: secret, now: () => now };
    const field = fc.constantFrom('clientId', 'encryptUniqueId', 'timestamp', 'signature');
    /** A change to one value: replace, insert or delete one character, or replace the whole value. */
    const tamper = fc.oneof(
      fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), char: fc.string({ minLength: 1, maxLength: 1 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), char: fc.string({ minLength: 1, maxLength: 1 }) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), char: fc.constant('') }),
      fc.record({ kind: fc.constant('whole' as const), at: fc.constant(0), char: fc.string({ maxLength: 50 }) }),
    );
    const apply = (value: string, t: { kind: string; at: number; char: string }): string => {
      const i = t.at % (value.length + 1);
      if (t.kind === 'replace') return `${value.slice(0, i)}${t.char}${value.slice(i + 1)}`;
      if (t.kind === 'insert') return `${value.slice(0, i)}${t.char}${value.slice(i)}`;
      if (t.kind === 'delete') return `${value.slice(0, i)}${value.slice(i + 1)}`;
      return t.char;
    };
    /** The same signature in another accepted spelling (standard alphabet, padding) is not tampering. */
    const sameSignature = (a: string, b: string): boolean => a.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') === b.replace(/\+/g, '-').replace(/\//g, '_');

    it('for the neutral verifier', () => {
      fc.assert(
        fc.property(fc.string({ minLength: 1, maxLength: 64 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.integer({ min: -300, max: 300 }), field, tamper, (id, iv, skew, name, t) => {
          const timestamp = String(now / 1000 + skew);
          const encryptUniqueId = encryptNaverUniqueId(key, id, Buffer.from(iv));
          const fields: Record<string, string> = { clientId: clientID, encryptUniqueId, timestamp };
          fields['signature'] = signNaverUnlink(key, { clientId: clientID, encryptUniqueId, timestamp });
          const original = fields[name]!;
          const changed = apply(original, t);
          fc.pre(changed !== original && !(name === 'signature' && sameSignature(changed, original)));
          const result = verifyNaverUnlink({ method: 'POST', headers: {}, body: { ...fields, [name]: changed } }, options);
          expect(result.ok, JSON.stringify({ name, changed })).to.equal(false);
          // and the untouched notification does verify, to the id that was encrypted
          expect(verifyNaverUnlink({ method: 'POST', headers: {}, body: fields }, options)).to.deep.equal({ ok: true, event: { provider: 'naver', userId: id, timestamp: Number(timestamp) } });
        }),
        { numRuns: 3000 },
      );
    });

    it('over HTTP, through the Express handler', async () => {
      let reached = 0;
      server = await serve('express with urlencoded and json parsers', PATH, naverUnlinkWebhook({ ...options, onUnlink: () => void reached++ }));
      const url = server.url;
      await fc.assert(
        fc.asyncProperty(fc.string({ minLength: 1, maxLength: 32 }), field, tamper, async (id, name, t) => {
          const timestamp = String(now / 1000);
          const encryptUniqueId = encryptNaverUniqueId(key, id);
          const fields: Record<string, string> = { clientId: clientID, encryptUniqueId, timestamp };
          fields['signature'] = signNaverUnlink(key, { clientId: clientID, encryptUniqueId, timestamp });
          const changed = apply(fields[name]!, t);
          fc.pre(changed !== fields[name] && !(name === 'signature' && sameSignature(changed, fields[name]!)));
          const answer = await send(url, 'POST', { 'Content-Type': 'application/x-www-form-urlencoded' }, form({ ...fields, [name]: changed }));
          expect(answer.status).to.be.oneOf([400, 401]);
        }),
        { numRuns: 150 },
      );
      await settle();
      expect(reached).to.equal(0);
    });
  });
}); // naverUnlinkWebhook
