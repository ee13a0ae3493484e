// The provider fault matrix: every request the package makes, against every
// fault the emulator can inject. Each ends in a clear error within the timeout.
import { createHook } from 'node:async_hooks';
import { join, sep } from 'node:path';
import { expect } from 'chai';
import { KakaoStrategy, NaverStrategy, ProviderRequestError } from '../../lib/index.js';
import { startEmulator, type EmulatedProviderName, type Emulator, type EmulatorEndpoint, type EmulatorFault } from '../../lib/testing/index.js';
import { login } from '../emulator-client.js';
import { expectAction } from '../helpers.js';

const TIMEOUT = 300;
const PACKAGE_LIB = join(__dirname, '..', '..', 'lib') + sep;
const MAX_BYTES = 64 * 1024;
type Mode = NonNullable<EmulatorFault['mode']>;
const FAULTS: Array<[Mode, string, string]> = [
  ['hang', 'ETIMEDOUT', 'timed out after 300 ms'],
  ['drop', 'ECONNRESET', 'failed: ECONNRESET'],
  ['html-5xx', 'EBADRESPONSE', 'answered HTTP 502 (text/html)'],
  ['not-json', 'EBADRESPONSE', 'answered HTTP 200 (text/plain)'],
  ['truncated-json', 'EBADRESPONSE', 'answered HTTP 200 (application/json)'],
  ['oversize', 'ERESPONSETOOLARGE', `answered with a body over ${MAX_BYTES} bytes`],
  ['drip', 'ETIMEDOUT', 'timed out after 300 ms'],
];

type Tokens = { accessToken: string; refreshToken: string };
interface Target {
  name: string;
  provider: EmulatedProviderName;
  endpoint: EmulatorEndpoint;
  label: string;
  /** Runs the request with the fault in place; resolves with its error, or undefined if it succeeded. */
  run(emulator: Emulator, tokens: Tokens): Promise<Error | undefined>;
  /** Faults after which the request rightly succeeds. */
  succeedsWith?: Mode[];
}

const settings = { timeout: TIMEOUT, maxResponseBytes: MAX_BYTES };
const naver = (e: Emulator) =>
  new NaverStrategy({ clientID: 'naver-test-client', clientSecret: 'naver-test-secret', callbackURL: 'http://app.test/cb', ...e.naver, ...settings }, (at, rt, _p, done) =>
    done(null, { accessToken: at, refreshToken: rt }),
  );
const kakao = (e: Emulator, extra = {}) =>
  new KakaoStrategy({ clientID: 'kakao-test-client', clientSecret: 'kakao-test-secret', callbackURL: 'http://app.test/cb', ...e.kakao, ...settings, ...extra }, (at, rt, _p, done) =>
    done(null, { accessToken: at, refreshToken: rt }),
  );
const naverOidc = (e: Emulator) =>
  new NaverStrategy({ clientID: 'naver-test-client', clientSecret: 'naver-test-secret', callbackURL: 'http://app.test/cb', ...e.naverOidc, oidc: true, ...settings }, (at, rt, _p, done) =>
    done(null, { accessToken: at, refreshToken: rt }),
  );
const loginError = async (strategy: NaverStrategy | KakaoStrategy) => {
  const { outcome } = await login(strategy);
  return outcome.action === 'success' ? undefined : expectAction(outcome, 'error').err;
};
const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (err: Error) => err);

const TARGETS: Target[] = [
  { name: 'Naver token (login)', provider: 'naver', endpoint: 'token', label: 'Naver token request', run: (e) => loginError(naver(e)) },
  { name: 'Naver profile (login)', provider: 'naver', endpoint: 'profile', label: 'Naver profile request', run: (e) => loginError(naver(e)) },
  { name: 'Naver refresh', provider: 'naver', endpoint: 'token', label: 'Naver token request', run: (e, t) => rejection(naver(e).refresh(t.refreshToken)) },
  {
    name: 'Naver revoke',
    provider: 'naver',
    endpoint: 'revoke',
    label: 'Naver revoke request',
    run: (e, t) => rejection(naver(e).revoke(t.accessToken)),
    // Revocation is judged by HTTP status alone (docs/providers.md §A4).
    succeedsWith: ['not-json', 'truncated-json'],
  },
  { name: 'Naver OIDC token (login)', provider: 'naver', endpoint: 'token', label: 'Naver token request', run: (e) => loginError(naverOidc(e)) },
  { name: 'Naver JWKS (OIDC login)', provider: 'naver', endpoint: 'jwks', label: 'Naver JWKS request', run: (e) => loginError(naverOidc(e)) },
  { name: 'Kakao token (login)', provider: 'kakao', endpoint: 'token', label: 'Kakao token request', run: (e) => loginError(kakao(e)) },
  { name: 'Kakao profile (login)', provider: 'kakao', endpoint: 'profile', label: 'Kakao profile request', run: (e) => loginError(kakao(e)) },
  { name: 'Kakao JWKS (OIDC login)', provider: 'kakao', endpoint: 'jwks', label: 'Kakao JWKS request', run: (e) => loginError(kakao(e, { oidc: true })) },
  { name: 'Kakao refresh', provider: 'kakao', endpoint: 'token', label: 'Kakao token request', run: (e, t) => rejection(kakao(e).refresh(t.refreshToken)) },
  { name: 'Kakao logout', provider: 'kakao', endpoint: 'logout', label: 'Kakao logout request', run: (e, t) => rejection(kakao(e).logout(t.accessToken)) },
  { name: 'Kakao unlink', provider: 'kakao', endpoint: 'unlink', label: 'Kakao unlink request', run: (e, t) => rejection(kakao(e).unlink(t.accessToken)) },
  { name: 'Kakao token info', provider: 'kakao', endpoint: 'tokenInfo', label: 'Kakao access token info request', run: (e, t) => rejection(kakao(e).accessTokenInfo(t.accessToken)) },
];

describe('the provider fault matrix', function () {
  this.timeout(20_000);
  let emulator: Emulator;
  let tokens: Record<EmulatedProviderName, Tokens>;
  beforeEach(async () => {
    emulator = await startEmulator();
    const tokensOf = async (s: NaverStrategy | KakaoStrategy) => expectAction((await login(s)).outcome, 'success').user as Tokens;
    tokens = { naver: await tokensOf(naver(emulator)), kakao: await tokensOf(kakao(emulator)) };
  });
  afterEach(() => emulator.close());

  for (const target of TARGETS) {
    for (const [mode, code, words] of FAULTS) {
      const succeeds = target.succeedsWith?.includes(mode);
      it(`${target.name} + ${mode}: ${succeeds ? 'succeeds (judged by status)' : code}`, async () => {
        emulator.setFault(target.provider, target.endpoint, { mode });
        const started = Date.now();
        const err = await target.run(emulator, tokens[target.provider]);
        expect(Date.now() - started, 'ends within the timeout and a little').to.be.below(TIMEOUT + 700);
        if (succeeds) return void expect(err).to.equal(undefined);
        expect(err).to.be.instanceOf(ProviderRequestError);
        expect(err).to.include({ code });
        expect(err!.message.startsWith(`${target.label} ${words}`), err!.message).to.equal(true);
      });
    }
  }

  it('leaves no timers or sockets behind, and the heap does not grow over repeated rounds', async function () {
    this.timeout(120_000);
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('run mocha with --expose-gc (see .mocharc.json)');
    const round = async (): Promise<void> => {
      for (const target of TARGETS) {
        for (const [mode] of FAULTS) {
          emulator.setFault(target.provider, target.endpoint, { mode });
          await target.run(emulator, tokens[target.provider]);
          emulator.clearFaults();
        }
      }
    };
    const heap = (): number => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    // Every timer the package (lib/, the emulator aside) starts during the rounds, until it is cleared or fires.
    const started = new Map<number, string>();
    let watching = true;
    const hook = createHook({
      init(id, type) {
        const stack = new Error().stack ?? '';
        const ours = stack.split('\n').some((line) => line.includes(PACKAGE_LIB) && !line.includes(`${PACKAGE_LIB}testing${sep}`));
        if (watching && type === 'Timeout' && ours) started.set(id, stack);
      },
      destroy: (id) => void started.delete(id),
    }).enable();
    await round();
    const warm = heap();
    await round();
    await round();
    // The bound is loose on purpose: GC timing moves the heap by a megabyte or two, while a
    // leaked answer body (the oversize fault sends 2 MiB) would add tens of megabytes a round.
    const growth = heap() - warm;
    await new Promise((resolve) => setTimeout(resolve, 100));
    watching = false;
    await new Promise((resolve) => setTimeout(resolve, 100));
    hook.disable();
    expect([...started.values()], 'no timer left running by a request').to.deep.equal([]);
    // Closing the emulator ends the keep-alive sockets of the consent pages' fetches;
    // a socket still open after that is one the package never closed.
    await emulator.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap'), 'no socket left open by a request').to.deep.equal([]);
    expect(growth, `heap grew by ${growth} bytes over two rounds of ${TARGETS.length * FAULTS.length} faults`).to.be.below(5 * 1024 * 1024);
  });
});
