// Binds the contract to IPC: one invoke channel for every method (relayed to the engine host,
// which validates it; answered as JSON text), one push channel for events, the folder picker, and what a window holds
// unsaved. Every handler checks who is asking first.
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { PushEvent } from '../../shared/contract';
import type { WireResult } from '../../shared/errors';
import { IPC_CHANNELS } from '../../shared/ipc-channels';

export interface IpcBinding {
  /**
   * A contract call by name; the engine host validates the name and the input. A string is the
   * WireResult as JSON, passed to the panel as it is (the page parses it).
   */
  call(method: string, input: unknown): Promise<WireResult<unknown> | string>;
  subscribe(listener: (event: PushEvent) => void): () => void;
  /** The web contents of Switchboard's own windows: the only senders, the only receivers. */
  panelContents(): WebContents[];
  /** Whether a URL is one of the panel's pages. */
  isPanelUrl(url: string): boolean;
  pickFolder(requester: WebContents): Promise<string | null>;
  /** A save dialog for an export; `suggestedName` comes from the page, so only its base name counts. */
  pickSavePath(requester: WebContents, suggestedName: string): Promise<string | null>;
  /** The window `sender` now holds `what` unsaved, or nothing (null). */
  setUnsaved(sender: WebContents, what: string | null): void;
}

/** Longest description of unsaved changes taken from the panel. */
const MAX_UNSAVED_TEXT = 200;

export function bindIpc(binding: IpcBinding): () => void {
  // Always JSON text: the preload hands it across the context bridge as it is.
  ipcMain.handle(IPC_CHANNELS.call, async (event, method: unknown, input: unknown) => {
    const refused = refuseUnknownSender(event, binding);
    if (refused) return JSON.stringify(refused);
    const answer = await binding.call(typeof method === 'string' ? method : String(method), input);
    return typeof answer === 'string' ? answer : JSON.stringify(answer);
  });
  ipcMain.handle(IPC_CHANNELS.pickFolder, async (event): Promise<WireResult<string | null>> => {
    const refused = refuseUnknownSender(event, binding);
    if (refused) return refused;
    try {
      return { ok: true, value: await binding.pickFolder(event.sender) };
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: describe(error) } };
    }
  });
  ipcMain.handle(
    IPC_CHANNELS.pickSavePath,
    async (event, suggestedName: unknown): Promise<WireResult<string | null>> => {
      const refused = refuseUnknownSender(event, binding);
      if (refused) return refused;
      const name = typeof suggestedName === 'string' ? suggestedName.slice(0, 200) : '';
      try {
        return { ok: true, value: await binding.pickSavePath(event.sender, name) };
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: describe(error) } };
      }
    },
  );
  const onUnsaved = (event: IpcMainEvent, what: unknown) => {
    const problem = senderProblem(event, binding);
    if (problem !== null) {
      console.warn(`[switchboard] refused an IPC message: ${problem}`);
      return;
    }
    const text = typeof what === 'string' ? what.trim().slice(0, MAX_UNSAVED_TEXT) : '';
    binding.setUnsaved(event.sender, text === '' ? null : text);
  };
  ipcMain.on(IPC_CHANNELS.unsaved, onUnsaved);
  const unsubscribe = binding.subscribe((event) => {
    for (const contents of binding.panelContents()) {
      if (!contents.isDestroyed()) contents.send(IPC_CHANNELS.event, event);
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.call);
    ipcMain.removeHandler(IPC_CHANNELS.pickFolder);
    ipcMain.removeHandler(IPC_CHANNELS.pickSavePath);
    ipcMain.removeListener(IPC_CHANNELS.unsaved, onUnsaved);
    unsubscribe();
  };
}

/** Why a call is refused, or null: it must come from the top frame of one of our windows, showing the panel. */
export function senderProblem(
  event: Pick<IpcMainInvokeEvent | IpcMainEvent, 'sender' | 'senderFrame'>,
  binding: Pick<IpcBinding, 'panelContents' | 'isPanelUrl'>,
): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'the calling frame is gone';
  if (frame.parent !== null) return 'only the panel itself may call, not a frame inside it';
  if (!binding.isPanelUrl(frame.url))
    return `${frame.url || 'this page'} is not the Switchboard panel`;
  if (!binding.panelContents().includes(event.sender))
    return 'the caller is not a Switchboard window';
  return null;
}

function refuseUnknownSender(
  event: IpcMainInvokeEvent,
  binding: IpcBinding,
): { ok: false; error: { code: 'unauthorized'; message: string } } | null {
  const problem = senderProblem(event, binding);
  if (problem === null) return null;
  console.warn(`[switchboard] refused an IPC call: ${problem}`);
  return { ok: false, error: { code: 'unauthorized', message: `Refused: ${problem}.` } };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
