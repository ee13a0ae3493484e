/**
 * The error catalogue: every code Naver, Kakao and this package produce, what
 * it means, which {@link ErrorCategory} it belongs to, and what to do about it,
 * in English and Korean.
 *
 * Source of truth: docs/providers.md §C6 (codes and the categories proposed
 * there), §C2 (KOE205), §C8 (Naver OpenID Connect), §C12 (-101 on unlink,
 * consent APIs), §A2/§A3/§A5 (Naver callback, token and profile errors).
 * The tables are data, one record per code; the functions only look codes up.
 *
 * @packageDocumentation
 */

/**
 * What an app should do about an error or a failed login.
 *
 * - `'retry'`: transient. Nothing is wrong with the app or the user; the same
 *   request may work later (timeouts, resets, 5xx, rate limits, maintenance).
 * - `'login'`: start the login again (a used or expired code, a state that does
 *   not match, a token that stays invalid after one refresh, an ID token nonce
 *   mismatch).
 * - `'config'`: the app's registration in the provider's console, or the app's
 *   code, is wrong (client ID or secret, redirect URI, consent items not set up).
 *   A person has to fix it; retrying does not help.
 * - `'consent'`: the user cancelled, declined, or has not agreed to something the
 *   request needs. Ask again only if the user wants to.
 */
export type ErrorCategory = 'retry' | 'login' | 'config' | 'consent';

/** A person-readable explanation of an error, from {@link describeError}. */
export interface ErrorDescription {
  /** The code explained (`'KOE320'`, `'-402'`, `'024'`, `'invalid_state'`, ...), or `'unknown'`. */
  code: string;
  /** See {@link ErrorCategory}. */
  category: ErrorCategory;
  /** What happened. Only catalogue text: never a token, secret, authorization code or provider message. */
  summary: string;
  /** What to do about it, naming the console menu where one is involved. */
  fix: string;
}

/**
 * Where a catalogue code comes from.
 *
 * - `'kakao-token'`: KOE codes of kauth.kakao.com (§C6.3)
 * - `'kakao-api'`: `{code, msg}` of kapi.kakao.com (§C6.4)
 * - `'kakao-callback'`: `error` on the redirect URI after a Kakao login (§B2, §C6.3)
 * - `'naver-token'`: Naver's token and revoke endpoints (§C6.1, §C8)
 * - `'naver-api'`: `/v1/nid/me` result codes and openapi.naver.com gateway errors (§C6.2)
 * - `'naver-callback'`: `error` on the redirect URI after a Naver login (§A2, §C6.1)
 * - `'oauth'`: an OAuth 2.0 `error` whose provider is unknown (RFC 6749 §4.1.2.1, §5.2)
 * - `'failure'`: this package's own failure codes
 * - `'request'`: transport failures (`ProviderRequestError`)
 * - `'id-token'`: ID token checks (`IdTokenError`: jose's codes and this package's)
 */
export type ErrorSource =
  | 'kakao-token'
  | 'kakao-api'
  | 'kakao-callback'
  | 'naver-token'
  | 'naver-api'
  | 'naver-callback'
  | 'oauth'
  | 'failure'
  | 'request'
  | 'id-token';

/** The words of one catalogue entry in one language. */
export interface ErrorText {
  /** What happened. */
  readonly summary: string;
  /** What to do. */
  readonly fix: string;
}

/** One record of the catalogue. */
export interface CatalogEntry {
  /** See {@link ErrorSource}. */
  readonly source: ErrorSource;
  /** The code as sent (`'KOE320'`, `'-402'`, `'024'`, `'access_denied'`, `'ETIMEDOUT'`, ...); `'*'` stands for any code not listed. */
  readonly code: string;
  /**
   * A narrower case of the same code: the exact `error_description` (Naver sends
   * several meanings under `invalid_request`), or an HTTP status class (`'4xx'`,
   * `'429'`) for transport and gateway errors.
   */
  readonly when?: string;
  /** The HTTP status the provider answers with, as documented or observed. */
  readonly http?: string;
  /** See {@link ErrorCategory}. */
  readonly category: ErrorCategory;
  /** English words. */
  readonly en: ErrorText;
  /** Korean words. */
  readonly ko: ErrorText;
}

/** A record as written in the tables below: texts as `[summary, fix]`. */
interface Row {
  code: string;
  category: ErrorCategory;
  http?: string;
  when?: string;
  en: readonly [string, string];
  ko: readonly [string, string];
}

/** Turns the rows of one source into catalogue entries. */
function table(source: ErrorSource, list: readonly Row[]): CatalogEntry[] {
  return list.map(({ en, ko, ...rest }) => ({ source, ...rest, en: { summary: en[0], fix: en[1] }, ko: { summary: ko[0], fix: ko[1] } }));
}

// Console menus, as the current consoles name them (§B1, §C1, §C2, §C3, §C12;
// Naver: the common error-code page [N1d] and §C6.2).
const K_KEY = '[앱] > [플랫폼 키] > [REST API 키]';
const K_ITEMS = '[카카오 로그인] > [동의항목]';
const N_APP = '[내 애플리케이션]';

/** §C6.3: KOE codes. Authorize-time ones are shown on Kakao's own page (no redirect to the app); token-time ones come back as JSON. */
const KAKAO_TOKEN: readonly Row[] = [
  { code: 'KOE001', category: 'config',
    en: ['Kakao refused the login request as malformed.', 'Check the authorization URL the app builds: client_id, redirect_uri and response_type=code must be there and URL-encoded.'],
    ko: ['카카오가 로그인 요청 형식이 잘못됐다고 거절했어요.', '앱이 만드는 인가 요청 URL에 client_id, redirect_uri, response_type=code가 URL 인코딩된 채로 모두 있는지 확인하세요.'] },
  { code: 'KOE002', category: 'config',
    en: ['The login request went to a wrong Kakao URL.', 'Use https://kauth.kakao.com/oauth/authorize (the default authorizationURL) and check any override.'],
    ko: ['잘못된 카카오 URL로 로그인을 요청했어요.', '기본 authorizationURL인 https://kauth.kakao.com/oauth/authorize를 쓰고, 직접 바꾼 값이 있으면 확인하세요.'] },
  { code: 'KOE003', category: 'retry',
    en: ["Kakao's login server had a temporary error.", 'Try the login again in a moment.'],
    ko: ['카카오 로그인 서버에 일시적인 오류가 났어요.', '잠시 후 다시 로그인하세요.'] },
  { code: 'KOE004', category: 'config',
    en: ['Kakao Login is not switched on for this app.', 'Switch Kakao Login on in the [카카오 로그인] menu of the Kakao Developers console.'],
    ko: ['이 앱은 카카오 로그인이 꺼져 있어요.', '카카오디벨로퍼스 콘솔의 [카카오 로그인] 메뉴에서 카카오 로그인을 켜세요.'] },
  { code: 'KOE005', category: 'config',
    en: ['The app is a test app and this Kakao account is not one of its members.', 'Log in with an account that is a member of the app, or add this account to the app in the Kakao Developers console.'],
    ko: ['테스트 앱인데 이 카카오계정이 앱 멤버가 아니에요.', '앱 멤버인 계정으로 로그인하거나, 카카오디벨로퍼스 콘솔에서 이 계정을 앱 멤버로 추가하세요.'] },
  { code: 'KOE006', category: 'config',
    en: ['The redirect URI is not registered for this REST API key.', `Register callbackURL exactly (scheme, host, port, path) under ${K_KEY} > 리다이렉트 URI, on the key used as clientID.`],
    ko: ['이 REST API 키에 등록되지 않은 리다이렉트 URI예요.', `clientID로 쓰는 키의 ${K_KEY} > 리다이렉트 URI에 callbackURL을 스킴, 호스트, 포트, 경로까지 똑같이 등록하세요.`] },
  { code: 'KOE007', category: 'config',
    en: ['The logout redirect URI is not registered.', 'Register it under [카카오 로그인] > [로그아웃 리다이렉트 URI]. It is a setting of the app, not of a key.'],
    ko: ['등록되지 않은 로그아웃 리다이렉트 URI예요.', '[카카오 로그인] > [로그아웃 리다이렉트 URI]에 등록하세요. 키별 설정이 아니라 앱 설정이에요.'] },
  { code: 'KOE008', category: 'config',
    en: ['The app key is of the wrong type for this request.', 'Use a REST API key as clientID, not the JavaScript, native app or admin key ([앱] > [플랫폼 키]).'],
    ko: ['이 요청에 쓸 수 없는 종류의 앱 키예요.', 'clientID에는 JavaScript 키, 네이티브 앱 키, 어드민 키가 아니라 REST API 키를 쓰세요([앱] > [플랫폼 키]).'] },
  { code: 'KOE009', category: 'config',
    en: ['Kakao refused the token request: it came from a platform not registered for the app (web domain, key hash or bundle ID).', 'Register the site\'s domain for the key under [앱] > [플랫폼 키], and check that clientID is a REST API key of this app.'],
    ko: ['앱에 등록되지 않은 플랫폼(웹 도메인, 키 해시, 번들 ID)에서 토큰을 요청해서 카카오가 거절했어요.', '[앱] > [플랫폼 키]에서 해당 키에 서비스 도메인을 등록하고, clientID가 이 앱의 REST API 키인지 확인하세요.'] },
  { code: 'KOE010', category: 'config', http: '401',
    en: ['Kakao rejected the client secret: it is missing or wrong.', `New REST API keys have Client Secret on. Copy the secret of the key used as clientID from ${K_KEY} into clientSecret.`],
    ko: ['클라이언트 시크릿이 없거나 틀려서 카카오가 거절했어요.', `새 REST API 키는 클라이언트 시크릿이 켜진 채로 만들어져요. clientID로 쓰는 키의 시크릿을 ${K_KEY}에서 복사해 clientSecret에 넣으세요.`] },
  { code: 'KOE023', category: 'config',
    en: ['Login through the Kakao JavaScript SDK popup is not possible here.', 'This package uses the redirect flow; a page that uses the JavaScript SDK should use its redirect login, not the popup.'],
    ko: ['카카오 JavaScript SDK 팝업 로그인을 쓸 수 없는 환경이에요.', '이 패키지는 리다이렉트 방식을 써요. 페이지에서 JavaScript SDK를 쓴다면 팝업 대신 리다이렉트 로그인을 쓰세요.'] },
  { code: 'KOE101', category: 'config', http: '401',
    en: ['The app key (client_id) is wrong or does not exist.', `Set clientID to a REST API key copied from ${K_KEY}; look for an empty value or extra spaces.`],
    ko: ['앱 키(client_id)가 틀렸거나 없는 키예요.', `${K_KEY}에서 복사한 REST API 키를 clientID에 넣고, 빈 값이나 앞뒤 공백이 없는지 확인하세요.`] },
  { code: 'KOE102', category: 'config',
    en: ['A Kakao Talk Channel was requested (channel_public_id), but no channel is linked to the app.', 'Link the channel to the app in the console, or stop sending channel_public_id.'],
    ko: ['channel_public_id를 보냈는데 앱에 연결된 카카오톡 채널이 없어요.', '콘솔에서 앱에 채널을 연결하거나 channel_public_id를 보내지 마세요.'] },
  { code: 'KOE201', category: 'config',
    en: ['The authorization request has an unsupported response_type.', 'Send response_type=code; the strategy does, so check a custom authorizationURL or extra parameters.'],
    ko: ['지원하지 않는 response_type으로 인가를 요청했어요.', 'response_type=code를 보내세요. 전략은 이렇게 보내니 직접 바꾼 authorizationURL이나 추가 파라미터를 확인하세요.'] },
  { code: 'KOE202', category: 'config',
    en: ['The request asked for the implicit grant (response_type=token), which Kakao does not support.', 'Use the authorization code flow (response_type=code).'],
    ko: ['카카오가 지원하지 않는 암시적 승인(response_type=token)을 요청했어요.', '인가 코드 방식(response_type=code)을 쓰세요.'] },
  { code: 'KOE203', category: 'consent',
    en: ['The user did not agree to a required consent item.', `Let the user log in again and agree. If the item is not essential, make it optional in ${K_ITEMS}.`],
    ko: ['사용자가 필수 동의항목에 동의하지 않았어요.', `다시 로그인해서 동의하도록 안내하세요. 꼭 필요한 항목이 아니라면 ${K_ITEMS}에서 선택 동의로 바꾸세요.`] },
  { code: 'KOE204', category: 'config',
    en: ['The authorization request has an invalid parameter.', 'Check the values the app adds: scope, prompt, login_hint, nonce, state.'],
    ko: ['인가 요청에 잘못된 파라미터가 있어요.', '앱이 붙이는 scope, prompt, login_hint, nonce, state 값을 확인하세요.'] },
  // §C2: the user sees Kakao's page, the app never gets a callback.
  { code: 'KOE205', category: 'config',
    en: ['The login asked for a consent item the app has not set up (for example account_email on an app that is not a business app, or openid with OpenID Connect off). Kakao shows this on its own page and does not return to the app.',
      `Switch the item on in ${K_ITEMS}, or stop asking for it in scope (ask for none by default). For account_email a business app is needed (an individual can switch to a 개인 개발자 비즈 앱); for openid, turn OpenID Connect on.`],
    ko: ['앱에 설정하지 않은 동의항목을 요청했어요(예: 비즈 앱이 아닌데 account_email, OpenID Connect를 켜지 않았는데 openid). 카카오가 자체 오류 페이지를 보여 주고 앱으로 돌아오지 않아요.',
      `${K_ITEMS}에서 그 항목을 사용하도록 설정하거나 scope에서 빼세요(기본은 scope 없이). account_email은 비즈 앱이어야 해요(개인 개발자도 개인 개발자 비즈 앱으로 전환할 수 있어요). openid를 쓰려면 OpenID Connect를 켜세요.`] },
  { code: 'KOE207', category: 'config',
    en: ['A required parameter is missing from the authorization request.', 'Check that client_id, redirect_uri and response_type are sent; a custom authorizationURL may drop them.'],
    ko: ['인가 요청에 필수 파라미터가 빠졌어요.', 'client_id, redirect_uri, response_type을 보내는지 확인하세요. 직접 바꾼 authorizationURL에서 빠질 수 있어요.'] },
  // HTTP status UNCONFIRMED (fixtures use 400). Never retried in a loop (§C6.3).
  { code: 'KOE237', category: 'retry', http: '400',
    en: ['Too many tokens were issued for this user: Kakao allows 20 access tokens per 10 minutes and 30 refresh tokens per hour for one user.', 'Wait several minutes before trying again, never in a loop. Refresh one token at a time per user and never send a used code again.'],
    ko: ['이 사용자에게 토큰을 너무 많이 발급했어요. 사용자 한 명당 10분에 액세스 토큰 20개, 1시간에 리프레시 토큰 30개까지예요.', '몇 분 기다린 뒤 다시 시도하고, 반복해서 재시도하지 마세요. 토큰 갱신은 사용자당 한 번에 하나만 하고, 이미 쓴 인가 코드는 다시 보내지 마세요.'] },
  { code: 'KOE303', category: 'config', http: '400',
    en: ['The redirect_uri of the token request differs from the one used at authorization.', 'Use one callbackURL for both steps; behind a proxy, give it as an absolute URL instead of deriving it from the request.'],
    ko: ['토큰 요청의 redirect_uri가 인가 요청 때와 달라요.', '두 단계에 같은 callbackURL을 쓰세요. 프록시 뒤라면 요청에서 유추하지 말고 절대 URL로 지정하세요.'] },
  // Two transcriptions disagree on KOE310 (UNCONFIRMED); both meanings are configuration errors.
  { code: 'KOE310', category: 'config', http: '400',
    en: ['Kakao refused the token request (sources disagree: an unsupported grant_type, or a redirect URI that differs).', 'Check grant_type (authorization_code or refresh_token) and that redirect_uri equals the one used at authorization.'],
    ko: ['카카오가 토큰 요청을 거절했어요(자료마다 지원하지 않는 grant_type, 또는 다른 리다이렉트 URI라고 설명해요).', 'grant_type이 authorization_code나 refresh_token인지, redirect_uri가 인가 요청 때와 같은지 확인하세요.'] },
  { code: 'KOE319', category: 'config', http: '400',
    en: ['The refresh request had no refresh_token.', "Pass the stored refresh token; check that the app saves the verify callback's refreshToken at login."],
    ko: ['토큰 갱신 요청에 refresh_token이 없어요.', '저장해 둔 리프레시 토큰을 넘기세요. 로그인 때 verify 콜백의 refreshToken을 저장하는지 확인하세요.'] },
  { code: 'KOE320', category: 'login', http: '400',
    en: ['The authorization code was already used, has expired or is unknown.', 'Start the login again. A code works once: reloading the callback page, a double request (React StrictMode) or a retry causes this.'],
    ko: ['인가 코드가 이미 쓰였거나, 만료됐거나, 없는 코드예요.', '로그인을 처음부터 다시 하세요. 인가 코드는 한 번만 쓸 수 있어서 콜백 페이지 새로고침, 중복 요청(React StrictMode), 재시도 때 이 오류가 나요.'] },
  { code: 'KOE322', category: 'login', http: '400',
    en: ['The refresh token has expired or is no longer valid (expired, replaced by a newer one, or the user unlinked the app).', 'Log the user in again. Always store the new refresh token when a refresh returns one.'],
    ko: ['리프레시 토큰이 만료됐거나 더는 유효하지 않아요(만료, 새 토큰으로 교체, 사용자의 연결 끊기).', '다시 로그인하게 하세요. 갱신 응답에 새 리프레시 토큰이 오면 항상 저장하세요.'] },
  { code: 'KOE400', category: 'login', http: '400',
    en: ["Kakao's debugging API /oauth/tokeninfo called the ID token invalid.", 'Log in again for a new ID token, and verify ID tokens with the JWKS, not with this debugging API.'],
    ko: ['카카오의 디버깅용 API /oauth/tokeninfo가 ID 토큰이 유효하지 않다고 했어요.', '다시 로그인해 새 ID 토큰을 받으세요. ID 토큰 검증은 이 디버깅용 API가 아니라 JWKS로 하세요.'] },
  // Unknown KOE codes are config (§C6.3: "treat unknown KOE codes as config and log them").
  { code: '*', category: 'config',
    en: ['Kakao answered with a KOE code this catalogue does not list.', "Look the code up on Kakao's trouble-shooting page and check the app's settings in the Kakao Developers console."],
    ko: ['이 목록에 없는 KOE 코드로 카카오가 응답했어요.', '카카오 문제 해결 문서에서 코드를 찾아보고, 카카오디벨로퍼스 콘솔의 앱 설정을 확인하세요.'] },
];

/** §C6.4: kapi.kakao.com codes. */
const KAKAO_API: readonly Row[] = [
  { code: '-1', category: 'retry', http: '400',
    en: ['Kakao had an internal error.', 'Try again shortly. Do not log the user out or discard tokens because of it.'],
    ko: ['카카오 내부 오류예요.', '잠시 후 다시 시도하세요. 이 오류 때문에 로그아웃시키거나 토큰을 버리지 마세요.'] },
  { code: '-2', category: 'config', http: '400',
    en: ['A parameter is missing or invalid (for example an unknown consent item ID).', `Check the parameters sent to the API; consent item IDs are listed in ${K_ITEMS}.`],
    ko: ['파라미터가 없거나 잘못됐어요(예: 없는 동의항목 ID).', `API에 보내는 파라미터를 확인하세요. 동의항목 ID는 ${K_ITEMS}에서 볼 수 있어요.`] },
  { code: '-3', category: 'config', http: '403',
    en: ['A feature or setting this API needs is not enabled, or the admin key is not allowed to call this API.', `Enable the setting the API needs (for consent items: ${K_ITEMS}); for admin-key calls, allow the API under [앱] > [플랫폼 키] > [어드민 키]. A required consent item cannot be revoked.`],
    ko: ['이 API에 필요한 기능이나 설정이 꺼져 있거나, 어드민 키에 이 API 호출이 허용되지 않았어요.', `API에 필요한 설정을 켜세요(동의항목은 ${K_ITEMS}). 어드민 키로 호출한다면 [앱] > [플랫폼 키] > [어드민 키]에서 이 API를 허용하세요. 필수 동의항목은 철회할 수 없어요.`] },
  { code: '-4', category: 'login', http: '403',
    en: ["The user's Kakao account is sanctioned, or the action is blocked.", 'Stop and tell the user; retrying does not help.'],
    ko: ['사용자의 카카오계정이 제재 중이거나 이 동작이 막혀 있어요.', '재시도하지 말고 사용자에게 안내하세요.'] },
  { code: '-5', category: 'config', http: '403',
    en: ['The app has no permission for this API.', 'Apply for the permission the API needs in the Kakao Developers console.'],
    ko: ['앱에 이 API를 쓸 권한이 없어요.', '카카오디벨로퍼스 콘솔에서 API에 필요한 권한을 신청하세요.'] },
  { code: '-6', category: 'config', http: '403',
    en: ['The Kakao service does not allow this action.', "Check the API's conditions of use in Kakao's documentation."],
    ko: ['카카오 서비스에서 허용하지 않는 동작이에요.', '카카오 문서에서 API 사용 조건을 확인하세요.'] },
  { code: '-7', category: 'retry', http: '400',
    en: ['The Kakao service is under maintenance or has an internal problem.', 'Try again later.'],
    ko: ['카카오 서비스 점검 중이거나 내부 문제가 있어요.', '나중에 다시 시도하세요.'] },
  { code: '-8', category: 'config', http: '400',
    en: ['A request header is invalid.', 'Check the Authorization header (Bearer with an access token, or KakaoAK with the admin key) and Content-Type.'],
    ko: ['요청 헤더가 잘못됐어요.', 'Authorization 헤더(액세스 토큰은 Bearer, 어드민 키는 KakaoAK)와 Content-Type을 확인하세요.'] },
  { code: '-9', category: 'config', http: '400',
    en: ['This API has been discontinued.', 'Move to the API Kakao names as its replacement.'],
    ko: ['서비스가 종료된 API예요.', '카카오가 안내하는 대체 API로 옮기세요.'] },
  { code: '-10', category: 'retry', http: '400, 429',
    en: ['The API quota was exceeded (HTTP 429 on /v1/user/ids, which has a per-minute limit).', 'Wait and try again later; spread the calls out, or ask Kakao for a larger quota.'],
    ko: ['API 호출 한도를 넘었어요(분당 한도가 있는 /v1/user/ids는 HTTP 429).', '기다렸다가 나중에 다시 시도하세요. 호출을 분산하거나 카카오에 한도 상향을 요청하세요.'] },
  { code: '-11', category: 'config', http: '400',
    en: ['A paid API went over its daily or monthly amount.', "Check the app's paid API settings and limits in the console."],
    ko: ['유료 API의 일간 또는 월간 사용량을 넘었어요.', '콘솔에서 유료 API 설정과 한도를 확인하세요.'] },
  { code: '-12', category: 'config', http: '403',
    en: ['The app or the developer account is sanctioned.', 'Read the notices in the Kakao Developers console and contact Kakao.'],
    ko: ['앱이나 개발자 계정이 제재 중이에요.', '카카오디벨로퍼스 콘솔의 안내를 확인하고 카카오에 문의하세요.'] },
  // §C12: on unlink, -101 means the user was already unlinked.
  { code: '-101', category: 'login', http: '400',
    en: ['The user is not linked to the app (never linked, or already unlinked). On an unlink it means the unlink is already done.', 'Log the user in again to link; after an unlink request, treat it as success.'],
    ko: ['사용자가 앱에 연결돼 있지 않아요(연결한 적이 없거나 이미 끊겼어요). 연결 끊기 요청이었다면 이미 끊긴 상태라는 뜻이에요.', '다시 로그인해서 연결하게 하세요. 연결 끊기 요청이었다면 성공으로 처리하세요.'] },
  // §C6.4 says "treat as success"; as an error it points at the app's own logic.
  { code: '-102', category: 'config', http: '400',
    en: ['The user is already linked, so the manual sign-up request is not needed.', 'Treat it as success, and send sign-up requests only for users who are not linked yet.'],
    ko: ['이미 연결된 사용자라 수동 연결(가입) 요청이 필요 없어요.', '성공으로 처리하고, 가입 요청은 아직 연결되지 않은 사용자에게만 보내세요.'] },
  { code: '-103', category: 'login', http: '400',
    en: ['The Kakao account is dormant or does not exist.', 'Ask the user to reactivate the account at Kakao, then log in again.'],
    ko: ['휴면 상태이거나 없는 카카오계정이에요.', '카카오에서 계정을 다시 활성화한 뒤 로그인하도록 안내하세요.'] },
  { code: '-201', category: 'config', http: '400',
    en: ['An unknown user property key was used.', "Use the keys defined in the app's user properties, or the documented property_keys."],
    ko: ['없는 사용자 프로퍼티 키를 썼어요.', '앱의 사용자 프로퍼티에 정의한 키나 문서에 나온 property_keys를 쓰세요.'] },
  // -301, -403, -405: only in the SDK's enum (UNCONFIRMED, §C6.4).
  { code: '-301', category: 'config',
    en: ['The app does not exist.', 'Check that clientID is a key of an existing app.'],
    ko: ['없는 앱이에요.', 'clientID가 존재하는 앱의 키인지 확인하세요.'] },
  { code: '-401', category: 'login', http: '401',
    en: ['The access token is invalid or has expired (or the app key is wrong).', 'Refresh the access token once; if that fails, log the user in again.'],
    ko: ['액세스 토큰이 유효하지 않거나 만료됐어요(또는 앱 키가 틀렸어요).', '액세스 토큰을 한 번 갱신하고, 실패하면 다시 로그인하게 하세요.'] },
  { code: '-402', category: 'consent', http: '403',
    en: ['The user has not agreed to a consent item this API needs.', `Ask for the missing items with additional consent (a login with scope, e.g. strategy.reconsentOptions(error)); they must be enabled in ${K_ITEMS}.`],
    ko: ['이 API에 필요한 동의항목에 사용자가 동의하지 않았어요.', `빠진 항목을 추가 동의로 요청하세요(scope를 붙인 로그인, 예: strategy.reconsentOptions(error)). 그 항목은 ${K_ITEMS}에서 사용 설정돼 있어야 해요.`] },
  { code: '-403', category: 'config',
    en: ['An undocumented code; Kakao\'s SDK calls it an invalid origin.', "Check the domains registered for the app's keys under [앱] > [플랫폼 키]."],
    ko: ['문서에 없는 코드예요. 카카오 SDK는 잘못된 출처(origin)로 분류해요.', '[앱] > [플랫폼 키]에서 키에 등록한 도메인을 확인하세요.'] },
  { code: '-405', category: 'consent',
    en: ['Kakao needs this user to verify their age.', 'Ask the user to complete age verification at Kakao, then try again.'],
    ko: ['이 사용자는 카카오에서 연령 인증을 해야 해요.', '카카오에서 연령 인증을 마친 뒤 다시 시도하도록 안내하세요.'] },
  { code: '-406', category: 'consent', http: '401',
    en: ['The user is under 14 and the app does not allow users under 14.', 'Tell the user the service is not available to them; the login cannot go on.'],
    ko: ['만 14세 미만 사용자인데 앱이 만 14세 미만 사용을 허용하지 않아요.', '서비스를 이용할 수 없다고 안내하세요. 로그인을 이어 갈 수 없어요.'] },
  { code: '-501', category: 'config', http: '400',
    en: ['The user does not use Kakao Talk, which this API needs.', 'Call Kakao Talk APIs only for Kakao Talk users and handle this case in the app.'],
    ko: ['카카오톡 사용자가 아니라서 이 API를 쓸 수 없어요.', '카카오톡 API는 카카오톡 사용자에게만 호출하고, 앱에서 이 경우를 처리하세요.'] },
  // Image upload codes: §C6.4 lists them together ("limits and timeouts, not login"); the split per code is UNCONFIRMED.
  { code: '-602', category: 'config', http: '400',
    en: ['An image upload went over Kakao\'s size limit.', 'Send a smaller image.'],
    ko: ['업로드한 이미지가 카카오의 용량 제한을 넘었어요.', '더 작은 이미지를 보내세요.'] },
  { code: '-603', category: 'retry', http: '400',
    en: ['An image upload timed out.', 'Try the upload again.'],
    ko: ['이미지 업로드 시간이 초과됐어요.', '다시 업로드하세요.'] },
  { code: '-606', category: 'config', http: '400',
    en: ['An image upload went over the number of images Kakao allows.', 'Send fewer images per request.'],
    ko: ['한 번에 올릴 수 있는 이미지 수를 넘었어요.', '요청마다 이미지 수를 줄이세요.'] },
  { code: '-911', category: 'config', http: '400',
    en: ['The image file format is not supported.', 'Send the image in a format Kakao supports.'],
    ko: ['지원하지 않는 이미지 파일 형식이에요.', '카카오가 지원하는 형식으로 보내세요.'] },
  { code: '-903', category: 'config', http: '400',
    en: ['The app key belongs to a developer who is not registered.', 'Complete the developer registration at Kakao Developers, or use a key of a registered developer\'s app.'],
    ko: ['등록되지 않은 개발자의 앱 키예요.', '카카오디벨로퍼스에서 개발자 등록을 마치거나, 등록된 개발자의 앱 키를 쓰세요.'] },
  { code: '-9798', category: 'retry', http: '503',
    en: ['Kakao is under maintenance.', 'Try again after the maintenance.'],
    ko: ['카카오 서비스 점검 중이에요.', '점검이 끝난 뒤 다시 시도하세요.'] },
  { code: '*', category: 'config',
    en: ["Kakao's API answered with a code this catalogue does not list.", "Look the code up on Kakao's error code page."],
    ko: ['이 목록에 없는 코드로 카카오 API가 응답했어요.', '카카오 오류 코드 문서에서 코드를 찾아보세요.'] },
];

const INTERACTIVE_EN = 'Start an interactive login, without prompt=none.';
const INTERACTIVE_KO = 'prompt=none 없이 일반 로그인을 시작하세요.';
const AGAIN_EN = 'Nothing is wrong; offer the login again if the user wants it.';
const AGAIN_KO = '문제가 아니에요. 사용자가 원하면 다시 로그인할 수 있게 해 주세요.';
const UNDER_14: Pick<Row, 'en' | 'ko'> = {
  en: ['The user is under 14 and the app does not allow users under 14.', 'Tell the user the service is not available to them.'],
  ko: ['만 14세 미만 사용자인데 앱이 만 14세 미만 사용을 허용하지 않아요.', '서비스를 이용할 수 없다고 안내하세요.'],
};

/** §B2, §C6.3: errors Kakao sends to the redirect URI. */
const KAKAO_CALLBACK: readonly Row[] = [
  { code: 'access_denied', when: 'User denied access', category: 'consent',
    en: ['The user cancelled the Kakao login or did not agree.', AGAIN_EN], ko: ['사용자가 카카오 로그인이나 동의를 취소했어요.', AGAIN_KO] },
  { code: 'access_denied', when: 'Not allowed under age 14', category: 'consent', ...UNDER_14 },
  { code: 'access_denied', category: 'consent',
    en: ['The user did not allow the Kakao login.', AGAIN_EN], ko: ['사용자가 카카오 로그인을 허용하지 않았어요.', AGAIN_KO] },
  { code: 'consent_required', category: 'consent',
    en: ['A silent login (prompt=none) was not possible: the user has not linked this app yet and has to agree first.', INTERACTIVE_EN],
    ko: ['사용자가 아직 앱에 연결하지 않아서 조용한 로그인(prompt=none)을 할 수 없어요. 먼저 동의를 받아야 해요.', INTERACTIVE_KO] },
  { code: 'login_required', category: 'login',
    en: ['The user is not logged in to Kakao, so a silent login (prompt=none) could not finish.', INTERACTIVE_EN],
    ko: ['카카오에 로그인돼 있지 않아서 조용한 로그인(prompt=none)을 끝낼 수 없어요.', INTERACTIVE_KO] },
  { code: 'interaction_required', category: 'login',
    en: ['The user has to do something first (more consent, agreeing to terms, or a sanctioned account), which prompt=none does not allow.', INTERACTIVE_EN],
    ko: ['추가 동의, 약관 동의, 계정 제재 확인처럼 사용자가 직접 할 일이 있어서 prompt=none으로는 끝낼 수 없어요.', INTERACTIVE_KO] },
  { code: 'invalid_scope', category: 'config',
    en: ['The scope names a consent item that is unknown or cannot be used.', `Use the IDs shown in ${K_ITEMS}, and send no scope by default.`],
    ko: ['scope에 없거나 쓸 수 없는 동의항목이 있어요.', `${K_ITEMS}에 나온 ID를 쓰고, 기본으로는 scope를 보내지 마세요.`] },
  { code: 'invalid_client', category: 'config',
    en: ['Kakao did not accept the app key.', `Check clientID against ${K_KEY}.`],
    ko: ['카카오가 앱 키를 받아들이지 않았어요.', `clientID가 ${K_KEY}의 값과 같은지 확인하세요.`] },
  { code: 'unauthorized', category: 'config',
    en: ['The app is not allowed to make this request.', "Check the app's Kakao Login settings in the console."],
    ko: ['앱에 허용되지 않은 요청이에요.', '콘솔에서 앱의 카카오 로그인 설정을 확인하세요.'] },
  { code: 'misconfigured', category: 'config',
    en: ["The app's platform settings do not match this request.", "Register the site's domain for the key under [앱] > [플랫폼 키]."],
    ko: ['앱의 플랫폼 설정이 이 요청과 맞지 않아요.', '[앱] > [플랫폼 키]에서 해당 키에 서비스 도메인을 등록하세요.'] },
  // Not in §C6.3's callback list ("other errors: config"); a server error is transient, as at the token endpoint.
  { code: 'server_error', category: 'retry',
    en: ["Kakao's login server failed.", 'Try the login again in a moment.'],
    ko: ['카카오 로그인 서버에 오류가 났어요.', '잠시 후 다시 로그인하세요.'] },
  { code: '*', category: 'config',
    en: ['Kakao sent back an error this catalogue does not list.', "Check the authorization request and the app's settings in the Kakao Developers console."],
    ko: ['이 목록에 없는 오류를 카카오가 돌려보냈어요.', '인가 요청과 카카오디벨로퍼스 콘솔의 앱 설정을 확인하세요.'] },
];

const NAVER_PAIR_FIX_EN = `Copy the Client ID and Client Secret of the app from ${N_APP} on Naver Developers into clientID and clientSecret; look for stray spaces or characters a shell changed.`;
const NAVER_PAIR_FIX_KO = `네이버 개발자 센터의 ${N_APP}에서 Client ID와 Client Secret을 복사해 clientID, clientSecret에 넣으세요. 앞뒤 공백이나 셸이 바꾼 문자가 없는지 확인하세요.`;

/** §C6.1, §C8: Naver's token endpoint (HTTP 200 with an error body), the OpenID Connect token endpoint, and revoke. */
const NAVER_TOKEN: readonly Row[] = [
  { code: 'invalid_request', when: 'no valid data in session', category: 'login', http: '200',
    en: ['The authorization code was already used or is unknown.', 'Start the login again. A code works once: reloading the callback page or retrying the token request causes this.'],
    ko: ['인가 코드가 이미 쓰였거나 알 수 없는 코드예요.', '로그인을 처음부터 다시 하세요. 인가 코드는 한 번만 쓸 수 있어서 콜백 페이지를 새로고침하거나 토큰 요청을 재시도하면 이 오류가 나요.'] },
  { code: 'invalid_request', when: 'wrong client id / client secret pair', category: 'config', http: '200',
    en: ['The client ID and client secret do not belong together.', NAVER_PAIR_FIX_EN],
    ko: ['Client ID와 Client Secret이 짝이 맞지 않아요.', NAVER_PAIR_FIX_KO] },
  // One third-party mock only (UNCONFIRMED, §C6.1).
  { code: 'invalid_request', when: 'invalid refresh_token', category: 'login', http: '200',
    en: ['Naver did not accept the refresh token (expired, revoked, or issued to another app).', 'Log the user in again.'],
    ko: ['네이버가 리프레시 토큰을 받아들이지 않았어요(만료, 폐기, 또는 다른 앱의 토큰).', '다시 로그인하게 하세요.'] },
  { code: 'invalid_request', category: 'config', http: '200, 400',
    en: ['Naver refused the request: a parameter is missing or wrong.', `Check clientID, clientSecret and callbackURL against ${N_APP}, and any tokenURL or revokeURL override.`],
    ko: ['네이버가 요청을 거절했어요. 파라미터가 없거나 잘못됐어요.', `clientID, clientSecret, callbackURL이 ${N_APP}의 값과 같은지, 직접 바꾼 tokenURL이나 revokeURL이 있는지 확인하세요.`] },
  // The revoke endpoint answers 401 unauthorized_client "Client authentication failed." (§A4, §C6.1).
  { code: 'unauthorized_client', when: 'Client authentication failed.', category: 'config', http: '401',
    en: ['Naver could not authenticate the app: the client ID or secret is wrong.', NAVER_PAIR_FIX_EN],
    ko: ['네이버가 앱을 인증하지 못했어요. Client ID나 Client Secret이 틀렸어요.', NAVER_PAIR_FIX_KO] },
  { code: 'unauthorized_client', category: 'login', http: '200',
    en: ['Naver refused the authorization code as not authorized for this request.', 'Start the login again.'],
    ko: ['네이버가 인가 코드를 인증받지 않은 코드로 보고 거절했어요.', '로그인을 처음부터 다시 하세요.'] },
  { code: 'unsupported_response_type', category: 'config',
    en: ['The authorization request had an unsupported response_type.', 'Send response_type=code; check a custom authorizationURL.'],
    ko: ['지원하지 않는 response_type으로 요청했어요.', 'response_type=code를 보내고, 직접 바꾼 authorizationURL을 확인하세요.'] },
  { code: 'server_error', category: 'retry', http: '500',
    en: ["Naver's login server failed.", 'Try again in a moment.'],
    ko: ['네이버 로그인 서버에 오류가 났어요.', '잠시 후 다시 시도하세요.'] },
  { code: 'temporarily_unavailable', category: 'retry', http: '503',
    en: ["Naver's login service is temporarily unavailable.", 'Try again later.'],
    ko: ['네이버 로그인 서비스를 잠시 쓸 수 없어요.', '나중에 다시 시도하세요.'] },
  // OpenID Connect /oauth2/token (RFC 6749 §5.2; Naver's body unconfirmed, §C8): a used, expired or
  // injected code, or a PKCE verifier that does not match.
  { code: 'invalid_grant', category: 'login', http: '400',
    en: ['Naver did not accept the authorization code (already used, expired, or not issued to this login) or its PKCE verifier.', 'Start the login again.'],
    ko: ['네이버가 인가 코드(이미 쓰였거나, 만료됐거나, 이 로그인에 발급된 코드가 아니에요)나 PKCE 검증 값을 받아들이지 않았어요.', '로그인을 처음부터 다시 하세요.'] },
  // OpenID Connect /oauth2/token with a wrong client, observed once (§C8).
  { code: 'invalid_client', category: 'config', http: '401',
    en: ['Naver did not accept the client at the OpenID Connect token endpoint.', NAVER_PAIR_FIX_EN],
    ko: ['네이버 OpenID Connect 토큰 엔드포인트가 클라이언트를 받아들이지 않았어요.', NAVER_PAIR_FIX_KO] },
  { code: '*', category: 'config',
    en: ['Naver answered the token request with an error this catalogue does not list.', `Check clientID, clientSecret and callbackURL against ${N_APP} > API 설정.`],
    ko: ['이 목록에 없는 오류로 네이버가 토큰 요청에 응답했어요.', `clientID, clientSecret, callbackURL이 ${N_APP} > API 설정의 값과 같은지 확인하세요.`] },
];

/** §C6.2: `/v1/nid/me` result codes, then gateway errors by status ([N1d]). */
const NAVER_API: readonly Row[] = [
  { code: '024', category: 'login', http: '401, 200',
    en: ['Naver could not authenticate the access token: it has expired or is invalid.', "Refresh the access token once; if the refresh fails, log the user in again (Naver's FAQ)."],
    ko: ['액세스 토큰 인증에 실패했어요. 만료됐거나 유효하지 않은 토큰이에요.', '액세스 토큰을 한 번 갱신하고, 갱신이 실패하면 다시 로그인하게 하세요(네이버 FAQ).'] },
  { code: '028', category: 'config', http: '401',
    en: ['The request had no Authorization header.', 'Send the access token as "Authorization: Bearer"; the strategy does, so check calls the app makes itself.'],
    ko: ['요청에 Authorization 헤더가 없어요.', '액세스 토큰을 "Authorization: Bearer"로 보내세요. 전략은 이렇게 보내니 앱이 직접 하는 호출을 확인하세요.'] },
  { code: '403', category: 'config', http: '403',
    en: ['The app has no permission to call this API.', `In ${N_APP}, check on the app's API 설정 tab that 네이버 로그인 and the profile items are added.`],
    ko: ['앱에 이 API를 호출할 권한이 없어요.', `${N_APP}에서 앱의 API 설정 탭에 네이버 로그인과 제공 정보가 추가돼 있는지 확인하세요.`] },
  { code: '404', category: 'config', http: '404',
    en: ['The API URL is wrong (Not Found).', 'Use https://openapi.naver.com/v1/nid/me (the default profileURL) and check any override.'],
    ko: ['API URL이 잘못됐어요(Not Found).', '기본 profileURL인 https://openapi.naver.com/v1/nid/me를 쓰고, 직접 바꾼 값이 있으면 확인하세요.'] },
  { code: '500', category: 'retry', http: '500',
    en: ["Naver's API had a server or database error.", 'Try again later.'],
    ko: ['네이버 API에 서버 또는 데이터베이스 오류가 났어요.', '나중에 다시 시도하세요.'] },
  { code: '*', when: '429', category: 'retry', http: '429',
    en: ["Naver's API gateway says the call quota was exceeded.", 'Wait and try again later; daily counts reset around midnight KST.'],
    ko: ['네이버 API 게이트웨이가 호출 한도를 넘었다고 했어요.', '기다렸다가 나중에 다시 시도하세요. 하루 한도는 한국 시간 자정 무렵에 초기화돼요.'] },
  { code: '*', when: '5xx', category: 'retry', http: '5xx',
    en: ["Naver's API gateway failed.", 'Try again later.'],
    ko: ['네이버 API 게이트웨이에 오류가 났어요.', '나중에 다시 시도하세요.'] },
  { code: '*', when: '4xx', category: 'config', http: '4xx',
    en: ["Naver's API gateway refused the call (client ID or secret, API permission, URL or method).", `Check the app in ${N_APP}, its API 설정 tab, and the request URL.`],
    ko: ['네이버 API 게이트웨이가 호출을 거절했어요(Client ID/Secret, API 권한, URL, 메서드).', `${N_APP}에서 앱과 API 설정 탭을 확인하고, 요청 URL도 확인하세요.`] },
  { code: '*', category: 'config',
    en: ["Naver's API answered with an error this catalogue does not list.", `Check the app in ${N_APP} and its API 설정 tab.`],
    ko: ['이 목록에 없는 오류로 네이버 API가 응답했어요.', `${N_APP}에서 앱과 API 설정 탭을 확인하세요.`] },
];

const AUTOLOGIN_FIX_EN = 'Go on with an interactive login, without auth_type=autologin.';
const AUTOLOGIN_FIX_KO = 'auth_type=autologin 없이 일반 로그인으로 이어 가세요.';

/** §A2, §C6.1: errors Naver sends to the redirect URI. */
const NAVER_CALLBACK: readonly Row[] = [
  { code: 'access_denied', when: 'Canceled By User', category: 'consent',
    en: ['The user cancelled the Naver login or the consent screen.', AGAIN_EN], ko: ['사용자가 네이버 로그인이나 동의 화면을 취소했어요.', AGAIN_KO] },
  { code: 'access_denied', when: 'user not logged in.', category: 'login',
    en: ['An auto-login (auth_type=autologin) found no user logged in to Naver.', AUTOLOGIN_FIX_EN],
    ko: ['자동 로그인(auth_type=autologin)을 했는데 네이버에 로그인한 사용자가 없어요.', AUTOLOGIN_FIX_KO] },
  { code: 'access_denied', when: 'need user consent.', category: 'login',
    en: ['An auto-login (auth_type=autologin) found that the user has not linked this service yet.', AUTOLOGIN_FIX_EN],
    ko: ['자동 로그인(auth_type=autologin)을 했는데 사용자가 아직 이 서비스에 동의하지 않았어요.', AUTOLOGIN_FIX_KO] },
  { code: 'access_denied', when: 'unsupported browser environment.', category: 'login',
    en: ['An auto-login (auth_type=autologin) was not made from inside the Naver app.', AUTOLOGIN_FIX_EN],
    ko: ['자동 로그인(auth_type=autologin)은 네이버 앱 안에서만 되는데 다른 환경에서 요청했어요.', AUTOLOGIN_FIX_KO] },
  { code: 'access_denied', category: 'consent',
    en: ['The user did not allow the Naver login.', AGAIN_EN], ko: ['사용자가 네이버 로그인을 허용하지 않았어요.', AGAIN_KO] },
  { code: 'unauthorized_client', category: 'config',
    en: ['Naver did not authorize this app for the request.', `Check clientID in ${N_APP}. Until the app passes Naver's review (검수), only its registered members can log in.`],
    ko: ['네이버가 이 앱의 요청을 허가하지 않았어요.', `${N_APP}에서 clientID를 확인하세요. 검수를 통과하기 전에는 등록된 멤버만 로그인할 수 있어요.`] },
  { code: 'unsupported_response_type', category: 'config',
    en: ['The authorization request had an unsupported response_type.', 'Send response_type=code; check a custom authorizationURL.'],
    ko: ['지원하지 않는 response_type으로 요청했어요.', 'response_type=code를 보내고, 직접 바꾼 authorizationURL을 확인하세요.'] },
  { code: 'invalid_scope', category: 'config',
    en: ['Naver refused the requested scope.', `Naver's OAuth 2.0 endpoint needs no scope, and OpenID Connect needs openid; the shared items are chosen on the API 설정 tab in ${N_APP}.`],
    ko: ['네이버가 요청한 scope를 거절했어요.', `네이버 OAuth 2.0 엔드포인트에는 scope가 필요 없고, OpenID Connect에는 openid가 필요해요. 제공 정보는 ${N_APP}의 API 설정 탭에서 정하세요.`] },
  // "Other errors: config" (§C6.1), except the two the spec marks as server-side (§A2): transient.
  { code: 'server_error', category: 'retry',
    en: ["Naver's login server failed.", 'Try the login again in a moment.'],
    ko: ['네이버 로그인 서버에 오류가 났어요.', '잠시 후 다시 로그인하세요.'] },
  { code: 'temporarily_unavailable', category: 'retry',
    en: ["Naver's login service is temporarily unavailable.", 'Try the login again later.'],
    ko: ['네이버 로그인 서비스를 잠시 쓸 수 없어요.', '나중에 다시 로그인하세요.'] },
  { code: '*', category: 'config',
    en: ['Naver sent back an error this catalogue does not list.', `Check the authorization request and the app in ${N_APP}.`],
    ko: ['이 목록에 없는 오류를 네이버가 돌려보냈어요.', `인가 요청과 ${N_APP}의 앱 설정을 확인하세요.`] },
];

/** RFC 6749 error codes, for a passport-oauth2 TokenError or AuthorizationError whose provider is unknown. */
const OAUTH: readonly Row[] = [
  { code: 'invalid_request', category: 'config',
    en: ['The provider refused the request as malformed.', 'Check the strategy options and the request parameters.'],
    ko: ['제공자가 요청 형식이 잘못됐다고 거절했어요.', '전략 옵션과 요청 파라미터를 확인하세요.'] },
  { code: 'invalid_client', category: 'config',
    en: ['The provider did not accept the client ID or client secret.', "Check clientID and clientSecret against the provider's console."],
    ko: ['제공자가 클라이언트 아이디나 시크릿을 받아들이지 않았어요.', 'clientID와 clientSecret이 제공자 콘솔의 값과 같은지 확인하세요.'] },
  { code: 'invalid_grant', category: 'login',
    en: ['The authorization code or refresh token is invalid, already used or expired.', 'Start the login again.'],
    ko: ['인가 코드나 리프레시 토큰이 유효하지 않거나, 이미 쓰였거나, 만료됐어요.', '로그인을 처음부터 다시 하세요.'] },
  { code: 'unauthorized_client', category: 'config',
    en: ['The app is not allowed to use this kind of request.', "Check the app's settings in the provider's console."],
    ko: ['앱에 허용되지 않은 방식의 요청이에요.', '제공자 콘솔에서 앱 설정을 확인하세요.'] },
  { code: 'unsupported_grant_type', category: 'config',
    en: ['The provider does not support the grant_type sent.', 'Use authorization_code or refresh_token.'],
    ko: ['제공자가 지원하지 않는 grant_type이에요.', 'authorization_code나 refresh_token을 쓰세요.'] },
  { code: 'unsupported_response_type', category: 'config',
    en: ['The provider does not support the response_type sent.', 'Send response_type=code.'],
    ko: ['제공자가 지원하지 않는 response_type이에요.', 'response_type=code를 보내세요.'] },
  { code: 'invalid_scope', category: 'config',
    en: ['A requested scope is unknown or not enabled for the app.', "Ask only for items enabled in the provider's console."],
    ko: ['요청한 scope가 없거나 앱에서 사용 설정되지 않았어요.', '제공자 콘솔에서 사용 설정한 항목만 요청하세요.'] },
  { code: 'access_denied', category: 'consent',
    en: ['The user cancelled the login or did not agree.', AGAIN_EN],
    ko: ['사용자가 로그인이나 동의를 취소했어요.', AGAIN_KO] },
  { code: 'server_error', category: 'retry',
    en: ["The provider's server failed.", 'Try again in a moment.'],
    ko: ['제공자 서버에 오류가 났어요.', '잠시 후 다시 시도하세요.'] },
  { code: 'temporarily_unavailable', category: 'retry',
    en: ['The provider is temporarily unavailable.', 'Try again later.'],
    ko: ['제공자 서비스를 잠시 쓸 수 없어요.', '나중에 다시 시도하세요.'] },
  { code: 'invalid_token', category: 'login',
    en: ['The token is invalid.', 'Start the login again.'],
    ko: ['토큰이 유효하지 않아요.', '로그인을 처음부터 다시 하세요.'] },
  { code: '*', category: 'config',
    en: ['The provider answered with an OAuth error this catalogue does not list.', "Check the strategy options and the app's settings in the provider's console."],
    ko: ['이 목록에 없는 OAuth 오류로 제공자가 응답했어요.', '전략 옵션과 제공자 콘솔의 앱 설정을 확인하세요.'] },
];

/**
 * This package's own failure codes (the objects `fail()` receives). A callback
 * `error=invalid_request` from either provider reaches the app as the same
 * failure code as a malformed callback, so it has its row here, not in the
 * callback tables.
 */
const FAILURE: readonly Row[] = [
  { code: 'invalid_state', category: 'login',
    en: ['The login state is missing, expired or does not match, so the callback does not belong to a login this browser started (an old tab, an expired session, a login in another tab, or a forged link).',
      'Start the login again. If it happens every time, check that the session cookie survives the redirect: SameSite=Lax, secure cookies behind a proxy need trust proxy, and the login and the callback must use the same host.'],
    ko: ['로그인 state가 없거나, 만료됐거나, 일치하지 않아요. 이 브라우저에서 시작한 로그인의 콜백이 아니에요(오래된 탭, 만료된 세션, 다른 탭의 로그인, 위조된 링크).',
      '로그인을 처음부터 다시 하세요. 매번 이런다면 리다이렉트 뒤에도 세션 쿠키가 남는지 확인하세요. SameSite=Lax여야 하고, 프록시 뒤의 secure 쿠키에는 trust proxy 설정이 필요하고, 로그인과 콜백의 호스트가 같아야 해요.'] },
  { code: 'invalid_request', category: 'config',
    en: ['The callback was malformed (no authorization code, or a malformed one), or the provider refused the authorization request as invalid.',
      `Check that callbackURL is the route that runs passport.authenticate() and that nothing rewrites its query string (opening the callback URL by hand also causes this). If the provider sent it, check clientID and that callbackURL is registered exactly (Kakao: ${K_KEY}; Naver: the API 설정 tab in ${N_APP}).`],
    ko: ['콜백 요청이 잘못됐어요(인가 코드가 없거나 형식이 틀렸어요). 또는 제공자가 인가 요청이 잘못됐다고 거절했어요.',
      `callbackURL이 passport.authenticate()를 실행하는 경로인지, 쿼리 문자열을 바꾸는 곳이 없는지 확인하세요(콜백 URL을 직접 열어도 이 오류가 나요). 제공자가 보낸 오류라면 clientID와, callbackURL이 정확히 등록돼 있는지 확인하세요(카카오: ${K_KEY}, 네이버: ${N_APP}의 API 설정 탭).`] },
  { code: 'consent_required', category: 'consent',
    en: ['The user did not agree to share items this app requires (requiredItems).', 'Ask again for just those items (strategy.reconsentOptions(info)), or leave them out of requiredItems if the app can do without them.'],
    ko: ['앱이 필수로 정한 항목(requiredItems)을 사용자가 제공하지 않았어요.', '그 항목만 다시 요청하세요(strategy.reconsentOptions(info)). 없어도 되는 항목이라면 requiredItems에서 빼세요.'] },
  // The token strategies (logins from mobile apps).
  { code: 'token_missing', category: 'config',
    en: ['The request carried no token from the provider\'s SDK.', 'Send the access token (and, for Kakao, the ID token) in the JSON or form body, or in the header set with tokenHeader.'],
    ko: ['요청에 SDK로 받은 토큰이 없어요.', '액세스 토큰(카카오는 ID 토큰도)을 JSON이나 폼 본문, 또는 tokenHeader로 정한 헤더에 담아 보내세요.'] },
  { code: 'token_in_query', category: 'config',
    en: ['A token was sent in the query string, where logs and proxies keep it; it was refused.', 'Send it in the request body or a header instead.'],
    ko: ['토큰을 쿼리 문자열에 담아 보냈어요. 로그와 프록시에 남는 자리라서 거절했어요.', '요청 본문이나 헤더에 담아 보내세요.'] },
  { code: 'malformed_token', category: 'login',
    en: ['The token is not one the provider could have issued (empty, too long, or with characters a bearer token cannot have).', 'Log in again in the app and send the new token.'],
    ko: ['제공자가 발급했을 리 없는 토큰이에요(비어 있거나, 너무 길거나, 베어러 토큰에 쓸 수 없는 문자가 있어요).', '앱에서 다시 로그인해서 새 토큰을 보내세요.'] },
  { code: 'wrong_app', category: 'config',
    en: ['The token was issued to another app, not this one.', 'Check that the app logs in with this app\'s keys, and that appId (and audience) name this app; a token from another app must never log in.'],
    ko: ['다른 앱에 발급된 토큰이에요.', '모바일 앱이 이 앱의 키로 로그인하는지, appId(와 audience)가 이 앱을 가리키는지 확인하세요. 다른 앱의 토큰으로는 로그인할 수 없어야 해요.'] },
  { code: 'invalid_token', category: 'login',
    en: ['The provider says the token is invalid or expired.', 'Have the app refresh the token or log in again, then send the new one.'],
    ko: ['제공자가 토큰이 유효하지 않거나 만료됐다고 해요.', '앱에서 토큰을 갱신하거나 다시 로그인한 뒤 새 토큰을 보내세요.'] },
  { code: 'invalid_id_token', category: 'login',
    en: ['The ID token did not pass a check (signature, issuer, audience, expiry or nonce).', 'Log in again in the app; if every login fails, check audience (the app keys whose tokens you accept) and the server clock.'],
    ko: ['ID 토큰이 검증(서명, 발급자, audience, 만료, nonce)을 통과하지 못했어요.', '앱에서 다시 로그인하세요. 매번 실패한다면 audience(토큰을 받아들일 앱 키 목록)와 서버 시계를 확인하세요.'] },
];

const NETWORK_FIX_EN = "Check the server's network, proxy and firewall (outbound HTTPS to nid.naver.com, openapi.naver.com, kauth.kakao.com, kapi.kakao.com), then try again.";
const NETWORK_FIX_KO = '서버의 네트워크, 프록시, 방화벽(nid.naver.com, openapi.naver.com, kauth.kakao.com, kapi.kakao.com으로 나가는 HTTPS)을 확인하고 다시 시도하세요.';
const TLS_FIX_EN = 'A proxy that intercepts TLS needs its CA in NODE_EXTRA_CA_CERTS; check the endpoint URLs and the server clock.';
const TLS_FIX_KO = 'TLS를 가로채는 프록시가 있다면 그 CA를 NODE_EXTRA_CA_CERTS에 넣으세요. 엔드포인트 URL과 서버 시계도 확인하세요.';

/** Transport failures (`ProviderRequestError`). EBADRESPONSE depends on the status. */
const REQUEST: readonly Row[] = [
  { code: 'ETIMEDOUT', category: 'retry',
    en: ['The provider did not answer in time.', 'Try again; if it keeps happening, check the server\'s outbound network and the timeout option.'],
    ko: ['제공자가 제시간에 응답하지 않았어요.', '다시 시도하세요. 계속되면 서버의 외부 네트워크와 timeout 옵션을 확인하세요.'] },
  { code: 'ECONNRESET', category: 'retry',
    en: ['The connection to the provider was reset.', 'Try again.'],
    ko: ['제공자와의 연결이 끊겼어요.', '다시 시도하세요.'] },
  { code: 'ECONNREFUSED', category: 'retry',
    en: ["The provider's server refused the connection.", 'Try again later; if it persists, check the endpoint URLs and any proxy.'],
    ko: ['제공자 서버가 연결을 거부했어요.', '나중에 다시 시도하세요. 계속되면 엔드포인트 URL과 프록시를 확인하세요.'] },
  { code: 'ENOTFOUND', category: 'retry',
    en: ["The provider's host name could not be resolved (DNS).", "Check the server's DNS and the endpoint URLs, then try again."],
    ko: ['제공자 호스트 이름을 찾지 못했어요(DNS).', '서버의 DNS와 엔드포인트 URL을 확인하고 다시 시도하세요.'] },
  { code: 'EAI_AGAIN', category: 'retry',
    en: ['A DNS lookup failed temporarily.', 'Try again.'],
    ko: ['DNS 조회가 일시적으로 실패했어요.', '다시 시도하세요.'] },
  { code: 'EPIPE', category: 'retry',
    en: ['The connection broke while the request was being sent.', 'Try again.'],
    ko: ['요청을 보내는 중에 연결이 끊겼어요.', '다시 시도하세요.'] },
  { code: 'ECONNABORTED', category: 'retry',
    en: ['The connection to the provider was aborted.', 'Try again.'],
    ko: ['제공자와의 연결이 중단됐어요.', '다시 시도하세요.'] },
  { code: 'EHOSTUNREACH', category: 'retry',
    en: ["The provider's host cannot be reached.", NETWORK_FIX_EN], ko: ['제공자 호스트에 닿을 수 없어요.', NETWORK_FIX_KO] },
  { code: 'ENETUNREACH', category: 'retry',
    en: ["The provider's network cannot be reached.", NETWORK_FIX_EN], ko: ['제공자 네트워크에 닿을 수 없어요.', NETWORK_FIX_KO] },
  { code: 'ERESPONSETOOLARGE', category: 'retry',
    en: ["The provider's answer was larger than maxResponseBytes.", 'Try again; if it persists, check the endpoint URLs (a wrong URL can return a large page).'],
    ko: ['제공자의 응답이 maxResponseBytes보다 커요.', '다시 시도하세요. 계속되면 엔드포인트 URL을 확인하세요(잘못된 URL은 큰 페이지를 돌려줄 수 있어요).'] },
  { code: 'EREQUEST', category: 'config',
    en: ['The request could not be sent: Node refused it (for example a header value with invalid characters).', 'Check clientID, clientSecret and customHeaders for line breaks or non-ASCII characters.'],
    ko: ['Node가 요청을 거부해서 보낼 수 없었어요(예: 헤더 값에 쓸 수 없는 문자).', 'clientID, clientSecret, customHeaders에 줄바꿈이나 ASCII가 아닌 문자가 있는지 확인하세요.'] },
  { code: 'EBADRESPONSE', when: '5xx', category: 'retry', http: '5xx',
    en: ['The provider answered with a server error.', 'Try again later.'],
    ko: ['제공자가 서버 오류로 응답했어요.', '나중에 다시 시도하세요.'] },
  { code: 'EBADRESPONSE', when: '429', category: 'retry', http: '429',
    en: ['The provider is limiting the rate of requests.', 'Wait a while before trying again.'],
    ko: ['제공자가 요청 속도를 제한하고 있어요.', '잠시 기다린 뒤 다시 시도하세요.'] },
  { code: 'EBADRESPONSE', when: '4xx', category: 'config', http: '4xx',
    en: ['The provider answered with a client error this package could not read.', 'Check the endpoint URL options (tokenURL, profileURL, jwksURL, ...) and the credentials.'],
    ko: ['제공자가 이 패키지가 읽을 수 없는 클라이언트 오류로 응답했어요.', '엔드포인트 URL 옵션(tokenURL, profileURL, jwksURL 등)과 자격 증명을 확인하세요.'] },
  { code: 'EBADRESPONSE', when: '3xx', category: 'config', http: '3xx',
    en: ['The provider answered with a redirect instead of data, so an endpoint URL is probably wrong.', 'Check the endpoint URL options: https, host and path.'],
    ko: ['제공자가 데이터 대신 리다이렉트로 응답했어요. 엔드포인트 URL이 틀렸을 가능성이 커요.', '엔드포인트 URL 옵션의 https, 호스트, 경로를 확인하세요.'] },
  // 2xx answers this package cannot use, and key sets that fail to load: transient (CONTRACT: JWKS fetch failure is retry).
  { code: 'EBADRESPONSE', category: 'retry', http: '2xx',
    en: ["The provider's answer could not be used (not JSON, or a field missing or malformed).", 'Try again; if it persists, check the endpoint URLs and whether a proxy changes the answers.'],
    ko: ['제공자의 응답을 쓸 수 없어요(JSON이 아니거나 필드가 없거나 형식이 틀렸어요).', '다시 시도하세요. 계속되면 엔드포인트 URL과, 응답을 바꾸는 프록시가 있는지 확인하세요.'] },
  { code: 'CERT_HAS_EXPIRED', category: 'config',
    en: ["The provider's TLS certificate has expired, or the server's clock is wrong.", TLS_FIX_EN],
    ko: ['제공자의 TLS 인증서가 만료됐거나 서버 시계가 틀렸어요.', TLS_FIX_KO] },
  { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', category: 'config',
    en: ["The provider's TLS certificate is self-signed.", TLS_FIX_EN], ko: ['제공자의 TLS 인증서가 자체 서명 인증서예요.', TLS_FIX_KO] },
  { code: 'SELF_SIGNED_CERT_IN_CHAIN', category: 'config',
    en: ["The provider's certificate chain has a self-signed certificate.", TLS_FIX_EN], ko: ['제공자의 인증서 체인에 자체 서명 인증서가 있어요.', TLS_FIX_KO] },
  { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', category: 'config',
    en: ["The provider's TLS certificate could not be verified.", TLS_FIX_EN], ko: ['제공자의 TLS 인증서를 검증하지 못했어요.', TLS_FIX_KO] },
  { code: 'ERR_TLS_CERT_ALTNAME_INVALID', category: 'config',
    en: ["The TLS certificate does not match the provider's host name.", TLS_FIX_EN], ko: ['TLS 인증서가 제공자 호스트 이름과 맞지 않아요.', TLS_FIX_KO] },
  { code: '*', category: 'retry',
    en: ['The connection to the provider failed.', NETWORK_FIX_EN],
    ko: ['제공자와 연결하지 못했어요.', NETWORK_FIX_KO] },
];

const RELOGIN_EN = 'Start the login again.';
const RELOGIN_KO = '로그인을 처음부터 다시 하세요.';
const JWKS_FIX_EN = 'Try again later; the provider may be changing its keys. If it persists, check jwksURL.';
const JWKS_FIX_KO = '나중에 다시 시도하세요. 제공자가 키를 바꾸는 중일 수 있어요. 계속되면 jwksURL을 확인하세요.';

/** ID token checks (`IdTokenError`): jose's codes and this package's own. */
const ID_TOKEN: readonly Row[] = [
  { code: 'ERR_ID_TOKEN_MISSING', category: 'config',
    en: ['No ID token came back although OpenID Connect is on in the strategy.', 'Turn OpenID Connect on in the provider\'s console (Kakao: the [카카오 로그인] menu) and keep openid in any per-request scope, or set the strategy\'s oidc option off.'],
    ko: ['전략에서 OpenID Connect를 켰는데 ID 토큰이 오지 않았어요.', '제공자 콘솔에서 OpenID Connect를 켜고(카카오는 [카카오 로그인] 메뉴) 요청별 scope에 openid를 남겨 두세요. 아니면 전략의 oidc 옵션을 끄세요.'] },
  { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', category: 'config',
    en: ["A claim of the ID token is not what the app expects: its issuer or audience (for example another of the app's keys), its subject, or its time (the server clock may be off).",
      'List every app key whose tokens the server accepts in the audience option (the REST API key, and the native app or JavaScript key for SDK logins); check the issuer option and the server clock.'],
    ko: ['ID 토큰의 클레임이 앱이 기대한 값과 달라요. 발급자(iss)나 대상(aud, 예: 앱의 다른 키), 주체(sub), 시간 값이 맞지 않아요(서버 시계가 틀렸을 수 있어요).',
      'audience 옵션에 서버가 받아들일 앱 키를 모두 넣으세요(REST API 키, SDK 로그인이라면 네이티브 앱 키나 JavaScript 키). issuer 옵션과 서버 시계도 확인하세요.'] },
  { code: 'ERR_AZP_MISMATCH', category: 'config',
    en: ['The ID token has several audiences and its authorized party (azp) is not this app.', "Accept only tokens issued to this app's keys; check the audience option."],
    ko: ['ID 토큰의 대상(aud)이 여럿인데 인가된 당사자(azp)가 이 앱이 아니에요.', '이 앱의 키로 발급된 토큰만 받으세요. audience 옵션을 확인하세요.'] },
  { code: 'ERR_JWT_EXPIRED', category: 'login',
    en: ['The ID token has expired.', 'Start the login again; if it happens right after logging in, check the server clock (clockTolerance).'],
    ko: ['ID 토큰이 만료됐어요.', '로그인을 처음부터 다시 하세요. 로그인 직후에도 이런다면 서버 시계(clockTolerance)를 확인하세요.'] },
  { code: 'ERR_NONCE_MISMATCH', category: 'login',
    en: ["The ID token's nonce does not match the one this login sent (or none was kept): the token belongs to another login, or was replayed.", 'Start the login again, and check that the session survives from the login to the callback.'],
    ko: ['ID 토큰의 nonce가 이 로그인에서 보낸 값과 다르거나 저장된 값이 없어요. 다른 로그인의 토큰이거나 재사용된 토큰이에요.', '로그인을 처음부터 다시 하고, 로그인부터 콜백까지 세션이 유지되는지 확인하세요.'] },
  { code: 'ERR_AT_HASH_MISMATCH', category: 'login',
    en: ["The ID token's at_hash does not match the access token sent with it: the two come from different logins.", 'Log in again in the app and send both tokens of that one login.'],
    ko: ['ID 토큰의 at_hash가 함께 보낸 액세스 토큰과 맞지 않아요. 두 토큰이 서로 다른 로그인에서 왔어요.', '앱에서 다시 로그인하고, 그 로그인에서 받은 두 토큰을 함께 보내세요.'] },
  { code: 'ERR_SUB_MISMATCH', category: 'login',
    en: ["The ID token's user is not the user of the profile.", 'Start the login again; the token and the profile must come from the same login.'],
    ko: ['ID 토큰의 사용자와 프로필의 사용자가 달라요.', '로그인을 처음부터 다시 하세요. 토큰과 프로필은 같은 로그인에서 와야 해요.'] },
  { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', category: 'login',
    en: ["The ID token's signature is not valid: the token was changed or not signed by the provider.", 'Start the login again. Repeated failures may be an attack, or a wrong jwksURL.'],
    ko: ['ID 토큰의 서명이 유효하지 않아요. 토큰이 바뀌었거나 제공자가 서명한 토큰이 아니에요.', '로그인을 처음부터 다시 하세요. 계속 실패한다면 공격이거나 jwksURL이 틀렸을 수 있어요.'] },
  { code: 'ERR_JWS_INVALID', category: 'login',
    en: ['The ID token is malformed.', RELOGIN_EN], ko: ['ID 토큰 형식이 잘못됐어요.', RELOGIN_KO] },
  { code: 'ERR_JWT_INVALID', category: 'login',
    en: ['The ID token is malformed or its claims are not valid JSON.', RELOGIN_EN], ko: ['ID 토큰 형식이 잘못됐거나 클레임이 올바른 JSON이 아니에요.', RELOGIN_KO] },
  { code: 'ERR_JOSE_ALG_NOT_ALLOWED', category: 'login',
    en: ['The ID token is signed with an algorithm other than RS256, which the providers use, so it is not genuine.', RELOGIN_EN],
    ko: ['ID 토큰이 제공자가 쓰는 RS256이 아닌 알고리즘으로 서명돼서 진짜 토큰이 아니에요.', RELOGIN_KO] },
  { code: 'ERR_JOSE_NOT_SUPPORTED', category: 'login',
    en: ['The ID token uses a key type or algorithm this package does not support.', RELOGIN_EN],
    ko: ['ID 토큰이 이 패키지가 지원하지 않는 키 형식이나 알고리즘을 써요.', RELOGIN_KO] },
  { code: 'ERR_JWKS_NO_MATCHING_KEY', category: 'retry',
    en: ["No key in the provider's key set (JWKS) matches the ID token, even after fetching it again.", JWKS_FIX_EN],
    ko: ['JWKS를 다시 받아 와도 ID 토큰에 맞는 제공자 공개키가 없어요.', JWKS_FIX_KO] },
  { code: 'ERR_JWKS_MULTIPLE_MATCHING_KEYS', category: 'retry',
    en: ["Several keys in the provider's key set (JWKS) match the ID token.", JWKS_FIX_EN],
    ko: ['제공자 공개키 목록(JWKS)에 ID 토큰과 맞는 키가 여러 개 있어요.', JWKS_FIX_KO] },
  { code: 'ERR_JWKS_TIMEOUT', category: 'retry',
    en: ["The provider's key set (JWKS) did not arrive in time.", 'Try again.'],
    ko: ['제공자 공개키 목록(JWKS)을 제시간에 받지 못했어요.', '다시 시도하세요.'] },
  { code: 'ERR_JWKS_INVALID', category: 'retry',
    en: ["The provider's key set (JWKS) is malformed.", JWKS_FIX_EN],
    ko: ['제공자 공개키 목록(JWKS) 형식이 잘못됐어요.', JWKS_FIX_KO] },
  { code: 'ERR_JWK_INVALID', category: 'retry',
    en: ["A key in the provider's key set (JWKS) is malformed.", JWKS_FIX_EN],
    ko: ['제공자 공개키 목록(JWKS)에 형식이 잘못된 키가 있어요.', JWKS_FIX_KO] },
  { code: '*', category: 'login',
    en: ['The ID token was not accepted.', RELOGIN_EN],
    ko: ['ID 토큰을 받아들이지 않았어요.', RELOGIN_KO] },
];

/** Every code this catalogue knows, one record per code (or per case of a code). */
export const errorCatalog: readonly CatalogEntry[] = [
  ...table('kakao-token', KAKAO_TOKEN),
  ...table('kakao-api', KAKAO_API),
  ...table('kakao-callback', KAKAO_CALLBACK),
  ...table('naver-token', NAVER_TOKEN),
  ...table('naver-api', NAVER_API),
  ...table('naver-callback', NAVER_CALLBACK),
  ...table('oauth', OAUTH),
  ...table('failure', FAILURE),
  ...table('request', REQUEST),
  ...table('id-token', ID_TOKEN),
];

/**
 * What {@link describeError} says about input it does not recognise (code
 * `'unknown'`). Its category is `'retry'`: for an error the catalogue cannot
 * place, the only thing a user can do is try again, and an app that shows
 * "try again later" does no harm; the fix points the developer at the log.
 */
const UNKNOWN: Pick<CatalogEntry, 'category' | 'en' | 'ko'> = {
  category: 'retry',
  en: { summary: 'Something went wrong that this package does not recognise (it may be an error in the app itself).', fix: 'Try again; if it keeps happening, check the server log.' },
  ko: { summary: '이 패키지가 알 수 없는 오류가 났어요(앱 자체의 오류일 수 있어요).', fix: '다시 시도하고, 계속되면 서버 로그를 확인하세요.' },
};

/** Same text, ignoring case and surrounding spaces (Naver's descriptions arrive decoded from `+`). */
function sameText(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * The entry for a code: the one whose `when` matches; else one with the
 * category `prefer` (the one without `when` first); else the code's entry
 * without `when`; else the source's `'*'` entry, chosen the same way.
 */
function findEntry(source: ErrorSource, code: string, when?: string, prefer?: ErrorCategory): CatalogEntry | undefined {
  const pick = (c: string): CatalogEntry | undefined => {
    const all = errorCatalog.filter((e) => e.source === source && e.code === c);
    const plain = all.find((e) => e.when === undefined);
    return all.find((e) => sameText(e.when, when))
      ?? (plain?.category === prefer ? plain : all.find((e) => e.category === prefer))
      ?? plain;
  };
  return pick(code) ?? pick('*');
}

/** The category of a code, from its entry (every source has a `'*'` entry, so this always finds one). */
function categoryOf(source: ErrorSource, code: string, when?: string): ErrorCategory {
  return findEntry(source, code, when)?.category ?? UNKNOWN.category;
}

/** `'2xx'` ... `'5xx'`, or `'429'` (rate limiting), for an HTTP status. */
function statusClass(status: number | undefined): string | undefined {
  if (status === undefined || !Number.isInteger(status) || status < 100 || status > 599) return undefined;
  return status === 429 ? '429' : `${Math.floor(status / 100)}xx`;
}

/**
 * The category of a Kakao token endpoint error (§C6.3). Unknown `KOE…` codes
 * are `'config'`, as §C6.3 says; without a KOE code the OAuth `error` decides.
 *
 * @param errorCode - Kakao's `error_code` (`'KOE320'`), if sent
 * @param error - the OAuth `error` (`'invalid_grant'`)
 */
export function kakaoTokenErrorCategory(errorCode: string | undefined, error: string): ErrorCategory {
  if (errorCode !== undefined && /^KOE\d+$/.test(errorCode)) return categoryOf('kakao-token', errorCode);
  return categoryOf('oauth', error);
}

/**
 * The category of a kapi.kakao.com error `code` (§C6.4); codes not listed are `'config'`.
 *
 * @param code - Kakao's `code`, e.g. `-401`
 */
export function kakaoApiErrorCategory(code: number): ErrorCategory {
  return categoryOf('kakao-api', String(code));
}

/**
 * The category of a Naver token or revoke endpoint error (§C6.1, §C8). Naver
 * sends several meanings under `invalid_request`; the description tells them apart.
 *
 * @param error - Naver's `error`
 * @param description - Naver's `error_description`
 * @param status - the HTTP status, when known: `unauthorized_client` / `invalid_client`
 *   with 401 is the app's own authentication failing (revoke, OpenID Connect token endpoint)
 */
export function naverTokenErrorCategory(error: string, description?: string, status?: number): ErrorCategory {
  if (status === 401 && (error === 'unauthorized_client' || error === 'invalid_client')) return 'config';
  return categoryOf('naver-token', error, description);
}

/**
 * The category of a Naver API error (§C6.2): a `/v1/nid/me` `resultcode`, or
 * the openapi.naver.com gateway's `errorCode` (then judged by the HTTP status:
 * 429 and 5xx `'retry'`, others `'config'`).
 *
 * @param code - `resultcode` or `errorCode`, e.g. `'024'`
 * @param status - the HTTP status
 */
export function naverApiErrorCategory(code: string, status: number): ErrorCategory {
  return categoryOf('naver-api', code, statusClass(status));
}

/**
 * The category of an `error` the provider sent to the redirect URI (§A2, §B2,
 * §C6.1, §C6.3). Naver's `access_denied` with "Canceled By User" is the user's
 * cancel (`'consent'`); with "user not logged in.", "need user consent." or
 * "unsupported browser environment." it is an `auth_type=autologin` failure
 * (`'login'`: go on with an interactive login). Kakao's `consent_required` is
 * `'consent'`, `login_required` and `interaction_required` `'login'`.
 * Errors not listed are `'config'`.
 *
 * @param provider - whose callback it is
 * @param error - the callback's `error`
 * @param description - the callback's `error_description`
 */
export function callbackErrorCategory(provider: 'naver' | 'kakao', error: string, description?: string): ErrorCategory {
  return categoryOf(provider === 'naver' ? 'naver-callback' : 'kakao-callback', error, description);
}

/**
 * The category of a transport failure (`ProviderRequestError`): timeouts,
 * resets and unusable 2xx, 429 or 5xx answers are `'retry'`; an unusable 3xx or
 * 4xx answer (a wrong endpoint URL), a request Node refused to send, and TLS
 * certificate errors are `'config'`. Socket codes not listed are `'retry'`.
 *
 * @param code - `'ETIMEDOUT'`, `'EBADRESPONSE'`, a socket code, ...
 * @param status - the HTTP status, when a response arrived
 */
export function requestErrorCategory(code: string, status?: number): ErrorCategory {
  return categoryOf('request', code, statusClass(status));
}

/**
 * The category of an ID token failure (`IdTokenError`): a missing token, a wrong
 * `aud`/`iss`/`azp` is `'config'`; a key set that cannot be had or has no
 * matching key `'retry'`; anything else about the token (expired, nonce,
 * signature, malformed) `'login'`.
 *
 * @param code - jose's code or this package's (`'ERR_NONCE_MISMATCH'`, ...)
 */
export function idTokenErrorCategory(code: string): ErrorCategory {
  return categoryOf('id-token', code);
}

// ---------------------------------------------------------------------------
// describeError

const CATEGORIES: ReadonlySet<string> = new Set<ErrorCategory>(['retry', 'login', 'config', 'consent']);

/**
 * Codes that may be shown although they are not in the catalogue, per source:
 * shapes an authorization code, token or secret cannot plausibly take.
 */
const SAFE_CODE: Partial<Record<ErrorSource, RegExp>> = {
  'kakao-token': /^KOE\d{3}$/,
  'kakao-api': /^-?\d{1,6}$/,
  'naver-api': /^(\d{3}|[A-Z]{2}\d{2})$/,
  'naver-token': /^[a-z]+(_[a-z]+)+$/,
  'naver-callback': /^[a-z]+(_[a-z]+)+$/,
  'kakao-callback': /^[a-z]+(_[a-z]+)+$/,
  oauth: /^[a-z]+(_[a-z]+)+$/,
  request: /^(E[A-Z]{2,20}|[A-Z]+(_[A-Z]+)+)$/,
  'id-token': /^ERR(_[A-Z]+)+$/,
};

/** The fields of an error or failure object that describeError reads. */
interface Fields {
  name?: string;
  code?: string;
  numericCode?: number;
  errorCode?: string;
  status?: number;
  provider?: 'naver' | 'kakao';
  category?: ErrorCategory;
  description?: string;
  scopes: string[];
}

/** A scope or item ID as the providers write them (`account_email`); anything else is left out. */
const ITEM_ID = /^[a-z][a-z0-9_]{0,63}$/;

/** Reads the fields, tolerating any input (getters that throw are the caller's catch). */
function readFields(input: unknown): Fields {
  if (typeof input === 'string') return { code: input, scopes: [] };
  if (typeof input === 'number') return { numericCode: input, scopes: [] };
  if (typeof input !== 'object' || input === null) return { scopes: [] };
  const o = input as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const oauthError = typeof o['oauthError'] === 'object' && o['oauthError'] !== null ? (o['oauthError'] as Record<string, unknown>) : {};
  const status = typeof o['status'] === 'number' ? o['status'] : typeof oauthError['statusCode'] === 'number' ? oauthError['statusCode'] : undefined;
  const list = Array.isArray(o['requiredScopes']) ? o['requiredScopes'] : Array.isArray(o['missing']) ? o['missing'] : [];
  const provider = o['provider'];
  const category = o['category'];
  const fields: Fields = {
    scopes: list.filter((s): s is string => typeof s === 'string' && ITEM_ID.test(s)).slice(0, 20),
  };
  const name = str(o['name']);
  if (name !== undefined) fields.name = name;
  if (typeof o['code'] === 'number') fields.numericCode = o['code'];
  const code = str(o['code']) ?? str(oauthError['code']);
  if (code !== undefined) fields.code = code;
  const errorCode = str(o['errorCode']);
  if (errorCode !== undefined) fields.errorCode = errorCode;
  if (status !== undefined) fields.status = status;
  if (provider === 'naver' || provider === 'kakao') fields.provider = provider;
  if (typeof category === 'string' && CATEGORIES.has(category)) fields.category = category as ErrorCategory;
  // Only ever compared with the catalogue's fixed descriptions, never shown.
  const description = str(o['message']) ?? str(o['error_description']);
  if (description !== undefined) fields.description = description;
  return fields;
}

/** The catalogue entry for the fields, and the source it was looked up in. */
type Found = { source: ErrorSource; entry: CatalogEntry; raw: string };

function lookup(source: ErrorSource, raw: string, when?: string, prefer?: ErrorCategory): Found | undefined {
  const entry = findEntry(source, raw, when, prefer);
  return entry === undefined ? undefined : { source, entry, raw };
}

/** Where a bare code (a string, or a plain object without a provider) is looked up, in order. */
const BARE_ORDER: readonly ErrorSource[] = ['kakao-token', 'kakao-api', 'request', 'id-token', 'naver-api', 'failure', 'oauth', 'kakao-callback', 'naver-callback', 'naver-token'];

/** A code listed by name (not only through a `'*'` entry) in a source. */
function listed(source: ErrorSource, code: string): boolean {
  return errorCatalog.some((e) => e.source === source && e.code === code);
}

/** Finds the entry for a plain object or a bare code. */
function findBare(f: Fields): Found | undefined {
  if (f.errorCode !== undefined && /^KOE\d+$/.test(f.errorCode)) return lookup('kakao-token', f.errorCode);
  if (f.numericCode !== undefined) return Number.isInteger(f.numericCode) ? lookup('kakao-api', String(f.numericCode)) : undefined;
  const code = f.code;
  if (code === undefined) return undefined;
  if (/^KOE\d+$/.test(code)) return lookup('kakao-token', code);
  if (/^-\d+$/.test(code)) return lookup('kakao-api', code);
  // A failure object: this package's codes, else the provider's callback errors.
  if (f.provider !== undefined && !(code === 'consent_required' && f.scopes.length === 0 && f.provider === 'kakao')) {
    if (listed('failure', code)) return lookup('failure', code);
    return lookup(`${f.provider}-callback`, code, f.description, f.category);
  }
  // consent_required without missing items is Kakao's prompt=none answer.
  if (code === 'consent_required' && f.scopes.length === 0) return lookup('kakao-callback', code);
  const source = BARE_ORDER.find((s) => listed(s, code));
  return source === undefined ? undefined : lookup(source, code, f.description, f.category);
}

/** Finds the entry for the fields, by the error's `name` first. */
function find(f: Fields): Found | undefined {
  const code = f.code ?? '';
  switch (f.name) {
    case 'KakaoTokenError':
      return f.errorCode !== undefined && /^KOE\d+$/.test(f.errorCode) ? lookup('kakao-token', f.errorCode) : lookup('oauth', code);
    case 'NaverTokenError':
      return lookup('naver-token', code, f.description, naverTokenErrorCategory(code, f.description, f.status));
    case 'KakaoAPIError':
      return f.numericCode === undefined ? undefined : lookup('kakao-api', String(f.numericCode));
    case 'NaverAPIError':
      return lookup('naver-api', code, statusClass(f.status));
    case 'ProviderRequestError':
      return lookup('request', code, statusClass(f.status));
    case 'InternalOAuthError':
      // passport-oauth2's own transport error: a status means an unusable answer, else a socket code.
      return f.status !== undefined ? lookup('request', 'EBADRESPONSE', statusClass(f.status)) : code !== '' ? lookup('request', code) : undefined;
    case 'IdTokenError':
      return lookup('id-token', code);
    case 'TokenError':
      if (f.provider === 'kakao') return find({ ...f, name: 'KakaoTokenError' });
      if (f.provider === 'naver') return find({ ...f, name: 'NaverTokenError' });
      return lookup('oauth', code);
    case 'AuthorizationError':
      return f.provider === undefined ? lookup('oauth', code) : lookup(`${f.provider}-callback`, code, f.description, f.category);
    default:
      return findBare(f);
  }
}

/** The code to show: the catalogue's own, or the input's when it has a code's shape. */
function shownCode({ source, entry, raw }: Found): string {
  if (entry.code !== '*') return entry.code;
  return SAFE_CODE[source]?.test(raw) === true ? raw : 'unknown';
}

/** The sentence naming the items to ask for (a `-402`'s `requiredScopes`, a failure's `missing`). */
function itemsSentence(scopes: readonly string[], lang: 'ko' | 'en'): string {
  if (scopes.length === 0) return '';
  return lang === 'ko' ? ` 요청할 항목: ${scopes.join(', ')}.` : ` Items to ask for: ${scopes.join(', ')}.`;
}

/** The implementation of the public `describeError` (lib/catalog.ts, which loads this module on first use). */
export function describeError(error: unknown, lang: 'ko' | 'en' = 'en'): ErrorDescription {
  const language = lang === 'ko' ? 'ko' : 'en';
  let fields: Fields = { scopes: [] };
  let found: Found | undefined;
  try {
    fields = readFields(error);
    found = find(fields);
  } catch {
    // A getter or proxy that throws: describe it as unknown.
    found = undefined;
  }
  if (found === undefined) {
    return { code: 'unknown', category: UNKNOWN.category, summary: UNKNOWN[language].summary, fix: UNKNOWN[language].fix };
  }
  const { entry } = found;
  // For a code the catalogue only knows through '*', a category the object carries itself is kept.
  const category = entry.code === '*' && fields.category !== undefined ? fields.category : entry.category;
  const text = entry[language];
  const items = entry.code === '-402' || (found.source === 'failure' && entry.code === 'consent_required') ? itemsSentence(fields.scopes, language) : '';
  return { code: shownCode(found), category, summary: text.summary, fix: text.fix + items };
}
