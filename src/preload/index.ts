// Preload: puts the DesktopBridge on `window.switchboard` (the contract's calls over IPC as JSON
// text, never parsed here; push events, dropped-file paths, navigation requests, a folder picker,
// unsaved changes) and nothing else.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { PushEvent } from '../shared/contract';
import { DESKTOP_BRIDGE_KEY, type DesktopBridge } from '../shared/desktop-bridge';
import type { WireResult } from '../shared/errors';
import { IPC_CHANNELS } from '../shared/ipc-channels';

const NOT_TEXT = JSON.stringify({
  ok: false,
  error: { code: 'internal', message: 'The main process answered with something other than JSON.' },
});

function listen(channel: string, listener: (payload: unknown) => void): () => void {
  // The page never sees the IPC event object, only the payload.
  const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

const bridge: DesktopBridge = {
  async call(method, input) {
    // The engine host's answer as the main process passed it on: JSON text, parsed by the page.
    const answer: unknown = await ipcRenderer.invoke(IPC_CHANNELS.call, method, input);
    return typeof answer === 'string' ? answer : NOT_TEXT;
  },
  subscribe: (listener) => listen(IPC_CHANNELS.event, (event) => listener(event as PushEvent)),
  pathForFile: (file) => webUtils.getPathForFile(file),
  onNavigate: (listener) => listen(IPC_CHANNELS.navigate, (path) => listener(String(path))),
  async pickFolder() {
    const result = (await ipcRenderer.invoke(IPC_CHANNELS.pickFolder)) as WireResult<string | null>;
    return result.ok ? result.value : null;
  },
  async pickSavePath(suggestedName) {
    const result = (await ipcRenderer.invoke(
      IPC_CHANNELS.pickSavePath,
      suggestedName,
    )) as WireResult<string | null>;
    return result.ok ? result.value : null;
  },
  setUnsavedChanges: (what) => ipcRenderer.send(IPC_CHANNELS.unsaved, what),
};

contextBridge.exposeInMainWorld(DESKTOP_BRIDGE_KEY, bridge);
