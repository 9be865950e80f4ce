// The security headers every response of the kiosk host carries, in both shells. The renderer
// talks only to its own origin (files, and the regency through `/regency/`), so `connect-src
// 'self'` is enough and is stricter than naming the regency's origin: no page script can reach
// any other server, even if the regency URL changes at run time.

const CSP_DIRECTIVES = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  // React and component libraries set inline `style` attributes; scripts stay strict.
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "object-src 'none'",
  // Keeps out RxDB dev-mode's third-party iframe (DESIGN decision 1) and any other frame.
  "frame-src 'none'",
  // Not covered by default-src: an injected <base> or <form action> could send data elsewhere.
  "base-uri 'none'",
  "form-action 'none'",
  // The browser kiosk listens on loopback; no other site may frame it to trick staff into clicks.
  "frame-ancestors 'none'",
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.join('; ');

/** Headers added to every answer, files and proxied regency answers alike. */
export function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}
