// The consumer projects in test/types/consumers, type-checked against the built
// package (dist) by TypeScript 5 (the oldest supported, 5.0), 6 and 7, under
// strict, exactOptionalPropertyTypes and noUncheckedIndexedAccess; and the ES
// module entries run under plain node.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'chai';

const ROOT = join(__dirname, '..', '..');
const CONSUMERS = join(__dirname, 'consumers');
const COMPILERS = {
  'TypeScript 5.0': join(ROOT, 'node_modules', 'typescript5', 'bin', 'tsc'),
  'TypeScript 6': join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
  'TypeScript 7': join(ROOT, 'node_modules', 'typescript7', 'bin', 'tsc'),
};

/**
 * Does not compile on purpose. It is written to a dot-folder at run time, so
 * the project's own `tsc -p tsconfig.json` never sees it.
 */
const WRONG_VERIFY = `import { KakaoStrategy, NaverStrategy } from 'passport-naver-kakao';

new KakaoStrategy({ clientID: 'key' }, (accessToken: string, refreshToken: number, profile: { id: string }, done: (error: unknown) => void) => {
  done({ accessToken, refreshToken, profile });
});
new NaverStrategy({ clientID: 'id', clientSecret: 'secret' }, (accessToken: string, refreshToken: number, profile: { id: string }, done: (error: unknown) => void) => {
  done({ accessToken, refreshToken, profile });
});
`;

/** Runs one compiler over one consumer project; returns its exit status and output. */
function tsc(compiler: string, project: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [compiler, '-p', join(project, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('type tests against the built package', function () {
  this.timeout(120_000);
  let errorsProject: string;
  before(() => {
    // Inside the package folder, so that 'passport-naver-kakao' resolves to this package.
    errorsProject = mkdtempSync(join(CONSUMERS, '.errors-'));
    copyFileSync(join(CONSUMERS, 'cjs', 'tsconfig.json'), join(errorsProject, 'tsconfig.json'));
    writeFileSync(join(errorsProject, 'app.ts'), WRONG_VERIFY);
  });
  after(() => rmSync(errorsProject, { recursive: true, force: true }));

  for (const [name, compiler] of Object.entries(COMPILERS)) {
    describe(name, () => {
      it('reports the version the test means', () => {
        const version = execFileSync(process.execPath, [compiler, '--version'], { encoding: 'utf8' });
        expect(version).to.match(name === 'TypeScript 5.0' ? /Version 5\.0\./ : name === 'TypeScript 6' ? /Version 6\./ : /Version 7\./);
      });

      it('compiles the CommonJS consumer (app.ts) with no error', () => {
        const { status, output } = tsc(compiler, join(CONSUMERS, 'cjs'));
        expect(output).to.equal('');
        expect(status).to.equal(0);
      });

      it('compiles the ES module consumer (app.mts) with no error', () => {
        const { status, output } = tsc(compiler, join(CONSUMERS, 'esm'));
        expect(output).to.equal('');
        expect(status).to.equal(0);
      });

      it('reports a wrong verify against the plain (options, verify) form, not passReqToCallback', () => {
        const { status, output } = tsc(compiler, errorsProject);
        const file = join(relative(ROOT, errorsProject), 'app.ts');
        expect(status, output).to.be.oneOf([1, 2]);
        const errors = output.split(/\n(?=\S)/).filter((block) => block.includes('error TS'));
        expect(errors).to.have.length(2);
        const [kakao, naver] = errors as [string, string];
        expect(kakao).to.include(`${file}(3,`).and.include("Types of parameters 'refreshToken' and 'refreshToken' are incompatible");
        expect(naver).to.include(`${file}(6,`).and.include("Types of parameters 'refreshToken' and 'refreshToken' are incompatible");
        expect(kakao).to.include("parameter of type 'KakaoVerifyFunction<KakaoProfile>'");
        expect(naver).to.include("parameter of type 'NaverVerifyFunction'");
        expect(output).not.to.include('passReqToCallback');
      });
    });
  }

  it('the ES module entries default-export the same strategy classes as the CommonJS ones', () => {
    const out = execFileSync(process.execPath, [join(CONSUMERS, 'esm', 'run.mjs')], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(out)).to.deep.equal({ kakaoName: 'kakao', naverName: 'naver', kakaoSame: true, naverSame: true, kakaoInstance: true });
  });
});
