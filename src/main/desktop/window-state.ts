// Remembers the main window's size and position, and puts it back only where a display can
// show it (a monitor may have been unplugged since).

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SavedWindowState extends Rect {
  maximized: boolean;
}

export interface RestoredWindowState {
  /** x and y are absent when the window should open centred. */
  bounds: { width: number; height: number; x?: number; y?: number };
  maximized: boolean;
}

/** Where the state is kept between launches (electron-store in the app). */
export interface WindowStateStore {
  load(): unknown;
  save(state: SavedWindowState): void;
}

export const DEFAULT_WINDOW_SIZE = { width: 1200, height: 800 };
export const MIN_WINDOW_SIZE = { width: 640, height: 420 };
/** How much of the title bar must be on a display for the saved place to count as visible. */
const GRAB_WIDTH = 100;
const GRAB_HEIGHT = 32;

export function restoreWindowState(
  saved: unknown,
  workAreas: readonly Rect[],
): RestoredWindowState {
  const state = parseSavedState(saved);
  const primary = workAreas[0];
  if (!state) return { bounds: fitSize(DEFAULT_WINDOW_SIZE, primary), maximized: false };
  const home = workAreas.find((area) => overlap(titleBar(state), area));
  if (!home) return { bounds: fitSize(state, primary), maximized: state.maximized };
  return {
    bounds: { ...fitSize(state, home), x: state.x, y: state.y },
    maximized: state.maximized,
  };
}

export function parseSavedState(saved: unknown): SavedWindowState | null {
  if (typeof saved !== 'object' || saved === null) return null;
  const s = saved as Record<string, unknown>;
  const numbers = [s.x, s.y, s.width, s.height];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  const [x, y, width, height] = numbers as number[];
  if (width === undefined || height === undefined || x === undefined || y === undefined)
    return null;
  if (width <= 0 || height <= 0) return null;
  return { x, y, width, height, maximized: s.maximized === true };
}

function fitSize(
  size: { width: number; height: number },
  area: Rect | undefined,
): { width: number; height: number } {
  const maxWidth = area?.width ?? size.width;
  const maxHeight = area?.height ?? size.height;
  return {
    width: Math.round(clamp(size.width, Math.min(MIN_WINDOW_SIZE.width, maxWidth), maxWidth)),
    height: Math.round(clamp(size.height, Math.min(MIN_WINDOW_SIZE.height, maxHeight), maxHeight)),
  };
}

function titleBar(state: Rect): Rect {
  return { x: state.x, y: state.y, width: state.width, height: GRAB_HEIGHT };
}

function overlap(a: Rect, b: Rect): boolean {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width >= Math.min(GRAB_WIDTH, a.width) && height >= Math.min(GRAB_HEIGHT, a.height) / 2;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
