// A stand-in for the preload's `window.switchboard`, injected before the panel loads: the same
// Transport over the local API (one shared event stream), plus pathForFile/pickFolder/onNavigate/
// setUnsavedChanges.
// `window.__listeners` lets a test push an event as the main process would (engine.status, say).
import { PUSH_EVENT_NAMES } from '../../src/shared/contract';

/** Runs in the page before the app: a bridge that counts its calls so the test sees it was used. */
export function standInBridge(dropBase: string): string {
  return `
    window.__bridgeCalls = 0;
    window.switchboard = {
      async call(method, input) {
        window.__bridgeCalls++;
        const response = await fetch('/rpc/' + method, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
        const body = await response.json();
        // As the preload: the WireResult as JSON text, for the page to parse.
        return JSON.stringify(response.ok ? { ok: true, value: body } : { ok: false, error: body.error });
      },
      subscribe(listener) {
        // One stream for all listeners, as IPC has: a browser allows only six connections per host.
        if (!window.__events) {
          window.__listeners = new Set();
          window.__events = new EventSource('/events');
          for (const name of ${JSON.stringify(PUSH_EVENT_NAMES)}) {
            window.__events.addEventListener(name, (m) => {
              for (const l of window.__listeners) l({ type: name, payload: JSON.parse(m.data) });
            });
          }
        }
        window.__listeners.add(listener);
        return () => window.__listeners.delete(listener);
      },
      pathForFile: (file) => ${JSON.stringify(dropBase)} + '/' + file.name,
      onNavigate(listener) {
        window.__navigate = listener;
        return () => {};
      },
      pickFolder: async () => window.__pickedFolder ?? null,
      pickSavePath: async (name) => (window.__saveFolder ? window.__saveFolder + '/' + name : null),
      // What the main process would hold for a quit: the last word on unsaved changes.
      setUnsavedChanges(what) {
        window.__unsaved = what;
      },
    };
  `;
}
