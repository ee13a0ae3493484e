// The emulator as a process host sees it: hostile requests must not throw inside
// its request handler (issue 9), and it says when it runs in production.
import net from 'node:net';
import { expect } from 'chai';
import { PRODUCTION_WARNING, startEmulator, type Emulator } from '../../lib/testing/index.js';

const CB = 'http://app.test/cb';

/** Sends raw bytes and resolves with everything the server wrote before closing. */
function raw(emulator: Emulator, request: string): Promise<string> {
  const { hostname, port } = new URL(emulator.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(request));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('emulator hardening', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.close());

  const malformed = '%E0%A4%A';
  const pages = (): Array<[string, string]> => [
    ['Kakao authorize', `${emulator.kakao.authorizationURL}?response_type=code&client_id=kakao-test-client&redirect_uri=${encodeURIComponent(CB)}`],
    ['Kakao authorize, prompt=none', `${emulator.kakao.authorizationURL}?response_type=code&client_id=kakao-test-client&redirect_uri=${encodeURIComponent(CB)}&prompt=none`],
    ['Naver authorize', `${emulator.naver.authorizationURL}?response_type=code&client_id=naver-test-client&redirect_uri=${encodeURIComponent(CB)}&state=s`],
  ];

  describe('a redirect URI no console would register (CR/LF, U+2028, not http) is refused with the error page, never put in a Location header', () => {
    const bad = ['http://app.test/cb\r\nX-Injected: 1', 'http://app.test/cb\u2028', 'javascript:alert(1)'];
    it('Kakao authorize with prompt=none (one cookieless GET)', async () => {
      for (const uri of bad) {
        const res = await fetch(`${emulator.kakao.authorizationURL}?response_type=code&client_id=kakao-test-client&prompt=none&redirect_uri=${encodeURIComponent(uri)}`, { redirect: 'manual' });
        expect(res.status).to.equal(400);
        expect(res.headers.get('location')).to.equal(null);
        expect(await res.text()).to.include('KOE006');
      }
    });

    it('the consent decision (Cancel) of both providers', async () => {
      for (const [provider, authorizationURL, clientID] of [
        ['kakao', emulator.kakao.authorizationURL, 'kakao-test-client'],
        ['naver', emulator.naver.authorizationURL, 'naver-test-client'],
      ] as const) {
        for (const uri of bad) {
          const body = new URLSearchParams({ client_id: clientID, redirect_uri: uri, response_type: 'code', state: 's', decision: 'cancel' });
          const res = await fetch(`${authorizationURL}/decision`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString(), redirect: 'manual' });
          expect(res.status, `${provider} ${JSON.stringify(uri)}`).to.equal(400);
          expect(res.headers.get('location')).to.equal(null);
        }
      }
    });

    it('Kakao Account logout: KOE007', async () => {
      for (const uri of bad) {
        const res = await fetch(`${emulator.url}/kakao/oauth/logout?client_id=kakao-test-client&logout_redirect_uri=${encodeURIComponent(uri)}`, { redirect: 'manual' });
        expect(res.status).to.equal(400);
        expect(await res.text()).to.include('KOE007');
      }
    });
  });

  it('treats a malformed login cookie as absent on every page that reads it, over a real socket', async () => {
    for (const [name, url] of pages()) {
      const cookie = `emulator_kakao_account=${malformed}; emulator_naver_account=${malformed}`;
      const target = new URL(url);
      const answer = await raw(emulator, `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`);
      const status = answer.slice(0, answer.indexOf('\r\n'));
      if (name.endsWith('prompt=none')) {
        // No logged-in user: Kakao's prompt=none answer, exactly as without a cookie.
        expect(status, name).to.equal('HTTP/1.1 302 Found');
        expect(answer).to.include(`Location: ${CB}?error=consent_required&error_description=user%20consent%20required.\r\n`);
      } else {
        expect(status, name).to.equal('HTTP/1.1 200 OK');
        expect(answer, name).to.include('data-action="approve"');
      }
    }
    // The process and the server are still up.
    expect((await fetch(pages()[0]![1])).status).to.equal(200);
  });

  it('answers 400 to a request target that is not a URL, and keeps serving', async () => {
    const answer = await raw(emulator, 'GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(answer.slice(0, answer.indexOf('\r\n'))).to.equal('HTTP/1.1 400 Bad Request');
    expect(answer.endsWith('\r\n\r\nbad request')).to.equal(true);
    expect((await fetch(`${emulator.url}/kakao/.well-known/jwks.json`)).status).to.equal(200);
  });

  describe('NODE_ENV=production', () => {
    const saved = process.env['NODE_ENV'];
    const warn = console.warn;
    let warnings: unknown[][];
    beforeEach(() => {
      warnings = [];
      console.warn = (...args: unknown[]) => void warnings.push(args);
    });
    afterEach(() => {
      console.warn = warn;
      if (saved === undefined) delete process.env['NODE_ENV'];
      else process.env['NODE_ENV'] = saved;
    });

    it('prints one warning per start that it is a test server', async () => {
      process.env['NODE_ENV'] = 'production';
      const first = await startEmulator();
      const second = await startEmulator();
      await first.close();
      await second.close();
      expect(warnings).to.deep.equal([[PRODUCTION_WARNING], [PRODUCTION_WARNING]]);
      expect(PRODUCTION_WARNING).to.include('test server').and.include('NODE_ENV=production');
    });

    it('prints nothing otherwise', async () => {
      process.env['NODE_ENV'] = 'test';
      await (await startEmulator()).close();
      expect(warnings).to.deep.equal([]);
    });
  });
});
