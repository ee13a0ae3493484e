// Property-based tests: arbitrary callback requests against both strategies.
// Properties: exactly one terminal action, nothing thrown, no unhandled rejection,
// success only with the valid state and the issued code, and no provider request
// at all unless the state is valid.
import type http from 'node:http';
import { expect } from 'chai';
import fc from 'fast-check';
import { parse as parseQuery } from 'qs';
import { KakaoStrategy, NaverStrategy } from '../../lib/index.js';
import { callbackRequest, run, type FakeRequest, type Outcome } from '../helpers.js';
import { localServer, type LocalServer } from '../servers.js';

const CASES = Number(process.env['FUZZ_CASES'] ?? 10_000);
const STATE = 'valid-state-0123456789ab';
const GOOD_CODE = 'issued-code';
const MEGABYTE = 'x'.repeat(1024 * 1024);

/** One callback through the shared harness, watching for a second action for two event-loop turns. */
const runOnce = (strategy: NaverStrategy | KakaoStrategy, req: FakeRequest): Promise<Outcome> => run(strategy, { url: '/cb', headers: { host: 'app.test' }, ...req }, undefined, 5000, 0);

// Values a query parameter can take after Express's parser (qs): strings, arrays, nested objects.
const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom('', ' ', STATE, GOOD_CODE, 'access_denied', '%', '%zz', '%E0%A4', '\uFFFD', '\u0000', '<script>', MEGABYTE),
  fc.string({ unit: 'binary' }),
);
const queryValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, hostileString, fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', '0', '__proto__', 'constructor', 'state'), tie('value'), { maxKeys: 3 })),
})).value;
const key = fc.oneof(fc.constantFrom('code', 'state', 'error', 'error_description', 'error_uri', '__proto__', 'constructor', 'prototype', 'toString'), fc.string({ maxLength: 8 }));

/** Queries as objects (own `__proto__` keys included, via JSON.parse) or as raw strings parsed by qs. */
const query: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.dictionary(key, queryValue, { maxKeys: 6 }).map((q) => JSON.parse(JSON.stringify(q)) as Record<string, unknown>),
  fc
    .array(fc.tuple(fc.constantFrom('code', 'state', 'error', 'error_description', 'code[]', 'state[a]', '__proto__[x]', 'constructor[prototype][y]', 'z'), fc.constantFrom('', STATE, GOOD_CODE, '%', '%E0%A4%A', '%FF%FE', '%C0%80', 'a+b', '%00')), { maxLength: 6 })
    .map((pairs) => parseQuery(pairs.map(([k, v]) => `${k}=${v}`).join('&'), { depth: 5 }) as Record<string, unknown>),
  // The cases that reach the token endpoint: the valid state, with or without the issued code.
  fc.record({ state: fc.constant(STATE), code: fc.oneof(fc.constant(GOOD_CODE), fc.string({ minLength: 1 })) }),
);

describe('fuzzing the callback', function () {
  this.timeout(300_000);
  let provider: LocalServer;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

  before(async () => {
    // A provider that issued exactly one code: GOOD_CODE.
    provider = await localServer((req: http.IncomingMessage, res: http.ServerResponse) => {
      const body = provider.requests.at(-1)!.body;
      if (req.url === '/token') {
        const ok = new URLSearchParams(body).get('code') === GOOD_CODE;
        if (ok) return void res.end('{"access_token":"AT","token_type":"bearer","expires_in":"3600"}');
        return void res.writeHead(400).end('{"error":"invalid_grant","error_description":"authorization code not found","error_code":"KOE320"}');
      }
      if (req.url?.startsWith('/naver/me')) return void res.end('{"resultcode":"00","message":"success","response":{"id":"n1","nickname":"길동"}}');
      res.end('{"id":42,"kakao_account":{"profile":{"nickname":"길동"}}}');
    });
    process.on('unhandledRejection', onUnhandled);
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await provider.close();
    expect(unhandled).to.deep.equal([]);
  });

  const strategies = {
    naver: () =>
      new NaverStrategy(
        { clientID: 'n', clientSecret: 's', callbackURL: 'http://app.test/cb', authorizationURL: `${provider.url}/authorize`, tokenURL: `${provider.url}/token`, profileURL: `${provider.url}/naver/me`, timeout: 2000 },
        (_at, _rt, profile, done) => done(null, profile),
      ),
    kakao: () =>
      new KakaoStrategy(
        { clientID: 'k', callbackURL: 'http://app.test/cb', authorizationURL: `${provider.url}/authorize`, tokenURL: `${provider.url}/token`, profileURL: `${provider.url}/kakao/me`, timeout: 2000 },
        (_at, _rt, profile, done) => done(null, profile),
      ),
  };

  for (const [name, make] of Object.entries(strategies)) {
    it(`${name}: ${CASES} arbitrary callbacks each end in exactly one action, and only the valid state reaches the provider`, async () => {
      const strategy = make();
      let successes = 0;
      await fc.assert(
        fc.asyncProperty(query, async (q) => {
          const before = provider.requests.length;
          const outcome = await runOnce(strategy, { ...callbackRequest(strategy, {}, STATE), query: q });
          const validState = q['state'] === STATE;
          if (!validState) expect(provider.requests.length, 'no provider request without the valid state').to.equal(before);
          if (outcome.action === 'success') {
            successes++;
            expect(validState && q['code'] === GOOD_CODE && q['error'] === undefined, 'success only with the valid state and the issued code').to.equal(true);
          }
          if (q['code'] === undefined && q['error'] === undefined) expect(outcome.action).to.equal('redirect');
          else expect(outcome.action).to.be.oneOf(['success', 'fail', 'error']);
        }),
        { numRuns: CASES },
      );
      expect(successes, 'the property saw successful logins too').to.be.above(0);
    });
  }
});
