// Electron entry: one instance per user, the engine on the userData folder (settings through
// electron-store, secrets in the OS keychain, PATH from the login shell), then the desktop shell.
import { join } from 'node:path';
import { app, dialog } from 'electron';
import { createEngine, type Engine } from './engine/engine';
import { stopWithDeadline } from './engine/lifecycle/clean-stop';
import { KeychainSecretStore } from './engine/secrets/keychain-secret-store';
import { PANEL_BASE, registerPanelScheme, servePanel } from './desktop/app-protocol';
import { unpackedClaudeExecutable } from './desktop/claude-executable';
import { startDesktopShell, type DesktopShell } from './desktop/desktop-shell';
import { DropCollector } from './desktop/drop-route';
import { electronSettingsBackend, electronWindowStateStore } from './desktop/electron-stores';
import { startedHidden } from './desktop/login-item';
import { withLoginShellPath } from './desktop/login-shell-path';
import { resourcesDir } from './desktop/resources';
import { contentSecurityPolicy, hardenSession } from './desktop/web-security';

// Same variable as serve mode, so tests and side-by-side setups can pick the data folder.
if (process.env.SWITCHBOARD_DATA_DIR) app.setPath('userData', process.env.SWITCHBOARD_DATA_DIR);
registerPanelScheme();
// Windows shows notifications only for an app id that matches the installer's (electron-builder appId).
if (process.platform === 'win32') app.setAppUserModelId('dev.switchboard.desktop');
// macOS can deliver dropped files before the app is ready; they wait in the collector.
const drops = new DropCollector();
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
  const engine = await createEngine({
    dataDir,
    holder: 'desktop',
    env: await env,
    settings: electronSettingsBackend(dataDir),
    secrets: new KeychainSecretStore({
      service: process.env.SWITCHBOARD_KEYCHAIN_SERVICE || undefined,
    }),
    defaultClaudeExecutable: (app.isPackaged && unpackedClaudeExecutable()) || undefined,
  });
  const shell = await startDesktopShell({
    engine,
    preload: join(import.meta.dirname, '../preload/index.cjs'),
    panelBase,
    resources: resourcesDir(),
    windowState: electronWindowStateStore(dataDir),
    drops,
    startHidden: startedHidden(process.argv),
    manageLoginItem: app.isPackaged,
  });
  stopBeforeQuit(engine, shell);
}

/** Quitting waits for the engine to stop its sessions and release the data folder. */
function stopBeforeQuit(engine: Engine, shell: DesktopShell): void {
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    shell.stop();
    stopWithDeadline(() => engine.stop())
      .then((inTime) => {
        if (!inTime) console.error('[switchboard] the engine took too long to stop; quitting');
      })
      .catch((error: unknown) => console.error('[switchboard] engine stop failed:', error))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });
}

function failToStart(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[switchboard] could not start: ${message}`);
  if (app.isReady()) dialog.showErrorBox('Switchboard could not start', message);
  app.exit(1);
}
