/**
 * The consent items each emulated provider knows, with the Korean names its
 * consent screen shows, and how an app's console settings are read.
 *
 * @packageDocumentation
 */
import type { ConsentSetting, EmulatedProviderName, EmulatorClient } from './types.js';

/** One consent item of Kakao's catalogue. */
export interface KakaoItem {
  /** Korean name on the consent screen and in `/v2/user/scopes` `display_name`. */
  label: string;
  /** `PRIVACY` (personal information) or `SERVICE` (access permission), as `/v2/user/scopes` reports (§C12). */
  type: 'PRIVACY' | 'SERVICE';
  /** Only a business app may enable it (§C2: "권한 없음" otherwise). */
  business: boolean;
}

/**
 * Kakao's consent items (docs/providers.md §C2). Which items need a business
 * app is partly UNCONFIRMED; the sheet's safe assumption is followed: every
 * personal-information item but the profile needs one. Partner-only items are
 * treated as business items (the emulator has no partner review). `friends`
 * needs a permission at Kakao (UNCONFIRMED which): treated as a business item;
 * `talk_message` is open to every app.
 */
export const KAKAO_ITEMS: Readonly<Record<string, KakaoItem>> = {
  profile_nickname: { label: '닉네임', type: 'PRIVACY', business: false },
  profile_image: { label: '프로필 사진', type: 'PRIVACY', business: false },
  profile: { label: '프로필 정보(닉네임/프로필 사진)', type: 'PRIVACY', business: false },
  account_email: { label: '카카오계정(이메일)', type: 'PRIVACY', business: true },
  name: { label: '이름', type: 'PRIVACY', business: true },
  gender: { label: '성별', type: 'PRIVACY', business: true },
  age_range: { label: '연령대', type: 'PRIVACY', business: true },
  birthday: { label: '생일', type: 'PRIVACY', business: true },
  birthyear: { label: '출생 연도', type: 'PRIVACY', business: true },
  phone_number: { label: '카카오계정(전화번호)', type: 'PRIVACY', business: true },
  shipping_address: { label: '배송지', type: 'PRIVACY', business: true },
  ci: { label: 'CI(연계정보)', type: 'PRIVACY', business: true },
  legal_name: { label: '실명', type: 'PRIVACY', business: true },
  legal_birth_date: { label: '법정 생년월일', type: 'PRIVACY', business: true },
  legal_gender: { label: '법정 성별', type: 'PRIVACY', business: true },
  is_korean: { label: '내외국인 여부', type: 'PRIVACY', business: true },
  friends: { label: '카카오 서비스 내 친구목록', type: 'SERVICE', business: true },
  talk_message: { label: '카카오톡 메시지 전송', type: 'SERVICE', business: false },
};

/** Naver's profile items ("제공 정보", §A5), by the field name `/v1/nid/me` uses. */
export const NAVER_ITEMS: Readonly<Record<string, { label: string }>> = {
  name: { label: '이름' },
  email: { label: '이메일 주소' },
  nickname: { label: '별명' },
  profile_image: { label: '프로필 사진' },
  gender: { label: '성별' },
  age: { label: '연령대' },
  birthday: { label: '생일' },
  birthyear: { label: '출생연도' },
  mobile: { label: '휴대전화번호' },
};

const KAKAO_DEFAULT: Record<string, ConsentSetting> = { profile_nickname: 'required', profile_image: 'optional' };
const NAVER_DEFAULT: Record<string, ConsentSetting> = {
  name: 'required',
  email: 'required',
  nickname: 'optional',
  profile_image: 'optional',
  gender: 'optional',
  age: 'optional',
  birthday: 'optional',
  birthyear: 'optional',
  mobile: 'optional',
};

/** The consent items an app enabled in its console, with the provider's default when it declared none. */
export function consoleItems(provider: EmulatedProviderName, client: EmulatorClient): Record<string, ConsentSetting> {
  return client.consentItems ?? (provider === 'kakao' ? KAKAO_DEFAULT : NAVER_DEFAULT);
}

/** The Korean name of an item, or its id when the provider has no such item. */
export function itemLabel(provider: EmulatedProviderName, id: string): string {
  return (provider === 'kakao' ? KAKAO_ITEMS[id] : NAVER_ITEMS[id])?.label ?? id;
}

/**
 * Checks an app's console settings the way the console would have refused
 * them. Throws an Error naming the app and the item.
 */
export function checkConsole(provider: EmulatedProviderName, client: EmulatorClient): void {
  const catalogue: Readonly<Record<string, unknown>> = provider === 'kakao' ? KAKAO_ITEMS : NAVER_ITEMS;
  for (const [id, setting] of Object.entries(consoleItems(provider, client))) {
    const where = `${provider === 'kakao' ? 'Kakao' : 'Naver'} app ${client.clientID}`;
    if (!(id in catalogue)) throw new Error(`${where}: unknown consent item "${id}" (known: ${Object.keys(catalogue).join(', ')})`);
    if (setting !== 'required' && setting !== 'optional') throw new Error(`${where}: consent item "${id}" must be 'required' or 'optional'`);
    // Kakao's console shows "권한 없음" for these unless the app is a business app (§C2).
    if (provider === 'kakao' && KAKAO_ITEMS[id]!.business && client.businessApp !== true) {
      throw new Error(`${where}: consent item "${id}" can only be enabled on a business app; set businessApp: true (docs/providers.md §C2)`);
    }
  }
}
