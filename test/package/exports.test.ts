// The built package as users load it: by its name, through package.json "exports".
import { execFileSync } from 'node:child_process';
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

  it('lets ESM code import the subpaths by name', () => {
    const result = node(
      ['--input-type=module', '-e'],
      "import { Strategy as N } from 'passport-naver-kakao/naver'; import { Strategy as K, KakaoAPIError } from 'passport-naver-kakao/kakao'; console.log(JSON.stringify([N.name, K.name, new KakaoAPIError('m', -401, 401).code]))",
    );
    expect(result).to.deep.equal(['NaverStrategy', 'KakaoStrategy', -401]);
  });
});
