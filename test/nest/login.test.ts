// The NestJS example (demo/nestjs, the code of docs/readme/frameworks.md) with
// NestJS 11, the version installed at the root: main.ts runs as a reader would
// run it, configured by environment variables, against the emulator.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { blockFile, codeShape, DOCS, ROOT, sectionBlocks } from '../frameworks/blocks.js';
import { freePort, runApp } from '../support/run-app.js';
import { nestEmulator, nestEnv, nestLoginTests, type NestRun } from './scenarios.js';

const DEMO = join(ROOT, 'demo', 'nestjs');

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
