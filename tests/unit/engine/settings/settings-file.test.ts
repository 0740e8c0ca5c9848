// settings.json: one schema and one set of migrations, kept through conf by the engine host (in
// the app and under serve). App versions before the host wrote it with electron-store 12: such a
// file, checked in as that version wrote it (tests/fixtures/electron-store-12), must still open.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, SettingsService } from '../../../../src/main/engine/settings/settings';
import {
  SETTINGS_SCHEMA_VERSION,
  migrateStoredSettings,
} from '../../../../src/main/engine/settings/settings-file';
import { ConfSettingsBackend } from '../../../../src/main/engine/settings/conf-settings-backend';
import { tempDir } from '../../../support/claude-env';

/** settings.json as electron-store 12 wrote it: tab-indented, the version-1 shape, no newline. */
const ELECTRON_STORE_FILE = resolve(
  import.meta.dirname,
  '../../../fixtures/electron-store-12/settings.json',
);

afterEach(() => vi.restoreAllMocks());

describe('settings file', () => {
  it('keeps the valid values of a file with an invalid one, and names the invalid one', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    {
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
      const settings = new SettingsService(new ConfSettingsBackend(dataDir)).get();
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

  it('opens a file the app wrote with electron-store 12, and keeps its values on the next write', () => {
    const dataDir = tempDir('settings-electron-store');
    copyFileSync(ELECTRON_STORE_FILE, join(dataDir, 'settings.json'));
    const settings = new SettingsService(new ConfSettingsBackend(dataDir));
    // The person's choices, with today's defaults for what that version did not have.
    expect(settings.get()).toEqual({
      ...DEFAULT_SETTINGS,
      concurrency: 5,
      defaultModel: 'claude-opus-4-1',
      budgets: { ...DEFAULT_SETTINGS.budgets, dailyUsd: 20, monthlyUsd: null },
      notifications: { ...DEFAULT_SETTINGS.notifications, succeeded: true },
      pinnedTaskIds: ['task_8f2c1a'],
    });

    settings.update({ concurrency: 3 });
    const file = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(file).toMatchObject({
      concurrency: 3,
      defaultModel: 'claude-opus-4-1',
      pinnedTaskIds: ['task_8f2c1a'],
      schemaVersion: SETTINGS_SCHEMA_VERSION,
    });
    expect(new SettingsService(new ConfSettingsBackend(dataDir)).get().concurrency).toBe(3);
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
    expect(new SettingsService(new ConfSettingsBackend(dataDir)).get()).toEqual(DEFAULT_SETTINGS);
    writeFileSync(join(dataDir, 'settings.json'), '{ not json');
    expect(new SettingsService(new ConfSettingsBackend(dataDir)).get()).toEqual(DEFAULT_SETTINGS);
  });
});
