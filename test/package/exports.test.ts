// The built package as users load it: by its name, through package.json "exports".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';

/** Runs a snippet in a fresh node process from the repository root and returns its JSON output. */
function node(args: string[], code: string): unknown {
  const out = execFileSync(process.execPath, [...args, code], { cwd: `${__dirname}/../..`, encoding: 'utf8' });
  return JSON.parse(out);
}

const MAIN_EXPORTS = [
  'AuthorizationError',
  'CookieStateStore',
  'IdTokenError',
  'InternalOAuthError',
  'KAKAO_ACCESS_TOKEN_INFO_URL',
  'KAKAO_AUTHORIZATION_URL',
  'KAKAO_ISSUER',
  'KAKAO_JWKS_URL',
  'KAKAO_LOGOUT_URL',
  'KAKAO_PROFILE_URL',
  'KAKAO_TOKEN_URL',
  'KAKAO_UNLINK_URL',
  'KakaoAPIError',
  'KakaoStrategy',
  'KakaoTokenError',
  'KakaoTokenStrategy',
  'NAVER_AUTHORIZATION_URL',
  'NAVER_PROFILE_URL',
  'NAVER_REVOKE_URL',
  'NAVER_TOKEN_URL',
  'KAKAO_UNLINK_REFERRER_TYPES',
  'NAVER_UNLINK_MAX_AGE_SECONDS',
  'NaverAPIError',
  'NaverStrategy',
  'NaverTokenError',
  'NaverTokenStrategy',
  'ProviderRequestError',
  'TokenError',
  'UNLINK_MAX_BODY_BYTES',
  'describeError',
  'kakaoUnlinkWebhook',
  'naverUnlinkWebhook',
  'parseKakaoProfile',
  'parseNaverProfile',
  'verifyKakaoUnlink',
  'verifyNaverUnlink',
].sort();

describe('the built package', () => {
  it('exports the same surface to require() and to import', () => {
    const cjs = node(['-e'], "console.log(JSON.stringify(Object.keys(require('passport-naver-kakao')).filter(k => k !== '__esModule').sort()))");
    const esm = node(['--input-type=module', '-e'], "import * as m from 'passport-naver-kakao'; console.log(JSON.stringify(Object.keys(m).filter(k => !['default', 'module.exports', '__esModule'].includes(k)).sort()))");
    expect(cjs).to.deep.equal(MAIN_EXPORTS);
    expect(esm).to.deep.equal(MAIN_EXPORTS);
  });

  it("gives the subpaths a Strategy that is the provider class, and passport-oauth2's own error classes", () => {
    const result = node(
      ['-e'],
      `const main = require('passport-naver-kakao');
       const OAuth2Strategy = require('passport-oauth2');
       const s = new (require('passport-naver-kakao/kakao').Strategy)({ clientID: 'x' }, (a, r, p, d) => d());
       console.log(JSON.stringify({
         naver: require('passport-naver-kakao/naver').Strategy === main.NaverStrategy,
         kakao: require('passport-naver-kakao/kakao').Strategy === main.KakaoStrategy,
         base: s instanceof OAuth2Strategy,
         name: s.name,
         errors: main.TokenError === OAuth2Strategy.TokenError && main.AuthorizationError === OAuth2Strategy.AuthorizationError && main.InternalOAuthError === OAuth2Strategy.InternalOAuthError,
       }))`,
    );
    expect(result).to.deep.equal({ naver: true, kakao: true, base: true, name: 'kakao', errors: true });
  });

  it('defines every class once, whichever entry or part loaded it (scripts/bundle.mjs)', () => {
    const result = node(
      ['-e'],
      `const fs = require('node:fs');
       const main = require('passport-naver-kakao');
       const naver = require('passport-naver-kakao/naver');
       const kakao = require('passport-naver-kakao/kakao');
       const dist = require.resolve('passport-naver-kakao').replace(/index\.js$/, '');
       const ours = () => Object.keys(require.cache).filter((f) => f.startsWith(dist));
       const loadedBefore = ours().map((f) => f.slice(dist.length)).sort();
       for (const m of [main, naver, kakao]) for (const k of Object.keys(m)) void m[k];
       const loaded = ours();
       const classes = Object.keys(main).filter((k) => typeof main[k] === 'function' && /^class /.test(String(main[k])));
       const definedIn = Object.fromEntries(classes.map((name) => [name, loaded.filter((f) => { const src = fs.readFileSync(f, 'utf8'); return src.includes('class ' + name + ' ') || src.includes('var ' + name + ' = class '); }).length]));
       console.log(JSON.stringify({
         loadedBefore,
         definedIn,
         same: main.KakaoTokenStrategy === kakao.KakaoTokenStrategy && main.NaverTokenStrategy === naver.NaverTokenStrategy && main.IdTokenError === kakao.IdTokenError && main.IdTokenError === naver.IdTokenError,
         esModule: [main, naver, kakao].map((m) => m.__esModule),
       }))`,
    ) as { loadedBefore: string[]; definedIn: Record<string, number>; same: boolean; esModule: boolean[] };
    // Loading the entries reads the runtime only; the token strategies, webhooks and cookie store wait for first use.
    expect(result.loadedBefore).to.deep.equal(['index.js', 'kakao/index.js', 'naver/index.js', 'runtime.js']);
    const classNames = Object.keys(result.definedIn);
    expect(classNames).to.include.members(['NaverStrategy', 'KakaoStrategy', 'KakaoTokenStrategy', 'NaverTokenStrategy', 'CookieStateStore', 'IdTokenError', 'KakaoAPIError']);
    expect(result.definedIn).to.deep.equal(Object.fromEntries(classNames.map((name) => [name, 1])));
    expect(result.same).to.equal(true);
    expect(result.esModule).to.deep.equal([true, true, true]);
  });

  it('still works when an app is bundled with esbuild: the parts read on first use go into the bundle', async () => {
    const { build } = await import('esbuild');
    const dir = mkdtempSync(join(tmpdir(), 'pnk-bundled-app-'));
    try {
      const result = await build({
        stdin: {
          contents: `const m = require('passport-naver-kakao');
            const k = require('passport-naver-kakao/kakao');
            console.log(JSON.stringify([m.KakaoTokenStrategy === k.KakaoTokenStrategy, m.KakaoTokenStrategy.name, m.CookieStateStore.name, typeof m.kakaoUnlinkWebhook, m.describeError('KOE320').code]));`,
          resolveDir: join(__dirname, '..', '..'),
        },
        bundle: true,
        platform: 'node',
        outfile: join(dir, 'app.js'),
        logLevel: 'silent',
      });
      expect(result.warnings.map((w) => w.text)).to.deep.equal([]);
      // Run from a folder with no node_modules: everything must be inside app.js.
      const out = execFileSync(process.execPath, [join(dir, 'app.js')], { cwd: dir, encoding: 'utf8' });
      expect(JSON.parse(out)).to.deep.equal([true, 'KakaoTokenStrategy', 'CookieStateStore', 'function', 'KOE320']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets ESM code import the subpaths by name', () => {
    const result = node(
      ['--input-type=module', '-e'],
      "import { Strategy as N } from 'passport-naver-kakao/naver'; import { Strategy as K, KakaoAPIError } from 'passport-naver-kakao/kakao'; console.log(JSON.stringify([N.name, K.name, new KakaoAPIError('m', -401, 401).code]))",
    );
    expect(result).to.deep.equal(['NaverStrategy', 'KakaoStrategy', -401]);
  });
});
