// Serves the built panel at app://switchboard/ so its routes (/runs/<id>, /quick, …) are real
// paths as in serve mode: files by path, any other route gets index.html.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { protocol } from 'electron';

export const PANEL_SCHEME = 'app';
export const PANEL_BASE = `${PANEL_SCHEME}://switchboard`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

/** Must run before the app is ready: makes app:// a secure, standard origin with fetch support. */
export function registerPanelScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: PANEL_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

export function servePanel(rendererDir: string, csp: string): void {
  protocol.handle(PANEL_SCHEME, async (request) => {
    const file = panelFilePath(rendererDir, request.url);
    if (file === null) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': csp,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

/** The file for a panel URL: a path with an extension is a file, anything else a route. */
export function panelFilePath(rendererDir: string, url: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (extname(pathname) === '') return join(rendererDir, 'index.html');
  const file = normalize(join(rendererDir, pathname));
  return file.startsWith(normalize(rendererDir) + sep) ? file : null;
}
