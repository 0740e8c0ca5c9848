// Files dropped on the dock icon or the tray become a draft in the panel: the window is sent to
// `/?drop=<JSON array of paths>`. Only paths travel; nothing is read or uploaded here.

import { statSync } from 'node:fs';
import { dropRoute, type DroppedPath } from '../../shared/drop-route';

export { DROP_QUERY_KEY, dropRoute } from '../../shared/drop-route';

/** The route for dropped paths, each marked folder or not (a single folder becomes the cwd). */
export function dropRouteFor(paths: readonly string[]): string {
  return dropRoute(paths.map((path): DroppedPath => ({ path, isFolder: isFolder(path) })));
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * macOS sends one `open-file` per file, possibly before the app is ready: paths arriving close
 * together become one drop, and drops wait until someone is attached to receive them.
 */
export class DropCollector {
  private paths: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private receiver: ((paths: string[]) => void) | null = null;

  constructor(private readonly settleMs = 150) {}

  add(paths: readonly string[]): void {
    const fresh = paths.filter((path) => path !== '' && !this.paths.includes(path));
    if (fresh.length === 0) return;
    this.paths.push(...fresh);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.deliver(), this.settleMs);
  }

  attach(receiver: (paths: string[]) => void): void {
    this.receiver = receiver;
    if (this.paths.length > 0 && this.timer === undefined) this.deliver();
  }

  private deliver(): void {
    this.timer = undefined;
    if (!this.receiver || this.paths.length === 0) return;
    const paths = this.paths;
    this.paths = [];
    this.receiver(paths);
  }
}
