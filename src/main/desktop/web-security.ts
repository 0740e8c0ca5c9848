// The window's security rules: the Content-Security-Policy (panel-response's) on every panel
// response, no navigation away from the panel, no new windows (http/https links open in the OS
// browser), no permissions by default.
import { session, shell, type Session, type WebContents } from 'electron';

/** Links the panel may hand to the OS browser: http and https, nothing else. */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return (
    parsed !== null &&
    (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
    parsed.host !== ''
  );
}

/** Whether `url` is a page of the panel (same scheme and host as `panelBase`). */
export function isPanelUrl(url: string, panelBase: string): boolean {
  const parsed = parseUrl(url);
  const base = parseUrl(panelBase);
  // Compared by scheme and host: URL.origin is "null" for custom schemes such as app://.
  return (
    parsed !== null &&
    base !== null &&
    parsed.protocol === base.protocol &&
    parsed.host === base.host
  );
}

/** Permissions the panel itself may use; every other request is refused. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export function hardenSession(
  panelBase: string,
  csp: string,
  target: Session = session.defaultSession,
): void {
  target.setPermissionRequestHandler((contents, permission, callback) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isPanelUrl(contents.getURL(), panelBase));
  });
  target.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) =>
      ALLOWED_PERMISSIONS.has(permission) && isPanelUrl(requestingOrigin, panelBase),
  );
  // The header as well as the page's meta tag, so it also holds for responses without the tag.
  target.webRequest.onHeadersReceived((details, callback) => {
    if (!isPanelUrl(details.url, panelBase)) return callback({});
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}

export function hardenWebContents(contents: WebContents, panelBase: string): void {
  const keepInPanel = (event: { preventDefault(): void }, url: string) => {
    if (isPanelUrl(url, panelBase)) return;
    event.preventDefault();
    openExternally(url);
  };
  contents.on('will-navigate', (event) => keepInPanel(event, event.url));
  contents.on('will-redirect', (event) => keepInPanel(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

export function openExternally(url: string): void {
  if (!isSafeExternalUrl(url)) return;
  shell
    .openExternal(url)
    .catch((error: unknown) => console.error('[switchboard] could not open', url, error));
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
