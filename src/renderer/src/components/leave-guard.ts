// Unsaved changes are not dropped silently: while `dirty`, a route change asks first (router's
// leave guard) and, in a browser, so does closing or reloading the tab (beforeunload). Electron
// would block the window's close without a word on beforeunload, so the desktop app instead tells
// the main process `what` is unsaved, and quitting asks before it drops it.
import { useEffect, useRef } from 'react';
import { useDesktop } from '../api/api-context';
import { setLeaveGuard } from '../router/router';

export function useLeaveGuard(
  dirty: boolean,
  confirmDiscard: () => Promise<boolean>,
  /** A sentence for the person: "Settings has changes that are not saved." */
  what: string,
): void {
  const desktop = useDesktop();
  const ask = useRef(confirmDiscard);
  useEffect(() => {
    ask.current = confirmDiscard;
  });
  useEffect(() => {
    if (!dirty) return;
    const release = setLeaveGuard(() => ask.current());
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    if (desktop === null) window.addEventListener('beforeunload', onBeforeUnload);
    else desktop.setUnsavedChanges(what);
    return () => {
      release();
      window.removeEventListener('beforeunload', onBeforeUnload);
      desktop?.setUnsavedChanges(null);
    };
  }, [dirty, desktop, what]);
}
