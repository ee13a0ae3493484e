// The package as npm would publish it: what the tarball holds, and that a fresh
// project can install it and load every entry, from CommonJS, ESM and TypeScript.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';

const ROOT = join(__dirname, '..', '..');
const ENTRIES = ['passport-naver-kakao', 'passport-naver-kakao/naver', 'passport-naver-kakao/kakao', 'passport-naver-kakao/testing'];

function sh(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('the packed package', function () {
  this.timeout(180_000);
  let project: string;
  let tarball: string;

  before(() => {
    project = mkdtempSync(join(tmpdir(), 'pnk-pack-'));
    const packed = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', project], ROOT)) as Array<{ filename: string; files: Array<{ path: string }> }>;
    tarball = join(project, packed[0]!.filename);
    writeFileSync(join(project, 'files.json'), JSON.stringify(packed[0]!.files.map((f) => f.path)));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], project);
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  it('holds only dist, the READMEs, the changelog, the license and package.json', () => {
    const files = JSON.parse(sh('cat', ['files.json'], project)) as string[];
    const outside = files.filter((f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'README.ko.md', 'CHANGELOG.md', 'LICENSE'].includes(f));
    expect(outside).to.deep.equal([]);
    expect(files).to.include.members(['dist/index.js', 'dist/index.d.ts', 'README.md', 'README.ko.md', 'CHANGELOG.md', 'LICENSE']);
    expect(files.filter((f) => f.endsWith('.map') || f.endsWith('.ts') && !f.endsWith('.d.ts'))).to.deep.equal([]);
  });

  it('is required from CommonJS, every entry', () => {
    const code = `console.log(JSON.stringify(${JSON.stringify(ENTRIES)}.map((e) => Object.keys(require(e)).length > 0)))`;
    expect(JSON.parse(sh(process.execPath, ['-e', code], project))).to.deep.equal([true, true, true, true]);
  });

  it('is imported from ESM, every entry', () => {
    const code = `const r = []; for (const e of ${JSON.stringify(ENTRIES)}) r.push(Object.keys(await import(e)).length > 1); console.log(JSON.stringify(r));`;
    expect(JSON.parse(sh(process.execPath, ['--input-type=module', '-e', code], project))).to.deep.equal([true, true, true, true]);
  });

  for (const [moduleKind, resolution] of [['nodenext', 'nodenext'], ['commonjs', 'node10']] as const) {
    it(`type-checks every entry from TypeScript (module ${moduleKind}, moduleResolution ${resolution})`, () => {
      writeFileSync(
        join(project, 'use.ts'),
        `import { KakaoStrategy, NaverStrategy, CookieStateStore } from 'passport-naver-kakao';
import { Strategy as N } from 'passport-naver-kakao/naver';
import { Strategy as K } from 'passport-naver-kakao/kakao';
import { startEmulator } from 'passport-naver-kakao/testing';
const k = new KakaoStrategy({ clientID: 'x' }, (at, rt, profile, done) => done(null, { id: profile.id, at, rt }));
const n: NaverStrategy = new N({ clientID: 'x', clientSecret: 'y' }, (_a, _r, p, d) => d(null, { id: p.id }));
const same: typeof K = KakaoStrategy;
export const all = [k, n, same, CookieStateStore, startEmulator];
`,
      );
      const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
      sh(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--esModuleInterop', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules', '@types'), '--module', moduleKind, '--moduleResolution', resolution, ...(resolution === 'node10' ? ['--ignoreDeprecations', '6.0'] : []), 'use.ts'], project);
      expect(readdirSync(project)).to.include('use.ts');
    });
  }
});
