// The Fastify example of docs/readme/frameworks.md (Fastify 5, @fastify/passport,
// @fastify/secure-session), as written: type-checked under strict and run
// against the emulator over real HTTP for both providers.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'chai';
import { codeShape, DOCS, onlyBlock } from './blocks.js';
import { runExample, typeCheckExample, writeExample } from './example.js';
import { sessionAppTests, type SessionRun } from './scenarios.js';

describe('Fastify: the example of docs/readme/frameworks.md', function () {
  this.timeout(60_000);
  const run = {} as SessionRun;
  let file = '';

  before(() => {
    file = writeExample(DOCS[0], 'Fastify', 'fastify');
  });
  after(async () => {
    await run.app?.stop();
    await run.emulator?.close();
    rmSync(dirname(file), { recursive: true, force: true });
  });

  it('the Korean document has the same code (comments and texts aside)', () => {
    expect(codeShape(onlyBlock(DOCS[1], 'Fastify'))).to.equal(codeShape(onlyBlock(DOCS[0], 'Fastify')));
  });

  it('type-checks under strict with exactOptionalPropertyTypes and noUncheckedIndexedAccess', () => {
    typeCheckExample(file);
  });

  describe('run unchanged against the emulator', () => {
    before(async () => {
      Object.assign(run, await runExample(file, { SESSION_KEY: 'a1'.repeat(32) }), { sessionCookie: 'session' });
    });
    sessionAppTests(() => run);
  });
});
