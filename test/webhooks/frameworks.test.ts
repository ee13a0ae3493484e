// The receivers outside Express, over real HTTP: Fastify with the framework-neutral
// verifiers (as the README shows), and Koa handing its raw request to the handler.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import formbody from '@fastify/formbody';
import { expect } from 'chai';
import Fastify from 'fastify';
import Koa from 'koa';
import { kakaoUnlinkWebhook, naverUnlinkWebhook, verifyKakaoUnlink, verifyNaverUnlink, type UnlinkEvent } from '../../lib/webhooks/index.js';
import { form, send, settle } from './servers.js';
import { VECTOR_CLIENT_ID, VECTOR_SECRET, VECTOR_TIMESTAMP, VECTORS } from './vectors.js';

const ADMIN_KEY = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const kakaoParams = { app_id: '1234567', user_id: '1376016924429759228', referrer_type: 'ACCOUNT_DELETE' };
const naverOptions = { clientID: VECTOR_CLIENT_ID, clientSecret: VECTOR_SECRET, now: () => Number(VECTOR_TIMESTAMP) * 1000 };
const naverNotice = { clientId: VECTOR_CLIENT_ID, encryptUniqueId: VECTORS[1].encryptUniqueId, timestamp: VECTOR_TIMESTAMP, signature: VECTORS[1].signature };

describe('the receivers in other frameworks', () => {
  it('Fastify with @fastify/formbody and the neutral verifiers', async () => {
    const events: UnlinkEvent[] = [];
    const app = Fastify();
    await app.register(formbody);
    app.route({
      method: ['GET', 'POST'],
      url: '/webhooks/kakao/unlink',
      handler: async (req, reply) => {
        const result = verifyKakaoUnlink({ method: req.method, headers: req.headers, query: req.query, body: req.body }, { adminKey: ADMIN_KEY, appId: '1234567' });
        if (!result.ok) return reply.code(result.status).type('text/plain; charset=utf-8').send(result.reason);
        await reply.code(200).send();
        events.push(result.event);
        return reply;
      },
    });
    app.post('/webhooks/naver/unlink', async (req, reply) => {
      const result = verifyNaverUnlink({ method: req.method, headers: req.headers, query: req.query, body: req.body }, naverOptions);
      if (!result.ok) return reply.code(result.status).type('text/plain; charset=utf-8').send(result.reason);
      await reply.code(204).send();
      events.push(result.event);
      return reply;
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const kakaoGet = await send(`${base}/webhooks/kakao/unlink?${form(kakaoParams)}`, 'GET', { Authorization: `KakaoAK ${ADMIN_KEY}` });
      const kakaoJson = await send(`${base}/webhooks/kakao/unlink`, 'POST', { Authorization: `KakaoAK ${ADMIN_KEY}`, 'Content-Type': 'application/json' }, JSON.stringify(kakaoParams));
      const kakaoForged = await send(`${base}/webhooks/kakao/unlink`, 'POST', { Authorization: 'KakaoAK guessed', 'Content-Type': 'application/x-www-form-urlencoded' }, form(kakaoParams));
      const naver = await send(`${base}/webhooks/naver/unlink`, 'POST', { 'Content-Type': 'application/x-www-form-urlencoded' }, form(naverNotice));
      const naverForged = await send(`${base}/webhooks/naver/unlink`, 'POST', { 'Content-Type': 'application/x-www-form-urlencoded' }, form({ ...naverNotice, clientId: 'x' }));
      expect([kakaoGet.status, kakaoJson.status, kakaoForged.status, naver.status, naverForged.status]).to.deep.equal([200, 200, 401, 204, 401]);
      const kakaoEvent = { provider: 'kakao', userId: '1376016924429759228', appId: '1234567', referrerType: 'ACCOUNT_DELETE' };
      expect(events).to.deep.equal([kakaoEvent, kakaoEvent, { provider: 'naver', userId: VECTORS[1].uniqueId, timestamp: Number(VECTOR_TIMESTAMP) }]);
    } finally {
      await app.close();
    }
  });

  it('Koa, handing the raw request and response to the handlers (ctx.respond = false)', async () => {
    const events: UnlinkEvent[] = [];
    const kakao = kakaoUnlinkWebhook({ adminKey: ADMIN_KEY, onUnlink: (e) => void events.push(e) });
    const naver = naverUnlinkWebhook({ ...naverOptions, onUnlink: (e) => void events.push(e) });
    const app = new Koa();
    app.use((ctx, next) => {
      const handler = ctx.path === '/webhooks/kakao/unlink' ? kakao : ctx.path === '/webhooks/naver/unlink' ? naver : undefined;
      if (!handler) return next();
      ctx.respond = false;
      handler(ctx.req, ctx.res);
      return undefined;
    });
    const server = http.createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const a = await send(`${base}/webhooks/kakao/unlink`, 'POST', { Authorization: `KakaoAK ${ADMIN_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' }, form(kakaoParams));
      const b = await send(`${base}/webhooks/kakao/unlink?${form(kakaoParams)}`, 'GET');
      const c = await send(`${base}/webhooks/naver/unlink`, 'POST', { 'Content-Type': 'application/x-www-form-urlencoded' }, form(naverNotice));
      await settle();
      expect([a.status, b.status, c.status]).to.deep.equal([200, 401, 204]);
      expect(events.map((e) => e.userId)).to.deep.equal(['1376016924429759228', VECTORS[1].uniqueId]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
