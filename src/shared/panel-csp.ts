// The Content-Security-Policy of the built panel: the header `serve` sends with it, and its meta
// tag (added by the build). The desktop shell builds its own, stricter variant for the app:// scheme.
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
];

/** The header: frame-ancestors only works there (and in the app:// protocol response). */
export const PANEL_CSP = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** The meta tag: browsers ignore frame-ancestors in one and log an error each time, so it is left out. */
export const PANEL_META_CSP = DIRECTIVES.join('; ');
