/**
 * The emulator's HTML pages: a small consent screen and an error page. Every
 * value shown is escaped.
 *
 * @packageDocumentation
 */
import { escapeHTML } from './server.js';
import type { EmulatorUser } from './types.js';

/** What the consent screen shows and carries on to the decision. */
export interface ConsentPage {
  /** `'Naver'` or `'Kakao'`. */
  provider: string;
  /** Where the form posts the decision. */
  action: string;
  appName: string;
  users: readonly EmulatorUser[];
  /** Consent items to show. */
  scopes: readonly string[];
  /** Parameters of the authorization request, carried in hidden fields. */
  carry: Record<string, string>;
}

const STYLE = `body{font-family:system-ui,'Nanum Gothic',sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.3rem}.brand{font-weight:700}.naver .brand{color:#03c75a}.kakao .brand{color:#3c1e1e;background:#fee500;padding:0 .3rem}
label{display:block;padding:.5rem;border:1px solid #ddd;border-radius:.4rem;margin:.3rem 0}ul{padding-left:1.2rem}
button{font-size:1rem;padding:.6rem 1.2rem;margin:.3rem .3rem 0 0;border-radius:.4rem;border:1px solid #888;cursor:pointer}
button[data-action=approve]{background:#222;color:#fff}`;

/** The consent screen. */
export function consentPage(page: ConsentPage): string {
  const users = page.users
    .map(
      (user, i) =>
        `<label><input type="radio" name="user" value="${escapeHTML(user.key)}"${i === 0 ? ' checked' : ''}> ${escapeHTML(user.name)}` +
        `${user.email ? ` <small>${escapeHTML(user.email)}</small>` : ''}</label>`,
    )
    .join('\n');
  const scopes = page.scopes.length ? `<ul>${page.scopes.map((s) => `<li>${escapeHTML(s)}</li>`).join('')}</ul>` : '<p>기본 프로필 / Basic profile</p>';
  const hidden = Object.entries(page.carry)
    .map(([name, value]) => `<input type="hidden" name="${escapeHTML(name)}" value="${escapeHTML(value)}">`)
    .join('\n');
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHTML(page.provider)} 로그인 (emulator)</title><style>${STYLE}</style></head>
<body class="${page.provider.toLowerCase()}"><p><span class="brand">${escapeHTML(page.provider)}</span> emulator</p>
<h1><strong>${escapeHTML(page.appName)}</strong>에 로그인 / Log in to ${escapeHTML(page.appName)}</h1>
<form method="post" action="${escapeHTML(page.action)}">
${hidden}
<fieldset><legend>계정 / Account</legend>
${users}
</fieldset>
<p>제공 항목 / Requested information:</p>${scopes}
<button type="submit" name="decision" value="approve" data-action="approve">동의하고 계속하기 / Approve</button>
<button type="submit" name="decision" value="cancel" data-action="cancel">취소 / Cancel</button>
</form></body></html>`;
}

/** An error page shown instead of redirecting (an unregistered client or redirect URI). */
export function errorPage(provider: string, title: string, detail: string): string {
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>${escapeHTML(title)}</title><style>${STYLE}</style></head>
<body class="${provider.toLowerCase()}"><p><span class="brand">${escapeHTML(provider)}</span> emulator</p><h1>${escapeHTML(title)}</h1><p>${escapeHTML(detail)}</p></body></html>`;
}

/**
 * Reads a consent page the way a browser submits it: the form's action, and its
 * hidden fields plus the chosen user and button.
 *
 * @returns undefined when the page has no consent form
 */
export function readConsentForm(page: string, decision: 'approve' | 'cancel', user: string): { action: string; form: URLSearchParams } | undefined {
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
  if (action === undefined) return undefined;
  const form = new URLSearchParams({ decision, user });
  for (const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.append(unescapeHTML(name!), unescapeHTML(value!));
  return { action: unescapeHTML(action), form };
}

function unescapeHTML(text: string): string {
  return text.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
}
