// The settings form's values as strings and booleans, their checks, and the patch they become.
import type { SettingsPatch } from '../../../../shared/schemas';
import type { PermissionMode, Settings } from '../../../../shared/domain';
import { isRecord } from '../../../../shared/typing';

export interface SettingsFormValues {
  concurrency: string;
  defaultModel: string;
  defaultPermissionMode: PermissionMode;
  useBundledClaude: boolean;
  claudeExecutablePath: string;
  dailyUsd: string;
  monthlyUsd: string;
  planHoldPercent: string;
  notifyWaiting: boolean;
  notifyFailed: boolean;
  notifySucceeded: boolean;
  triggersPaused: boolean;
  openAtLogin: boolean;
  keepAwake: boolean;
  quickTaskShortcut: string;
  warmSpare: boolean;
  lowerClaudePriority: boolean;
  keepTranscriptsDays: string;
  localApi: boolean;
  localApiPort: string;
  /** settings.runs: 0 turns the stall check or the waiting-slot limit off. */
  stallMinutes: string;
  stallAction: StallAction;
  waitingSlotMinutes: string;
}

export type StallAction = Settings['runs']['stallAction'];

/** The engine's limit on both run timers (schemas.ts): a day. */
export const MAX_RUN_TIMER_MINUTES = 60 * 24;

export type SettingsErrors = Partial<Record<keyof SettingsFormValues, string>>;

export function valuesFromSettings(settings: Settings): SettingsFormValues {
  return {
    concurrency: String(settings.concurrency),
    defaultModel: settings.defaultModel ?? '',
    defaultPermissionMode: settings.defaultPermissionMode,
    useBundledClaude: settings.claudeExecutablePath === null,
    claudeExecutablePath: settings.claudeExecutablePath ?? '',
    dailyUsd: settings.budgets.dailyUsd === null ? '' : String(settings.budgets.dailyUsd),
    monthlyUsd: settings.budgets.monthlyUsd === null ? '' : String(settings.budgets.monthlyUsd),
    planHoldPercent: String(settings.limits.holdTriggeredAtPercent),
    notifyWaiting: settings.notifications.waiting,
    notifyFailed: settings.notifications.failed,
    notifySucceeded: settings.notifications.succeeded,
    triggersPaused: settings.triggers.paused,
    openAtLogin: settings.desktop.openAtLogin,
    keepAwake: settings.desktop.keepAwake,
    quickTaskShortcut: settings.desktop.quickTaskShortcut,
    warmSpare: settings.performance.warmSpare,
    lowerClaudePriority: settings.performance.lowerClaudePriority,
    keepTranscriptsDays:
      settings.performance.keepTranscriptsDays === null
        ? ''
        : String(settings.performance.keepTranscriptsDays),
    localApi: settings.desktop.localApi,
    localApiPort: String(settings.desktop.localApiPort),
    stallMinutes: String(settings.runs.stallMinutes),
    stallAction: settings.runs.stallAction,
    waitingSlotMinutes: String(settings.runs.waitingSlotMinutes),
  };
}

function isMinutes(text: string): boolean {
  const value = Number(text.trim());
  return (
    text.trim() !== '' && Number.isInteger(value) && value >= 0 && value <= MAX_RUN_TIMER_MINUTES
  );
}

function checkUsd(text: string): string | undefined {
  if (!text.trim()) return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value > 0
    ? undefined
    : 'Use an amount above 0, or leave it empty for no limit.';
}

export function validateSettings(values: SettingsFormValues): SettingsErrors {
  const errors: SettingsErrors = {};
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    errors.concurrency = 'Use a whole number from 1 to 16.';
  }
  if (!values.useBundledClaude && !values.claudeExecutablePath.trim()) {
    errors.claudeExecutablePath = 'Give the path of the claude executable, or use the bundled one.';
  }
  const port = Number(values.localApiPort);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    errors.localApiPort = 'Use a port from 1024 to 65535.';
  }
  const daily = checkUsd(values.dailyUsd);
  if (daily) errors.dailyUsd = daily;
  const monthly = checkUsd(values.monthlyUsd);
  if (monthly) errors.monthlyUsd = monthly;
  const days = values.keepTranscriptsDays.trim();
  if (days && !(Number.isInteger(Number(days)) && Number(days) >= 1 && Number(days) <= 36_500)) {
    errors.keepTranscriptsDays = 'Use a whole number of days, or leave it empty to keep them all.';
  }
  if (!isMinutes(values.stallMinutes)) {
    errors.stallMinutes = `Use a whole number of minutes from 0 (never flag) to ${MAX_RUN_TIMER_MINUTES.toLocaleString('en')} (a day).`;
  }
  if (!isMinutes(values.waitingSlotMinutes)) {
    errors.waitingSlotMinutes = `Use a whole number of minutes from 0 (keep the slot) to ${MAX_RUN_TIMER_MINUTES.toLocaleString('en')} (a day).`;
  }
  const percent = Number(values.planHoldPercent);
  if (!values.planHoldPercent.trim() || !Number.isFinite(percent) || percent < 1 || percent > 100) {
    errors.planHoldPercent =
      'Use a percentage from 1 to 100 (100: only when the window is used up).';
  }
  return errors;
}

export function toPatch(values: SettingsFormValues, desktop: boolean): SettingsPatch {
  const usd = (text: string) => (text.trim() ? Number(text) : null);
  return {
    concurrency: Number(values.concurrency),
    defaultModel: values.defaultModel.trim() || null,
    defaultPermissionMode: values.defaultPermissionMode,
    claudeExecutablePath: values.useBundledClaude ? null : values.claudeExecutablePath.trim(),
    budgets: { dailyUsd: usd(values.dailyUsd), monthlyUsd: usd(values.monthlyUsd) },
    notifications: {
      waiting: values.notifyWaiting,
      failed: values.notifyFailed,
      succeeded: values.notifySucceeded,
    },
    triggers: { paused: values.triggersPaused },
    performance: {
      warmSpare: values.warmSpare,
      lowerClaudePriority: values.lowerClaudePriority,
      keepTranscriptsDays: values.keepTranscriptsDays.trim()
        ? Number(values.keepTranscriptsDays)
        : null,
    },
    limits: { holdTriggeredAtPercent: Number(values.planHoldPercent) },
    runs: {
      stallMinutes: Number(values.stallMinutes.trim()),
      stallAction: values.stallAction,
      waitingSlotMinutes: Number(values.waitingSlotMinutes.trim()),
    },
    ...(desktop
      ? {
          desktop: {
            openAtLogin: values.openAtLogin,
            keepAwake: values.keepAwake,
            quickTaskShortcut: values.quickTaskShortcut.trim(),
            localApi: values.localApi,
            localApiPort: Number(values.localApiPort),
          },
        }
      : {}),
  };
}

const SERVER_FIELDS: Record<string, keyof SettingsFormValues> = {
  concurrency: 'concurrency',
  defaultModel: 'defaultModel',
  defaultPermissionMode: 'defaultPermissionMode',
  claudeExecutablePath: 'claudeExecutablePath',
  'budgets.dailyUsd': 'dailyUsd',
  'budgets.monthlyUsd': 'monthlyUsd',
  'limits.holdTriggeredAtPercent': 'planHoldPercent',
  'desktop.quickTaskShortcut': 'quickTaskShortcut',
  'performance.keepTranscriptsDays': 'keepTranscriptsDays',
  'desktop.localApiPort': 'localApiPort',
  'runs.stallMinutes': 'stallMinutes',
  'runs.stallAction': 'stallAction',
  'runs.waitingSlotMinutes': 'waitingSlotMinutes',
};

export function settingsFieldOf(
  serverField: string | undefined,
): keyof SettingsFormValues | undefined {
  return serverField === undefined ? undefined : SERVER_FIELDS[serverField];
}

/**
 * Only what the person changed since the form loaded (or last saved), so saving the form never
 * undoes a change made elsewhere meanwhile (pausing all triggers from the tray, say).
 */
export function changedSince(next: SettingsPatch, base: SettingsPatch): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const before: unknown = (base as Record<string, unknown>)[key];
    if (isRecord(value) && isRecord(before)) {
      const group = Object.fromEntries(
        Object.entries(value).filter(([field, fieldValue]) => before[field] !== fieldValue),
      );
      if (Object.keys(group).length > 0) patch[key] = group;
    } else if (value !== before) {
      patch[key] = value;
    }
  }
  return patch;
}
