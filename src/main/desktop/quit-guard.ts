// Quitting (tray, Cmd+Q, the OS logging out): first the person confirms dropping what a window
// holds unsaved, then the engine host gets a clean stop (sessions ended, folder released) within a
// deadline, then the app really quits. Closing a window only hides it, so only a quit loses edits.
import { app, BrowserWindow, dialog } from 'electron';
import type { UnsavedChanges } from './unsaved-changes';

export interface QuitGuardOptions {
  unsaved: UnsavedChanges;
  /** Unhooks the shell and stops the engine host; settles when the app may exit. */
  stop(): Promise<void>;
}

export function guardQuit(options: QuitGuardOptions): void {
  let phase: 'open' | 'asking' | 'stopping' | 'stopped' = 'open';
  app.on('before-quit', (event) => {
    if (phase === 'stopped') return;
    event.preventDefault();
    if (phase !== 'open') return;
    phase = 'asking';
    void mayDropUnsaved(options.unsaved).then((quit) => {
      if (!quit) {
        phase = 'open';
        return;
      }
      phase = 'stopping';
      void options
        .stop()
        .catch((error: unknown) => console.error('[switchboard] engine stop failed:', error))
        .finally(() => {
          phase = 'stopped';
          app.quit();
        });
    });
  });
}

/** True when nothing is unsaved, or the person chose to quit anyway; else shows what is. */
async function mayDropUnsaved(unsaved: UnsavedChanges): Promise<boolean> {
  const pending = unsaved.list();
  const [first] = pending;
  if (!first) return true;
  const window = BrowserWindow.fromWebContents(first.contents);
  const options = {
    type: 'warning' as const,
    buttons: ['Quit anyway', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    title: 'Unsaved changes',
    message: 'Quit Switchboard and lose your unsaved changes?',
    detail: pending.map((each) => each.what).join('\n'),
  };
  const { response } = await (window
    ? dialog.showMessageBox(window, options)
    : dialog.showMessageBox(options));
  if (response === 0) return true;
  // The person stays: bring the window with the changes forward.
  if (window && !window.isDestroyed()) {
    window.show();
    window.focus();
  }
  return false;
}
