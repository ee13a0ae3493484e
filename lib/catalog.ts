/**
 * Loads the error catalogue (lib/error-catalog.ts) on first use. Its English and
 * Korean texts are most of this package's code, and neither loading the package
 * nor a login that succeeds needs them: the first error, failure or
 * `describeError()` call loads them.
 *
 * @packageDocumentation
 */
import type * as Catalog from './error-catalog.js';
import type { ErrorDescription } from './error-catalog.js';

let loaded: typeof Catalog | undefined;

/**
 * The catalogue module, loaded on the first call.
 *
 * @internal
 */
export function catalog(): typeof Catalog {
  // A plain CommonJS require on purpose: scripts/bundle.mjs keeps ./error-catalog.js
  // out of the bundle, so the texts are read from disk only when this runs.
  loaded ??= require('./error-catalog.js') as typeof Catalog;
  return loaded;
}

/**
 * Explains an error or a failed login in words a person understands, in
 * English or Korean, with what to do about it.
 *
 * It takes any value and never throws. It recognises, by `name` and fields:
 * `KakaoTokenError` (`errorCode` KOE…), `NaverTokenError`, `KakaoAPIError`
 * (numeric `code`; the fix of a `-402` names its `requiredScopes`),
 * `NaverAPIError`, `ProviderRequestError`, `IdTokenError`, passport-oauth2's
 * `TokenError` / `AuthorizationError` / `InternalOAuthError`, the failure
 * objects this package passes to `fail()` (`{message, code, category, provider}`,
 * with `missing` for `consent_required`), and bare codes (`'KOE205'`, `-402`,
 * `'invalid_state'`). Anything else gives code `'unknown'`, category `'retry'`.
 *
 * The summary and fix are the catalogue's own text: the error's message,
 * which may quote a token or an authorization code, is never copied into them.
 *
 * @param error - any error, failure object or code
 * @param lang - `'en'` (default) or `'ko'`
 * @returns the code, its category, a summary and a fix
 *
 * @example
 * ```ts
 * app.get('/auth/kakao/callback', (req, res, next) =>
 *   passport.authenticate('kakao', (err, user, info) => {
 *     if (err || !user) {
 *       const { summary, fix, category } = describeError(err ?? info, 'ko');
 *       return res.status(category === 'retry' ? 503 : 400).render('login-failed', { summary, fix });
 *     }
 *     req.logIn(user, next);
 *   })(req, res, next));
 * ```
 */
export function describeError(error: unknown, lang: 'ko' | 'en' = 'en'): ErrorDescription {
  return catalog().describeError(error, lang);
}
