// Reads a stored settings object field by field: a value that no longer validates (a hand edit, a
// downgrade) falls back to its default alone and is reported, so one bad value cannot reset the
// rest (it would, say, unpause triggers the person paused).
import type { z } from 'zod';
import type { Settings } from '../../../shared/domain';
import { SettingsSchema } from '../../../shared/schemas';
import { isRecord } from '../../../shared/typing';

export interface RepairedSettings {
  settings: Settings;
  /** Dotted names of the stored values that were invalid and replaced by their defaults. */
  invalid: string[];
}

// Every group of settings (a nested object), each field repaired on its own. A group left out
// here would fall back to its defaults on every read: what the person set there lost at restart.
type Group =
  | 'budgets'
  | 'notifications'
  | 'triggers'
  | 'desktop'
  | 'performance'
  | 'limits'
  | 'runs'
  | 'away'
  | 'appearance'
  | 'pullRequests'
  | 'openIn';
const GROUPS: readonly Group[] = [
  'appearance',
  'budgets',
  'notifications',
  'triggers',
  'desktop',
  'performance',
  'limits',
  'runs',
  'away',
  'pullRequests',
  'openIn',
];

export function repairSettings(stored: unknown, defaults: Settings): RepairedSettings {
  const source = isRecord(stored) ? stored : {};
  const invalid: string[] = [];
  const pick = <T>(schema: z.ZodType<T>, value: unknown, fallback: T, name: string): T => {
    if (value === undefined) return fallback;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    invalid.push(name);
    return fallback;
  };
  const shape = SettingsSchema.shape;
  const settings: Settings = {
    ...defaults,
    concurrency: pick(shape.concurrency, source.concurrency, defaults.concurrency, 'concurrency'),
    defaultModel: pick(
      shape.defaultModel,
      source.defaultModel,
      defaults.defaultModel,
      'defaultModel',
    ),
    defaultPermissionMode: pick(
      shape.defaultPermissionMode,
      source.defaultPermissionMode,
      defaults.defaultPermissionMode,
      'defaultPermissionMode',
    ),
    claudeExecutablePath: pick(
      shape.claudeExecutablePath,
      source.claudeExecutablePath,
      defaults.claudeExecutablePath,
      'claudeExecutablePath',
    ),
    pinnedTaskIds: pick(
      shape.pinnedTaskIds,
      source.pinnedTaskIds,
      defaults.pinnedTaskIds,
      'pinnedTaskIds',
    ),
  };
  for (const group of GROUPS) {
    const value = source[group];
    if (value !== undefined && !isRecord(value)) {
      invalid.push(group);
      continue;
    }
    const fields = shape[group].shape as Record<string, z.ZodType>;
    const repaired: Record<string, unknown> = { ...defaults[group] };
    for (const [key, schema] of Object.entries(fields)) {
      repaired[key] = pick(schema, value?.[key], repaired[key], `${group}.${key}`);
    }
    // Each field was checked against its own schema, so the group is whole.
    Object.assign(settings, { [group]: repaired });
  }
  return { settings: SettingsSchema.parse(settings), invalid };
}
