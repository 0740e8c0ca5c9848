// The inbox's wait line: how long an item has waited, and when its task's timeout denies it.
import { describe, expect, it } from 'vitest';
import { waitLabel } from '../../../src/renderer/src/views/inbox/wait-label';

describe('inbox wait line', () => {
  it('says how long the item has waited', () => {
    expect(waitLabel({ createdAt: 0, expiresAt: null }, 12 * 60_000 + 5_000)).toBe(
      'Waiting 12m 05s',
    );
  });

  it('adds when the timeout will deny it', () => {
    const label = waitLabel({ createdAt: 0, expiresAt: 30 * 60_000 }, 10 * 60_000);
    // The one time format: the distance, then the clock time.
    expect(label).toMatch(/^Waiting 10m 00s · denied by timeout in 20 min · .+$/);
  });
});
