// What the desktop preload puts on `window.switchboard`: the contract's transport plus the few
// things only the desktop can do. In a browser (serve mode) it is absent.
import type { Transport } from './client';
import type { MethodName } from './contract';

export interface DesktopBridge {
  /**
   * A contract call; its WireResult as JSON text, which the page parses. Text crosses the
   * context bridge as one string, where an object would be deep-copied piece by piece (a
   * 50,000-event transcript), and nothing is parsed twice.
   */
  call(method: MethodName, input: unknown): Promise<string>;
  subscribe: Transport['subscribe'];
  /** The local path of a dropped File (Electron's webUtils.getPathForFile). */
  pathForFile(file: File): string;
  /** The main process asks the panel to show a route (a notification was clicked, say). */
  onNavigate(listener: (path: string) => void): () => void;
  /** A native folder picker; null when the person cancels. */
  pickFolder(): Promise<string | null>;
  /** A native save dialog offering `suggestedName`; the chosen path, or null when cancelled. */
  pickSavePath(suggestedName: string): Promise<string | null>;
  /**
   * The window holds unsaved changes (`what` says which, for the person) or no longer does (null).
   * Closing a window only hides it; quitting asks before it drops them.
   */
  setUnsavedChanges(what: string | null): void;
}

export const DESKTOP_BRIDGE_KEY = 'switchboard';
