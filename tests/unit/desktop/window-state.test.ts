// Window size and place: saved on change, restored only onto a display that can show it.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fakes/electron'));

import { BrowserWindow, resetFakeElectron, screen } from '../fakes/electron';
import {
  DEFAULT_WINDOW_SIZE,
  restoreWindowState,
  type SavedWindowState,
} from '../../../src/main/desktop/window-state';
import { AppWindows } from '../../../src/main/desktop/windows';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const monitorRight = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('restoreWindowState', () => {
  it('puts the window back where it was when that place is on a display', () => {
    const saved = { x: 1600, y: 100, width: 1400, height: 1000, maximized: false };
    expect(restoreWindowState(saved, [laptop, monitorRight])).toEqual({
      bounds: { x: 1600, y: 100, width: 1400, height: 1000 },
      maximized: false,
    });
  });

  it('centres it (no x/y) when its monitor is gone, fitting the size to the display left', () => {
    const saved = { x: 1600, y: 100, width: 2400, height: 1300, maximized: true };
    expect(restoreWindowState(saved, [laptop])).toEqual({
      bounds: { width: 1440, height: 900 },
      maximized: true,
    });
  });

  it('does not count a sliver at the edge as visible', () => {
    const saved = { x: 1400, y: 10, width: 800, height: 600, maximized: false };
    expect(restoreWindowState(saved, [laptop]).bounds).toEqual({ width: 800, height: 600 });
  });

  it('uses the default size for nothing saved or a damaged file', () => {
    for (const saved of [
      undefined,
      null,
      'x',
      { x: 1, y: 2, width: 'wide', height: 3 },
      { x: 0, y: 0, width: -5, height: 10 },
    ]) {
      expect(restoreWindowState(saved, [laptop])).toEqual({
        bounds: DEFAULT_WINDOW_SIZE,
        maximized: false,
      });
    }
  });
});

describe('the panel window', () => {
  let saved: SavedWindowState[];
  let windows: AppWindows;
  const create = (state: unknown) =>
    new AppWindows({
      preload: '/app/preload/index.cjs',
      panelBase: 'app://switchboard',
      windowState: { load: () => state, save: (s) => saved.push(s) },
    });

  beforeEach(() => {
    resetFakeElectron();
    saved = [];
    screen.workAreas = [laptop, monitorRight];
  });

  it('opens at the saved bounds with locked-down web preferences', () => {
    windows = create({ x: 1500, y: 50, width: 1000, height: 700, maximized: true });
    windows.showMain();
    const window = BrowserWindow.instances[0];
    expect(window?.options).toMatchObject({ x: 1500, y: 50, width: 1000, height: 700 });
    // Maximizing shows a window: not before its first paint.
    expect(window?.visible).toBe(false);
    expect(window?.maximized).toBe(false);
    window?.finishLoad();
    expect(window?.maximized).toBe(true);
    expect(window?.visible).toBe(true);
    expect(window?.options.webPreferences).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(window?.loaded).toEqual(['app://switchboard/']);
  });

  it('maximizes a window created hidden when it is first shown, not before', () => {
    windows = create({ x: 1500, y: 50, width: 1000, height: 700, maximized: true });
    windows.createHidden();
    const window = BrowserWindow.instances[0];
    window?.finishLoad();
    expect(window?.visible).toBe(false);
    expect(window?.maximized).toBe(false);
    windows.showMain();
    expect(window?.maximized).toBe(true);
  });

  it('saves its bounds when closed, and closing only hides it (the app stays in the tray)', () => {
    windows = create(undefined);
    const window = windows.showMain();
    const fake = BrowserWindow.instances[0];
    window.emit('ready-to-show');
    expect(fake?.visible).toBe(true);
    if (fake) fake.bounds = { x: 20, y: 30, width: 900, height: 650 };
    fake?.close();
    expect(fake?.destroyed).toBe(false);
    expect(fake?.visible).toBe(false);
    expect(saved.at(-1)).toEqual({ x: 20, y: 30, width: 900, height: 650, maximized: false });
  });

  it('really closes once the app is quitting', () => {
    windows = create(undefined);
    windows.showMain();
    windows.allowClose();
    BrowserWindow.instances[0]?.close();
    expect(BrowserWindow.instances[0]?.destroyed).toBe(true);
    expect(windows.panelContents()).toEqual([]);
  });

  it('saves a moved window shortly after the move', () => {
    vi.useFakeTimers();
    try {
      windows = create(undefined);
      windows.showMain();
      const fake = BrowserWindow.instances[0];
      if (fake) fake.bounds = { x: 1700, y: 200, width: 1000, height: 800 };
      fake?.emit('move');
      fake?.emit('move');
      expect(saved).toEqual([]);
      vi.advanceTimersByTime(1000);
      expect(saved).toEqual([{ x: 1700, y: 200, width: 1000, height: 800, maximized: false }]);
    } finally {
      vi.useRealTimers();
    }
  });
});
