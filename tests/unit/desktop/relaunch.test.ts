// Relaunching the app (a second instance quits at once) brings the running one's window forward,
// also when the relaunch came while the app was still starting, and also when it started hidden.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fakes/electron'));

import { BrowserWindow, resetFakeElectron } from '../fakes/electron';
import { RelaunchRequests } from '../../../src/main/desktop/relaunch-requests';
import { startTestShell, type ShellHarness } from './shell-harness';

const mainWindow = () => BrowserWindow.instances.find((w) => w.options.title === 'Switchboard');

describe('a relaunch', () => {
  let harness: ShellHarness | undefined;
  beforeEach(() => resetFakeElectron());
  afterEach(() => harness?.shell.stop());

  it('made while the app still started shows the window once the shell is up', async () => {
    const relaunches = new RelaunchRequests();
    relaunches.request();
    harness = await startTestShell({ startHidden: true, relaunches });
    const window = mainWindow();
    expect(window).toBeDefined();
    window?.finishLoad();
    expect(window?.visible).toBe(true);
  });

  it('later restores and focuses the window', async () => {
    const relaunches = new RelaunchRequests();
    harness = await startTestShell({ startHidden: false, relaunches });
    const window = mainWindow();
    window?.finishLoad();
    window?.hide();
    if (window) window.minimized = true;
    relaunches.request();
    expect(window?.minimized).toBe(false);
    expect(window?.visible).toBe(true);
    expect(window?.focused).toBe(true);
  });
});
