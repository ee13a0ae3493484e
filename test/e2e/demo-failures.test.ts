// The demo's failure pages (issue 11 §4): the reason from describeError() in
// Korean and English, the right status, and no authorization code in any log line.
import { expect } from 'chai';
import { DEMO_APPS } from '../../demo/app.js';
import { redact } from '../../demo/log.js';
import { Client, startDemo, type RunningDemo } from './http-client.js';

const HANGUL = /[가-힣]/;

/** The text of an element of the page, entities decoded. */
function field(page: string, testid: string): string {
  const match = new RegExp(`data-testid="${testid}">([^<]*)<`).exec(page);
  return (match?.[1] ?? '').replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));
}

/** Everything written to the console and to stdout/stderr while `run` runs. */
async function captureOutput(run: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const saved = methods.map((m) => console[m]);
  const writes = [process.stdout.write, process.stderr.write];
  for (const m of methods) console[m] = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  const tap = (chunk: unknown): boolean => (lines.push(String(chunk)), true);
  process.stdout.write = tap as typeof process.stdout.write;
  process.stderr.write = tap as typeof process.stderr.write;
  try {
    await run();
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i]!));
    [process.stdout.write, process.stderr.write] = writes as [typeof process.stdout.write, typeof process.stderr.write];
  }
  return lines.join('\n');
}

describe('the demo when a login fails', function () {
  this.timeout(30_000);
  let running: RunningDemo;
  before(async () => {
    running = await startDemo();
  });
  after(() => running.close());

  /** Checks the failure page's words: Korean in the Korean part, English in the English part, a fix in each. */
  function expectBothLanguages(page: string): void {
    expect(field(page, 'failure-ko-summary')).to.match(HANGUL);
    expect(field(page, 'failure-ko-fix')).to.match(HANGUL);
    expect(field(page, 'failure-en-summary')).to.match(/[a-z]/i).and.not.match(HANGUL);
    expect(field(page, 'failure-en-fix')).to.match(/[a-z]/i).and.not.match(HANGUL);
  }

  for (const provider of ['naver', 'kakao'] as const) {
    it(`${provider}: Cancel on the consent screen gives the access_denied / consent page in both languages`, async () => {
      const client = new Client(running.base);
      const start = await client.request(`/login/${provider}`);
      const back = await client.request(await running.emulator.cancel(start.headers.get('location')!));
      expect(back.headers.get('location')).to.equal('/login/failed');
      const res = await client.request('/login/failed');
      expect(res.status).to.equal(401);
      const page = await res.text();
      expect(field(page, 'failure-code')).to.equal('access_denied · consent');
      expectBothLanguages(page);
      // Shown once.
      expect(field(await client.text('/login/failed'), 'failure-code')).not.to.equal('access_denied · consent');
    });

    it(`${provider}: a replayed callback gives the invalid_state / login page`, async () => {
      const client = new Client(running.base);
      const { landed, callback } = await client.login(running.emulator, provider, 'kim');
      expect(landed).to.equal('/profile');
      expect((await client.request(callback)).headers.get('location')).to.equal('/login/failed');
      const page = await client.text('/login/failed');
      expect(field(page, 'failure-code')).to.equal('invalid_state · login');
      expectBothLanguages(page);
    });
  }

  it('kakao: a code used elsewhere (KOE320, whose answer echoes the code) gives the login page, and no log line holds the code', async () => {
    const client = new Client(running.base);
    const start = await client.request('/login/kakao');
    const callback = new URL(await running.emulator.approve(start.headers.get('location')!, 'kim'));
    const code = callback.searchParams.get('code')!;
    expect(code).to.have.length.above(8);
    // Someone else spends the code first; the emulator answers KOE320 with `code=<code>` in its text (as Kakao does).
    const spent = await fetch(running.emulator.kakao.tokenURL, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: DEMO_APPS.kakao.clientID, client_secret: DEMO_APPS.kakao.clientSecret, code, redirect_uri: `${running.base}/oauth2/redirect/kakao` }),
    });
    await spent.arrayBuffer();
    const again = await fetch(running.emulator.kakao.tokenURL, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: DEMO_APPS.kakao.clientID, client_secret: DEMO_APPS.kakao.clientSecret, code, redirect_uri: `${running.base}/oauth2/redirect/kakao` }),
    });
    expect(await again.text(), 'the provider echoes the code').to.include(code);

    let res: Response | undefined;
    const output = await captureOutput(async () => {
      res = await client.request(callback.href);
    });
    expect(output).to.include('[demo] login error: KakaoTokenError');
    expect(output).not.to.include(code);
    expect(res!.status).to.equal(400);
    const page = await res!.text();
    expect(field(page, 'failure-code')).to.equal('KOE320 · login');
    expectBothLanguages(page);
    expect(page).not.to.include(code);
    expect(page).not.to.match(/at \w+ \(|node_modules/);
  });

  it('redacts code=, token and secret parameters and the request code from a log text, on one line', () => {
    expect(redact('authorization code not found for code=abcDEF123-_x\r\nnext', [])).to.equal('authorization code not found for code=[redacted] next');
    expect(redact('bad refresh_token=r1r2r3r4&client_secret=s3cr3t', [])).to.equal('bad refresh_token=[redacted]&client_secret=[redacted]');
    expect(redact('the code "Xy12Zq98" is unknown', ['Xy12Zq98'])).to.equal('the code "[redacted]" is unknown');
  });
});
