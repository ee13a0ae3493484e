// The demo's security headers, set by helmet. The pages have no script at all
// and no inline style, so the policy can be strict.
import helmet from 'helmet';

/** Where the browser may load images from, besides the demo itself and any https URL (the emulator's origin). */
export interface HeaderOptions {
  imageOrigins: readonly string[];
  /**
   * Origins a form's answer may redirect to: the Kakao pages that the settings
   * form (additional consent) and the "log out of Kakao too" form lead to.
   * Chromium applies form-action to the redirects after a form POST too.
   */
  formRedirectOrigins: readonly string[];
  /** The demo is served over https: send HSTS and upgrade insecure requests. */
  secure: boolean;
}

/** helmet, configured for the demo. */
export function securityHeaders(options: HeaderOptions): ReturnType<typeof helmet> {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'https:', ...options.imageOrigins],
        // Forms post to the demo only; the redirects after them stay on the site or go to Kakao's consent or logout page.
        formAction: ["'self'", ...options.formRedirectOrigins],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(options.secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Legacy twin of frame-ancestors, for browsers that predate CSP 2.
    xFrameOptions: { action: 'deny' },
    // The callback URL holds the authorization code: no Referer leaves the site.
    // Not 'no-referrer': with it, browsers send `Origin: null` on the demo's own
    // form POSTs, and the CSRF check (csrf.ts) needs the real origin.
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: options.secure ? { maxAge: 15_552_000 } : false,
  });
}
