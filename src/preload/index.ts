// Preload: puts the DesktopBridge on `window.switchboard` (the contract's transport over IPC,
// dropped-file paths, navigation requests, a folder picker, unsaved changes) and nothing else.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { PushEvent } from '../shared/contract';
import { DESKTOP_BRIDGE_KEY, type DesktopBridge } from '../shared/desktop-bridge';
import type { WireResult } from '../shared/errors';
import { IPC_CHANNELS } from '../shared/ipc-channels';

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
    // The main process passes the engine host's answer on as JSON, undecoded.
    const result = (await ipcRenderer.invoke(IPC_CHANNELS.call, method, input)) as
      WireResult<unknown> | string;
    return typeof result === 'string' ? (JSON.parse(result) as WireResult<unknown>) : result;
  },
  subscribe: (listener) => listen(IPC_CHANNELS.event, (event) => listener(event as PushEvent)),
  pathForFile: (file) => webUtils.getPathForFile(file),
  onNavigate: (listener) => listen(IPC_CHANNELS.navigate, (path) => listener(String(path))),
  async pickFolder() {
    const result = (await ipcRenderer.invoke(IPC_CHANNELS.pickFolder)) as WireResult<string | null>;
    return result.ok ? result.value : null;
  },
  setUnsavedChanges: (what) => ipcRenderer.send(IPC_CHANNELS.unsaved, what),
};

contextBridge.exposeInMainWorld(DESKTOP_BRIDGE_KEY, bridge);
