// One data folder for the desktop app and serve: the folder Electron derives from package.json
// (userData is appData/<productName or name>) is serve's default, the packaged app carries the
// same name, and a relative SWITCHBOARD_DATA_DIR is made absolute (app.setPath refuses others).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fakes/electron'));

import { app, resetFakeElectron } from '../fakes/electron';
import packageJson from '../../../package.json' with { type: 'json' };
import { appFolderName, defaultDataDir } from '../../../src/main/server/data-dir';

const ROOT = resolve(import.meta.dirname, '../../..');

beforeEach(() => resetFakeElectron());

describe('the data folder', () => {
  it('is where Electron puts userData for this package, on every platform', () => {
    // Electron's appData per platform (its documented defaults), then the app's name.
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/ann/.config' }, 'linux')).toBe(
      join('/home/ann/.config', 'Switchboard'),
    );
    expect(defaultDataDir({}, 'linux')).toBe(join(homedir(), '.config', 'Switchboard'));
    expect(defaultDataDir({}, 'darwin')).toBe(
      join(homedir(), 'Library', 'Application Support', 'Switchboard'),
    );
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32')).toBe(
      join('C:\\Users\\ann\\AppData\\Roaming', 'Switchboard'),
    );
    // The name comes from the package: what Electron reads at run time.
    expect(appFolderName(packageJson)).toBe('Switchboard');
    expect(app.getPath('userData')).toBe(
      defaultDataDir({ XDG_CONFIG_HOME: app.getPath('appData') }, 'linux'),
    );
  });

  it('follows productName, then name, as Electron does', () => {
    expect(appFolderName({ name: 'switchboard' })).toBe('switchboard');
    expect(appFolderName({ name: 'switchboard', productName: 'Switchboard' })).toBe('Switchboard');
  });

  it('has the same name in the packaged app (electron-builder)', () => {
    const builder = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(/^productName: (.+)$/m.exec(builder)?.[1]).toBe(packageJson.productName);
  });

  it('makes a relative SWITCHBOARD_DATA_DIR absolute, which app.setPath accepts', () => {
    const dir = defaultDataDir({ SWITCHBOARD_DATA_DIR: 'side-by-side/data' }, 'linux');
    expect(dir).toBe(resolve(process.cwd(), 'side-by-side/data'));
    app.setPath('userData', dir);
    expect(app.getPath('userData')).toBe(dir);
    expect(() => app.setPath('userData', 'side-by-side/data')).toThrow(/absolute/);
  });
});

describe("the app's identity on Linux", () => {
  it('is a reverse-DNS desktopName that names the installed .desktop file', () => {
    // GNOME's GlobalShortcuts portal refuses binds from an app id that is not one.
    expect(packageJson.desktopName).toMatch(
      /^[a-z][a-z0-9]*(\.[A-Za-z][A-Za-z0-9]*){2,}\.desktop$/,
    );
    const builder = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(builder).toMatch(/^ {2}syncDesktopName: true$/m);
  });
});
