/**
 * Removing the values a request sent from the texts a provider sends back.
 *
 * Providers echo what they were given: Kakao's KOE320 says
 * `authorization code not found for code=<code>` (docs/providers.md §C6.3).
 * Such a text becomes an error message, and messages end up in logs and pages,
 * so every secret value of the request (code, tokens, client secret, PKCE
 * verifier) is cut out of it first.
 *
 * @packageDocumentation
 */

/** What a removed value is replaced with. */
export const REDACTED = '[redacted]';

/**
 * Returns `text` with every occurrence of each value in `sent` (as sent, and
 * URL-encoded) replaced by {@link REDACTED}.
 *
 * @param text - a provider's text (a description, a message)
 * @param sent - the secret values the request carried; empty values are ignored
 */
export function redact(text: string, sent: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const value of sent) {
    if (value === undefined || value === '') continue;
    out = out.split(value).join(REDACTED);
    const encoded = encodeURIComponent(value);
    if (encoded !== value) out = out.split(encoded).join(REDACTED);
  }
  return out;
}

/**
 * A provider's JSON response text with every string in it redacted, after
 * parsing: a provider that escapes `/` as `\/` or writes `\uXXXX` would carry a
 * value past {@link redact} on the raw text. Text that is not JSON is redacted as text.
 *
 * @param body - the response text
 * @param sent - the secret values the request carried
 */
export function redactBody(body: string, sent: ReadonlyArray<string | undefined>): string {
  let json: unknown;
  try {
    json = JSON.parse(body) as unknown;
  } catch {
    return redact(body, sent);
  }
  return JSON.stringify(json, (_key, value: unknown) => (typeof value === 'string' ? redact(value, sent) : value));
}
