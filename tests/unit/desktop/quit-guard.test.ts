// Quitting: unsaved changes are asked about first, on the window that holds them brought forward
// (a question on a hidden window never appears: the fake, like macOS, never answers it), Cancel
// keeps everything running; then the engine stops, then the app really quits. A quit while asking
// is never swallowed for good.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fakes/electron'));

import type { WebContents } from 'electron';
import { BrowserWindow, app, dialog, fakeEvent, resetFakeElectron } from '../fakes/electron';
import { guardQuit } from '../../../src/main/desktop/quit-guard';
import { UnsavedChanges } from '../../../src/main/desktop/unsaved-changes';

/** Whether a quit attempt was held back, once the guard has done what it does next. */
async function tryQuit(): Promise<boolean> {
  const event = fakeEvent();
  app.emit('before-quit', event);
  // The guard's question and the stop it starts are promises: let them move on.
  await new Promise((resolve) => setImmediate(resolve));
  return event.defaultPrevented;
}

describe('guardQuit', () => {
  let unsaved: UnsavedChanges;
  let stop: ReturnType<typeof vi.fn<() => Promise<void>>>;
  let settleStop: () => void;

  beforeEach(() => {
    resetFakeElectron();
    unsaved = new UnsavedChanges();
    stop = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          settleStop = resolve;
        }),
    );
    guardQuit({ unsaved, stop });
  });

  it('stops the engine first, then quits for real', async () => {
    expect(await tryQuit()).toBe(true);
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
    expect(stop).toHaveBeenCalledTimes(1);
    // Another quit while the engine stops waits for the same stop.
    expect(await tryQuit()).toBe(true);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(app.quit).not.toHaveBeenCalled();

    settleStop();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    // That quit goes through.
    expect(await tryQuit()).toBe(false);
  });

  it('asks about unsaved changes on their window, shown first even when it was hidden; Cancel keeps the engine', async () => {
    // Closed to the tray: hidden, as the window usually is when the tray's Quit is chosen.
    const window = new BrowserWindow();
    unsaved.set(
      window.webContents as unknown as WebContents,
      'Your changes to the settings have not been saved.',
    );
    window.minimized = true;
    dialog.responses.push(1);

    expect(await tryQuit()).toBe(true);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    const [parent, options] = dialog.showMessageBox.mock.calls[0] ?? [];
    expect(parent).toBe(window);
    expect(options).toMatchObject({
      buttons: ['Quit anyway', 'Cancel'],
      cancelId: 1,
      defaultId: 1,
      detail: 'Your changes to the settings have not been saved.',
    });
    expect(stop).not.toHaveBeenCalled();
    expect(app.quit).not.toHaveBeenCalled();
    expect(window.visible).toBe(true);
    expect(window.focused).toBe(true);
    expect(window.minimized).toBe(false);

    // The next quit asks again; "Quit anyway" goes on to stop the engine.
    expect(await tryQuit()).toBe(true);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(2);
    expect(stop).toHaveBeenCalledTimes(1);
    settleStop();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
  });

  it('asks once while its question is open; a quit meanwhile brings the question forward', async () => {
    const window = new BrowserWindow();
    unsaved.set(window.webContents as unknown as WebContents, 'The task form is not saved.');
    dialog.responses.push('later');
    expect(await tryQuit()).toBe(true);
    // The person hid the window (and the question on it), then quits again.
    window.hide();
    expect(await tryQuit()).toBe(true);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(window.visible).toBe(true);
    expect(window.focused).toBe(true);
    dialog.open[0]?.(0);
    await vi.waitFor(() => expect(stop).toHaveBeenCalledTimes(1));
  });

  it('asks again when a quit comes after the window with the question is gone', async () => {
    const window = new BrowserWindow();
    unsaved.set(window.webContents as unknown as WebContents, 'The task form is not saved.');
    const other = new BrowserWindow();
    other.show();
    unsaved.set(other.webContents as unknown as WebContents, 'The settings are not saved.');
    dialog.responses.push('later', 1);
    expect(await tryQuit()).toBe(true);
    window.close();
    expect(await tryQuit()).toBe(true);
    // Asked again about what is left, on the window that holds it.
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(2);
    expect(dialog.showMessageBox.mock.calls[1]?.[0]).toBe(other);
    // The first question's late answer no longer counts.
    dialog.open[0]?.(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(stop).not.toHaveBeenCalled();
  });

  it('asks nothing once the window that held the changes is gone', async () => {
    const window = new BrowserWindow();
    unsaved.set(window.webContents as unknown as WebContents, 'The task form is not saved.');
    window.webContents.emit('destroyed');
    expect(await tryQuit()).toBe(true);
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('stops the engine when Windows ends the session (no before-quit there)', async () => {
    const window = new BrowserWindow();
    const ending = fakeEvent();
    window.emit('query-session-end', ending);
    // Nothing unsaved: the log-off goes ahead.
    expect(ending.defaultPrevented).toBe(false);
    window.emit('session-end', fakeEvent());
    expect(stop).toHaveBeenCalledTimes(1);
    settleStop();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
  });

  it('holds a log-off while a window has unsaved changes, and asks', async () => {
    const window = new BrowserWindow();
    unsaved.set(window.webContents as unknown as WebContents, 'The task form is not saved.');
    dialog.responses.push('later');
    const ending = fakeEvent();
    window.emit('query-session-end', ending);
    expect(ending.defaultPrevented).toBe(true);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(window.visible).toBe(true);
    // The person lets the log-off go on: the session ends, and the engine stops all the same.
    window.emit('session-end', fakeEvent());
    expect(stop).toHaveBeenCalledTimes(1);
    dialog.open[0]?.(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(stop).toHaveBeenCalledTimes(1);
  });
});
