// The NestJS example (demo/nestjs, the code of docs/readme/frameworks.md) with
// NestJS 11, the version installed at the root: main.ts runs as a reader would
// run it, configured by environment variables, against the emulator.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { startEmulator } from '../../lib/testing/index.js';
import { blockFile, codeShape, DOCS, ROOT, sectionBlocks } from '../frameworks/blocks.js';
import { freePort, runApp } from '../frameworks/run-app.js';
import { nestLoginTests, type NestRun } from './scenarios.js';

const DEMO = join(ROOT, 'demo', 'nestjs');

/** The environment main.ts reads, pointed at `emulator`. */
export function nestEnv(emulator: NestRun['emulator']): Record<string, string> {
  return {
    STATE_SECRET: 'nest-test-state-secret-0123456789abcdef',
    NAVER_CLIENT_ID: 'naver-test-client',
    NAVER_CLIENT_SECRET: 'naver-test-secret',
    KAKAO_CLIENT_ID: 'kakao-test-client',
    KAKAO_CLIENT_SECRET: 'kakao-test-secret',
    NAVER_ENDPOINTS: JSON.stringify(emulator.naver),
    KAKAO_ENDPOINTS: JSON.stringify(emulator.kakao),
  };
}

/** An emulator that knows only the example's callback URLs, with Kakao's Client Secret ON. */
export function nestEmulator(port: number): ReturnType<typeof startEmulator> {
  const base = `http://localhost:${port}`;
  return startEmulator({
    naverClients: [{ clientID: 'naver-test-client', clientSecret: 'naver-test-secret', redirectURIs: [`${base}/auth/naver/callback`] }],
    kakaoClients: [{ clientID: 'kakao-test-client', clientSecret: 'kakao-test-secret', redirectURIs: [`${base}/auth/kakao/callback`] }],
  });
}

describe('NestJS 11: the example of docs/readme/frameworks.md', function () {
  this.timeout(60_000);

  it('demo/nestjs holds exactly the NestJS code of the document, file by file', () => {
    const blocks = sectionBlocks(DOCS[0], 'NestJS');
    const files = readdirSync(DEMO).filter((f) => f.endsWith('.ts')).sort();
    expect(blocks.map(blockFile).sort()).to.deep.equal(files);
    for (const code of blocks) expect(readFileSync(join(DEMO, blockFile(code)!), 'utf8'), blockFile(code)).to.equal(code);
  });

  it('the Korean document has the same code (comments and texts aside)', () => {
    const english = sectionBlocks(DOCS[0], 'NestJS');
    const korean = sectionBlocks(DOCS[1], 'NestJS');
    expect(korean.map(blockFile)).to.deep.equal(english.map(blockFile));
    korean.forEach((code, i) => expect(codeShape(code), blockFile(code)).to.equal(codeShape(english[i]!)));
  });

  describe('main.ts run with tsx against the emulator', () => {
    const run = {} as NestRun;
    before(async () => {
      const port = await freePort();
      run.emulator = await nestEmulator(port);
      run.app = await runApp(join(DEMO, 'main.ts'), ROOT, port, nestEnv(run.emulator));
    });
    after(async () => {
      await run.app?.stop();
      await run.emulator?.close();
    });
    nestLoginTests(() => run);
  });
});
