// Saving the settings form sends only what changed, so it cannot undo changes made elsewhere.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/main/engine/settings/settings';
import {
  changedSince,
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
