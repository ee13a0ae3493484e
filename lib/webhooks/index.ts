/**
 * Receivers for the providers' unlink notifications: Kakao's unlink webhook
 * (docs/providers.md §C10) and Naver's signed, encrypted unlink notification
 * (§C11). Each comes as an Express/Connect handler and as a framework-neutral
 * verifier for Fastify, Koa, NestJS and others.
 *
 * @packageDocumentation
 */
export { kakaoUnlinkWebhook, verifyKakaoUnlink, KAKAO_UNLINK_REFERRER_TYPES } from './kakao.js';
export { naverUnlinkWebhook, verifyNaverUnlink, NAVER_UNLINK_MAX_AGE_SECONDS } from './naver.js';
export { MAX_BODY_BYTES as UNLINK_MAX_BODY_BYTES } from './read-body.js';
export type {
  KakaoUnlinkEvent,
  KakaoUnlinkReferrerType,
  KakaoUnlinkVerifyOptions,
  KakaoUnlinkWebhookOptions,
  NaverUnlinkEvent,
  NaverUnlinkVerifyOptions,
  NaverUnlinkWebhookOptions,
  UnlinkErrorHandler,
  UnlinkEvent,
  UnlinkHandler,
  UnlinkHttpRequest,
  UnlinkRefusal,
  UnlinkRequest,
  UnlinkVerification,
  UnlinkWebhookHandler,
} from './types.js';
