// Settings: defaults, merging a partial update, and the storage interface the engine depends on.
// The desktop shell stores them with electron-store, serve mode with conf: same schema, same file.
import type { Settings } from '../../../shared/domain';
import { SettingsSchema, type SettingsPatch } from '../../../shared/schemas';

export const DEFAULT_SETTINGS: Settings = {
  concurrency: 2,
  defaultModel: null,
  defaultPermissionMode: 'default',
  claudeExecutablePath: null,
  budgets: { dailyUsd: null, monthlyUsd: null },
  notifications: { waiting: true, failed: true, succeeded: false },
  triggers: { paused: false, catchUpHours: 6, watchSettleMs: 2000 },
  desktop: {
    openAtLogin: false,
    keepAwake: true,
    quickTaskShortcut: 'CommandOrControl+Shift+Space',
  },
  pinnedTaskIds: [],
  runs: { stallMinutes: 30, stallAction: 'flag', waitingSlotMinutes: 15 },
};

/** Where settings live. `read` returns whatever was stored (possibly partial or outdated). */
export interface SettingsBackend {
  read(): unknown;
  write(settings: Settings): void;
}

export class SettingsService {
  private current: Settings;

  constructor(private readonly backend: SettingsBackend) {
    this.current = normalizeSettings(backend.read());
  }

  get(): Settings {
    return this.current;
  }

  update(patch: SettingsPatch): Settings {
    const next = SettingsSchema.parse(mergeSettings(this.current, patch));
    this.backend.write(next);
    this.current = next;
    return next;
  }
}

export function mergeSettings(base: Settings, patch: SettingsPatch): Settings {
  return {
    ...base,
    ...stripUndefined({
      concurrency: patch.concurrency,
      defaultModel: patch.defaultModel,
      defaultPermissionMode: patch.defaultPermissionMode,
      claudeExecutablePath: patch.claudeExecutablePath,
      pinnedTaskIds: patch.pinnedTaskIds,
    }),
    budgets: { ...base.budgets, ...stripUndefined(patch.budgets ?? {}) },
    notifications: { ...base.notifications, ...stripUndefined(patch.notifications ?? {}) },
    triggers: { ...base.triggers, ...stripUndefined(patch.triggers ?? {}) },
    desktop: { ...base.desktop, ...stripUndefined(patch.desktop ?? {}) },
    runs: { ...base.runs, ...stripUndefined(patch.runs ?? {}) },
  };
}

/** Fills what a stored file lacks from the defaults and drops what no longer validates. */
export function normalizeSettings(stored: unknown): Settings {
  const candidate = typeof stored === 'object' && stored !== null ? stored : {};
  const merged = mergeSettings(DEFAULT_SETTINGS, candidate);
  const parsed = SettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Keeps settings in memory only; for tests and throwaway engines. */
export class MemorySettingsBackend implements SettingsBackend {
  constructor(private stored: unknown = {}) {}
  read(): unknown {
    return this.stored;
  }
  write(settings: Settings): void {
    this.stored = settings;
  }
}
