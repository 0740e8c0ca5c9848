// The desktop's electron-store files in the data directory: settings.json (the schema and
// migrations serve mode shares through conf) and window-state.json.
import ElectronStore from 'electron-store';
import {
  SETTINGS_FILE_NAME,
  StoredSettingsBackend,
  settingsStoreOptions,
  type StoredSettings,
} from '../engine/settings/settings-file';
import type { SavedWindowState, WindowStateStore } from './window-state';

export function electronSettingsBackend(dataDir: string): StoredSettingsBackend {
  return new StoredSettingsBackend(
    new ElectronStore<StoredSettings>({
      ...settingsStoreOptions(dataDir),
      name: SETTINGS_FILE_NAME,
    }),
  );
}

interface WindowStateFile {
  main?: SavedWindowState;
}

export function electronWindowStateStore(dataDir: string): WindowStateStore {
  const number = { type: 'number' } as const;
  const file = new ElectronStore<WindowStateFile>({
    cwd: dataDir,
    name: 'window-state',
    clearInvalidConfig: true,
    schema: {
      main: {
        type: 'object',
        properties: {
          x: number,
          y: number,
          width: number,
          height: number,
          maximized: { type: 'boolean' },
        },
      },
    },
  });
  return {
    load: () => file.get('main'),
    save: (state) => file.set('main', state),
  };
}
