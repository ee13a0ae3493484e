// The Koa example of docs/readme/frameworks.md (Koa 3, koa-passport, koa-session,
// @koa/router), as written: type-checked under strict and run
// against the emulator over real HTTP for both providers.
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { codeShape, DOCS, onlyBlock, ROOT } from './blocks.js';
import { runExample, typeCheckExample, writeExample } from './example.js';
import { sessionAppTests, type SessionRun } from './scenarios.js';

describe('Koa: the example of docs/readme/frameworks.md', function () {
  this.timeout(60_000);
  const run = {} as SessionRun;
  let file = '';

  before(() => {
    file = writeExample(DOCS[0], 'Koa', 'koa');
  });
  after(async () => {
    await run.app?.stop();
    await run.emulator?.close();
    rmSync(dirname(file), { recursive: true, force: true });
  });

  it('the Korean document has the same code (comments and texts aside)', () => {
    expect(codeShape(onlyBlock(DOCS[1], 'Koa'))).to.equal(codeShape(onlyBlock(DOCS[0], 'Koa')));
  });

  it('type-checks under strict with exactOptionalPropertyTypes and noUncheckedIndexedAccess', () => {
    // koa-passport ships no types; a TypeScript user installs @types/koa-passport, as the document says.
    expect(existsSync(join(ROOT, 'node_modules', '@types', 'koa-passport')), '@types/koa-passport must be a devDependency of this repository').to.equal(true);
    typeCheckExample(file);
  });

  describe('run unchanged against the emulator', () => {
    before(async () => {
      Object.assign(run, await runExample(file, { SESSION_SECRET: 'koa-example-session-secret-0123456789' }), { sessionCookie: 'koa.sess' });
    });
    sessionAppTests(() => run);
  });
});
