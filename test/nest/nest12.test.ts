// The NestJS example (demo/nestjs) with NestJS 12, which ships as ES modules
// only. test/nest12 is a project of its own (Nest 12 in its node_modules, this
// package by `file:../..`, "type": "module"); the example's files are copied
// there unchanged, type-checked against Nest 12 and run as ES modules.
//
// Without test/nest12/node_modules the run is skipped with a message, except
// under CI=true, where it fails: CI installs it with `npm ci --prefix test/nest12`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { ROOT } from '../frameworks/blocks.js';
import { freePort, runApp } from '../support/run-app.js';
import { nestEmulator, nestEnv, nestLoginTests, type NestRun } from './scenarios.js';

const PROJECT = join(ROOT, 'test', 'nest12');
const APP = join(PROJECT, '.app');
const INSTALL = 'npm ci --prefix test/nest12';

/** The version of a package installed in test/nest12. */
function installed(name: string): string {
  return (JSON.parse(readFileSync(join(PROJECT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

describe('NestJS 12 (ES modules): the example of docs/readme/frameworks.md', function () {
  this.timeout(120_000);
  const run = {} as NestRun;

  before(async function () {
    if (!existsSync(join(PROJECT, 'node_modules'))) {
      if (process.env['CI'] === 'true') throw new Error(`test/nest12/node_modules is missing: CI must run \`${INSTALL}\` before the tests`);
      console.log(`      skipped: NestJS 12 is not installed in test/nest12; run \`${INSTALL}\` to include it`);
      this.skip();
    }
    rmSync(APP, { recursive: true, force: true });
    cpSync(join(ROOT, 'demo', 'nestjs'), APP, { recursive: true });
  });
  after(async () => {
    await run.app?.stop();
    await run.emulator?.close();
    rmSync(APP, { recursive: true, force: true });
  });

  it('test/nest12 has NestJS 12, is an ES module project, and resolves Nest and this package from there', () => {
    for (const name of ['@nestjs/common', '@nestjs/core', '@nestjs/platform-express']) expect(installed(name), name).to.match(/^12\./);
    expect(installed('@nestjs/passport')).to.match(/^12\./);
    expect((JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')) as { type?: string }).type).to.equal('module');
    const resolved = execFileSync(process.execPath, ['--input-type=module', '-e', "console.log(import.meta.resolve('@nestjs/core'));console.log(import.meta.resolve('passport-naver-kakao'))"], { cwd: APP, encoding: 'utf8' }).trim().split('\n');
    expect(resolved[0]).to.equal(`file://${PROJECT}/node_modules/@nestjs/core/index.js`);
    // Through the `file:../..` link: the repository's own build.
    expect(resolved[1]).to.equal(`file://${ROOT}/dist/index.js`);
  });

  it('the example type-checks against NestJS 12 under strict (with exactOptionalPropertyTypes)', () => {
    expect(readdirSync(APP).filter((f) => f.endsWith('.ts')).sort()).to.deep.equal(['auth.controller.ts', 'auth.module.ts', 'auth.strategies.ts', 'login.guards.ts', 'main.ts']);
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(PROJECT, 'tsconfig.json')], { encoding: 'utf8' });
    } catch (err) {
      throw new Error(`demo/nestjs does not type-check with NestJS 12:\n${(err as { stdout?: string }).stdout ?? String(err)}`);
    }
  });

  describe('main.ts run as an ES module with tsx against the emulator', () => {
    before(async () => {
      const port = await freePort();
      run.emulator = await nestEmulator(port);
      run.app = await runApp(join(APP, 'main.ts'), PROJECT, port, nestEnv(run.emulator));
    });
    nestLoginTests(() => run);
  });
});
