// Files dropped on the dock icon or the tray: collected, then the window opens a draft with them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fakes/electron'));

import { BrowserWindow, Tray, fakeEvent, resetFakeElectron } from '../fakes/electron';
import { DropCollector, dropRouteFor } from '../../../src/main/desktop/drop-route';
import { parseDropQuery } from '../../../src/shared/drop-route';
import { tempDir } from '../../support/claude-env';
import { startTestShell, type ShellHarness } from './shell-harness';

function pathsIn(route: string): unknown {
  return parseDropQuery(new URL(route, 'app://switchboard').search);
}

describe('the draft route', () => {
  it('carries the paths as JSON in ?drop=, any characters included, folders marked', () => {
    const folder = tempDir('dropped');
    const paths = ['/Users/me/My Notes/a&b?.md', 'C:\\data\\report #1.csv', folder];
    const route = dropRouteFor(paths);
    expect(route.startsWith('/?drop=')).toBe(true);
    expect(pathsIn(route)).toEqual([
      { path: paths[0], isFolder: false },
      { path: paths[1], isFolder: false },
      { path: folder, isFolder: true },
    ]);
  });
});

describe('DropCollector', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('turns paths arriving together into one drop, without duplicates', () => {
    const received: string[][] = [];
    const collector = new DropCollector(100);
    collector.attach((paths) => received.push(paths));
    collector.add(['/a']);
    collector.add(['/b', '/a']);
    vi.advanceTimersByTime(99);
    expect(received).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(received).toEqual([['/a', '/b']]);
  });

  it('keeps drops that came before anyone listened (macOS launches by a drop)', () => {
    const received: string[][] = [];
    const collector = new DropCollector(100);
    collector.add(['/early']);
    vi.advanceTimersByTime(200);
    collector.attach((paths) => received.push(paths));
    expect(received).toEqual([['/early']]);
  });
});

describe('drops reaching the window', () => {
  let harness: ShellHarness;
  beforeEach(async () => {
    resetFakeElectron();
    harness = await startTestShell({ startHidden: false });
    // The panel has loaded (while it loads, a route is loaded instead of sent).
    BrowserWindow.instances.find((w) => w.options.title === 'Switchboard')?.finishLoad();
  });
  afterEach(() => harness.shell.stop());

  it('sends the panel to the draft route when files are dropped on the tray', async () => {
    const window = BrowserWindow.instances.find((w) => w.options.title === 'Switchboard');
    Tray.instances[0]?.emit('drop-files', fakeEvent(), ['/tmp/one.txt', '/tmp/two.txt']);
    await vi.waitFor(() => expect(window?.webContents.navigations()).toHaveLength(1));
    const [route] = window?.webContents.navigations() ?? [];
    expect(pathsIn(route ?? '')).toEqual([
      { path: '/tmp/one.txt', isFolder: false },
      { path: '/tmp/two.txt', isFolder: false },
    ]);
    expect(window?.focused).toBe(true);
  });

  it('handles paths from the dock (open-file) the same way', async () => {
    const window = BrowserWindow.instances.find((w) => w.options.title === 'Switchboard');
    harness.drops.add(['/Users/me/spec.pdf']);
    await vi.waitFor(() =>
      expect(window?.webContents.navigations()).toEqual([dropRouteFor(['/Users/me/spec.pdf'])]),
    );
  });
});
