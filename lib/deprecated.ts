/**
 * Names the root entry exported in 0.1 and keeps for one more minor version.
 *
 * @packageDocumentation
 */
import * as kakao from './kakao/index.js';
import * as naver from './naver/index.js';

/** @deprecated Import it from `passport-naver-kakao/naver`. */
export const NAVER_AUTHORIZATION_URL = naver.NAVER_AUTHORIZATION_URL;
/** @deprecated Import it from `passport-naver-kakao/naver`. */
export const NAVER_TOKEN_URL = naver.NAVER_TOKEN_URL;
/** @deprecated Import it from `passport-naver-kakao/naver`. */
export const NAVER_PROFILE_URL = naver.NAVER_PROFILE_URL;
/** @deprecated Import it from `passport-naver-kakao/naver`. */
export const NAVER_REVOKE_URL = naver.NAVER_REVOKE_URL;
/** @deprecated Import it from `passport-naver-kakao/kakao`. */
export const KAKAO_AUTHORIZATION_URL = kakao.KAKAO_AUTHORIZATION_URL;
/** @deprecated Import it from `passport-naver-kakao/kakao`. */
export const KAKAO_TOKEN_URL = kakao.KAKAO_TOKEN_URL;
/** @deprecated Import it from `passport-naver-kakao/kakao`. */
export const KAKAO_PROFILE_URL = kakao.KAKAO_PROFILE_URL;
/** @deprecated Import it from `passport-naver-kakao/kakao`. */
export const KAKAO_LOGOUT_URL = kakao.KAKAO_LOGOUT_URL;
/** @deprecated Import it from `passport-naver-kakao/kakao`. */
export const KAKAO_UNLINK_URL = kakao.KAKAO_UNLINK_URL;
/** @deprecated Import it from `passport-naver-kakao/kakao`. */
export const KAKAO_ACCESS_TOKEN_INFO_URL = kakao.KAKAO_ACCESS_TOKEN_INFO_URL;
/** @deprecated Import it from `passport-naver-kakao/kakao`. */
export const KAKAO_ISSUER = kakao.KAKAO_ISSUER;
/** @deprecated Import it from `passport-naver-kakao/kakao`. */
export const KAKAO_JWKS_URL = kakao.KAKAO_JWKS_URL;
