// CSRF protection for the demo's POST actions. Two checks, both required:
// - the browser's own word on where the request came from: `Sec-Fetch-Site`
//   must be `same-origin` and `Origin` must be the demo's origin, when the
//   browser sends them (every current browser does on a form POST);
// - a random token kept in the session and put in a hidden field of every form,
//   compared in constant time (this also covers clients that send neither header).
// SameSite=Lax alone is not enough: another port on localhost, or another
// subdomain, is the same site, and its POSTs carry the cookie.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** The session's CSRF token, made on first use. */
export function csrfToken(req: Request): string {
  req.session.csrfToken ??= randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

function sameToken(sent: unknown, kept: string | undefined): boolean {
  if (typeof sent !== 'string' || kept === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(kept);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why a POST is refused, or undefined when it may go on. */
export function csrfRefusal(req: Request, origin: string): string | undefined {
  const site = req.get('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin') return `Sec-Fetch-Site is ${site}`;
  const from = req.get('origin');
  if (from !== undefined && from !== origin) return `Origin is ${from}`;
  const body: unknown = req.body;
  const sent = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['_csrf'] : undefined;
  if (!sameToken(sent, req.session.csrfToken)) return 'the form token is missing or wrong';
  return undefined;
}

/**
 * Middleware: every POST must pass {@link csrfRefusal}; a refused one gets
 * `refuse(req, res)` and nothing else runs. Needs the session and a
 * urlencoded body parser before it.
 */
export function csrfGuard(origin: string, refuse: (req: Request, res: Response, reason: string) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST') return next();
    const reason = csrfRefusal(req, origin);
    if (reason === undefined) return next();
    refuse(req, res, reason);
  };
}
