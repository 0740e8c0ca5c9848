// The tray icon and its menu: pinned quick tasks, Quick task…, the last few runs, pause/resume
// all triggers (schedules, folder watches, webhooks), open, quit. Files dropped on it (macOS)
// are handed on as a draft.
import {
  Menu,
  Tray,
  nativeImage,
  type MenuItemConstructorOptions,
  type NativeImage,
} from 'electron';
import type { PlanLimits } from '../../shared/domain';
import { planMenuItems } from './tray-plan';
import type { RecentRun, TrayLook, TrayView } from './tray-state';

export interface TrayMenuModel {
  pinned: readonly { id: string; title: string }[];
  recent: readonly RecentRun[];
  paused: boolean;
  /** The Quick task shortcut, when it is registered. */
  quickTaskAccelerator: string | null;
  /** The plan meter (plan logins); null or unavailable for API keys. */
  plan?: PlanLimits | null;
}

export interface TrayActions {
  runTask(taskId: string): void;
  quickTask(): void;
  openRun(runId: string): void;
  setSchedulesPaused(paused: boolean): void;
  open(): void;
  quit(): void;
  dropFiles(paths: string[]): void;
}

const STATUS_WORDS: Record<RecentRun['status'], string> = {
  queued: 'queued',
  running: 'running',
  waiting: 'needs you',
  succeeded: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
  interrupted: 'interrupted',
};

export function trayMenuTemplate(
  model: TrayMenuModel,
  actions: TrayActions,
): MenuItemConstructorOptions[] {
  const pinned: MenuItemConstructorOptions[] = model.pinned.map((task) => ({
    label: `Run “${task.title}”`,
    click: () => actions.runTask(task.id),
  }));
  const recent: MenuItemConstructorOptions[] = model.recent.map((run) => ({
    label: `${run.taskTitle} — ${run.parked ? 'waiting for plan' : STATUS_WORDS[run.status]}`,
    click: () => actions.openRun(run.id),
  }));
  return [
    ...(pinned.length > 0
      ? [{ label: 'Pinned tasks', enabled: false }, ...pinned, separator()]
      : []),
    {
      label: 'Quick task…',
      ...(model.quickTaskAccelerator ? { accelerator: model.quickTaskAccelerator } : {}),
      click: () => actions.quickTask(),
    },
    separator(),
    ...planMenuItems(model.plan ?? null, () => actions.open()),
    ...(recent.length > 0
      ? [{ label: 'Recent runs', enabled: false }, ...recent, separator()]
      : []),
    model.paused
      ? { label: 'Resume all triggers', click: () => actions.setSchedulesPaused(false) }
      : { label: 'Pause all triggers', click: () => actions.setSchedulesPaused(true) },
    separator(),
    { label: 'Open Switchboard', click: () => actions.open() },
    { label: 'Quit Switchboard', click: () => actions.quit() },
  ];
}

/** Icon image per look: colour variants, or macOS Template images the menu bar tints. */
export type TrayIcons = (look: TrayLook) => string;

export class AppTray {
  private readonly tray: Tray;
  private readonly images = new Map<TrayLook, NativeImage>();
  private shown = '';

  constructor(
    private readonly icons: TrayIcons,
    private readonly actions: TrayActions,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.tray = new Tray(this.image('idle'));
    this.tray.on('drop-files', (_event, files) => actions.dropFiles(files));
    // Windows opens the panel on a click; macOS and Linux show the menu.
    if (platform === 'win32') this.tray.on('click', () => actions.open());
  }

  /** Draws the view and menu; nothing is redrawn when neither changed. */
  render(view: TrayView, menu: TrayMenuModel): void {
    const key = JSON.stringify({ view, menu });
    if (key === this.shown) return;
    this.shown = key;
    this.tray.setImage(this.image(view.look));
    this.tray.setToolTip(view.tooltip);
    if (this.platform === 'darwin') this.tray.setTitle(view.title);
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(menu, this.actions)));
  }

  destroy(): void {
    this.tray.destroy();
  }

  private image(look: TrayLook): NativeImage {
    let image = this.images.get(look);
    if (!image) {
      image = nativeImage.createFromPath(this.icons(look));
      this.images.set(look, image);
    }
    return image;
  }
}

function separator(): MenuItemConstructorOptions {
  return { type: 'separator' };
}
