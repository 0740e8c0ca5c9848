// What app://switchboard answers: the built panel's file for a URL (chosen by the same code serve
// uses) with the desktop's Content-Security-Policy. No electron import, so a test can serve the
// panel exactly so over plain HTTP and open it in Chromium.
import { openPanelFile, panelPath, type PanelPath } from '../server/panel-files';

/** Production: the panel's own files only. Development adds what Vite's dev server needs. */
export function contentSecurityPolicy(devServerUrl: string | null): string {
  const dev = devServerUrl ? new URL(devServerUrl) : null;
  const directives = [
    "default-src 'none'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    dev ? `connect-src 'self' ws://${dev.host}` : "connect-src 'self'",
    // No <base> element: the build writes absolute asset URLs (/assets/…), which hold on any route.
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ];
  return directives.join('; ');
}

/** The file for a panel URL: a path with an extension is a file, anything else a route. */
export function panelUrlPath(rendererDir: string, url: string): PanelPath {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return { kind: 'bad_request', message: 'Not a URL' };
  }
  return panelPath(rendererDir, pathname);
}

/** The response to a request for `url`: the file with the policy, 404 or 400. */
export async function panelResponse(
  rendererDir: string,
  csp: string,
  url: string,
): Promise<Response> {
  const target = panelUrlPath(rendererDir, url);
  if (target.kind === 'bad_request') return new Response(target.message, { status: 400 });
  const opened = await openPanelFile(target.file);
  if (opened === null) return new Response('Not found', { status: 404 });
  try {
    const body = await opened.handle.readFile();
    return new Response(body, {
      headers: {
        'Content-Type': target.contentType,
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  } finally {
    await opened.handle.close();
  }
}
