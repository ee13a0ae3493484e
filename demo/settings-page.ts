// The settings page (the user's consents at Kakao, or what Naver offers
// instead) and the page for a Kakao logout return whose state does not match.
// Everything from a provider goes through the escaping `html` tag.
import type { KakaoScope } from 'passport-naver-kakao';
import { action, html, layout, type PageContext, type Safe } from './pages.js';

/** The buttons of one consent row: withdraw an agreed optional item, ask for an item not agreed yet. */
function consentActions(ctx: PageContext, scope: KakaoScope): Safe | string {
  if (scope.agreed) {
    if (scope.revocable === true) return action(ctx, '/settings/withdraw', '동의 철회 / Withdraw', `withdraw-${scope.id}`, { item: scope.id });
    return html`<span class="muted">필수 항목 / Required</span>`;
  }
  if (!scope.using) return '';
  const label = scope.id === 'account_email' ? '이메일 공유하기 / Share my email' : '동의하기 / Agree';
  return action(ctx, '/settings/consent', label, scope.id === 'account_email' ? 'share-email' : `ask-${scope.id}`, { item: scope.id });
}

function consentTable(ctx: PageContext, scopes: readonly KakaoScope[]): Safe {
  const rows = scopes.map(
    (scope) => html`<tr data-testid="consent-${scope.id}" data-agreed="${String(scope.agreed)}">
<td>${scope.display_name}<br><span class="code">${scope.id} · ${scope.type}${scope.using ? '' : ' · not used'}</span></td>
<td data-testid="agreed-${scope.id}">${scope.agreed ? '동의함 / Agreed' : '동의 안 함 / Not agreed'}</td>
<td>${consentActions(ctx, scope)}</td></tr>`,
  );
  return html`<table class="consents" data-testid="consents"><thead><tr><th>항목 / Item</th><th>상태 / Status</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * The settings page. For Kakao, `scopes` is the answer of `/v2/user/scopes`
 * (docs/providers.md §C12); Naver has no such API (its items are set in the
 * console, and a user changes them on Naver's connected-services page).
 */
export function settingsPage(ctx: PageContext & { user: Express.User }, scopes: readonly KakaoScope[] | undefined): string {
  const user = ctx.user;
  const consents =
    user.provider === 'kakao'
      ? html`<section class="card"><h2>카카오 동의 항목 / Your Kakao consents</h2>
<p class="muted">이 앱이 쓰는 항목과 동의 여부 (GET /v2/user/scopes) / What this app uses and what you agreed to.</p>
${consentTable(ctx, scopes ?? [])}
<p data-testid="settings-email">이메일 / Email: ${user.email ?? '—'}</p></section>`
      : html`<section class="card"><h2>네이버 제공 정보 / Your Naver consents</h2>
<p>네이버는 동의 항목을 조회하거나 철회하는 API가 없습니다. 항목은 앱의 콘솔에서 정하고, 사용자는 네이버의 ‘연결된 서비스 관리’에서 바꿉니다.</p>
<p>Naver has no API to list or withdraw consents: the app's console sets the items, and you change them in Naver's connected-services page.</p>
<p><a href="/login/naver?reprompt=1" data-testid="naver-reprompt">동의 다시 받기 / Ask for consent again (auth_type=reprompt)</a></p>
<p data-testid="settings-email">이메일 / Email: ${user.email ?? '—'}</p></section>`;
  const body = html`<h1>설정 / Settings</h1>${consents}
<section class="card"><h2>연결 끊기 / Disconnect</h2>
<p>이 앱과 ${user.provider === 'kakao' ? '카카오' : '네이버'} 계정의 연결을 끊고 로그아웃합니다. 다음 로그인에서 동의를 다시 묻습니다.</p>
<p>Ends this app's access to your ${user.provider === 'kakao' ? 'Kakao' : 'Naver'} account and logs you out; the next login asks for consent again.</p>
${action(ctx, '/disconnect', '연결 끊기 / Disconnect', 'disconnect')}</section>`;
  return layout(ctx, 'Settings', body);
}

/** The page for a Kakao logout return whose `state` is not the one this browser's session sent: nothing was done. */
export function logoutCheckPage(ctx: PageContext): string {
  const body = html`<section class="card failure" data-testid="logout-unconfirmed"><h1>로그아웃 확인 실패 / Logout not confirmed</h1>
<p class="lang">이 주소는 이 사이트가 시작한 로그아웃에서 온 것이 아닙니다(state 불일치). 아무것도 하지 않았습니다.</p>
<p class="lang">This address was not reached from a logout this site started (the state does not match), so nothing was done.</p></section>
<p><a class="btn plain" href="/">처음으로 / Back to start</a></p>`;
  return layout(ctx, 'Logout not confirmed', body);
}
