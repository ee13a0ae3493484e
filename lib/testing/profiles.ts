/**
 * The user objects the emulated providers answer with: Kakao's `/v2/user/me`
 * and Naver's `/v1/nid/me` `response`, with only the items the user agreed to.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import type { EmulatorClient, EmulatorUser } from './types.js';

/** Kakao's placeholder nickname (docs/providers.md §C4). */
export const KAKAO_DEFAULT_NICKNAME = '닉네임을 등록해주세요';
/** Kakao's default picture, sent with `is_default_image: true` (§C4). */
export const KAKAO_DEFAULT_IMAGE = 'https://img1.kakaocdn.net/thumb/R640x640.q70/?fname=https://t1.kakaocdn.net/account_images/default_profile.jpeg';
/** Kakao's default thumbnail. */
export const KAKAO_DEFAULT_THUMBNAIL = 'https://img1.kakaocdn.net/thumb/R110x110.q70/?fname=https://t1.kakaocdn.net/account_images/default_profile.jpeg';

/** A stable 10-digit Kakao user number, the size real ones have. */
export function kakaoIdFor(user: EmulatorUser): string {
  return user.kakaoId ?? String(1_000_000_000 + (createHash('sha256').update(user.key).digest().readUInt32BE(0) % 3_000_000_000));
}

/** The person's own Naver id: `user.naverId`, or a BASE64-style id made from the user's key (like the ids of apps made after 2021-05-01, §A5). */
export function naverOwnId(user: EmulatorUser): string {
  return user.naverId ?? Buffer.from(`naver-emulator:${user.key}`).toString('base64url');
}

/**
 * A person's Naver id as one app sees it: Naver gives every app its own id for
 * the same person (§A5). The first Naver app registered with the emulator sees
 * the person's own id ({@link naverOwnId}); any other app sees an id made from
 * that and its Client ID.
 *
 * @param apps - the emulator's Naver apps, in the order they were registered
 */
export function naverIdFor(user: EmulatorUser, clientID: string, apps: readonly EmulatorClient[]): string {
  const own = naverOwnId(user);
  return clientID === apps[0]?.clientID ? own : createHash('sha256').update(`naver-app\n${clientID}\n${own}`).digest('base64url');
}

/** The user's age decade, from `age` or else `birthyear`; undefined when neither is known. */
function decade(user: EmulatorUser): number | undefined {
  if (user.age) return Number.parseInt(user.age, 10);
  if (!user.birthyear) return undefined;
  return Math.floor((new Date().getFullYear() - Number(user.birthyear)) / 10) * 10;
}

/** Naver's age bracket: `0-9` … `50-59`, `60-` (§C5). */
export function naverAge(user: EmulatorUser): string | undefined {
  if (user.age) return user.age;
  const d = decade(user);
  if (d === undefined) return undefined;
  return d >= 60 ? '60-' : `${d}-${d + 9}`;
}

/** Kakao's age range: `1~9`, `10~19` … `80~89`, `90~` (§C4). */
function kakaoAgeRange(user: EmulatorUser): string | undefined {
  const d = decade(user);
  if (d === undefined) return undefined;
  if (d >= 90) return '90~';
  return d === 0 ? '1~9' : `${d}~${d + 9}`;
}

/** `010-1234-5678` as E.164 (`+821012345678`), as Naver's `mobile_e164` (§C5). */
function e164(mobile: string): string {
  return `+82${mobile.replace(/\D/g, '').replace(/^0/, '')}`;
}

/** The nickname Kakao shows for a user, and whether it is the placeholder. */
function kakaoNickname(user: EmulatorUser): { nickname: string; isDefault: boolean } {
  if (user.kakaoDefaultNickname || user.noNickname) return { nickname: KAKAO_DEFAULT_NICKNAME, isDefault: true };
  return { nickname: user.nickname ?? user.name, isDefault: false };
}

/**
 * Kakao's `/v2/user/me` for a user, with only the agreed items (§B4, §C4); the
 * id is written digit for digit, as a JSON number that may exceed 2^53.
 */
export function kakaoUserBody(user: EmulatorUser, agreed: ReadonlySet<string>): string {
  const has = (item: string): boolean => agreed.has(item) || ((item === 'profile_nickname' || item === 'profile_image') && agreed.has('profile'));
  const { nickname, isDefault } = kakaoNickname(user);
  const images = user.kakaoDefaultImage ? { full: KAKAO_DEFAULT_IMAGE, thumb: KAKAO_DEFAULT_THUMBNAIL } : user.profileImage ? { full: user.profileImage, thumb: user.profileImage } : undefined;
  // The built-in properties are live copies of the profile (§C4).
  const properties: Record<string, string> = {};
  if (has('profile_nickname')) properties['nickname'] = nickname;
  if (has('profile_image') && images) Object.assign(properties, { profile_image: images.full, thumbnail_image: images.thumb });
  const account: Record<string, unknown> = {};
  if (!user.kakaoProfileOnlyInProperties) {
    account['profile_nickname_needs_agreement'] = !has('profile_nickname');
    account['profile_image_needs_agreement'] = !has('profile_image');
    const profile: Record<string, unknown> = {};
    if (has('profile_nickname')) Object.assign(profile, { nickname, is_default_nickname: isDefault });
    if (has('profile_image') && images) Object.assign(profile, { thumbnail_image_url: images.thumb, profile_image_url: images.full, is_default_image: user.kakaoDefaultImage === true });
    if (Object.keys(profile).length) account['profile'] = profile;
  }
  account['name_needs_agreement'] = !has('name');
  if (has('name')) account['name'] = user.name;
  account['email_needs_agreement'] = !has('account_email');
  if (has('account_email') && user.email) Object.assign(account, { is_email_valid: true, is_email_verified: true, email: user.email });
  const ageRange = kakaoAgeRange(user);
  account['age_range_needs_agreement'] = !has('age_range');
  if (has('age_range') && ageRange) account['age_range'] = ageRange;
  account['birthyear_needs_agreement'] = !has('birthyear');
  if (has('birthyear') && user.birthyear) account['birthyear'] = user.birthyear;
  account['birthday_needs_agreement'] = !has('birthday');
  if (has('birthday') && user.birthday) Object.assign(account, { birthday: user.birthday, birthday_type: 'SOLAR', is_leap_month: false });
  account['gender_needs_agreement'] = !has('gender');
  if (has('gender') && user.gender) account['gender'] = user.gender;
  account['phone_number_needs_agreement'] = !has('phone_number');
  if (has('phone_number') && user.mobile) account['phone_number'] = `+82 ${user.mobile.replace(/^0/, '')}`;
  const body: Record<string, unknown> = { id: 0, connected_at: '2024-01-01T00:00:00Z' };
  if (Object.keys(properties).length) body['properties'] = properties;
  body['kakao_account'] = account;
  return JSON.stringify(body).replace('"id":0', `"id":${kakaoIdFor(user)}`);
}

/**
 * Naver's `/v1/nid/me` `response` for a user: the id always, the other fields
 * when agreed and known (§A5, §C5).
 */
export function naverUser(user: EmulatorUser, id: string, agreed: ReadonlySet<string>): Record<string, string> {
  const body: Record<string, string> = { id };
  const put = (item: string, field: string, value: string | undefined): void => {
    if (agreed.has(item) && value !== undefined) body[field] = value;
  };
  // Without a nickname Naver sends the login ID masked, e.g. `abcd***` (§C5).
  put('nickname', 'nickname', user.noNickname ? `${(user.naverLoginId ?? user.key).slice(0, 4)}***` : user.nickname);
  put('name', 'name', user.name);
  put('email', 'email', user.email);
  put('gender', 'gender', user.gender && (user.gender === 'female' ? 'F' : 'M'));
  put('age', 'age', naverAge(user));
  put('birthday', 'birthday', user.birthday && `${user.birthday.slice(0, 2)}-${user.birthday.slice(2)}`);
  put('birthyear', 'birthyear', user.birthyear);
  put('mobile', 'mobile', user.mobile);
  put('mobile', 'mobile_e164', user.mobile && e164(user.mobile));
  put('profile_image', 'profile_image', user.profileImage);
  return body;
}
