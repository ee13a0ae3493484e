/**
 * Small helpers for reading provider JSON, which may lack any field.
 *
 * @packageDocumentation
 */

/**
 * Parses an answer body as JSON.
 *
 * @returns the parsed value, or `undefined` when the body is not JSON
 */
export function parseJSON(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a non-empty string, else `undefined`. */
export function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The `emails` and `photos` of a profile, each present only when the provider sent a value. */
export interface ContactFields {
  emails?: Array<{ value: string; verified: boolean }>;
  photos?: Array<{ value: string }>;
}

/**
 * Adds `emails` and `photos` to a profile when there is a value for them:
 * fields the user did not share stay absent, never `[{}]`.
 *
 * @param profile - the profile to complete
 * @param email - the email, if any
 * @param verified - whether the provider vouches for the email
 * @param photo - the picture URL, if any
 */
export function addContacts<T extends ContactFields>(profile: T, email: unknown, verified: boolean, photo: unknown): T {
  const address = nonEmpty(email);
  if (address !== undefined) profile.emails = [{ value: address, verified }];
  const picture = nonEmpty(photo);
  if (picture !== undefined) profile.photos = [{ value: picture }];
  return profile;
}

/**
 * The exact digits of the top-level `"id"` number in a JSON object text, read
 * from the text itself because `JSON.parse` rounds integers above 2^53.
 *
 * @returns the digits (with a leading `-` if negative), or `undefined` when the
 *   text has no top-level `"id"` whose value is an integer
 */
export function topLevelIntegerId(text: string): string | undefined {
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return undefined;
      if (depth === 1 && text.slice(i + 1, end) === 'id') {
        const match = /^\s*:\s*(-?\d+)\s*[,}]/.exec(text.slice(end + 1, end + 64));
        if (match) return match[1];
      }
      i = end + 1;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    i++;
  }
  return undefined;
}

/** Index of the quote that closes the string opening at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i;
  }
  return -1;
}
