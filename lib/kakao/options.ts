/**
 * Option helpers both Kakao strategies (the login and the token strategy) use.
 *
 * @packageDocumentation
 */

/**
 * Adds `secure_resource=true` unless the URL sets it: Kakao's default is
 * `false`, which gives http image URLs; Kakao's own SDKs always send `true`
 * (docs/providers.md §B4).
 */
export function withSecureResource(url: string): string {
  if (/[?&]secure_resource=/.test(url)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}secure_resource=true`;
}

/**
 * The accepted ID token audiences (`aud`, §C3): the `audience` option (one app
 * key or a list), else the client ID, else `undefined`.
 *
 * @param className - names the strategy in the error
 * @throws TypeError for an empty or malformed list
 */
export function audienceOption(className: string, audience: unknown, clientID: unknown): string[] | undefined {
  if (audience === undefined) return typeof clientID === 'string' && clientID !== '' ? [clientID] : undefined;
  const list: unknown = typeof audience === 'string' ? [audience] : audience;
  if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === 'string' && item !== '')) {
    throw new TypeError(`${className}: audience must be an app key or a non-empty list of app keys`);
  }
  return [...(list as string[])];
}
