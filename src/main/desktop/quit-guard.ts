// Quitting (tray, Cmd+Q, the OS logging out): first the person confirms dropping what a window
// holds unsaved, then the engine host gets a clean stop (sessions ended, folder released) within a
// deadline, then the app really quits. Closing a window only hides it, so only a quit loses edits.
// Windows ends a session (log off, shut down) without before-quit: its windows' query-session-end
// and session-end lead to the same question and the same stop.
import { app, BrowserWindow, dialog } from 'electron';
import type { UnsavedChanges } from './unsaved-changes';

export interface QuitGuardOptions {
  unsaved: UnsavedChanges;
  /** Unhooks the shell and stops the engine host; settles when the app may exit. */
  stop(): Promise<void>;
}

/** A question on screen: the window it belongs to (null: none) and the person's answer. */
interface Question {
  window: Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'> | null;
  /** True when the person chose to quit anyway. */
  answer: Promise<boolean>;
}

export function guardQuit(options: QuitGuardOptions): void {
  let phase: 'open' | 'asking' | 'stopping' | 'stopped' = 'open';
  let current: Question | null = null;

  const ask = () => {
    phase = 'asking';
    const question = askAboutUnsaved(options.unsaved);
    current = question;
    void question.answer.then((quit) => {
      // A newer question replaced this one: only its answer counts.
      if (current !== question) return;
      current = null;
      if (quit) stop();
      else phase = 'open';
    });
  };
  const stop = () => {
    phase = 'stopping';
    void options
      .stop()
      .catch((error: unknown) => console.error('[switchboard] engine stop failed:', error))
      .finally(() => {
        phase = 'stopped';
        app.quit();
      });
  };

  /** Asks, or brings the open question forward. */
  const askOrRemind = () => {
    if (phase === 'open') ask();
    else if (phase === 'asking') {
      // Quit again while asking: the question comes forward with its window, or, when that window
      // is gone (and its question with it), it is asked again, so no quit is swallowed for good.
      const window = current?.window ?? null;
      if (window && !window.isDestroyed()) bringForward(window);
      else ask();
    }
  };

  app.on('before-quit', (event) => {
    if (phase === 'stopped') return;
    event.preventDefault();
    askOrRemind();
  });

  const watchSessionEnd = (window: Pick<BrowserWindow, 'on'>) => {
    window.on('query-session-end', (event) => {
      if (phase !== 'open' && phase !== 'asking') return;
      if (options.unsaved.list().length === 0) return;
      // Holds the log-off: Windows lists Switchboard as keeping it, with the question in front.
      event.preventDefault();
      askOrRemind();
    });
    window.on('session-end', () => {
      // The session ends now, unsaved changes or not: the engine's sessions end cleanly at least.
      if (phase === 'open' || phase === 'asking') {
        current = null;
        stop();
      }
    });
  };
  for (const window of BrowserWindow.getAllWindows()) watchSessionEnd(window);
  app.on('browser-window-created', (_event, window) => watchSessionEnd(window));
}

/** Asks whether to quit and lose the unsaved changes; answers true at once when there are none. */
function askAboutUnsaved(unsaved: UnsavedChanges): Question {
  const pending = unsaved.list();
  const [first] = pending;
  if (!first) return { window: null, answer: Promise.resolve(true) };
  const found = BrowserWindow.fromWebContents(first.contents);
  const window = found && !found.isDestroyed() ? found : null;
  const options = {
    type: 'warning' as const,
    buttons: ['Quit anyway', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    title: 'Unsaved changes',
    message: 'Quit Switchboard and lose your unsaved changes?',
    detail: pending.map((each) => each.what).join('\n'),
  };
  // The question is a sheet on its window (macOS), which never appears on a hidden window: the
  // window with the changes comes forward first, so the person also sees what would be lost.
  if (window) bringForward(window);
  const shown = window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options);
  const answer = shown.then(({ response }) => {
    if (response === 0) return true;
    // The person stays: the window with the changes stays in front.
    if (window && !window.isDestroyed()) bringForward(window);
    return false;
  });
  return { window, answer };
}

function bringForward(
  window: Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'>,
): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
