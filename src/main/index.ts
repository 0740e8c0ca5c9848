// Electron entry: one instance per user; the engine host (engine + local API) in a utility
// process on the userData folder, supervised from here; then the desktop shell around it.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { app, dialog } from 'electron';
import { PANEL_BASE, registerPanelScheme, servePanel } from './desktop/app-protocol';
import { unpackedClaudeExecutable } from './desktop/claude-executable';
import { startDesktopShell } from './desktop/desktop-shell';
import { DropCollector } from './desktop/drop-route';
import { electronWindowStateStore } from './desktop/electron-stores';
import { EngineHostSupervisor } from './desktop/engine-host-supervisor';
import { startedHidden } from './desktop/login-item';
import { withLoginShellPath } from './desktop/login-shell-path';
import { RelaunchRequests } from './desktop/relaunch-requests';
import { resourcesDir } from './desktop/resources';
import { guardQuit } from './desktop/quit-guard';
import { forkUtilityHost } from './desktop/utility-host';
import { contentSecurityPolicy } from './desktop/panel-response';
import { defaultDataDir } from './server/data-dir';
import { hardenSession } from './desktop/web-security';

/** How long quitting waits for the engine to end its sessions before killing it. */
const QUIT_DEADLINE_MS = 15_000;

// The folder serve uses too (SWITCHBOARD_DATA_DIR, made absolute, or the OS's app-data folder
// named from package.json as Electron names it), set rather than left to Electron.
app.setPath('userData', defaultDataDir(process.env));
registerPanelScheme();
// Global shortcuts on Wayland go through the desktop portal (X11 grabs keys directly); the portal
// knows the app by package.json's desktopName, which the installed .desktop file carries.
if (process.platform === 'linux')
  app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal');
// Windows shows notifications only for an app id that matches the installer's (electron-builder appId).
if (process.platform === 'win32') app.setAppUserModelId('dev.switchboard.desktop');
// macOS can deliver dropped files before the app is ready; they wait in the collector.
const drops = new DropCollector();
// A relaunch while this instance still starts is remembered until its window can come forward.
const relaunches = new RelaunchRequests();
app.on('second-instance', () => relaunches.request());
app.on('open-file', (event, path) => {
  event.preventDefault();
  drops.add([path]);
});

if (app.requestSingleInstanceLock()) {
  start().catch(failToStart);
} else {
  // The running instance hears 'second-instance' and comes forward.
  app.quit();
}

async function start(): Promise<void> {
  const env = withLoginShellPath({ ...process.env });
  await app.whenReady();
  const devServerUrl = app.isPackaged ? null : (process.env.ELECTRON_RENDERER_URL ?? null);
  const panelBase = devServerUrl ? new URL(devServerUrl).origin : PANEL_BASE;
  const csp = contentSecurityPolicy(devServerUrl);
  hardenSession(panelBase, csp);
  if (!devServerUrl) servePanel(join(import.meta.dirname, '../renderer'), csp);

  const dataDir = app.getPath('userData');
  const hostEnv = await env;
  const host = new EngineHostSupervisor({
    fork: () => forkUtilityHost(join(import.meta.dirname, 'engine-host.js'), hostEnv),
    config: {
      dataDir,
      holder: 'desktop',
      env: hostEnv,
      defaultClaudeExecutable: (app.isPackaged && unpackedClaudeExecutable()) || undefined,
      keychainService: process.env.SWITCHBOARD_KEYCHAIN_SERVICE || undefined,
      staticDir: join(import.meta.dirname, '../renderer'),
      // One token per app session: host restarts keep it, so signed-in browsers stay signed in.
      localApi: {
        token: process.env.SWITCHBOARD_TOKEN || randomBytes(24).toString('base64url'),
        required: false,
      },
    },
  });
  await host.start();
  const shell = await startDesktopShell({
    engine: host,
    preload: join(import.meta.dirname, '../preload/index.cjs'),
    panelBase,
    resources: resourcesDir(),
    windowState: electronWindowStateStore(dataDir),
    drops,
    relaunches,
    startHidden: startedHidden(process.argv),
    manageLoginItem: app.isPackaged,
  });
  guardQuit({
    unsaved: shell.unsaved,
    stop: () => {
      shell.stop();
      return host.stop(QUIT_DEADLINE_MS);
    },
  });
}

function failToStart(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[switchboard] could not start: ${message}`);
  if (app.isReady()) dialog.showErrorBox('Switchboard could not start', message);
  app.exit(1);
}
