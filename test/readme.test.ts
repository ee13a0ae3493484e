// The README's examples are real, in both languages:
// - every TypeScript block type-checks under `strict` against the built package;
// - the complete app of "Use" runs unchanged and logs in with Naver and with Kakao
//   against the emulator over real HTTP, keeping every Set-Cookie (passport 0.7
//   gives the logged-in user a new session);
// - the node:test example runs and passes;
// - the install line names every package the app imports, and their types.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { describeError, IdTokenError, KakaoAPIError, KakaoTokenError, NaverAPIError, NaverTokenError, ProviderRequestError } from '../lib/index';
import type { Emulator } from '../lib/testing';
import { freePort, startApp, type AppProcess } from './readme/app-process';
import { exampleEmulator, exampleEnv } from './support/run-app';
import { appBlock, codeShape, headingAnchors, inPageLinks, nodeTestBlock, relativeLinks, ROOT, shBlocks, tableAfterHeader, tsBlocks } from './readme/blocks';
import { Browser } from './readme/browser';

const OUT = join(ROOT, '.readme-check');
const READMES = ['README.md', 'README.ko.md'] as const;
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** Names the shorter examples use without defining them, as an app around them would have. */
const PREAMBLE = `import type { Express as ReadmeExpress } from 'express';
import type { KakaoProfile as ReadmeKakaoProfile, KakaoStrategy as ReadmeKakao, NaverStrategy as ReadmeNaver, VerifyCallback as ReadmeVerifyCallback } from 'passport-naver-kakao';
declare const app: ReadmeExpress;
declare const naver: ReadmeNaver;
declare const kakao: ReadmeKakao;
declare const strategy: ReadmeNaver | ReadmeKakao;
declare const user: { refreshToken: string };
declare const accessToken: string;
declare const refreshToken: string;
declare const verify: (accessToken: string, refreshToken: string, profile: ReadmeKakaoProfile, done: ReadmeVerifyCallback) => void;
export {};
`;

const STRICT = { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, experimentalDecorators: true, skipLibCheck: true, esModuleInterop: true, types: ['node'] };

/** Type-checks the `.mts` files of `dir` under strict; the error names the README. */
function typeCheck(dir: string, label: string): void {
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: STRICT, include: ['*.mts'] }));
  try {
    execFileSync(process.execPath, [TSC, '-p', dir], { encoding: 'utf8' });
  } catch (err) {
    throw new Error(`${label} does not type-check:\n${(err as { stdout?: string }).stdout ?? String(err)}`);
  }
}

/** Bare package names a block imports (`node:` modules and relative paths left out). */
function importedPackages(code: string): string[] {
  const names = [...code.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]!);
  return [...new Set(names.filter((n) => !n.startsWith('node:') && !n.startsWith('.')).map((n) => (n.startsWith('@') ? n.split('/').slice(0, 2).join('/') : n.split('/')[0]!)))];
}

/**
 * The error a code in the README's table of common codes stands for, built as
 * the package builds it; `cell` is the table cell, which says whose code it is.
 */
function errorFor(code: string, cell: string): unknown {
  if (/^KOE\d+$/.test(code)) return new KakaoTokenError('Kakao token request failed', 'invalid_request', 400, code);
  if (/^-\d+$/.test(code)) return new KakaoAPIError('Kakao API request failed', Number(code), 400);
  if (/^\d{3}$/.test(code)) return new NaverAPIError('Naver API request failed', code, 401);
  if (code.startsWith('ERR_')) return new IdTokenError('ID token rejected', code, 'kakao');
  if (/^E[A-Z]+$/.test(code)) return new ProviderRequestError('request failed', code as 'ETIMEDOUT', code === 'EBADRESPONSE' ? 502 : undefined, 'kakao');
  // Naver's reused-code answer: HTTP 200 with this description, read as a NaverTokenError.
  if (code === 'invalid_request' && cell.includes('no valid data in session')) return new NaverTokenError('no valid data in session', code, 400);
  return { message: code, code, provider: 'kakao' };
}

describe('the README examples', function () {
  this.timeout(120_000);
  after(() => rmSync(OUT, { recursive: true, force: true }));

  it('README.ko.md has the same code as README.md in its complete app and its node:test example (comments and texts aside)', () => {
    expect(codeShape(appBlock('README.ko.md'))).to.deep.equal(codeShape(appBlock('README.md')));
    expect(codeShape(nodeTestBlock('README.ko.md'))).to.deep.equal(codeShape(nodeTestBlock('README.md')));
  });

  it('README.ko.md has the same TypeScript blocks as README.md, in the same order (comments and texts aside)', () => {
    const english = tsBlocks('README.md').map(codeShape);
    const korean = tsBlocks('README.ko.md').map(codeShape);
    expect(korean.length).to.equal(english.length);
    korean.forEach((shape, i) => expect(shape, `TypeScript block ${i + 1}`).to.deep.equal(english[i]));
  });

  for (const file of READMES) {
    const slug = file.replace(/\W/g, '-');

    describe(file, () => {
      it('every TypeScript block type-checks against the package under strict', () => {
        const app = appBlock(file);
        const others = tsBlocks(file).filter((code) => code !== app);
        expect(others.length, `${file} has TypeScript examples`).to.be.above(5);
        const dir = join(OUT, slug, 'examples');
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        others.forEach((code, i) => {
          // Examples with their own imports go first, the preamble's declarations after.
          const lines = code.split('\n');
          const imports = lines.filter((line) => /^import /.test(line));
          const body = lines.filter((line) => !/^import /.test(line));
          writeFileSync(join(dir, `example-${i + 1}.mts`), `${imports.join('\n')}\n${PREAMBLE}\n${body.join('\n')}`);
        });
        typeCheck(dir, `${file} examples`);
        // The complete app compiles alone and as written: nothing is declared for it.
        const appDir = join(OUT, slug, 'app-check');
        rmSync(appDir, { recursive: true, force: true });
        mkdirSync(appDir, { recursive: true });
        writeFileSync(join(appDir, 'app.mts'), app);
        typeCheck(appDir, `${file} "Use" app`);
      });

      it('the install lines name every package the app imports, and the types a TypeScript user needs', () => {
        const install = shBlocks(file).find((code) => code.includes('npm install passport-naver-kakao'));
        expect(install, 'an install block').to.be.a('string');
        const [runtime, dev] = ['npm install passport-naver-kakao', 'npm install -D'].map((start) => install!.split('\n').find((line) => line.startsWith(start))?.split('#')[0]!.trim().split(/\s+/));
        expect(runtime, 'a runtime install line').to.be.an('array');
        expect(dev, 'a dev install line').to.be.an('array');
        expect(runtime).to.include.members(importedPackages(appBlock(file)));
        expect(dev).to.include.members(['@types/express', '@types/express-session', '@types/passport', 'typescript']);
        const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
        for (const name of [...runtime!.slice(2), ...dev!.slice(2)].filter((n) => n !== 'passport-naver-kakao' && !n.startsWith('-'))) {
          expect(pkg.devDependencies, `${name} is one of the packages this repository tests with`).to.have.property(name);
        }
      });

      it('every in-page link points at a heading', () => {
        const anchors = headingAnchors(file);
        const links = inPageLinks(file);
        expect(links.length, 'in-page links').to.be.above(3);
        for (const link of links) expect([...anchors], `#${link}`).to.include(link);
      });

      it('every relative link points at a file of the repository', () => {
        const links = relativeLinks(file);
        expect(links, 'links to the docs pages').to.include.members(['docs/readme/errors' + (file === 'README.md' ? '.md' : '.ko.md')]);
        for (const link of links) expect(existsSync(join(ROOT, link)), link).to.equal(true);
      });

      it('has no merge marker left', () => {
        const markers = [...readFileSync(join(ROOT, file), 'utf8').matchAll(/<!--\s*merge:\s*([^\s>]+)/g)].map((m) => m[1]);
        expect(markers).to.deep.equal([]);
      });

      it('gives each common error code the category describeError gives it', () => {
        const rows = tableAfterHeader(file, file === 'README.md' ? ['code', 'what it means', 'category', 'what to do'] : ['코드', '뜻', '분류', '할 일']);
        expect(rows.length, 'rows of the table of common codes').to.be.above(8);
        let checked = 0;
        for (const [codeCell, , categoryCell] of rows) {
          const category = /`(\w+)`/.exec(categoryCell!)?.[1];
          expect(category, `a category for ${codeCell}`).to.be.oneOf(['retry', 'login', 'config', 'consent']);
          for (const [, code] of codeCell!.matchAll(/`([^`]+)`/g)) {
            expect(describeError(errorFor(code!, codeCell!)).category, `${code} in ${file}`).to.equal(category);
            checked += 1;
          }
        }
        expect(checked).to.be.above(12);
      });

      it('asks for no scope in the app or the test example', () => {
        expect(appBlock(file)).not.to.match(/\bscope\b/);
        expect(nodeTestBlock(file)).not.to.match(/\bscope\b/);
      });

      it('the node:test example runs and passes', () => {
        const path = join(OUT, slug, 'example.test.mts');
        mkdirSync(join(OUT, slug), { recursive: true });
        writeFileSync(path, nodeTestBlock(file));
        // A time limit: a test that leaves a server open would otherwise hang this one.
        const output = execFileSync(process.execPath, ['--import', 'tsx', '--test', path], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
        expect(output).to.match(/^# pass 1$/m).and.match(/^# fail 0$/m);
      });

      describe('the complete app of "Use", run unchanged against the emulator', () => {
        let emulator: Emulator;
        let app: AppProcess;

        before(async () => {
          const port = await freePort();
          // Both apps registered with a secret and with only the app's own callback URL, so a
          // Kakao strategy without its secret (KOE010) or a wrong redirect URI fails the login.
          emulator = await exampleEmulator(port, (provider) => `/oauth2/redirect/${provider}`);
          // Only the variables the README documents.
          app = await startApp(join(OUT, slug, 'app', 'app.mts'), appBlock(file), port, { SESSION_SECRET: 'readme-test-session-secret', ...exampleEnv(emulator) });
        });

        after(async () => {
          await app?.stop();
          await emulator?.close();
        });

        for (const provider of ['naver', 'kakao'] as const) {
          it(`logs in with ${provider}: consent screen, callback, a new session, the user's name on the page; then logs out`, async () => {
            const browser = new Browser();
            const toProvider = await browser.navigate(`${app.baseURL}/login/${provider}`);
            expect(toProvider.map((hop) => hop.status)).to.deep.equal([302, 200]);
            const authorize = new URL(toProvider[1]!.url);
            expect(authorize.origin + authorize.pathname).to.equal(emulator[provider].authorizationURL);
            expect(authorize.searchParams.get('redirect_uri')).to.equal(`${app.baseURL}/oauth2/redirect/${provider}`);
            expect(authorize.searchParams.has('scope'), 'no scope by default').to.equal(false);
            expect(authorize.searchParams.get('state')).to.be.a('string').with.length.above(8);
            const before = browser.cookie(app.baseURL, 'connect.sid');
            expect(before, 'the session that holds the state').to.be.a('string');

            const callback = await emulator.approve(authorize.href, 'kim'); // 김민지, nickname 민지
            const back = await browser.navigate(callback);
            expect(back.map((hop) => [hop.status, hop.location && new URL(hop.location).pathname])).to.deep.equal([[302, '/'], [200, undefined]]);
            const after = browser.cookie(app.baseURL, 'connect.sid');
            expect(after, 'a session cookie after the login').to.be.a('string');
            expect(after, 'passport 0.7 regenerates the session at login').not.to.equal(before);
            expect(back[1]!.body).to.include('민지').and.include(`(${provider})`).and.include('action="/logout"');

            // The page stays logged in with the new cookie, and logging out ends it.
            expect((await browser.request(`${app.baseURL}/`)).body).to.include('민지');
            const out = await browser.navigate(`${app.baseURL}/logout`, 'POST');
            expect(out.map((hop) => hop.status)).to.deep.equal([302, 200]);
            expect(out[1]!.body).not.to.include('민지');
            expect(out[1]!.body).to.include('href="/login/naver"').and.include('href="/login/kakao"');
          });

          it(`shows why a ${provider} login failed, escaped, when the user presses Cancel`, async () => {
            const browser = new Browser();
            const toProvider = await browser.navigate(`${app.baseURL}/login/${provider}`);
            const callback = await emulator.cancel(toProvider.at(-1)!.url);
            const back = await browser.navigate(callback);
            expect(back.map((hop) => hop.status)).to.deep.equal([302, 200]);
            // The provider's own error_description reaches the page through failureMessage.
            expect(back[1]!.body).to.include(provider === 'naver' ? 'Canceled By User' : 'User denied access');
            expect(back[1]!.body).not.to.include('action="/logout"');
          });

          it(`escapes a ${provider} error description before putting it in the page`, async () => {
            const browser = new Browser();
            await browser.navigate(`${app.baseURL}/login/${provider}`);
            // A callback forged with markup in error_description, as an attacker's link would carry it.
            const attack = '<img src=x onerror=alert(1)>"\'&';
            const back = await browser.navigate(`${app.baseURL}/oauth2/redirect/${provider}?error=access_denied&error_description=${encodeURIComponent(attack)}`);
            expect(back.map((hop) => hop.status)).to.deep.equal([302, 200]);
            expect(back[1]!.body).not.to.include('<img');
            expect(back[1]!.body).to.include('&#60;img src=x onerror=alert(1)&#62;&#34;&#39;&#38;');
          });
        }

        it('printed nothing but its start line (no token, code or secret in the output)', () => {
          expect(app.output().trim()).to.equal(`Listening on ${app.baseURL}`);
        });
      });
    });
  }
});
