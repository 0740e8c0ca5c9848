// Settings: partial updates merge into nested groups, stored files are repaired from defaults.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  SettingsService,
  normalizeSettings,
} from '../../../../src/main/engine/settings/settings';
import { MemorySettingsBackend } from '../../../fakes/memory-settings-backend';

describe('settings', () => {
  it('merges nested partial updates and persists them', () => {
    const backend = new MemorySettingsBackend();
    const service = new SettingsService(backend);
    const next = service.update({ concurrency: 4, budgets: { dailyUsd: 5 } });
    expect(next.concurrency).toBe(4);
    expect(next.budgets).toEqual({ dailyUsd: 5, monthlyUsd: null });
    expect(next.notifications).toEqual(DEFAULT_SETTINGS.notifications);
    expect(new SettingsService(backend).get()).toEqual(next);
  });

  it('keeps every group of settings across a restart', () => {
    const backend = new MemorySettingsBackend();
    const next = new SettingsService(backend).update({
      performance: { warmSpare: false, lowerClaudePriority: false, keepTranscriptsDays: 30 },
      limits: { holdTriggeredAtPercent: 60 },
      runs: { stallMinutes: 7, stallAction: 'stop', waitingSlotMinutes: 3 },
      away: { telegramEvents: { finished: false } },
      triggers: { catchUpHours: 2 },
      appearance: { theme: 'dark' },
    });
    expect(next.appearance.theme).toBe('dark');
    expect(next.performance.keepTranscriptsDays).toBe(30);
    expect(new SettingsService(backend).get()).toEqual(next);
  });

  it('rejects values outside the schema without storing them', () => {
    const backend = new MemorySettingsBackend();
    const service = new SettingsService(backend);
    expect(() => service.update({ concurrency: 0 })).toThrow();
    expect(service.get().concurrency).toBe(DEFAULT_SETTINGS.concurrency);
  });

  it('refuses "Allow everything" as the default where Claude Code would refuse it (root)', () => {
    const backend = new MemorySettingsBackend();
    const asRoot = new SettingsService(backend, true);
    expect(() => asRoot.update({ defaultPermissionMode: 'bypassPermissions' })).toThrow(/root/);
    expect(asRoot.get().defaultPermissionMode).toBe('default');
    expect(asRoot.update({ defaultPermissionMode: 'acceptEdits' }).defaultPermissionMode).toBe(
      'acceptEdits',
    );
    const asUser = new SettingsService(new MemorySettingsBackend(), false);
    expect(
      asUser.update({ defaultPermissionMode: 'bypassPermissions' }).defaultPermissionMode,
    ).toBe('bypassPermissions');
  });

  it('fills what an old file lacks and falls back when it is broken', () => {
    expect(normalizeSettings({ concurrency: 3 }).concurrency).toBe(3);
    expect(normalizeSettings({ concurrency: 3 }).triggers).toEqual(DEFAULT_SETTINGS.triggers);
    expect(normalizeSettings({ concurrency: 'many' })).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings(null)).toEqual(DEFAULT_SETTINGS);
    // A theme this version does not know falls back to the system's, keeping the rest.
    const odd = normalizeSettings({ concurrency: 3, appearance: { theme: 'sepia' } });
    expect(odd.appearance.theme).toBe('system');
    expect(odd.concurrency).toBe(3);
  });
});
