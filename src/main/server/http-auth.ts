// Who may talk to the local API: requests addressed to this server by its own loopback name and
// port (DNS-rebinding guard), carrying the bearer token or the cookie set when the `?token=` link
// was opened. A browser request from any other origin is refused, even with the cookie: SameSite
// does not tell ports apart, so a page on another local port would otherwise carry it.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'switchboard_token';
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

/**
 * Whether the Host header names this machine's loopback (DNS-rebinding guard). Any port: a local
 * proxy or tunnel in front of the server forwards the Host it was addressed by, and the Origin check
 * below still ties a browser's request to that same address.
 */
export function hostAllowed(req: IncomingMessage): boolean {
  const host = req.headers.host?.toLowerCase();
  if (host === undefined) return false;
  const match = /^(.+?)(?::(\d{1,5}))?$/.exec(host);
  return match?.[1] !== undefined && LOOPBACK_NAMES.includes(match[1]);
}

/**
 * Why a browser request may not act here, or null when it may. No Origin (curl, a script) passes;
 * an Origin must be exactly the scheme, host and port the request was addressed to (its Host), so
 * a page on another local port is refused. Fetch metadata, when the browser sends it, must say
 * same-origin (or `none` for a typed address or bookmark), except for a link followed to open a
 * page.
 */
export function crossOriginRefusal(req: IncomingMessage): string | null {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const own = `http://${req.headers.host?.toLowerCase() ?? ''}`;
    if (origin.toLowerCase() !== own) {
      return `Requests from ${origin} are refused; only this server's own page (${own}) may call it`;
    }
  }
  const site = req.headers['sec-fetch-site'];
  // Following a link to the panel from elsewhere only opens it; the opener can read nothing.
  const opensPage =
    req.headers['sec-fetch-mode'] === 'navigate' && (req.method === 'GET' || req.method === 'HEAD');
  if (site !== undefined && site !== 'same-origin' && site !== 'none' && !opensPage) {
    return `A ${site} request is refused; only this server's own page may call it`;
  }
  return null;
}

/** Whether the request authenticates with the bearer header (not the browser's cookie). */
export function usesBearer(req: IncomingMessage): boolean {
  return req.headers.authorization?.startsWith('Bearer ') === true;
}

/** A cookie-borne call must be JSON: forms and text/plain bodies are what other pages can send. */
export function isJsonRequest(req: IncomingMessage): boolean {
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}

export function presentedToken(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  const cookie = req.headers.cookie;
  if (!cookie) return null;
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name !== TOKEN_COOKIE) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return null;
    }
  }
  return null;
}

export function tokenMatches(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
}
