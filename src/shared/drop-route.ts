// Files dropped on the dock icon or the tray reach the panel as a route: `/?drop=<JSON>`. One
// definition for both sides: the desktop shell writes it, the panel reads it.

export interface DroppedPath {
  path: string;
  isFolder: boolean;
}

export const DROP_QUERY_KEY = 'drop';

export function dropRoute(paths: readonly DroppedPath[]): string {
  return `/?${DROP_QUERY_KEY}=${encodeURIComponent(JSON.stringify(paths))}`;
}

/** The dropped paths in a location's query string, or null when it carries none (or garbage). */
export function parseDropQuery(search: string): DroppedPath[] | null {
  const raw = new URLSearchParams(search).get(DROP_QUERY_KEY);
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return null;
    const paths = (parsed as unknown[]).flatMap((item): DroppedPath[] => {
      if (typeof item !== 'object' || item === null) return [];
      const { path, isFolder } = item as Record<string, unknown>;
      return typeof path === 'string' && path !== '' ? [{ path, isFolder: isFolder === true }] : [];
    });
    return paths.length > 0 ? paths : null;
  } catch {
    return null;
  }
}
