// The demo's one log line per error. Provider texts may echo what the request
// sent (Kakao's KOE320 says `authorization code not found for code=<code>`),
// so the values of this request that must never be logged are cut out here,
// whether or not the library already removed them.

/** Replaces every `code=...` and every given value in `text` with `[redacted]`, and keeps it on one line. */
export function redact(text: string, values: ReadonlyArray<string | undefined>): string {
  let out = text.replace(/\b(code|access_token|refresh_token|client_secret)=[^\s&"',;)]+/g, '$1=[redacted]');
  for (const value of values) if (value && value.length >= 4) out = out.split(value).join('[redacted]');
  return out.replace(/[\r\n]+/g, ' ');
}

/**
 * The log line for an error met while answering a request whose query may carry an authorization code.
 *
 * @param secrets - more values to cut out (the user's tokens, for an error of a call made with them)
 */
export function errorLogLine(err: unknown, query: Record<string, unknown>, what = 'login error', secrets: ReadonlyArray<string | undefined> = []): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  const code = typeof query['code'] === 'string' ? query['code'] : undefined;
  return `[demo] ${what}: ${redact(text, [code, ...secrets])}`;
}
