// Where the icons live: resources/ in the project while developing, and beside app.asar in a
// packaged build (electron-builder extraResources).
import { join } from 'node:path';
import { app } from 'electron';
import type { TrayLook } from './tray-state';

export function resourcesDir(): string {
  return app.isPackaged
    ? join(process.resourcesPath, 'resources')
    : join(app.getAppPath(), 'resources');
}

export function appIconPath(dir: string): string {
  return join(dir, 'icon.png');
}

/** macOS gets Template images (the menu bar tints them); others get the coloured variants. */
export function trayIconPath(
  dir: string,
  look: TrayLook,
  platform: NodeJS.Platform = process.platform,
): string {
  return join(dir, platform === 'darwin' ? `tray-${look}Template.png` : `tray-${look}.png`);
}
