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
}

/** Keeps the string fields of a failure object (what `fail()` passed), nothing else. */
export function storedFailure(info: unknown, provider: 'naver' | 'kakao'): StoredFailure {
  const from = typeof info === 'object' && info !== null ? (info as Record<string, unknown>) : {};
  const text = (key: string): string | undefined => (typeof from[key] === 'string' ? (from[key] as string).slice(0, 300) : undefined);
  return { message: text('message'), code: text('code'), category: text('category'), provider: text('provider') ?? provider };
}

/** Words for a catalogue entry that has none (never empty on the page). */
function withWords(d: ErrorDescription, lang: 'ko' | 'en'): ErrorDescription {
  if (d.summary) return d;
  return lang === 'ko'
    ? { ...d, summary: '로그인하지 못했습니다.', fix: '처음부터 다시 로그인해 주세요.' }
    : { ...d, summary: 'The login did not complete.', fix: 'Please start the login again.' };
}

const CATEGORIES: readonly string[] = ['retry', 'login', 'config', 'consent'];

/** The code and category the failure or error carries itself (Kakao's KOE code first), for when the catalogue has no entry. */
function ownCode(reason: unknown): { code?: string; category?: ErrorCategory } {
  if (typeof reason !== 'object' || reason === null) return {};
  const { errorCode, code, category } = reason as Record<string, unknown>;
  const own = typeof errorCode === 'string' ? errorCode : typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
  return { ...(own ? { code: own } : {}), ...(typeof category === 'string' && CATEGORIES.includes(category) ? { category: category as ErrorCategory } : {}) };
}

/**
 * Explains a Passport failure (`failure: true`) or an error.
 * Status: 401 for a failure; for an error by category (login 400, consent 403,
 * config and retry 502, anything not from this package 500).
 */
export function explain(reason: unknown, failure: boolean): Explained {
  const ko = withWords(describeError(reason, 'ko'), 'ko');
  const en = withWords(describeError(reason, 'en'), 'en');
  const own = en.code === 'unknown' ? ownCode(reason) : {};
  const code = own.code ?? en.code;
  const category = own.category ?? en.category;
  const byCategory: Record<ErrorCategory, number> = { login: 400, consent: 403, config: 502, retry: 502 };
  // An error this package did not make (a bug in the app) has no category of its own.
  const fromPackage = en.code !== 'unknown' || own.category !== undefined;
  const status = failure ? 401 : fromPackage ? byCategory[category] : 500;
  return { code, category, ko, en, status };
}
