// The small adapters: the Quick task shortcut, keep-awake, start at login, the packaged Claude
// Code path, and the preload's bridge.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fakes/electron'));

import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  app,
  contextBridge,
  globalShortcut,
  ipcRenderer,
  powerSaveBlocker,
  resetFakeElectron,
} from '../fakes/electron';
import { toUnpacked, unpackedClaudeExecutable } from '../../../src/main/desktop/claude-executable';
import { KeepAwake } from '../../../src/main/desktop/keep-awake';
import {
  HIDDEN_ARG,
  applyOpenAtLogin,
  autostartEntry,
  startedHidden,
} from '../../../src/main/desktop/login-item';
import { QuickTaskShortcut } from '../../../src/main/desktop/quick-task-shortcut';
import { IPC_CHANNELS } from '../../../src/shared/ipc-channels';
import { DESKTOP_BRIDGE_KEY, type DesktopBridge } from '../../../src/shared/desktop-bridge';

beforeEach(() => resetFakeElectron());

describe('Quick task shortcut', () => {
  it('registers, re-registers on change and releases the old one', () => {
    const pressed = vi.fn();
    const shortcut = new QuickTaskShortcut(pressed);
    expect(shortcut.apply('CommandOrControl+Shift+Space')).toEqual({
      ok: true,
      accelerator: 'CommandOrControl+Shift+Space',
    });
    globalShortcut.registered.get('CommandOrControl+Shift+Space')?.();
    expect(pressed).toHaveBeenCalledTimes(1);
    shortcut.apply('Alt+Q');
    expect([...globalShortcut.registered.keys()]).toEqual(['Alt+Q']);
    expect(shortcut.apply('')).toEqual({ ok: true, accelerator: null });
    expect(globalShortcut.registered.size).toBe(0);
    // Punctuation and named keys are accelerators too.
    expect(shortcut.apply('CommandOrControl+,')).toEqual({
      ok: true,
      accelerator: 'CommandOrControl+,',
    });
    expect(shortcut.apply('Alt+F12')).toMatchObject({ ok: true });
  });

  it('reports a shortcut another app holds, or one that is not valid, without throwing', () => {
    const shortcut = new QuickTaskShortcut(() => undefined);
    globalShortcut.taken.add('Alt+Space');
    expect(shortcut.apply('Alt+Space')).toEqual({
      ok: false,
      accelerator: 'Alt+Space',
      reason: 'another application already uses it',
    });
    expect(shortcut.apply('Ctrl+Shift')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a shortcut') as string,
    });
    expect(shortcut.apply('Ctrl+!!')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a shortcut') as string,
    });
    expect(shortcut.accelerator).toBeNull();
  });
});

describe('keep awake', () => {
  it('blocks app suspension while wanted and releases it after', () => {
    const keepAwake = new KeepAwake();
    keepAwake.update(true);
    keepAwake.update(true);
    expect([...powerSaveBlocker.started.values()]).toEqual(['prevent-app-suspension']);
    keepAwake.update(false);
    expect(powerSaveBlocker.started.size).toBe(0);
    expect(keepAwake.active).toBe(false);
  });
});

describe('start at login', () => {
  it('uses the OS login item with --hidden on macOS and Windows', () => {
    applyOpenAtLogin(true, {
      platform: 'darwin',
      executable: '/Applications/Switchboard.app',
      autostartDir: '/unused',
    });
    expect(app.loginItem).toEqual({ openAtLogin: true, args: [HIDDEN_ARG] });
  });

  it('says so when the OS did not take the login item (unsigned app, approval needed)', () => {
    const mac = { platform: 'darwin' as const, executable: '/x', autostartDir: '/unused' };
    app.loginItemOutcome = 'refused';
    expect(() => applyOpenAtLogin(true, mac)).toThrow(/kept "open at login" off/);
    app.loginItemOutcome = 'requires-approval';
    expect(() => applyOpenAtLogin(true, mac)).toThrow(/System Settings/);
  });

  it('writes and removes an XDG autostart entry on Linux', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sb-autostart-')), 'autostart');
    const target = {
      platform: 'linux' as const,
      executable: '/opt/Switchboard/switchboard',
      autostartDir: dir,
    };
    applyOpenAtLogin(true, target);
    const entry = readFileSync(join(dir, 'switchboard.desktop'), 'utf8');
    expect(entry).toContain('Exec="/opt/Switchboard/switchboard" --hidden');
    applyOpenAtLogin(false, target);
    expect(existsSync(join(dir, 'switchboard.desktop'))).toBe(false);
  });

  it('quotes odd executable paths and knows when it was started hidden', () => {
    expect(autostartEntry('/home/a "b"/$x')).toContain('Exec="/home/a \\"b\\"/\\$x" --hidden');
    expect(startedHidden(['/app', '--hidden'], 'linux')).toBe(true);
    expect(startedHidden(['/app'], 'linux')).toBe(false);
  });
});

describe('packaged Claude Code', () => {
  it('takes the platform binary from app.asar.unpacked', () => {
    const asar = '/Applications/Switchboard.app/Contents/Resources/app.asar/node_modules';
    const found = unpackedClaudeExecutable({
      resolve: (id) => `${asar}/${id}`,
      exists: (path) => path.includes('app.asar.unpacked'),
      platform: 'darwin',
      arch: 'arm64',
    });
    expect(found).toBe(
      '/Applications/Switchboard.app/Contents/Resources/app.asar.unpacked/node_modules/@anthropic-ai/claude-agent-sdk-darwin-arm64/claude',
    );
  });

  it('falls back to the musl build on Linux and gives up when neither is there', () => {
    const resolve = (id: string) => {
      if (!id.includes('musl')) throw new Error('not installed');
      return `/opt/app/resources/app.asar/node_modules/${id}`;
    };
    expect(
      unpackedClaudeExecutable({ resolve, exists: () => true, platform: 'linux', arch: 'x64' }),
    ).toContain('linux-x64-musl/claude');
    expect(
      unpackedClaudeExecutable({ resolve, exists: () => false, platform: 'linux', arch: 'x64' }),
    ).toBeNull();
    expect(toUnpacked('/x/app.asar.unpacked/y')).toBe('/x/app.asar.unpacked/y');
  });
});

describe('preload', () => {
  it('exposes exactly the DesktopBridge, over the IPC channels', async () => {
    await import('../../../src/preload/index');
    const bridge = contextBridge.exposed.get(DESKTOP_BRIDGE_KEY) as DesktopBridge;
    expect(Object.keys(bridge).sort()).toEqual([
      'call',
      'onNavigate',
      'pathForFile',
      'pickFolder',
      'pickSavePath',
      'setUnsavedChanges',
      'subscribe',
    ]);

    ipcRenderer.invoke.mockResolvedValueOnce(JSON.stringify({ ok: true, value: [] }));
    await bridge.call('tasks.list', {});
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(IPC_CHANNELS.call, 'tasks.list', {});
    // The engine host's answer crosses to the page as the JSON text it is: the preload never parses.
    const json = JSON.stringify({ ok: true, value: [{ id: 't' }] });
    ipcRenderer.invoke.mockResolvedValueOnce(json);
    const parse = vi.spyOn(JSON, 'parse');
    expect(await bridge.call('tasks.list', {})).toBe(json);
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();

    const routes: string[] = [];
    const stop = bridge.onNavigate((route) => routes.push(route));
    ipcRenderer.emit(IPC_CHANNELS.navigate, {}, '/inbox');
    stop();
    ipcRenderer.emit(IPC_CHANNELS.navigate, {}, '/ignored');
    expect(routes).toEqual(['/inbox']);
    expect(bridge.pathForFile(new File(['x'], 'a.txt'))).toBe('/dropped/a.txt');
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: '/picked' });
    expect(await bridge.pickFolder()).toBe('/picked');
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: '/home/me/run.html' });
    expect(await bridge.pickSavePath('run.html')).toBe('/home/me/run.html');
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_CHANNELS.pickSavePath, 'run.html');
    bridge.setUnsavedChanges('Settings are not saved.');
    bridge.setUnsavedChanges(null);
    expect(ipcRenderer.send.mock.calls).toEqual([
      [IPC_CHANNELS.unsaved, 'Settings are not saved.'],
      [IPC_CHANNELS.unsaved, null],
    ]);
  });
});
