// Settings: defaults, merging a partial update, and the storage interface the engine depends on.
// The desktop shell stores them with electron-store, serve mode with conf: same schema, same file.
import { DEFAULT_NTFY_URL, DEFAULT_TELEGRAM_API_URL } from '../../../shared/away';
import type { Settings } from '../../../shared/domain';
import { badInput } from '../../../shared/errors';
import { SettingsSchema, type SettingsPatch } from '../../../shared/schemas';
import { BYPASS_AS_ROOT } from '../runs/root-bypass';
import { repairSettings } from './settings-repair';

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

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
    localApi: true,
    localApiPort: 7420,
  },
  pinnedTaskIds: [],
  appearance: { theme: 'system' },
  performance: { warmSpare: true, lowerClaudePriority: true, keepTranscriptsDays: null },
  limits: { holdTriggeredAtPercent: 90 },
  runs: { stallMinutes: 30, stallAction: 'flag', waitingSlotMinutes: 15 },
  away: {
    telegramApiUrl: DEFAULT_TELEGRAM_API_URL,
    telegramEvents: { needsYou: true, finished: false, failed: true, parked: true, budget: true },
    telegramQuietHours: null,
    ntfyUrl: DEFAULT_NTFY_URL,
    ntfyEvents: { needsYou: true, finished: false, failed: true, parked: true, budget: true },
    ntfyQuietHours: null,
    webhookUrl: null,
    webhookEvents: { needsYou: true, finished: true, failed: true, parked: true, budget: true },
    panelUrl: null,
  },
  pullRequests: { apiUrl: DEFAULT_GITHUB_API_URL },
  openIn: { editor: null, terminal: null },
};

/** Where settings live. `read` returns whatever was stored (possibly partial or outdated). */
export interface SettingsBackend {
  read(): unknown;
  write(settings: Settings): void;
}

export class SettingsService {
  private current: Settings;

  constructor(
    private readonly backend: SettingsBackend,
    /** Claude Code started by this engine refuses "Allow everything" (root): not a default then. */
    private readonly refusesBypass = false,
  ) {
    const { settings, invalid } = repairSettings(backend.read(), DEFAULT_SETTINGS);
    if (invalid.length > 0) {
      // Named, never shown: a value could be a path or something else the person typed.
      console.warn(
        `[settings] settings.json: invalid ${invalid.join(', ')}; using the default for ${invalid.length > 1 ? 'these' : 'it'} and keeping the rest`,
      );
    }
    this.current = settings;
  }

  get(): Settings {
    return this.current;
  }

  update(patch: SettingsPatch): Settings {
    if (patch.defaultPermissionMode === 'bypassPermissions' && this.refusesBypass) {
      throw badInput('defaultPermissionMode', `${BYPASS_AS_ROOT.message} ${BYPASS_AS_ROOT.fix}`);
    }
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
    appearance: { ...base.appearance, ...stripUndefined(patch.appearance ?? {}) },
    budgets: { ...base.budgets, ...stripUndefined(patch.budgets ?? {}) },
    notifications: { ...base.notifications, ...stripUndefined(patch.notifications ?? {}) },
    triggers: { ...base.triggers, ...stripUndefined(patch.triggers ?? {}) },
    desktop: { ...base.desktop, ...stripUndefined(patch.desktop ?? {}) },
    performance: { ...base.performance, ...stripUndefined(patch.performance ?? {}) },
    limits: { ...base.limits, ...stripUndefined(patch.limits ?? {}) },
    runs: { ...base.runs, ...stripUndefined(patch.runs ?? {}) },
    away: {
      ...base.away,
      ...stripUndefined({
        ...patch.away,
        telegramEvents: undefined,
        ntfyEvents: undefined,
        webhookEvents: undefined,
      }),
      telegramEvents: {
        ...base.away.telegramEvents,
        ...stripUndefined(patch.away?.telegramEvents ?? {}),
      },
      ntfyEvents: { ...base.away.ntfyEvents, ...stripUndefined(patch.away?.ntfyEvents ?? {}) },
      webhookEvents: {
        ...base.away.webhookEvents,
        ...stripUndefined(patch.away?.webhookEvents ?? {}),
      },
    },
    pullRequests: { ...base.pullRequests, ...stripUndefined(patch.pullRequests ?? {}) },
    openIn: { ...base.openIn, ...stripUndefined(patch.openIn ?? {}) },
  };
}

/** Fills what a stored file lacks from the defaults; an invalid value gets its default alone. */
export function normalizeSettings(stored: unknown): Settings {
  return repairSettings(stored, DEFAULT_SETTINGS).settings;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
