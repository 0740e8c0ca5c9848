// settings.json in the data directory, kept by electron-store (desktop) or conf (serve): checked
// value by value against the zod SettingsSchema, with numbered migrations keyed by a version field.
import type { Options } from 'conf';
import type { Settings } from '../../../shared/domain';
import { isRecord } from '../../../shared/typing';
import { DEFAULT_SETTINGS, normalizeSettings, type SettingsBackend } from './settings';

/** The file's base name: `settings.json` for both shells. */
export const SETTINGS_FILE_NAME = 'settings';

export type StoredSettings = Settings & { schemaVersion: number };
type Migration = (stored: Record<string, unknown>) => Record<string, unknown>;

/** Step i turns a file of version i into version i + 1. Append only; never edit a shipped step. */
const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: files written before the version field already have the version-1 shape.
  (stored) => stored,
];
export const SETTINGS_SCHEMA_VERSION = MIGRATIONS.length;

/** Brings a stored file up to the current version; a file from a newer app is left as it is. */
export function migrateStoredSettings(stored: unknown): Record<string, unknown> {
  let current: Record<string, unknown> = isRecord(stored) ? { ...stored } : {};
  const from = typeof current.schemaVersion === 'number' ? current.schemaVersion : 0;
  for (let version = Math.max(0, from); version < MIGRATIONS.length; version++) {
    const step = MIGRATIONS[version];
    if (step) current = { ...step(current), schemaVersion: version + 1 };
  }
  return current;
}

/** Options both stores share; each adds how it names the file (configName / name). */
export function settingsStoreOptions(dataDir: string): Options<StoredSettings> {
  return {
    cwd: dataDir,
    defaults: { ...DEFAULT_SETTINGS, schemaVersion: SETTINGS_SCHEMA_VERSION },
    // No JSON schema here: with one, a single invalid value makes the store drop the whole file.
    // The engine checks each value itself (settings-repair.ts) and every write (SettingsService).
    // Only a file that is not JSON at all is replaced by the defaults.
    clearInvalidConfig: true,
    // The data folder's files are the person's alone.
    configFileMode: 0o600,
  };
}

/** Any conf-like store (conf itself, electron-store) as the engine's settings backend. */
export class StoredSettingsBackend implements SettingsBackend {
  constructor(private readonly file: { store: StoredSettings }) {
    const migrated = migrateStoredSettings(file.store);
    if (migrated.schemaVersion !== file.store.schemaVersion) {
      // Upgraded: saved in today's shape right away, so the next start reads it as is.
      file.store = { ...normalizeSettings(migrated), schemaVersion: SETTINGS_SCHEMA_VERSION };
    }
  }

  read(): unknown {
    return this.file.store;
  }

  write(settings: Settings): void {
    this.file.store = { ...settings, schemaVersion: SETTINGS_SCHEMA_VERSION };
  }
}
