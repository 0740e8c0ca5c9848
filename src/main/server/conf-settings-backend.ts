// Settings for serve mode: the same settings.json (schema, migrations) the desktop app keeps,
// through `conf` instead of electron-store.
import Conf from 'conf';
import {
  SETTINGS_FILE_NAME,
  StoredSettingsBackend,
  settingsStoreOptions,
  type StoredSettings,
} from '../engine/settings/settings-file';

export class ConfSettingsBackend extends StoredSettingsBackend {
  constructor(dataDir: string) {
    super(
      new Conf<StoredSettings>({
        ...settingsStoreOptions(dataDir),
        configName: SETTINGS_FILE_NAME,
        projectName: 'switchboard',
      }),
    );
  }
}
