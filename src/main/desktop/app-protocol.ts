// Serves the built panel at app://switchboard/ so its routes (/runs/<id>, /quick, …) are real
// paths as in serve mode; which file answers a path is decided by the same code serve uses.
import { protocol } from 'electron';
import { openPanelFile, panelPath, type PanelPath } from '../server/panel-files';

export const PANEL_SCHEME = 'app';
export const PANEL_BASE = `${PANEL_SCHEME}://switchboard`;

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
    const target = panelUrlPath(rendererDir, request.url);
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
  });
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
