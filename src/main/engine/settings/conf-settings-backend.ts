// Settings as the engine host keeps them (in the app and under serve): settings.json in the data
// folder through `conf`, with the schema and migrations of settings-file.ts.
import Conf from 'conf';
import {
  SETTINGS_FILE_NAME,
  StoredSettingsBackend,
  settingsStoreOptions,
  type StoredSettings,
} from './settings-file';

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
