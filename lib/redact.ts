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
