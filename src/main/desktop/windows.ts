// Switchboard's windows: the panel (size and place remembered, closing hides it to the tray) and
// the small Quick task window. Both load the panel with the locked-down preferences below.
import { BrowserWindow, screen, type WebContents } from 'electron';
import { IPC_CHANNELS } from '../../shared/ipc-channels';
import { restoreWindowState, type WindowStateStore } from './window-state';

export interface AppWindowsOptions {
  preload: string;
  /** Where the panel is served from: app://switchboard, or Vite's dev server. */
  panelBase: string;
  windowState: WindowStateStore;
  icon?: string;
}

const QUICK_TASK_ROUTE = '/quick';
const QUICK_TASK_SIZE = { width: 560, height: 380 };
const SAVE_DELAY_MS = 400;

export class AppWindows {
  private main: BrowserWindow | null = null;
  private quick: BrowserWindow | null = null;
  private quitting = false;

  constructor(private readonly options: AppWindowsOptions) {}

  /** From now on closing a window really closes it (the app is quitting). */
  allowClose(): void {
    this.quitting = true;
  }

  /** Creates the panel window without showing it (started at login, say). */
  createHidden(): void {
    this.main ??= this.createMain('/', false);
  }

  /** Shows and focuses the panel; with a route, shows that page. */
  showMain(route?: string): BrowserWindow {
    const existing = this.main;
    if (!existing) {
      this.main = this.createMain(route ?? '/', true);
      return this.main;
    }
    if (route !== undefined) this.navigate(existing, route);
    if (existing.isMinimized()) existing.restore();
    existing.show();
    existing.focus();
    return existing;
  }

  showQuickTask(): void {
    const quick = (this.quick ??= this.createQuick());
    if (!quick.webContents.isLoading())
      quick.webContents.send(IPC_CHANNELS.navigate, QUICK_TASK_ROUTE);
    quick.center();
    quick.show();
    quick.focus();
  }

  /** The web contents that may call the API and hear its events. */
  panelContents(): WebContents[] {
    return [this.main, this.quick].flatMap((window) =>
      window && !window.isDestroyed() ? [window.webContents] : [],
    );
  }

  /** A window to parent dialogs to. */
  owner(contents?: WebContents): BrowserWindow | null {
    const windows = [this.main, this.quick].filter(
      (w): w is BrowserWindow => w !== null && !w.isDestroyed(),
    );
    return windows.find((window) => window.webContents === contents) ?? this.main;
  }

  private navigate(window: BrowserWindow, route: string): void {
    // A page still loading may not listen yet; loading the route itself is certain to show it.
    if (window.webContents.isLoading()) void window.loadURL(this.urlFor(route));
    else window.webContents.send(IPC_CHANNELS.navigate, route);
  }

  private createMain(route: string, show: boolean): BrowserWindow {
    const displays = screen.getAllDisplays().map((display) => display.workArea);
    const primary = screen.getPrimaryDisplay().workArea;
    const restored = restoreWindowState(this.options.windowState.load(), [primary, ...displays]);
    const window = new BrowserWindow({
      ...restored.bounds,
      minWidth: 640,
      minHeight: 420,
      show: false,
      title: 'Switchboard',
      ...(this.options.icon ? { icon: this.options.icon } : {}),
      webPreferences: this.webPreferences(),
    });
    // Maximizing also shows a window, so not before its first paint (an empty frame): a window
    // shown now is maximized once ready, one created hidden when it is first shown.
    if (restored.maximized && show) window.once('ready-to-show', () => window.maximize());
    else if (restored.maximized) window.once('show', () => window.maximize());
    if (show) window.once('ready-to-show', () => window.show());
    this.rememberState(window);
    this.hideOnClose(window);
    window.on('closed', () => {
      if (this.main === window) this.main = null;
    });
    void window.loadURL(this.urlFor(route));
    return window;
  }

  private createQuick(): BrowserWindow {
    const window = new BrowserWindow({
      ...QUICK_TASK_SIZE,
      show: false,
      resizable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      title: 'Quick task',
      webPreferences: this.webPreferences(),
    });
    window.on('blur', () => window.hide());
    this.hideOnClose(window);
    window.on('closed', () => {
      if (this.quick === window) this.quick = null;
    });
    void window.loadURL(this.urlFor(QUICK_TASK_ROUTE));
    return window;
  }

  private webPreferences(): Electron.WebPreferences {
    return {
      preload: this.options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    };
  }

  private hideOnClose(window: BrowserWindow): void {
    window.on('close', (event) => {
      if (this.quitting) return;
      event.preventDefault();
      window.hide();
    });
  }

  private rememberState(window: BrowserWindow): void {
    let timer: NodeJS.Timeout | undefined;
    const save = () => {
      clearTimeout(timer);
      if (window.isDestroyed()) return;
      const bounds = window.isMaximized() ? window.getNormalBounds() : window.getBounds();
      this.options.windowState.save({ ...bounds, maximized: window.isMaximized() });
    };
    const saveSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(save, SAVE_DELAY_MS);
    };
    window.on('resize', saveSoon);
    window.on('move', saveSoon);
    window.on('maximize', saveSoon);
    window.on('unmaximize', saveSoon);
    window.on('close', save);
  }

  private urlFor(route: string): string {
    return new URL(route, this.options.panelBase + '/').toString();
  }
}
