// The Content-Security-Policy of the built panel: its meta tag (added by the build), and the header
// `serve` sends with it. The desktop shell builds its own, stricter variant for the app:// scheme.
export const PANEL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');
