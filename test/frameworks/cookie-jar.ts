// The cookies a browser would keep for one site: every Set-Cookie applied in
// order, a cleared or expired cookie dropped.

/** A browser's cookies for one origin (names and values only; attributes are checked by the tests). */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Applies every `Set-Cookie` of `res`. */
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) <= Date.now()));
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  /** The `Cookie` header to send, or undefined when there is none. */
  header(): string | undefined {
    return this.#cookies.size === 0 ? undefined : [...this.#cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }

  /** The value of one cookie. */
  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  /** Names of the cookies held. */
  names(): string[] {
    return [...this.#cookies.keys()];
  }

  /** `fetch` without following redirects, sending and then keeping cookies. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const cookie = this.header();
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string> | undefined) } });
    this.take(res);
    return res;
  }
}
