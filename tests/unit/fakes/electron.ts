// The one stand-in for the 'electron' module in unit tests: vi.mock('electron', () =>
// import('../fakes/electron')). Records what the code under test did; resetFakeElectron() between tests.
import { EventEmitter } from 'node:events';
import { constants as osConstants } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { vi } from 'vitest';
import packageJson from '../../../package.json' with { type: 'json' };

type Listener = (...args: never[]) => unknown;

/** An Electron-style event: handlers may call preventDefault(). */
export function fakeEvent<T extends object>(
  extra: T = {} as T,
): T & { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    ...extra,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export const PANEL_URL = 'app://switchboard/';

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

let nextContentsId = 1;
export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly mainFrame = new FakeWebFrame('');
  loading = false;
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isLoading(): boolean {
    return this.loading;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** What the panel was asked to show: navigate messages sent to it. */
  navigations(): string[] {
    return this.sent
      .filter((m) => m.channel === 'switchboard:navigate')
      .map((m) => String(m.args[0]));
  }
}

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  visible = false;
  focused = false;
  minimized = false;
  maximized = false;
  destroyed = false;
  bounds: Bounds;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    const n = (key: string, fallback: number) =>
      typeof options[key] === 'number' ? options[key] : fallback;
    this.bounds = {
      x: n('x', 100),
      y: n('y', 100),
      width: n('width', 800),
      height: n('height', 600),
    };
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
    app.emit('browser-window-created', fakeEvent(), this);
  }
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.instances.filter((w) => !w.destroyed);
  }
  static fromWebContents(contents: FakeWebContents): BrowserWindow | null {
    return BrowserWindow.instances.find((w) => w.webContents === contents) ?? null;
  }
  /** Like Electron: loading from now until the page has loaded (finishLoad), then resolved. */
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.mainFrame.url = url;
    this.webContents.loading = true;
    return new Promise((resolve) => this.webContents.once('did-finish-load', () => resolve()));
  }
  /** The page has loaded: did-finish-load, and ready-to-show the first time. */
  finishLoad(): void {
    this.webContents.loading = false;
    this.webContents.emit('did-finish-load');
    if (this.painted) return;
    this.painted = true;
    this.emit('ready-to-show');
  }
  private painted = false;
  show(): void {
    const shown = this.visible;
    this.visible = true;
    if (!shown) this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
  }
  focus(): void {
    this.focused = true;
  }
  center(): void {}
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Like Electron, maximizing also shows the window. */
  maximize(): void {
    this.maximized = true;
    this.show();
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getBounds(): Bounds {
    return { ...this.bounds };
  }
  getNormalBounds(): Bounds {
    return { ...this.bounds };
  }
  /** Like the user clicking the close button: handlers may prevent it. */
  close(): void {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.webContents.emit('destroyed');
    this.emit('closed');
  }
}

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  image: unknown;
  tooltip = '';
  title = '';
  menu: FakeMenu | null = null;
  destroyed = false;

  constructor(image: unknown) {
    super();
    this.image = image;
    Tray.instances.push(this);
  }
  setImage(image: unknown): void {
    this.image = image;
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setContextMenu(menu: FakeMenu): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** The menu of the first tray made; fails loudly when it has none. */
  static firstMenu(): FakeMenu {
    const menu = Tray.instances[0]?.menu;
    if (!menu) throw new Error('the tray has no menu');
    return menu;
  }
}

export interface FakeMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  accelerator?: string;
  click?: () => void;
}
export class FakeMenu {
  constructor(readonly items: FakeMenuItem[]) {}
  /** The item with this label; fails loudly when it is missing. */
  item(label: string): FakeMenuItem {
    const found = this.items.find((i) => i.label === label);
    if (!found) throw new Error(`no menu item "${label}" in ${this.labels().join(' | ')}`);
    return found;
  }
  labels(): string[] {
    return this.items.flatMap((i) => (i.label ? [i.label] : []));
  }
}
export const Menu = { buildFromTemplate: (template: FakeMenuItem[]) => new FakeMenu(template) };
export const nativeImage = { createFromPath: (path: string) => ({ path }) };

export class Notification extends EventEmitter {
  static instances: Notification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return Notification.supported;
  }
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
    Notification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
}

/** What Electron names the app: package.json's productName, else its name. */
const APP_NAME = packageJson.productName || packageJson.name;

class FakeApp extends EventEmitter {
  isPackaged = false;
  name = APP_NAME;
  /** Paths set with setPath; the rest follow Electron's defaults (userData is appData/<name>). */
  readonly paths = new Map<string, string>();
  badgeCount = 0;
  loginItem: { openAtLogin: boolean; args?: string[] } = { openAtLogin: false };
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  setBadgeCount(count: number): boolean {
    this.badgeCount = count;
    return true;
  }
  getName(): string {
    return this.name;
  }
  getPath(name: string): string {
    const set = this.paths.get(name);
    if (set !== undefined) return set;
    if (name === 'userData') return join(this.getPath('appData'), this.name);
    return `/tmp/fake-electron/${name}`;
  }
  setPath(name: string, path: string): void {
    // As Electron: a relative path is refused.
    if (!isAbsolute(path)) throw new Error(`Path must be absolute: ${path}`);
    this.paths.set(name, path);
  }
  getAppPath(): string {
    return process.cwd();
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  isReady(): boolean {
    return true;
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  /** What the OS does with a login item: takes it, refuses it, or waits for approval (macOS). */
  loginItemOutcome: 'taken' | 'refused' | 'requires-approval' = 'taken';
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void {
    if (this.loginItemOutcome === 'refused') return;
    this.loginItem = settings;
  }
  getLoginItemSettings(_options?: { args?: string[] }): {
    openAtLogin: boolean;
    wasOpenedAtLogin: boolean;
    status?: string;
  } {
    return {
      openAtLogin: this.loginItem.openAtLogin,
      wasOpenedAtLogin: false,
      ...(this.loginItemOutcome === 'requires-approval' ? { status: 'requires-approval' } : {}),
    };
  }
}
export const app = new FakeApp();

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, handler: Listener): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Calls a handler as ipcRenderer.invoke from `sender` (showing `frameUrl`) would. */
  async invoke(
    channel: string,
    from: { sender: FakeWebContents; frame?: FakeWebFrame | null },
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const senderFrame = from.frame === undefined ? from.sender.mainFrame : from.frame;
    return (handler as (...a: unknown[]) => unknown)({ sender: from.sender, senderFrame }, ...args);
  }
}
export const ipcMain = new FakeIpcMain();

/**
 * A message box: answered with the next of `dialog.responses` (the first button, 0, when none is
 * queued), or held open ('later') until a test answers it through `dialog.open`. One parented to
 * a hidden window is never answered: Electron shows it as a sheet on that window (macOS), which
 * does not appear while the window is hidden.
 */
function showMessageBox(...args: unknown[]): Promise<{ response: number }> {
  const [parent] = args;
  if (parent instanceof BrowserWindow && (!parent.visible || parent.destroyed))
    return new Promise(() => undefined);
  const next = dialog.responses.shift() ?? 0;
  if (next === 'later')
    return new Promise((resolve) => dialog.open.push((response) => resolve({ response })));
  return Promise.resolve({ response: next });
}

export const dialog = {
  /** Answers for the next message boxes, in order. */
  responses: [] as (number | 'later')[],
  /** Message boxes held open ('later'), oldest first: call one with the button to answer it. */
  open: [] as ((response: number) => void)[],
  showOpenDialog: vi.fn(() => Promise.resolve({ canceled: true, filePaths: [] as string[] })),
  showMessageBox: vi.fn(showMessageBox),
  showErrorBox: vi.fn(),
};
export const shell = { openExternal: vi.fn(() => Promise.resolve()) };

export const screen = {
  workAreas: [{ x: 0, y: 0, width: 1920, height: 1080 }] as Bounds[],
  getAllDisplays() {
    return screen.workAreas.map((workArea) => ({ workArea }));
  },
  getPrimaryDisplay() {
    return { workArea: screen.workAreas[0] ?? { x: 0, y: 0, width: 1920, height: 1080 } };
  },
};

const MODIFIERS = new Set(
  [
    'Command',
    'Cmd',
    'Control',
    'Ctrl',
    'CommandOrControl',
    'CmdOrCtrl',
    'Alt',
    'Option',
    'AltGr',
    'Shift',
    'Super',
    'Meta',
  ].map((name) => name.toLowerCase()),
);
const NAMED_KEYS = new Set(
  [
    'Plus',
    'Space',
    'Tab',
    'Capslock',
    'Numlock',
    'Scrolllock',
    'Backspace',
    'Delete',
    'Insert',
    'Return',
    'Enter',
    'Up',
    'Down',
    'Left',
    'Right',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'Escape',
    'Esc',
    'VolumeUp',
    'VolumeDown',
    'VolumeMute',
    'MediaNextTrack',
    'MediaPreviousTrack',
    'MediaStop',
    'MediaPlayPause',
    'PrintScreen',
    'numdec',
    'numadd',
    'numsub',
    'nummult',
    'numdiv',
  ].map((name) => name.toLowerCase()),
);

/** Electron's accelerator grammar: modifiers, then exactly one key (a character, F1–F24, a name). */
function isAccelerator(accelerator: string): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop()?.toLowerCase() ?? '';
  if (!parts.every((part) => MODIFIERS.has(part.toLowerCase()))) return false;
  return (
    /^[\x21-\x7e]$/.test(key) ||
    /^f([1-9]|1[0-9]|2[0-4])$/.test(key) ||
    /^num[0-9]$/.test(key) ||
    NAMED_KEYS.has(key)
  );
}

export const globalShortcut = {
  registered: new Map<string, () => void>(),
  /** Accelerators another application holds. */
  taken: new Set<string>(),
  register(accelerator: string, callback: () => void): boolean {
    if (!isAccelerator(accelerator))
      throw new TypeError(
        `Error processing argument at index 0, conversion failure from ${accelerator}`,
      );
    if (globalShortcut.taken.has(accelerator)) return false;
    globalShortcut.registered.set(accelerator, callback);
    return true;
  },
  unregister(accelerator: string): void {
    globalShortcut.registered.delete(accelerator);
  },
};

export const powerSaveBlocker = {
  started: new Map<number, string>(),
  nextId: 1,
  start(type: string): number {
    const id = powerSaveBlocker.nextId++;
    powerSaveBlocker.started.set(id, type);
    return id;
  },
  stop(id: number): void {
    powerSaveBlocker.started.delete(id);
  },
  isStarted(id: number): boolean {
    return powerSaveBlocker.started.has(id);
  },
};

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    protocol.handlers.set(scheme, handler);
  },
};

export class FakeSession {
  permissionRequestHandler: Listener | null = null;
  permissionCheckHandler: Listener | null = null;
  headersHandler: Listener | null = null;
  setPermissionRequestHandler(handler: Listener): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener): void {
    this.permissionCheckHandler = handler;
  }
  readonly webRequest = {
    onHeadersReceived: (handler: Listener) => {
      this.headersHandler = handler;
    },
  };
}
export const session = { defaultSession: new FakeSession() };

/**
 * A utility process that never runs: tests read what it was sent and make it answer or die. Like
 * Electron's: no pid until it has spawned (a microtask after fork) nor after it exited, messages
 * to an exited process are dropped silently, kill() ends it (SIGTERM) and answers false once it
 * has exited, and the exit code is always a number (a signal's number when one ended it).
 */
export class FakeUtilityProcess extends EventEmitter {
  private static nextPid = 40_000;
  pid: number | undefined = undefined;
  readonly received: unknown[] = [];
  /** kill() was called while it ran. */
  killed = false;
  exited = false;
  constructor(
    readonly entry: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
    queueMicrotask(() => {
      if (this.exited) return;
      this.pid = FakeUtilityProcess.nextPid++;
      this.emit('spawn');
    });
  }
  postMessage(message: unknown): void {
    if (this.exited) return;
    this.received.push(message);
  }
  kill(): boolean {
    if (this.exited) return false;
    this.killed = true;
    queueMicrotask(() => this.exit({ signal: 'SIGTERM' }));
    return true;
  }
  /** The host sends a message to the main process. */
  reply(message: unknown): void {
    this.emit('message', message);
  }
  /** The process ends: with an exit code, or by a signal (a crash, a kill). */
  exit(how: number | { signal: NodeJS.Signals }): void {
    if (this.exited) return;
    this.exited = true;
    this.pid = undefined;
    this.emit('exit', typeof how === 'number' ? how : osConstants.signals[how.signal]);
  }
}
export const utilityProcess = {
  forked: [] as FakeUtilityProcess[],
  fork(entry: string, args: string[] = [], options: Record<string, unknown> = {}) {
    const child = new FakeUtilityProcess(entry, args, options);
    utilityProcess.forked.push(child);
    return child;
  },
};

// The preload's side.
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    contextBridge.exposed.set(key, api);
  },
};
export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn((..._args: unknown[]): Promise<unknown> =>
    Promise.resolve({ ok: true, value: null }),
  ),
  send: vi.fn((..._args: unknown[]) => undefined),
});
export const webUtils = { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` };

export function resetFakeElectron(): void {
  BrowserWindow.instances = [];
  Tray.instances = [];
  Notification.instances = [];
  Notification.supported = true;
  app.removeAllListeners();
  app.isPackaged = false;
  app.name = APP_NAME;
  app.paths.clear();
  app.badgeCount = 0;
  app.loginItem = { openAtLogin: false };
  app.loginItemOutcome = 'taken';
  app.quit.mockClear();
  app.exit.mockClear();
  ipcMain.handlers.clear();
  ipcMain.removeAllListeners();
  dialog.showOpenDialog
    .mockReset()
    .mockImplementation(() => Promise.resolve({ canceled: true, filePaths: [] }));
  dialog.responses = [];
  dialog.open = [];
  dialog.showMessageBox.mockReset().mockImplementation(showMessageBox);
  dialog.showErrorBox.mockClear();
  shell.openExternal.mockClear();
  screen.workAreas = [{ x: 0, y: 0, width: 1920, height: 1080 }];
  globalShortcut.registered.clear();
  globalShortcut.taken.clear();
  powerSaveBlocker.started.clear();
  protocol.privileged = [];
  protocol.handlers.clear();
  session.defaultSession = new FakeSession();
  utilityProcess.forked = [];
  contextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invoke.mockClear();
  ipcRenderer.send.mockClear();
}

export default {
  app,
  BrowserWindow,
  Tray,
  Menu,
  nativeImage,
  Notification,
  ipcMain,
  dialog,
  shell,
  screen,
  globalShortcut,
  powerSaveBlocker,
  protocol,
  session,
  contextBridge,
  ipcRenderer,
  webUtils,
};
