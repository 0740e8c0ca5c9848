// The IPC binding: refuses callers that are not the panel in our window, validates input through
// the contract (bad_input results, never throws), and pushes events to our windows only.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fakes/electron'));

import {
  FakeWebContents,
  FakeWebFrame,
  PANEL_URL,
  dialog,
  ipcMain,
  resetFakeElectron,
} from '../fakes/electron';
import type { WebContents } from 'electron';
import type { ApiHandlers, PushEvent } from '../../../src/shared/contract';
import { dispatch } from '../../../src/shared/dispatch';
import { EventBus } from '../../../src/main/engine/event-bus';
import { bindIpc } from '../../../src/main/desktop/ipc';
import { UnsavedChanges } from '../../../src/main/desktop/unsaved-changes';
import { IPC_CHANNELS } from '../../../src/shared/ipc-channels';
import { isPanelUrl } from '../../../src/main/desktop/web-security';
import { makeTask } from './shell-harness';

describe('IPC binding', () => {
  let panel: FakeWebContents;
  let stranger: FakeWebContents;
  let bus: EventBus;
  let unbind: () => void;
  let unsaved: UnsavedChanges;
  const getTask = vi.fn(async ({ taskId }: { taskId: string }) => makeTask({ id: taskId }));

  beforeEach(() => {
    resetFakeElectron();
    getTask.mockClear();
    panel = new FakeWebContents();
    panel.mainFrame.url = `${PANEL_URL}runs/1`;
    stranger = new FakeWebContents();
    stranger.mainFrame.url = PANEL_URL;
    bus = new EventBus();
    unsaved = new UnsavedChanges();
    unbind = bindIpc({
      // The relay's far end validates and dispatches, as the engine host does.
      call: (method, input) =>
        dispatch({ 'tasks.get': getTask } as unknown as ApiHandlers, method, input),
      subscribe: (listener) => bus.subscribe(listener),
      panelContents: () => [panel as unknown as WebContents],
      isPanelUrl: (url) => isPanelUrl(url, 'app://switchboard'),
      pickFolder: async () => {
        const result = await dialog.showOpenDialog();
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      pickSavePath: async (_sender, name) => `/saved/${name}`,
      setUnsaved: (sender, what) => unsaved.set(sender, what),
    });
  });
  afterEach(() => unbind());

  /** What the page gets: the answer is always JSON text (parsed here to read it). */
  const call = async (
    from: Parameters<typeof ipcMain.invoke>[1],
    method: unknown,
    input: unknown,
  ): Promise<unknown> => {
    const answer = await ipcMain.invoke(IPC_CHANNELS.call, from, method, input);
    if (typeof answer !== 'string') throw new Error(`not JSON text: ${String(answer)}`);
    return JSON.parse(answer) as unknown;
  };

  it('answers the panel with the handler result', async () => {
    const result = await call({ sender: panel }, 'tasks.get', { taskId: 'task_1' });
    expect(result).toMatchObject({ ok: true, value: { id: 'task_1' } });
    expect(getTask).toHaveBeenCalledWith({ taskId: 'task_1' });
  });

  it('refuses a frame showing another page, without calling the handler', async () => {
    const result = await call(
      { sender: panel, frame: new FakeWebFrame('https://evil.example/') },
      'tasks.get',
      { taskId: 't' },
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'unauthorized',
        message: 'Refused: https://evil.example/ is not the Switchboard panel.',
      },
    });
    expect(getTask).not.toHaveBeenCalled();
  });

  it('refuses file:// and look-alike hosts, frames inside the panel, gone frames and other windows', async () => {
    const refusals = await Promise.all([
      call({ sender: panel, frame: new FakeWebFrame('file:///etc/passwd') }, 'tasks.get', {
        taskId: 't',
      }),
      call({ sender: panel, frame: new FakeWebFrame('app://switchboard.evil/') }, 'tasks.get', {
        taskId: 't',
      }),
      call({ sender: panel, frame: new FakeWebFrame(PANEL_URL, panel.mainFrame) }, 'tasks.get', {
        taskId: 't',
      }),
      call({ sender: panel, frame: null }, 'tasks.get', { taskId: 't' }),
      call({ sender: stranger }, 'tasks.get', { taskId: 't' }),
    ]);
    for (const result of refusals)
      expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(getTask).not.toHaveBeenCalled();
  });

  it('rejects bad input with a bad_input result naming the field, not a throw', async () => {
    const result = await call({ sender: panel }, 'tasks.get', { taskId: '' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'bad_input', message: 'taskId: taskId is required', field: 'taskId' },
    });
    expect(await call({ sender: panel }, 'tasks.get', 'not an object')).toMatchObject({
      ok: false,
      error: { code: 'bad_input' },
    });
    expect(await call({ sender: panel }, { evil: true }, {})).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(getTask).not.toHaveBeenCalled();
  });

  it('refuses unknown fields, huge ids and deep input by name, as over HTTP', async () => {
    expect(await call({ sender: panel }, 'tasks.get', { taskId: 't', taskid: 't' })).toEqual({
      ok: false,
      error: { code: 'bad_input', message: 'unknown field taskid', field: 'taskid' },
    });
    expect(await call({ sender: panel }, 'tasks.get', { taskId: 'x'.repeat(1e6) })).toMatchObject({
      ok: false,
      error: { code: 'bad_input', field: 'taskId', message: 'taskId: taskId is too long' },
    });
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(await call({ sender: panel }, 'tasks.get', { taskId: deep })).toMatchObject({
      ok: false,
      error: { code: 'bad_input', field: 'taskId' },
    });
    const longName = 'tasks.'.padEnd(100_000, 'x');
    const unknown = await call({ sender: panel }, longName, {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(JSON.stringify(unknown).length).toBeLessThan(300);
    expect(getTask).not.toHaveBeenCalled();
  });

  it('pushes engine events to the panel windows only', () => {
    const event: PushEvent = { type: 'task.deleted', payload: { taskId: 't1' } };
    bus.emit(event.type, event.payload);
    expect(panel.sent).toEqual([{ channel: IPC_CHANNELS.event, args: [event] }]);
    expect(stranger.sent).toEqual([]);
  });

  it('picks a folder for the panel and refuses anyone else', async () => {
    dialog.showOpenDialog.mockResolvedValueOnce({
      canceled: false,
      filePaths: ['/home/me/project'],
    });
    expect(await ipcMain.invoke(IPC_CHANNELS.pickFolder, { sender: panel })).toEqual({
      ok: true,
      value: '/home/me/project',
    });
    expect(await ipcMain.invoke(IPC_CHANNELS.pickFolder, { sender: stranger })).toMatchObject({
      ok: false,
    });
    expect(dialog.showOpenDialog).toHaveBeenCalledTimes(1);
  });

  it('asks where an export goes for the panel only', async () => {
    expect(await ipcMain.invoke(IPC_CHANNELS.pickSavePath, { sender: panel }, 'run.html')).toEqual({
      ok: true,
      value: '/saved/run.html',
    });
    expect(
      await ipcMain.invoke(IPC_CHANNELS.pickSavePath, { sender: stranger }, 'run.html'),
    ).toMatchObject({ ok: false });
  });

  it("keeps what the panel's window says it holds unsaved, until it says no more or goes away", () => {
    const say = (sender: FakeWebContents, what: unknown, frame = sender.mainFrame) =>
      ipcMain.emit(IPC_CHANNELS.unsaved, { sender, senderFrame: frame }, what);
    const held = () => unsaved.list().map((each) => [each.contents, each.what]);

    say(panel, '  Your changes to the settings have not been saved. ');
    expect(held()).toEqual([[panel, 'Your changes to the settings have not been saved.']]);
    // Others are not listened to: another window, a frame inside the panel, another page.
    say(stranger, 'Mine too.');
    say(panel, 'From a frame.', new FakeWebFrame(PANEL_URL, panel.mainFrame));
    say(panel, 'From elsewhere.', new FakeWebFrame('https://evil.example/'));
    expect(held()).toEqual([[panel, 'Your changes to the settings have not been saved.']]);

    say(panel, 'x'.repeat(10_000));
    expect(held()).toEqual([[panel, 'x'.repeat(200)]]);
    say(panel, null);
    expect(held()).toEqual([]);
    say(panel, { not: 'text' });
    expect(held()).toEqual([]);

    say(panel, 'What you typed in this task has not been saved.');
    panel.emit('destroyed');
    expect(held()).toEqual([]);
  });

  it('unbinds its handlers and stops pushing', () => {
    unbind();
    expect(ipcMain.handlers.size).toBe(0);
    expect(ipcMain.listenerCount(IPC_CHANNELS.unsaved)).toBe(0);
    bus.emit('task.deleted', { taskId: 'x' });
    expect(panel.sent).toEqual([]);
    unbind = () => undefined;
  });
});
