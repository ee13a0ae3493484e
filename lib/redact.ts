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

/** The secret values a request carried, as the readers of its response receive them; empty and missing values are skipped. */
export type SentValues = ReadonlyArray<string | undefined>;

/**
 * Returns `text` with every occurrence of each value in `sent` (as sent, and
 * URL-encoded) replaced by {@link REDACTED}.
 *
 * Every occurrence of every value is found in the original text before any is
 * replaced, and overlapping or adjacent ones become one {@link REDACTED}.
 * Replacing one value at a time would let a short value (a one-letter `code`
 * chosen by whoever calls the callback) cut a longer one (the client secret)
 * into pieces that no longer match, and the pieces would stay readable.
 *
 * @param text - a provider's text (a description, a message)
 * @param sent - the secret values the request carried; empty values are ignored
 */
export function redact(text: string, sent: SentValues): string {
  let hidden: Uint8Array | undefined;
  for (const value of sent) {
    if (value === undefined || value === '') continue;
    const encoded = encodeURIComponent(value);
    for (const form of encoded === value ? [value] : [value, encoded]) {
      // Overlapping occurrences too (`aba` in `ababa`); each character is marked once.
      let marked = 0;
      for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) {
        hidden ??= new Uint8Array(text.length);
        hidden.fill(1, Math.max(at, marked), at + form.length);
        marked = at + form.length;
      }
    }
  }
  if (hidden === undefined) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = i;
    const secret = hidden[i] === 1;
    while (i < text.length && (hidden[i] === 1) === secret) i++;
    out += secret ? REDACTED : text.slice(start, i);
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
export function redactBody(body: string, sent: SentValues): string {
  let json: unknown;
  try {
    json = JSON.parse(body) as unknown;
  } catch {
    return redact(body, sent);
  }
  return JSON.stringify(json, (_key, value: unknown) => (typeof value === 'string' ? redact(value, sent) : value));
}
