/** A browser in miniature for tests over real HTTP: follows redirects by hand and keeps cookies per host. */
export class WebClient {
  readonly #jar = new Map<string, Map<string, string>>();

  /** The Cookie header this client would send to `url`. */
  cookieFor(url: string): string {
    const host = new URL(url).host;
    return [...(this.#jar.get(host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /**
   * GETs `url`, following redirects when `follow` is true (the default), and
   * resolves with the last response.
   */
  async get(url: string, options: { follow?: boolean } = {}): Promise<{ status: number; url: string; body: string; location?: string }> {
    let next: string | undefined = url;
    for (let hops = 0; next && hops < 10; hops++) {
      const target: URL = new URL(next);
      const cookie = this.cookieFor(target.href);
      const res: Response = await fetch(target, { redirect: 'manual', headers: cookie ? { cookie } : {} });
      this.#keep(target.host, res);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status > 399 || !location || options.follow === false) {
        return { status: res.status, url: target.href, body: await res.text(), ...(location ? { location } : {}) };
      }
      await res.arrayBuffer();
      next = new URL(location, target).href;
    }
    throw new Error('too many redirects');
  }

  #keep(host: string, res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const jar = this.#jar.get(host) ?? new Map<string, string>();
      if (/max-age=0/i.test(line)) jar.delete(pair!.slice(0, eq).trim());
      else jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1));
      this.#jar.set(host, jar);
    }
  }
}
