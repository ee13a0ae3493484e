/**
 * Gathering a notification's parameters from wherever they came: the query
 * string, a body a framework parsed, or raw body bytes. Neither provider pins
 * one place down: Kakao sends GET queries or POST bodies whose content type is
 * UNCONFIRMED (form or JSON, docs/providers.md §C10), and Naver's sample puts its
 * form fields in the request line (§C11). So every source is read, and a
 * parameter carried by two sources must have the same value in both.
 *
 * @packageDocumentation
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { UnlinkRefusal } from './types.js';

/** The wanted parameters that were present, each with its one value. */
export type ParamValues = Map<string, string>;

/** The parameters, or why they cannot be read. */
export type ParamResult = { readonly ok: true; readonly params: ParamValues } | UnlinkRefusal;

function refuse(reason: string): UnlinkRefusal {
  return { ok: false, status: 400, reason };
}

/**
 * Turns a raw body into a parameter source by its Content-Type: JSON for
 * `application/json` (or `+json`), a form otherwise; a body of unknown type that
 * starts with `{` is taken as JSON.
 */
function parseRawBody(raw: string, contentType: string | undefined): { source: unknown } | UnlinkRefusal {
  const text = raw.trim();
  if (text === '') return { source: undefined };
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const json = type === 'application/json' || type.endsWith('+json') || (type !== 'application/x-www-form-urlencoded' && text.startsWith('{'));
  if (!json) return { source: new URLSearchParams(text) };
  try {
    return { source: JSON.parse(text) as unknown };
  } catch {
    return refuse('The body is not valid JSON.');
  }
}

/**
 * Reads one parameter's value from a parsed object. JSON numbers are accepted
 * only while they are exact integers: a user number above 2^53 has already lost
 * digits in `JSON.parse`, and both providers document every value as a string.
 */
function valueOf(name: string, value: unknown): { value?: string; refusal?: UnlinkRefusal } {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') return { value };
  if (typeof value === 'number' && Number.isSafeInteger(value)) return { value: String(value) };
  if (Array.isArray(value)) return { refusal: refuse(`The parameter ${name} is given more than once.`) };
  return { refusal: refuse(`The parameter ${name} must be a string.`) };
}

/** Adds the wanted parameters of one source to `into`, or says why the source is unusable. */
function addSource(source: unknown, names: readonly string[], headers: Readonly<IncomingHttpHeaders>, into: ParamValues): UnlinkRefusal | undefined {
  let parsed = source;
  if (typeof parsed === 'string' || Buffer.isBuffer(parsed)) {
    const body = parseRawBody(parsed.toString('utf8'), headers['content-type']);
    if ('ok' in body) return body;
    parsed = body.source;
  }
  if (parsed === undefined || parsed === null) return undefined;
  for (const name of names) {
    let found: { value?: string; refusal?: UnlinkRefusal };
    if (parsed instanceof URLSearchParams) {
      const all = parsed.getAll(name);
      found = all.length > 1 ? { refusal: refuse(`The parameter ${name} is given more than once.`) } : all.length === 1 ? { value: all[0]! } : {};
    } else if (typeof parsed === 'object' && !Array.isArray(parsed)) {
      found = Object.prototype.hasOwnProperty.call(parsed, name) ? valueOf(name, (parsed as Record<string, unknown>)[name]) : {};
    } else {
      return refuse('The body is neither a form nor a JSON object.');
    }
    if (found.refusal) return found.refusal;
    if (found.value === undefined) continue;
    const earlier = into.get(name);
    if (earlier !== undefined && earlier !== found.value) return refuse(`The parameter ${name} has two different values.`);
    into.set(name, found.value);
  }
  return undefined;
}

/**
 * Collects the parameters in `names` from every source (see `UnlinkRequest`
 * for what a source may be). Parameters not in `names` are ignored.
 *
 * @param names - the parameters the receiver reads
 * @param headers - the request headers (for the Content-Type of a raw body)
 * @param sources - query, parsed body, raw body, in any order
 */
export function collectParams(names: readonly string[], headers: Readonly<IncomingHttpHeaders>, sources: readonly unknown[]): ParamResult {
  const params: ParamValues = new Map();
  for (const source of sources) {
    const refusal = addSource(source, names, headers, params);
    if (refusal) return refusal;
  }
  return { ok: true, params };
}

/**
 * A query as a parameter source: a string (`a=1&b=2`, with or without `?`)
 * becomes `URLSearchParams`; anything else is used as it is.
 */
export function querySource(query: unknown): unknown {
  return typeof query === 'string' ? new URLSearchParams(query.startsWith('?') ? query.slice(1) : query) : query;
}

/**
 * The query string of a request target (`/path?a=1`) as a parameter source.
 * The receivers read it from `req.url` themselves, so Express 4 (`qs` objects),
 * Express 5 and bare `node:http` behave the same.
 */
export function queryOf(url: string | undefined): URLSearchParams {
  const at = (url ?? '').indexOf('?');
  return new URLSearchParams(at === -1 ? '' : (url ?? '').slice(at + 1));
}
