// What the desktop preload puts on `window.switchboard`: the contract's transport plus the few
// things only the desktop can do. In a browser (serve mode) it is absent.
import type { Transport } from './client';

export interface DesktopBridge extends Transport {
  /** The local path of a dropped File (Electron's webUtils.getPathForFile). */
  pathForFile(file: File): string;
  /** The main process asks the panel to show a route (a notification was clicked, say). */
  onNavigate(listener: (path: string) => void): () => void;
  /** A native folder picker; null when the person cancels. */
  pickFolder(): Promise<string | null>;
}

export const DESKTOP_BRIDGE_KEY = 'switchboard';
