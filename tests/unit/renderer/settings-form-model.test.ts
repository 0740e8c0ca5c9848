// Saving the settings form sends only what changed, so it cannot undo changes made elsewhere.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/main/engine/settings/settings';
import {
  changedSince,
  settingsFieldOf,
  toPatch,
  validateSettings,
  valuesFromSettings,
} from '../../../src/renderer/src/views/settings/settings-form-model';

describe('changedSince', () => {
  it('keeps only changed fields, group by group', () => {
    const loaded = valuesFromSettings(DEFAULT_SETTINGS);
    const edited = { ...loaded, concurrency: '5', notifySucceeded: true };
    const patch = changedSince(toPatch(edited, false), toPatch(loaded, false));
    expect(patch).toEqual({ concurrency: 5, notifications: { succeeded: true } });
  });

  it('sends nothing when nothing changed (a pause made elsewhere survives a save)', () => {
    const loaded = valuesFromSettings(DEFAULT_SETTINGS);
    expect(changedSince(toPatch(loaded, true), toPatch(loaded, true))).toEqual({});
  });
});

describe('the plan threshold field', () => {
  it('starts at 90 %, saves a change, and refuses a value outside 1–100', () => {
    const loaded = valuesFromSettings(DEFAULT_SETTINGS);
    expect(loaded.planHoldPercent).toBe('90');
    const edited = { ...loaded, planHoldPercent: '75' };
    expect(changedSince(toPatch(edited, false), toPatch(loaded, false))).toEqual({
      limits: { holdTriggeredAtPercent: 75 },
    });
    expect(validateSettings({ ...loaded, planHoldPercent: '150' }).planHoldPercent).toMatch(
      /1 to 100/,
    );
    expect(validateSettings(loaded).planHoldPercent).toBeUndefined();
  });
});

describe('the Runs timers (settings.runs)', () => {
  it('starts at the engine defaults and saves only what changed', () => {
    const loaded = valuesFromSettings(DEFAULT_SETTINGS);
    expect([loaded.stallMinutes, loaded.stallAction, loaded.waitingSlotMinutes]).toEqual([
      String(DEFAULT_SETTINGS.runs.stallMinutes),
      DEFAULT_SETTINGS.runs.stallAction,
      String(DEFAULT_SETTINGS.runs.waitingSlotMinutes),
    ]);
    const edited = { ...loaded, stallMinutes: ' 5 ', stallAction: 'stop' as const };
    expect(changedSince(toPatch(edited, false), toPatch(loaded, false))).toEqual({
      runs: { stallMinutes: 5, stallAction: 'stop' },
    });
  });

  it('accepts 0 (off) and refuses fractions, negatives, blanks and more than a day, in words', () => {
    const loaded = valuesFromSettings(DEFAULT_SETTINGS);
    expect(validateSettings({ ...loaded, stallMinutes: '0', waitingSlotMinutes: '0' })).toEqual({});
    for (const bad of ['1.5', '-1', '', 'soon', '1441']) {
      expect(validateSettings({ ...loaded, stallMinutes: bad }).stallMinutes).toMatch(
        /whole number of minutes from 0 \(never flag\) to 1,440/,
      );
      expect(validateSettings({ ...loaded, waitingSlotMinutes: bad }).waitingSlotMinutes).toMatch(
        /from 0 \(keep the slot\)/,
      );
    }
  });

  it('shows a server refusal at the field it names', () => {
    expect(settingsFieldOf('runs.stallMinutes')).toBe('stallMinutes');
    expect(settingsFieldOf('runs.waitingSlotMinutes')).toBe('waitingSlotMinutes');
  });
});
