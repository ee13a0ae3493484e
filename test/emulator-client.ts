// Drives the emulator's consent screen the way a browser would, with fetch.
import { expect } from 'chai';
import type { KakaoStrategy, NaverStrategy } from '../lib/index.js';
import { readConsentForm } from '../lib/testing/pages.js';
import { expectAction, run } from './helpers.js';

/** Opens the consent page at `url`, picks `user`, presses the button, and returns the page and where it redirects. */
export async function consent(
  url: string,
  decision: 'approve' | 'cancel',
  user = 'hong',
  cookie?: string,
  decline: string[] = [],
): Promise<{ page: string; location: string; cookie: string | undefined }> {
  const pageRes = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  if (pageRes.status === 302) return { page: '', location: pageRes.headers.get('location')!, cookie: undefined };
  const page = await pageRes.text();
  expect(pageRes.status, page).to.equal(200);
  const { action, form } = readConsentForm(page, decision, user, decline)!;
  const res = await fetch(new URL(action, url), { method: 'POST', body: form, redirect: 'manual' });
  expect(res.status).to.equal(302);
  return { page, location: res.headers.get('location')!, cookie: res.headers.get('set-cookie')?.split(';')[0] };
}

/** Runs the redirect step, the consent screen and the callback; resolves with the callback outcome. */
export async function login(strategy: NaverStrategy | KakaoStrategy, decision: 'approve' | 'cancel' = 'approve', user = 'hong', authOptions: object = {}) {
  const session: Record<string, unknown> = {};
  const start = expectAction(await run(strategy, { session }, authOptions), 'redirect');
  const { location, page } = await consent(start.url, decision, user);
  const callback = new URL(location);
  const outcome = await run(strategy, { query: Object.fromEntries(callback.searchParams), session });
  return { outcome, location, page, session, start: start.url };
}

