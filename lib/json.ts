/**
 * Small helpers for reading provider JSON, which may lack any field.
 *
 * @packageDocumentation
 */

/**
 * Parses a response body as JSON.
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
