// The main process's electron-store file in the data directory: window-state.json. (settings.json
// belongs to the engine host, which keeps it through conf with the same schema.)
import ElectronStore from 'electron-store';
import type { SavedWindowState, WindowStateStore } from './window-state';

interface WindowStateFile {
  main?: SavedWindowState;
}

export function electronWindowStateStore(dataDir: string): WindowStateStore {
  const number = { type: 'number' } as const;
  const file = new ElectronStore<WindowStateFile>({
    cwd: dataDir,
    name: 'window-state',
    clearInvalidConfig: true,
    configFileMode: 0o600,
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
