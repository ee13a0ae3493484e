// Drives the emulator over real sockets the way a browser and an app server do:
// the authorization page, the consent form, the token endpoint and the APIs.
import { readConsentForm } from '../../lib/testing/pages.js';
import type { Emulator } from '../../lib/testing/index.js';

export const CB = 'http://app.test/cb';

/** An answer, read whole. */
export interface Answer {
  status: number;
  location: string | null;
  body: string;
  cookie: string | undefined;
}

async function read(res: Response): Promise<Answer> {
  return { status: res.status, location: res.headers.get('location'), body: await res.text(), cookie: res.headers.get('set-cookie')?.split(';')[0] };
}

/** The provider's authorization URL with these parameters (response_type=code and redirect_uri=CB unless given). */
export function authorizeURL(base: string, params: Record<string, string>): string {
  return `${base}?${new URLSearchParams({ response_type: 'code', redirect_uri: CB, ...params })}`;
}

/** GET of a URL without following redirects. */
export async function get(url: string, cookie?: string): Promise<Answer> {
  return read(await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} }));
}

/**
 * Opens the authorization page and, when it shows the consent form, submits it.
 * Resolves to the page and to the answer of the submission (or of the page
 * itself when there was no form).
 */
export async function authorize(
  url: string,
  options: { user?: string; decision?: 'approve' | 'cancel'; decline?: string[]; cookie?: string } = {},
): Promise<{ page: Answer; answer: Answer }> {
  const page = await get(url, options.cookie);
  const form = page.status === 200 ? readConsentForm(page.body, options.decision ?? 'approve', options.user ?? 'hong', options.decline) : undefined;
  if (!form) return { page, answer: page };
  const answer = await read(await fetch(new URL(form.action, url), { method: 'POST', body: form.form, redirect: 'manual' }));
  return { page, answer };
}

/** The `code` of a callback URL. */
export function codeOf(location: string | null): string {
  const code = location === null ? null : new URL(location).searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  return code;
}

/** POSTs a form and parses the JSON answer. */
export async function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown>; text: string }> {
  const res = await fetch(url, { method: 'POST', body: new URLSearchParams(form), headers });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, text };
}

/** Exchanges a Kakao code with the default test app's secret. */
export function kakaoToken(emulator: Emulator, code: string, extra: Record<string, string> = {}) {
  return postForm(emulator.kakao.tokenURL, { grant_type: 'authorization_code', client_id: 'kakao-test-client', client_secret: 'kakao-test-secret', redirect_uri: CB, code, ...extra });
}

/** GETs an API with a Bearer token; resolves to the status and the body text. */
export async function api(url: string, token: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, text: await res.text() };
}

/** The JSON payload of a JWT, unverified (the strategies' tests verify; here only the claims matter). */
export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}
