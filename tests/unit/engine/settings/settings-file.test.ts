// settings.json: one schema and one set of migrations. The engine host keeps it through conf (in
// the app and under serve); app versions before the host wrote it with electron-store, which must
// still open.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// electron-store loads the real 'electron' package outside the test transform (which would try
// to download a binary); this stand-in is electron-store 12's own option mapping over conf.
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  class ElectronStore extends Conf {
    constructor({ name = 'config', ...options }: { name?: string } & Record<string, unknown>) {
      super({ ...options, configName: name });
    }
  }
  return { default: ElectronStore };
});

import { DEFAULT_SETTINGS, SettingsService } from '../../../../src/main/engine/settings/settings';
import ElectronStore from 'electron-store';
import {
  SETTINGS_FILE_NAME,
  SETTINGS_SCHEMA_VERSION,
  StoredSettingsBackend,
  migrateStoredSettings,
  settingsStoreOptions,
  type StoredSettings,
} from '../../../../src/main/engine/settings/settings-file';
import { ConfSettingsBackend } from '../../../../src/main/server/conf-settings-backend';

/** settings.json as the app wrote it from its main process, before the engine host. */
function electronSettingsBackend(dataDir: string): StoredSettingsBackend {
  return new StoredSettingsBackend(
    new ElectronStore<StoredSettings>({
      ...settingsStoreOptions(dataDir),
      name: SETTINGS_FILE_NAME,
    }),
  );
}
import { tempDir } from '../../../support/claude-env';

afterEach(() => vi.restoreAllMocks());

describe('settings file', () => {
  it('keeps the valid values of a file with an invalid one, and names the invalid one', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const backend of [
      electronSettingsBackend,
      (dir: string) => new ConfSettingsBackend(dir),
    ]) {
      const dataDir = tempDir('settings-partly-bad');
      const stored = {
        ...DEFAULT_SETTINGS,
        concurrency: 'lots',
        defaultModel: 'claude-opus-4-1',
        triggers: { paused: true, catchUpHours: -5, watchSettleMs: 5000 },
        budgets: 'none',
        claudeExecutablePath: '/opt/claude',
        schemaVersion: SETTINGS_SCHEMA_VERSION,
      };
      writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(stored));
      const settings = new SettingsService(backend(dataDir)).get();
      expect(settings).toEqual({
        ...DEFAULT_SETTINGS,
        defaultModel: 'claude-opus-4-1',
        claudeExecutablePath: '/opt/claude',
        triggers: {
          paused: true,
          catchUpHours: DEFAULT_SETTINGS.triggers.catchUpHours,
          watchSettleMs: 5000,
        },
      });
      const report = String(warn.mock.calls.at(-1)?.[0]);
      expect(report).toContain('concurrency, budgets, triggers.catchUpHours');
      // The file itself is left as it was until the next change is saved.
      expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({
        concurrency: 'lots',
        triggers: { paused: true },
      });
    }
  });

  it('migrates files by their version field and leaves a newer one alone', () => {
    expect(migrateStoredSettings({ concurrency: 3 })).toEqual({
      concurrency: 3,
      schemaVersion: SETTINGS_SCHEMA_VERSION,
    });
    expect(migrateStoredSettings(null)).toEqual({ schemaVersion: SETTINGS_SCHEMA_VERSION });
    const newer = { concurrency: 3, schemaVersion: SETTINGS_SCHEMA_VERSION + 5, futureField: true };
    expect(migrateStoredSettings(newer)).toEqual(newer);
  });

  it('is settings.json in the data folder for both shells, which read each other’s writes', () => {
    const dataDir = tempDir('settings');
    const desktop = new SettingsService(electronSettingsBackend(dataDir));
    desktop.update({ concurrency: 5, notifications: { succeeded: true } });
    const file = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(file).toMatchObject({ concurrency: 5, schemaVersion: SETTINGS_SCHEMA_VERSION });

    const serve = new SettingsService(new ConfSettingsBackend(dataDir));
    expect(serve.get().concurrency).toBe(5);
    expect(serve.get().notifications.succeeded).toBe(true);
    expect(existsSync(join(dataDir, 'config.json'))).toBe(false);
  });

  it('upgrades a file written before the version field', () => {
    const dataDir = tempDir('settings-old');
    writeFileSync(
      join(dataDir, 'settings.json'),
      JSON.stringify({ ...DEFAULT_SETTINGS, concurrency: 4 }),
    );
    const settings = new SettingsService(new ConfSettingsBackend(dataDir));
    expect(settings.get().concurrency).toBe(4);
    const file = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(file.schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
  });

  it('opens with the defaults instead of failing on a file the schema rejects', () => {
    const dataDir = tempDir('settings-bad');
    writeFileSync(
      join(dataDir, 'settings.json'),
      JSON.stringify({ concurrency: 'lots', schemaVersion: 1 }),
    );
    expect(new SettingsService(electronSettingsBackend(dataDir)).get()).toEqual(DEFAULT_SETTINGS);
    writeFileSync(join(dataDir, 'settings.json'), '{ not json');
    expect(new SettingsService(new ConfSettingsBackend(dataDir)).get()).toEqual(DEFAULT_SETTINGS);
  });
});
