// The built panel's files for a request path, shared by serve and the desktop app's app://
// protocol: a path with an extension is a file (404 when missing), any other path is a panel route
// (index.html). Nothing outside the panel's folder is ever named.
import { open, type FileHandle } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

export const PANEL_CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export type PanelPath =
  | { kind: 'file'; file: string; contentType: string; immutable: boolean }
  | { kind: 'bad_request'; message: string };

/** Decodes a URL path (still %-encoded), or null for a malformed % escape. */
export function decodePath(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

/** Which file answers `encodedPath` (as it appears in the URL) under `rootDir`. */
export function panelPath(rootDir: string, encodedPath: string): PanelPath {
  const decoded = decodePath(encodedPath);
  if (decoded === null) return { kind: 'bad_request', message: 'The path has a bad % escape' };
  if (decoded.includes('\0') || decoded.includes('\\')) {
    return { kind: 'bad_request', message: 'The path has a null byte or a backslash' };
  }
  // Decoded %2f and %2e%2e could name a parent folder; a panel path never has a .. segment.
  if (decoded.split('/').some((segment) => segment === '..')) {
    return { kind: 'bad_request', message: 'The path leaves the panel folder' };
  }
  const root = normalize(rootDir);
  if (extname(decoded) === '') return panelFile(join(root, 'index.html'), false);
  const file = normalize(join(root, decoded));
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) {
    return { kind: 'bad_request', message: 'The path leaves the panel folder' };
  }
  return panelFile(file, decoded.startsWith('/assets/'));
}

function panelFile(file: string, immutable: boolean): PanelPath {
  const contentType = PANEL_CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  return { kind: 'file', file, contentType, immutable };
}

/**
 * Opens a regular file for reading, or null when it is missing or not a file. Reading from the
 * handle keeps serving the file even when it is replaced or deleted meanwhile.
 */
export async function openPanelFile(
  file: string,
): Promise<{ handle: FileHandle; size: number } | null> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch {
    return null;
  }
  try {
    const stats = await handle.stat();
    if (stats.isFile()) return { handle, size: stats.size };
  } catch {
    // Fall through: an unreadable entry is not served.
  }
  await handle.close();
  return null;
}
