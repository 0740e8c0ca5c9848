// Connects the desktop adapters to the engine host, in one place: IPC, windows, tray,
// notifications, dock/taskbar badge, the Quick task shortcut, start at login, keep-awake and
// dropped files. The engine is reached only through the contract's transport (calls + pushes).
import { app, dialog, type BrowserWindow } from 'electron';
import { basename, join } from 'node:path';
import { createApiClient, type ApiClient, type Transport } from '../../shared/client';
import type { MethodInput, MethodName, PushEvent } from '../../shared/contract';
import type { PlanLimits, Settings, Task } from '../../shared/domain';
import type { WireResult } from '../../shared/errors';
import { dropRouteFor, type DropCollector } from './drop-route';
import { bindIpc } from './ipc';
import { KeepAwake } from './keep-awake';
import { applyOpenAtLogin } from './login-item';
import { DesktopNotifier, NotificationPlanner } from './notifications';
import { QuickTaskShortcut } from './quick-task-shortcut';
import { appIconPath, trayIconPath } from './resources';
import { AppTray, type TrayActions } from './tray';
import { RECENT_RUNS, describeTray, reduceTray, seedTray, type TrayModel } from './tray-state';
import { UnsavedChanges } from './unsaved-changes';
import type { RelaunchRequests } from './relaunch-requests';
import { hardenWebContents, isPanelUrl } from './web-security';
import { AppWindows } from './windows';
import type { WindowStateStore } from './window-state';

export interface DesktopShellOptions {
  /**
   * The engine host's relay: contract calls and push events (including engine.status); `relay`
   * answers the panel's calls as undecoded JSON.
   */
  engine: Transport & { relay?(method: string, input: unknown): Promise<string> };
  preload: string;
  panelBase: string;
  resources: string;
  windowState: WindowStateStore;
  drops: DropCollector;
  /** Relaunches of the app, heard from its start on: each brings the window forward. */
  relaunches: RelaunchRequests;
  startHidden: boolean;
  /** Whether the OS login item may be changed (not for an unpackaged development build). */
  manageLoginItem: boolean;
}

export interface DesktopShell {
  windows: AppWindows;
  /** What the windows hold unsaved, as they last said. */
  unsaved: UnsavedChanges;
  /** Unhooks everything; windows may close from now on (the app is quitting). */
  stop(): void;
}

export async function startDesktopShell(options: DesktopShellOptions): Promise<DesktopShell> {
  const { engine, panelBase } = options;
  const api = createApiClient(engine);
  const call = <M extends MethodName>(
    method: M,
    input: MethodInput<M>,
  ): Promise<WireResult<unknown>> => engine.call(method, input);

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, panelBase));
  const windows = new AppWindows({
    preload: options.preload,
    panelBase,
    windowState: options.windowState,
    icon: appIconPath(options.resources),
  });
  const notifier = new DesktopNotifier((route) => windows.showMain(route));
  const planner = new NotificationPlanner();
  const keepAwake = new KeepAwake();
  const shortcut = new QuickTaskShortcut(() => windows.showQuickTask());
  const unsaved = new UnsavedChanges();
  const unbindIpc = bindIpc({
    call: (method, input) =>
      engine.relay ? engine.relay(method, input) : engine.call(method as MethodName, input),
    subscribe: (listener) => engine.subscribe(listener),
    panelContents: () => windows.panelContents(),
    isPanelUrl: (url) => isPanelUrl(url, panelBase),
    pickFolder: (requester) => pickFolder(windows.owner(requester)),
    pickSavePath: (requester, name) => pickSavePath(windows.owner(requester), name),
    setUnsaved: (sender, what) => unsaved.set(sender, what),
  });

  let { settings, titles, model, plan } = await loadState(api);

  const actions: TrayActions = {
    runTask: (taskId) =>
      void call('tasks.run', { taskId, trigger: 'tray' }).then(
        reportFailure('Could not start the task'),
      ),
    quickTask: () => windows.showQuickTask(),
    openRun: (runId) => windows.showMain(`/runs/${runId}`),
    setSchedulesPaused: (paused) =>
      void call('settings.update', { triggers: { paused } }).then(
        reportFailure('Could not change the schedules'),
      ),
    open: () => windows.showMain(),
    quit: () => app.quit(),
    dropFiles: (paths) => options.drops.add(paths),
  };
  const tray = new AppTray((look) => trayIconPath(options.resources, look), actions);

  function reportFailure(title: string) {
    return (result: WireResult<unknown>) => {
      if (!result.ok) notifier.show({ title, body: result.error.message, route: null });
    };
  }

  let shortcutSetting: string | null = null;
  const applyShortcut = () => {
    if (settings.desktop.quickTaskShortcut === shortcutSetting) return;
    shortcutSetting = settings.desktop.quickTaskShortcut;
    const result = shortcut.apply(shortcutSetting);
    if (result.ok) return;
    console.warn(
      `[switchboard] Quick task shortcut ${result.accelerator} not registered: ${result.reason}`,
    );
    notifier.show({
      title: 'Quick task shortcut unavailable',
      body: `${result.accelerator}: ${result.reason}. Choose another one in Settings.`,
      route: '/settings',
    });
  };
  let openAtLogin: boolean | null = null;
  const applyLoginItem = () => {
    if (!options.manageLoginItem || settings.desktop.openAtLogin === openAtLogin) return;
    openAtLogin = settings.desktop.openAtLogin;
    try {
      applyOpenAtLogin(openAtLogin);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error('[switchboard] could not change the login item:', reason);
      notifier.show({
        title: openAtLogin
          ? 'Could not open Switchboard at login'
          : 'Could not stop opening at login',
        body: reason,
        route: '/settings',
      });
    }
  };
  const render = () => {
    const view = describeTray(model);
    tray.render(view, {
      pinned: settings.pinnedTaskIds.flatMap((id) => {
        const title = titles.get(id);
        return title === undefined ? [] : [{ id, title }];
      }),
      recent: model.recent,
      paused: settings.triggers.paused,
      quickTaskAccelerator: shortcut.accelerator,
      plan,
    });
    app.setBadgeCount(view.needsYou);
    keepAwake.update(settings.desktop.keepAwake && view.running > 0);
  };

  const onEvent = (event: PushEvent) => {
    if (event.type === 'engine.status') {
      // A restarted host: what happened meanwhile arrives as state, not as events.
      if (event.payload.state === 'running') void reload();
      return;
    }
    const intent = planner.plan(event, settings.notifications);
    if (intent) notifier.show(intent);
    if (event.type === 'settings.updated') onSettings(event.payload);
    else if (event.type === 'task.updated') titles.set(event.payload.id, event.payload.title);
    else if (event.type === 'task.deleted') titles.delete(event.payload.taskId);
    else if (event.type === 'limits.updated') plan = event.payload;
    else if (event.type === 'run.event') return;
    model = reduceTray(model, event);
    render();
  };
  const onSettings = (next: Settings) => {
    settings = next;
    applyShortcut();
    applyLoginItem();
  };
  const reload = async () => {
    try {
      ({ settings, titles, model, plan } = await loadState(api));
      onSettings(settings);
      render();
    } catch (error) {
      console.error('[switchboard] could not reload after the engine restarted:', error);
    }
  };
  const unsubscribe = engine.subscribe(onEvent);

  options.drops.attach((paths) => windows.showMain(dropRouteFor(paths)));
  app.on('activate', () => windows.showMain());
  // The app lives in the tray: closing the last window does not quit it.
  app.on('window-all-closed', () => undefined);

  onSettings(settings);
  render();
  if (!options.startHidden) windows.showMain();
  // A relaunch during the start shows the window even when the app started hidden.
  options.relaunches.attach(() => windows.showMain());

  return {
    windows,
    unsaved,
    stop() {
      unsubscribe();
      unbindIpc();
      shortcut.release();
      keepAwake.update(false);
      tray.destroy();
      windows.allowClose();
    },
  };
}

/** Settings, task titles and the tray's model, from the engine. */
async function loadState(api: ApiClient): Promise<{
  settings: Settings;
  titles: Map<string, string>;
  model: TrayModel;
  plan: PlanLimits;
}> {
  const settings = await api.call('settings.get', {});
  const plan = await api.call('limits.get', {});
  const titles = new Map(
    (await api.call('tasks.list', {})).map((task: Task) => [task.id, task.title]),
  );
  // The newest runs for the menu, plus every unfinished one however old, for the counts.
  const listed = await Promise.all(
    [
      { limit: RECENT_RUNS },
      { status: 'queued' as const },
      { status: 'running' as const },
      { status: 'waiting' as const },
    ].map((filter) => api.call('runs.list', filter)),
  );
  const model = seedTray(
    listed.flat(),
    await api.call('approvals.list', { status: 'pending' }),
    await api.call('reviews.list', { needsYou: true }),
  );
  return { settings, titles, model, plan };
}

async function pickSavePath(owner: BrowserWindow | null, name: string): Promise<string | null> {
  // Only a base name from the page: where the file goes is the person's choice in the dialog.
  const options = { defaultPath: join(app.getPath('documents'), basename(name) || 'export') };
  const result = owner
    ? await dialog.showSaveDialog(owner, options)
    : await dialog.showSaveDialog(options);
  return result.canceled || result.filePath === '' ? null : result.filePath;
}

async function pickFolder(owner: BrowserWindow | null): Promise<string | null> {
  const options = {
    properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
  };
  const result = owner
    ? await dialog.showOpenDialog(owner, options)
    : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
