// What the demo tells a person when a login fails: the library's
// describeError() in Korean and English, and the HTTP status of the page.
import { describeError, type ErrorCategory, type ErrorDescription } from 'passport-naver-kakao';

/** A failed login or a failed action, explained in both languages. */
export interface Explained {
  code: string;
  category: ErrorCategory;
  ko: ErrorDescription;
  en: ErrorDescription;
  status: number;
}

/** The fields of a Passport failure the demo keeps in the session until the failure page shows it. */
export interface StoredFailure {
  message?: string;
  code?: string;
  category?: string;
  provider?: string;
  /** The consent items a `consent_required` failure names. */
  missing?: string[];
}

/** Keeps the string fields of a failure object (what `fail()` passed) and its `missing` items, nothing else. */
export function storedFailure(info: unknown, provider: 'naver' | 'kakao'): StoredFailure {
  const from = typeof info === 'object' && info !== null ? (info as Record<string, unknown>) : {};
  const text = (key: string): string | undefined => (typeof from[key] === 'string' ? (from[key] as string).slice(0, 300) : undefined);
  const missing = Array.isArray(from['missing']) ? from['missing'].filter((item): item is string => typeof item === 'string').slice(0, 20) : undefined;
  return { message: text('message'), code: text('code'), category: text('category'), provider: text('provider') ?? provider, ...(missing ? { missing } : {}) };
}

/**
 * Explains a Passport failure (`failure: true`) or an error.
 * Status: 401 for a failure; for an error by category (login 400, consent 403,
 * config and retry 502, anything not from this package 500).
 */
export function explain(reason: unknown, failure: boolean): Explained {
  // describeError() always has words; the code it shows is one of its own or a
  // provider code it checked, and the page escapes it like everything else.
  const ko = describeError(reason, 'ko');
  const en = describeError(reason, 'en');
  const byCategory: Record<ErrorCategory, number> = { login: 400, consent: 403, config: 502, retry: 502 };
  // An error this package did not make (a bug in the app) is 'unknown' to the catalogue.
  const status = failure ? 401 : en.code === 'unknown' ? 500 : byCategory[en.category];
  return { code: en.code, category: en.category, ko, en, status };
}
