// The announcer hears a budget from the engine's own signal (a budget hold in limits.updated) and
// says it once per hold on each channel that asked for it, whatever the words of the reason.
import { describe, expect, it } from 'vitest';
import { AwayAnnouncer, type Outlet } from '../../../../src/main/engine/away/away-announcer';
import { DEFAULT_SETTINGS } from '../../../../src/main/engine/settings/settings';
import type { PlanLimits, Settings } from '../../../../src/shared/domain';
import { closeStore, openStore } from '../../../support/store-fixtures';

function limits(hold: PlanLimits['hold']): PlanLimits {
  return {
    available: false,
    fiveHour: null,
    sevenDay: null,
    exhausted: null,
    hold,
    updatedAt: null,
  };
}

function outlet(name: 'telegram' | 'ntfy', target: string | null): Outlet {
  return {
    name,
    delivery: { ready: () => true, deliver: () => Promise.resolve(null) },
    target: () => target,
    decides: true,
    replies: name === 'telegram',
    events: (settings) =>
      name === 'telegram' ? settings.away.telegramEvents : settings.away.ntfyEvents,
    quietHours: () => null,
  };
}

describe('AwayAnnouncer budget', () => {
  it('announces a budget hold once when it begins, on each channel that wants it', () => {
    const store = openStore();
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      away: {
        ...DEFAULT_SETTINGS.away,
        ntfyEvents: { ...DEFAULT_SETTINGS.away.ntfyEvents, budget: false },
      },
    };
    let kicks = 0;
    const announcer = new AwayAnnouncer({
      store,
      clock: () => 1_000,
      settings: () => settings,
      outlets: [outlet('telegram', '42'), outlet('ntfy', 'sbr-reply')],
      kick: () => (kicks += 1),
      changed: () => undefined,
    });
    // Words that never say "budget": the signal is the hold's kind, not its text.
    const hold = { kind: 'budget' as const, reason: 'Spend limit hit: $5.00 today.', since: 500 };
    announcer.onLimits(limits(hold));
    announcer.onLimits(limits({ ...hold, reason: 'Spend limit hit: $5.10 today.' }));
    expect(store.away.queued('telegram').map((item) => item.payload.text)).toEqual([
      '💰 Spend limit hit: $5.00 today.',
    ]);
    expect(store.away.queued('telegram')[0]?.payload).toMatchObject({ event: 'budget' });
    expect(store.away.queued('ntfy')).toEqual([]);
    expect(kicks).toBe(1);

    // A plan hold is not a budget; a later budget hold is announced again.
    announcer.onLimits(
      limits({ kind: 'plan', reason: 'The 5-hour window is used up.', since: 600 }),
    );
    announcer.onLimits(limits({ ...hold, since: 700 }));
    expect(store.away.queued('telegram')).toHaveLength(2);
    closeStore(store);
  });
});
