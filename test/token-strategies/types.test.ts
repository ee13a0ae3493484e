// The token strategies' types under strict TypeScript (tsc -p tsconfig.json
// checks this file: each @ts-expect-error fails the type-check when the error
// it expects goes away), and their registration with passport.
import { expect } from 'chai';
import type { Request } from 'express';
import { Passport } from 'passport';
import type { KakaoIdTokenProfile, KakaoProfile, NaverProfile } from '../../lib/index.js';
import { KakaoTokenStrategy } from '../../lib/kakao/token-strategy.js';
import { NaverTokenStrategy } from '../../lib/naver/token-strategy.js';

describe('token strategy types', () => {
  it('types the profile by profileFrom, the request with passReqToCallback, and registers with passport under its name', () => {
    const seen: string[] = [];
    const userMe = new KakaoTokenStrategy({ appId: 1 }, (accessToken, refreshToken, profile, done) => {
      const full: KakaoProfile = profile;
      seen.push(accessToken, refreshToken, full._json.kakao_account?.email ?? '');
      done(null, profile);
    });
    const fromIdToken = new KakaoTokenStrategy({ profileFrom: 'id_token', audience: ['rest', 'native'] }, (_at, _rt, profile, done) => {
      // idToken is not optional on this profile.
      const claims: KakaoIdTokenProfile['idToken'] = profile.idToken;
      seen.push(claims.sub);
      done(null, profile);
    });
    const withRequest = new KakaoTokenStrategy({ appId: '1', passReqToCallback: true }, (req, _at, _rt, profile, done) => {
      const r: Request = req;
      seen.push(r.method, profile.id);
      done(null, false, { message: 'no' });
    });
    const naver = new NaverTokenStrategy({ clientID: 'c', requireIdToken: true, tokenHeader: 'authorization' }, (_at, _rt, profile, done) => {
      const p: NaverProfile = profile;
      seen.push(p.idToken?.sub ?? '');
      done(null, p);
    });
    const naverWithRequest = new NaverTokenStrategy({ passReqToCallback: true, name: 'naver-app' }, (req, _at, _rt, profile, done) => {
      seen.push(req.method, profile.id);
      done(null, profile);
    });

    // @ts-expect-error appId is required unless profileFrom is 'id_token'
    expect(() => new KakaoTokenStrategy({ clientID: 'k' }, (_a, _r, _p, done) => done(null, false))).to.throw(TypeError);
    // @ts-expect-error with profileFrom 'user_me' the profile has no required idToken
    new KakaoTokenStrategy({ appId: 1 }, (_a, _r, profile, done) => done(null, profile.idToken.sub));
    // @ts-expect-error passReqToCallback: true puts the request first
    new NaverTokenStrategy({ passReqToCallback: true }, (_at: string, _rt: string, profile: NaverProfile, done: (e: null, u: unknown) => void) => done(null, profile));

    const passport = new Passport();
    for (const strategy of [userMe, fromIdToken, withRequest, naver, naverWithRequest]) passport.use(strategy);
    const registered = (passport as unknown as { _strategy(name: string): unknown })._strategy.bind(passport);
    expect(registered('kakao-token')).to.equal(withRequest);
    expect(registered('naver-token')).to.equal(naver);
    expect(registered('naver-app')).to.equal(naverWithRequest);
    expect(seen).to.deep.equal([]);
  });
});
