// A small browser for the README tests: it keeps every Set-Cookie per origin
// (a newer cookie of the same name replaces the older one, as passport 0.7's
// session regeneration needs) and follows redirects one hop at a time.

/** One answer, with the URL it came from. */
export interface Visit {
  url: string;
  status: number;
  location: string | undefined;
  body: string;
}

export class Browser {
  readonly #jars = new Map<string, Map<string, string>>();

  /** The value of a cookie this browser holds for an origin. */
  cookie(origin: string, name: string): string | undefined {
    return this.#jars.get(new URL(origin).origin)?.get(name);
  }

  /** One request, no redirect followed. Every Set-Cookie of the answer is kept. */
  async request(url: string, method: 'GET' | 'POST' = 'GET'): Promise<Visit> {
    const origin = new URL(url).origin;
    const jar = this.#jars.get(origin) ?? new Map<string, string>();
    this.#jars.set(origin, jar);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await fetch(url, { method, redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const location = res.headers.get('location') ?? undefined;
    return { url, status: res.status, location: location && new URL(location, url).href, body: await res.text() };
  }

  /** Requests `url` and follows every redirect (at most 10), across origins. Returns each hop. */
  async navigate(url: string, method: 'GET' | 'POST' = 'GET'): Promise<Visit[]> {
    const hops = [await this.request(url, method)];
    while (hops.at(-1)!.location !== undefined) {
      if (hops.length > 10) throw new Error(`more than 10 redirects from ${url}`);
      hops.push(await this.request(hops.at(-1)!.location!));
    }
    return hops;
  }
}
