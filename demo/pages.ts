// The demo's HTML. Every value is escaped by the `html` tag unless it is
// already a `Safe` fragment built by the same tag.
import type { ErrorDescription } from 'passport-naver-kakao';
import type { Explained } from './explain.js';
import { indentJSON } from './json-text.js';

/** HTML that is already safe to insert. */
export class Safe {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** Escapes text for HTML content and quoted attributes. */
export function escapeHTML(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A template tag: interpolated values are escaped, `Safe` values and arrays of them are inserted as they are. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Safe {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Safe(out);
}

function render(value: unknown): string {
  if (value instanceof Safe) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHTML(String(value));
}

/** Which back end each provider uses. */
export interface ProviderModes {
  naver: 'emulator' | 'real';
  kakao: 'emulator' | 'real';
  /** Whether the Naver OpenID Connect login is offered (always with the emulator; NAVER_OIDC=1 with the real Naver). */
  naverOidc?: boolean | undefined;
}

/** What every page needs to know besides its own content. */
export interface PageContext {
  modes: ProviderModes;
  /** The logged-in user, if any. */
  user?: Express.User | undefined;
  /** The session's CSRF token, put in every form (see csrf.ts). */
  csrf?: string | undefined;
  /** A one-time notice for this page. */
  notice?: string | undefined;
  /** Origins, besides any `https:` URL, whose images may be shown: the emulator's. */
  imageOrigins?: readonly string[] | undefined;
}

/**
 * The URL to use as `<img src>`, or undefined: only `https:` URLs and the
 * listed origins (the emulator's `http:` one). A `javascript:`, `data:` or
 * plain `http:` picture from a provider is never loaded.
 */
export function imageSource(url: string | undefined, origins: readonly string[] = []): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return parsed.protocol === 'https:' || origins.includes(parsed.origin) ? parsed.href : undefined;
}

/** A POST form of one button, with the CSRF field and any other hidden fields. */
export function action(ctx: PageContext, path: string, label: string, testid: string, fields: Record<string, string> = {}): Safe {
  const hidden = Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  return html`<form class="inline" method="post" action="${path}"><input type="hidden" name="_csrf" value="${ctx.csrf ?? ''}">${hidden}<button class="btn plain" type="submit" data-testid="${testid}">${label}</button></form>`;
}

/**
 * The header's account controls: settings, and logout. A Kakao user chooses
 * between this app only and Kakao too (Kakao's `/oauth/logout`, docs/providers.md
 * §C12); Naver has no way for an app to log anyone out of Naver (§A4).
 */
function accountControls(ctx: PageContext): Safe | string {
  if (!ctx.user) return '';
  const kakao = ctx.user.provider === 'kakao';
  return html`<nav class="account"><a href="/settings" data-testid="settings-link">설정 / Settings</a>
${action(ctx, '/logout', kakao ? '로그아웃(이 앱만) / Log out of this app' : '로그아웃 / Log out', 'logout')}
${kakao ? action(ctx, '/logout/kakao', '카카오 계정도 로그아웃 / Log out of Kakao too', 'logout-kakao') : ''}</nav>`;
}

/** The page frame. No inline style or script: the style sheet is /demo.css (see headers.ts). */
export function layout(ctx: PageContext, title: string, body: Safe): string {
  const emulated = (['naver', 'kakao'] as const).filter((p) => ctx.modes[p] === 'emulator');
  const banner = emulated.length
    ? html`<p class="banner" data-testid="emulator-banner">에뮬레이터 사용 중 / Using the local emulator for ${emulated.map((p) => (p === 'naver' ? 'Naver' : 'Kakao')).join(' & ')}: no real account is touched.</p>`
    : '';
  return `<!doctype html>${html`<html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · passport-naver-kakao</title><link rel="stylesheet" href="/demo.css"><link rel="icon" href="/favicon.svg" type="image/svg+xml"></head>
<body><main><header><a href="/"><strong>passport-naver-kakao</strong> demo</a>
${accountControls(ctx)}</header>
${banner}${noticeBox(ctx.notice)}${body}</main></body></html>`}`;
}

function noticeBox(text: string | undefined): Safe | string {
  return text ? html`<p class="notice" data-testid="notice">${text}</p>` : '';
}

/** Home: the login buttons, or who you are. */
export function homePage(ctx: PageContext): string {
  const user = ctx.user;
  const body = user
    ? html`<h1>안녕하세요, ${user.displayName || '(no name)'} 님</h1>
<p>${user.provider === 'naver' ? '네이버' : '카카오'} 계정으로 로그인했습니다 / Logged in with ${user.provider === 'naver' ? 'Naver' : 'Kakao'}.</p>
<p><a class="btn plain" href="/profile">프로필 보기 / View profile</a> <a class="btn plain" href="/settings">설정 / Settings</a></p>`
    : html`<h1>로그인 / Log in</h1>
<div class="card"><a class="btn naver" href="/login/naver" data-testid="login-naver">네이버로 로그인 / Log in with Naver</a>
${ctx.modes.naverOidc ? html`<a class="btn naver" href="/login/naver-oidc" data-testid="login-naver-oidc">네이버 OpenID Connect 로그인 / Naver OpenID Connect</a>` : ''}
<a class="btn kakao" href="/login/kakao" data-testid="login-kakao">카카오로 로그인 / Log in with Kakao</a>
<p class="muted">다시 묻기 / Ask again: <a href="/login/naver?reprompt=1">Naver: 동의 다시 받기 (auth_type=reprompt)</a> ·
<a href="/login/kakao?relogin=1">Kakao: 다시 로그인 (prompt=login)</a></p></div>`;
  return layout(ctx, 'Home', body);
}

function expiry(receivedAt: number, seconds: number | undefined): Safe | string {
  if (seconds === undefined) return '—';
  const at = new Date(receivedAt + seconds * 1000);
  return html`${seconds} s (${at.toISOString().replace('T', ' ').slice(0, 19)} UTC)`;
}

/** The profile page: the normalized profile, the raw JSON and the token response fields. */
export function profilePage(ctx: PageContext & { user: Express.User }): string {
  const user = ctx.user;
  const t = user.token;
  const picture = imageSource(user.photo, ctx.imageOrigins);
  const body = html`<h1>${picture ? html`<img class="avatar" src="${picture}" alt="" data-testid="avatar">` : ''}<span data-testid="display-name">${user.displayName || '(no name)'}</span></h1>
<section class="card"><h2>프로필 / Profile</h2><dl>
<dt>provider</dt><dd data-testid="provider">${user.provider}${user.login === 'naver-oidc' ? ' (OpenID Connect)' : ''}</dd>
<dt>id</dt><dd data-testid="user-id">${user.id}</dd>
<dt>displayName</dt><dd>${user.displayName}</dd>
<dt>email</dt><dd>${user.email ? html`${user.email} (${user.emailVerified ? 'verified' : 'not verified'})` : '—'}</dd>
<dt>photo</dt><dd data-testid="photo-url">${user.photo ? html`${user.photo}${picture ? '' : html` <span class="muted">(표시하지 않음 / not shown: not an https URL)</span>`}` : '—'}</dd>
</dl></section>
<section class="card"><h2>토큰 응답 / Token response</h2><dl>
<dt>token_type</dt><dd>${t.tokenType ?? '—'}</dd>
<dt>access token expires</dt><dd>${expiry(t.receivedAt, t.expiresIn)}</dd>
<dt>refresh token</dt><dd>${t.hasRefreshToken ? html`yes, expires ${expiry(t.receivedAt, t.refreshTokenExpiresIn)}` : 'no'}</dd>
<dt>scope</dt><dd>${t.scope ?? '—'}</dd>
<dt>id_token</dt><dd>${t.hasIdToken ? 'yes' : 'no'}</dd>
</dl><p class="muted">토큰 값은 표시하지 않습니다 / Token values are never shown.</p>
${t.hasRefreshToken ? action(ctx, '/token/refresh', '토큰 갱신 / Refresh token', 'refresh') : ''}
${action(ctx, '/disconnect', '연결 끊기 / Disconnect', 'disconnect')}</section>
${user.idToken ? html`<section class="card"><h2>ID 토큰 / Verified ID token claims</h2><p class="muted">서명, iss, aud, exp, nonce를 확인했습니다 / Signature, iss, aud, exp and nonce checked before login.</p><pre data-testid="id-token">${JSON.stringify(user.idToken, null, 2)}</pre></section>` : ''}
<section class="card"><h2>${user.provider === 'naver' ? 'Naver' : 'Kakao'} raw JSON</h2><p class="muted">받은 그대로 / The body as received (profile._raw)</p><pre data-testid="raw-json">${indentJSON(user.raw)}</pre></section>`;
  return layout(ctx, 'Profile', body);
}

/** The page for an address the demo does not have. */
export function notFoundPage(ctx: PageContext): string {
  const body = html`<section class="card" data-testid="not-found"><h1>페이지 없음 / Not found</h1>
<p>이 주소에는 페이지가 없습니다 / There is no page at this address.</p></section>
<p><a class="btn plain" href="/">처음으로 / Back to start</a></p>`;
  return layout(ctx, 'Not found', body);
}

/** The page for a POST refused by the CSRF check: nothing was done. */
export function refusedPage(ctx: PageContext, reason: string): string {
  const body = html`<section class="card failure" data-testid="refused"><h1>요청 거부 / Request refused</h1>
<p class="lang">이 요청은 이 사이트의 페이지에서 보낸 것이 아니어서 처리하지 않았습니다.</p>
<p class="lang">This request did not come from a page of this site, so nothing was done.</p>
<p class="code">${reason}</p></section>
<p><a class="btn plain" href="/">처음으로 / Back to start</a></p>`;
  return layout(ctx, 'Refused', body);
}

/** The page for a failed login or action: the reason from describeError() in Korean and English, never a stack trace. */
export function failurePage(ctx: PageContext, explained: Explained, title: 'failure' | 'error' = 'failure'): string {
  const words = (d: ErrorDescription, lang: 'ko' | 'en') =>
    html`<div class="lang" lang="${lang}" data-testid="failure-${lang}"><p><strong data-testid="failure-${lang}-summary">${d.summary}</strong></p><p data-testid="failure-${lang}-fix">${d.fix}</p></div>`;
  const heading = title === 'failure' ? '로그인 실패 / Login failed' : '오류 / Error';
  const body = html`<section class="card failure" data-testid="failure"><h1>${heading}</h1>
${words(explained.ko, 'ko')}${words(explained.en, 'en')}
<p class="code" data-testid="failure-code">${explained.code} · ${explained.category}</p></section>
<p><a class="btn plain" href="/" data-testid="back">처음으로 / Back to start</a></p>`;
  return layout(ctx, title === 'failure' ? 'Login failed' : 'Error', body);
}
