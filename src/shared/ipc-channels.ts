// The IPC channel names the main process and the preload agree on. No Electron import: the
// preload bundles this file.

export const IPC_CHANNELS = {
  /** invoke(method, input) → WireResult: every contract method goes through this one channel. */
  call: 'switchboard:call',
  /** main → panel: the contract's push events. */
  event: 'switchboard:event',
  /** main → panel: show this route (a notification or the tray was clicked). */
  navigate: 'switchboard:navigate',
  /** invoke() → WireResult<string | null>: a native folder picker. */
  pickFolder: 'switchboard:pick-folder',
  /** invoke(suggestedName) → WireResult<string | null>: a native save dialog (exports). */
  pickSavePath: 'switchboard:pick-save-path',
  /** panel → main, send(what | null): what the window holds unsaved; quitting asks first. */
  unsaved: 'switchboard:unsaved',
} as const;
