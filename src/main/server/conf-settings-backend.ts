// Settings for serve mode: the same settings.json the desktop app keeps, through `conf`.
import Conf from 'conf';
import type { Settings } from '../../shared/domain';
import { DEFAULT_SETTINGS, type SettingsBackend } from '../engine/settings';

export class ConfSettingsBackend implements SettingsBackend {
  private readonly conf: Conf<Settings>;

  constructor(dataDir: string) {
    this.conf = new Conf<Settings>({
      cwd: dataDir,
      configName: 'settings',
      projectName: 'switchboard',
      defaults: DEFAULT_SETTINGS,
    });
  }

  read(): unknown {
    return this.conf.store;
  }

  write(settings: Settings): void {
    this.conf.store = settings;
  }
}
