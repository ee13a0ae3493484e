import { expect } from 'chai';
import { parseKakaoProfile, parseNaverProfile, type KakaoUser } from '../../lib/index.js';
import { exactUserId as topLevelIntegerId } from '../../lib/kakao/profile.js';
import { fixture } from '../fixtures.js';

describe('profile parsing', () => {
  describe('Naver', () => {
    it('leaves out every field the user did not agree to give', () => {
      const raw = fixture('naver/me-minimal.json');
      const user = JSON.parse(raw).response;
      expect(parseNaverProfile(user, raw)).to.deep.equal({
        provider: 'naver',
        id: 'Yk9ZbHc3aGlXcWxDb2dvUlR5eVptY0FfTmlCYWh5WUZHQmJGaUE',
        displayName: '',
        _raw: raw,
        _json: user,
      });
    });

    it('falls back to the name when there is no nickname', () => {
      const profile = parseNaverProfile({ id: '1', name: '오픈 API', nickname: '' }, '{}');
      expect(profile.displayName).to.equal('오픈 API');
    });

    it('keeps provider extras reachable through _json', () => {
      const raw = fixture('naver/me.json');
      const profile = parseNaverProfile(JSON.parse(raw).response, raw);
      expect(profile._json).to.include({ gender: 'F', age: '40-49', birthday: '10-01', birthyear: '1900', mobile: '010-0000-0000' });
    });
  });

  describe('Kakao', () => {
    it('leaves out every field the user did not consent to', () => {
      const raw = fixture('kakao/me-no-consent.json');
      const user = JSON.parse(raw) as KakaoUser;
      expect(parseKakaoProfile(user, raw)).to.deep.equal({ provider: 'kakao', id: '3141592653', displayName: '', _raw: raw, _json: user });
    });

    it('marks an email unverified unless Kakao says it is verified and valid', () => {
      for (const [verified, valid, expected] of [
        [true, true, true],
        [true, false, false],
        [false, true, false],
        [undefined, undefined, false],
      ] as const) {
        const user: KakaoUser = { id: 1, kakao_account: { email: 'a@b.kr', ...(verified === undefined ? {} : { is_email_verified: verified, is_email_valid: valid }) } };
        expect(parseKakaoProfile(user, '{"id":1}').emails).to.deep.equal([{ value: 'a@b.kr', verified: expected }]);
      }
    });

    it('uses the thumbnail when there is no full-size image, and the name when there is no nickname', () => {
      const user: KakaoUser = { id: 2, kakao_account: { name: '김카카오', profile: { thumbnail_image_url: 'https://k.kakaocdn.net/t.jpg' } } };
      const profile = parseKakaoProfile(user, '{"id":2}');
      expect(profile.displayName).to.equal('김카카오');
      expect(profile.photos).to.deep.equal([{ value: 'https://k.kakaocdn.net/t.jpg' }]);
    });

    it('uses properties.nickname only when the profile has no nickname at all (older apps, docs/providers.md §C4)', () => {
      const older: KakaoUser = { id: 3, properties: { nickname: '옛날닉' }, kakao_account: { profile_nickname_needs_agreement: false, profile: {} } };
      expect(parseKakaoProfile(older, '{"id":3}')).to.deep.include({ displayName: '옛날닉', username: '옛날닉' });
      const both: KakaoUser = { id: 3, properties: { nickname: 'old' }, kakao_account: { profile: { nickname: '새닉' } } };
      expect(parseKakaoProfile(both, '{"id":3}')).to.deep.include({ displayName: '새닉', username: '새닉' });
    });

    it("does not show Kakao's placeholder nickname (is_default_nickname): the name if shared, else ''", () => {
      const placeholder = { nickname: '닉네임을 등록해주세요', is_default_nickname: true };
      const withName: KakaoUser = { id: 4, properties: { nickname: '닉네임을 등록해주세요' }, kakao_account: { name: '홍길동', profile: placeholder } };
      const profile = parseKakaoProfile(withName, '{"id":4}');
      expect(profile.displayName).to.equal('홍길동');
      expect(profile).not.to.have.property('username');
      expect(parseKakaoProfile({ id: 4, kakao_account: { profile: placeholder } }, '{"id":4}').displayName).to.equal('');
    });

    it("gives no photo for Kakao's default picture (is_default_image)", () => {
      const user: KakaoUser = { id: 5, kakao_account: { profile: { nickname: '길동', profile_image_url: 'https://k.kakaocdn.net/default.jpg', thumbnail_image_url: 'https://k.kakaocdn.net/default_110.jpg', is_default_image: true } } };
      const profile = parseKakaoProfile(user, '{"id":5}');
      expect(profile).not.to.have.property('photos');
      expect(profile).to.deep.include({ displayName: '길동', username: '길동' });
    });
  });

  describe("Naver's placeholder nickname", () => {
    it('is not the display name when the name is shared: a masked id like abcd*** or ocj****', () => {
      for (const masked of ['abcd***', 'ocj****']) {
        expect(parseNaverProfile({ id: '1', name: '김네이버', nickname: masked }, '{}').displayName).to.equal('김네이버');
      }
      expect(parseNaverProfile({ id: '1', nickname: 'abcd***' }, '{}').displayName).to.equal('abcd***');
      expect(parseNaverProfile({ id: '1', name: '김네이버', nickname: '별*님' }, '{}').displayName).to.equal('별*님');
    });
  });

  describe('the exact top-level id', () => {
    it('reads the digits of an id above 2^53 wherever the key stands', () => {
      expect(topLevelIntegerId('{"id":1376016924429759228,"a":1}')).to.equal('1376016924429759228');
      expect(topLevelIntegerId('{"a":{"id":5},"b":"\\"id\\":7","id" : 9007199254740993 }')).to.equal('9007199254740993');
    });

    it('ignores ids in nested objects and arrays, and non-integer values', () => {
      expect(topLevelIntegerId('{"x":[{"id":1}],"y":{"id":2}}')).to.equal(undefined);
      expect(topLevelIntegerId('{"id":"12"}')).to.equal(undefined);
      expect(topLevelIntegerId('{"id":1.5}')).to.equal(undefined);
    });
  });
});
