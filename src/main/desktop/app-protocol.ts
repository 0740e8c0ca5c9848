// Serves the built panel at app://switchboard/ so its routes (/runs/<id>, /quick, …) are real
// paths as in serve mode; what answers a request is panel-response's (which file: serve's code).
import { protocol } from 'electron';
import { panelResponse } from './panel-response';

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
  protocol.handle(PANEL_SCHEME, (request) => panelResponse(rendererDir, csp, request.url));
}
