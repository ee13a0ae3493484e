// The consumer projects in test/types/consumers, type-checked against the built
// package (dist) by TypeScript 5 (the oldest supported, 5.0), 6 and 7, under
// strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess; and the ES
// module entries run under plain node.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'chai';

const ROOT = join(__dirname, '..', '..');
const CONSUMERS = join(__dirname, 'consumers');
const COMPILERS = {
  'TypeScript 5.0': join(ROOT, 'node_modules', 'typescript5', 'bin', 'tsc'),
  'TypeScript 6': join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
  'TypeScript 7': join(ROOT, 'node_modules', 'typescript7', 'bin', 'tsc'),
};

/** Runs one compiler over one consumer project; returns its exit status and output. */
function tsc(compiler: string, project: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [compiler, '-p', join(CONSUMERS, project, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('type tests against the built package', function () {
  this.timeout(120_000);

  for (const [name, compiler] of Object.entries(COMPILERS)) {
    describe(name, () => {
      it('reports the version the test means', () => {
        const version = execFileSync(process.execPath, [compiler, '--version'], { encoding: 'utf8' });
        expect(version).to.match(name === 'TypeScript 5.0' ? /Version 5\.0\./ : name === 'TypeScript 6' ? /Version 6\./ : /Version 7\./);
      });

      it('compiles the CommonJS consumer (app.ts) with no error', () => {
        const { status, output } = tsc(compiler, 'cjs');
        expect(output).to.equal('');
        expect(status).to.equal(0);
      });

      it('compiles the ES module consumer (app.mts) with no error', () => {
        const { status, output } = tsc(compiler, 'esm');
        expect(output).to.equal('');
        expect(status).to.equal(0);
      });

      it('reports a wrong verify against the plain (options, verify) form, not passReqToCallback', () => {
        const { status, output } = tsc(compiler, 'errors');
        expect(status).to.equal(2);
        const errors = output.split(/\n(?=\S)/).filter((block) => block.includes('error TS'));
        expect(errors).to.have.length(2);
        const [kakao, naver] = errors as [string, string];
        expect(kakao).to.include('wrong-verify.ts(5,').and.include("Types of parameters 'refreshToken' and 'refreshToken' are incompatible");
        expect(naver).to.include('wrong-verify.ts(9,').and.include("Types of parameters 'refreshToken' and 'refreshToken' are incompatible");
        expect(output).not.to.include('passReqToCallback');
      });
    });
  }

  it('the ES module entries default-export the same strategy classes as the CommonJS ones', () => {
    const out = execFileSync(process.execPath, [join(CONSUMERS, 'esm', 'run.mjs')], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out)).to.deep.equal({ kakaoName: 'kakao', naverName: 'naver', kakaoSame: true, naverSame: true, kakaoInstance: true });
  });
});
