/**
 * The emulator's HTML pages: a small consent screen and an error page. Every
 * value shown is escaped.
 *
 * @packageDocumentation
 */
import { escapeHTML } from './server.js';
import type { ConsentSetting, EmulatorUser } from './types.js';

/** What the consent screen shows and carries on to the decision. */
export interface ConsentPage {
  /** `'Naver'` or `'Kakao'`. */
  provider: string;
  /** Where the form posts the decision. */
  action: string;
  appName: string;
  users: readonly EmulatorUser[];
  /** Consent items to show, with their Korean names and settings. */
  items: ReadonlyArray<{ id: string; label: string; setting: ConsentSetting }>;
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
  // Required items must stay checked (the browser refuses to submit otherwise); optional ones can be unchecked.
  const items = page.items.length
    ? page.items
        .map(
          (item) =>
            `<label><input type="checkbox" name="agree" value="${escapeHTML(item.id)}" checked${item.setting === 'required' ? ' required' : ''}> ` +
            `[${item.setting === 'required' ? '필수' : '선택'}] ${escapeHTML(item.label)}</label>`,
        )
        .join('\n')
    : '<p>추가로 동의할 항목이 없습니다 / Nothing new to agree to</p>';
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
<fieldset><legend>제공 항목 / Requested information</legend>
${items}
</fieldset>
<button type="submit" name="decision" value="approve" data-action="approve">동의하고 계속하기 / Approve</button>
<button type="submit" name="decision" value="cancel" data-action="cancel" formnovalidate>취소 / Cancel</button>
</form></body></html>`;
}

/** What a provider's error page says: a title and paragraphs, in the provider's wording. */
export interface ErrorText {
  title: string;
  lines: string[];
}

/** An error page shown instead of redirecting (an unregistered client or redirect URI, KOE205, ...). */
export function errorPage(provider: string, text: ErrorText): string {
  const lines = text.lines.map((line) => `<p>${escapeHTML(line)}</p>`).join('');
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>${escapeHTML(text.title)}</title><style>${STYLE}</style></head>
<body class="${provider.toLowerCase()}"><p><span class="brand">${escapeHTML(provider)}</span> emulator</p><h1>${escapeHTML(text.title)}</h1>${lines}</body></html>`;
}

/** The title of an emulator page (for error messages of tests that have no browser). */
export function pageTitle(page: string): string | undefined {
  const title = /<h1>(.*?)<\/h1>/s.exec(page)?.[1];
  return title === undefined ? undefined : unescapeHTML(title.replace(/<[^>]*>/g, ''));
}

/**
 * Reads a consent page the way a browser submits it: the form's action, and its
 * hidden fields and checked items plus the chosen user and button.
 *
 * @param decline - consent items to uncheck
 * @returns undefined when the page has no consent form
 */
export function readConsentForm(page: string, decision: 'approve' | 'cancel', user: string, decline: readonly string[] = []): { action: string; form: URLSearchParams } | undefined {
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
  if (action === undefined) return undefined;
  const form = new URLSearchParams({ decision, user });
  for (const [, name, value] of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) form.append(unescapeHTML(name!), unescapeHTML(value!));
  for (const [, value] of page.matchAll(/<input type="checkbox" name="agree" value="([^"]*)" checked/g)) {
    if (!decline.includes(unescapeHTML(value!))) form.append('agree', unescapeHTML(value!));
  }
  return { action: unescapeHTML(action), form };
}

function unescapeHTML(text: string): string {
  return text.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
}
