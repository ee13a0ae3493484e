// A small HTTP client for the demo tests: one cookie jar, no redirects
// followed, and a whole login driven through the emulator's consent form.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApproveOptions, Emulator } from 'passport-naver-kakao/testing';
import { createDemo, type Demo, type DemoConfig } from '../../demo/app.js';

/** A demo served on a free port, reached as http://localhost:<port>. */
export interface RunningDemo {
  demo: Demo;
  base: string;
  emulator: Emulator;
  close(): Promise<void>;
}

/** Starts the demo (and its own emulator unless `config.emulator` is given) on a free port. */
export async function startDemo(config: Omit<DemoConfig, 'baseURL'> = {}): Promise<RunningDemo> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://localhost:${(server.address() as AddressInfo).port}`;
  const demo = await createDemo({ sessionSecret: 'a-test-session-secret-of-32-chars-or-more', ...config, baseURL: base });
  server.on('request', demo.app);
  const emulator = demo.emulator ?? config.emulator;
  if (!emulator) throw new Error('the demo runs without an emulator');
  return {
    demo,
    base,
    emulator,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await demo.close();
    },
  };
}

/** A browser without a browser: keeps the cookies the demo sets, follows no redirect. */
export class Client {
  readonly cookies = new Map<string, string>();
  readonly base: string;
  constructor(base: string) {
    this.base = base;
  }

  /** The Cookie header this client sends. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** One request to the demo (a path, or a full URL), keeping the cookies it sets. */
  async request(target: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size && !headers.has('cookie')) headers.set('cookie', this.cookieHeader());
    const res = await fetch(new URL(target, this.base), { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      if (/expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(at + 1));
    }
    return res;
  }

  /** A page's HTML. */
  async text(path: string): Promise<string> {
    return (await this.request(path)).text();
  }

  /** A form POST as a page of the demo sends it (its Origin, Sec-Fetch-Site same-origin); `fields` carries the CSRF token when needed. */
  async post(path: string, fields: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.base, 'sec-fetch-site': 'same-origin', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /**
   * Logs in through the emulator: starts at `/login/<provider>`, approves as
   * `user`, and delivers the callback. Resolves to where the demo sent the
   * browser afterwards (`/profile`, `/login/failed`, ...).
   *
   * @param options - consent items to leave unchecked on the consent screen
   */
  async login(emulator: Emulator, provider: 'naver' | 'kakao', user: string, start = `/login/${provider}`, options?: ApproveOptions): Promise<{ landed: string; callback: string }> {
    const started = await this.request(start);
    const authorize = started.headers.get('location');
    if (!authorize) throw new Error(`the login did not start (HTTP ${started.status})`);
    const callback = await emulator.approve(authorize, user, undefined, options);
    const back = await this.request(callback);
    return { landed: back.headers.get('location') ?? `HTTP ${back.status}`, callback };
  }
}

/** The value of the demo's hidden CSRF field in a page. */
export function csrfField(page: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!match?.[1]) throw new Error('no CSRF field in the page');
  return match[1];
}
