// The plan meter's note beside its percentage: never "no reading yet" beside a figure.
import { describe, expect, it } from 'vitest';
import { resetNote } from '../../../src/renderer/src/views/limits/plan-reset';

describe('resetNote', () => {
  it('says no reading only when there is none', () => {
    expect(resetNote(null)).toBe('no reading yet');
  });

  it('reads a window that has reset (0 %, no reset time) as empty, not as unread', () => {
    expect(resetNote({ utilization: 0, resetsAt: null, status: 'allowed' })).toBe(
      'empty: starts with the next run',
    );
    expect(resetNote({ utilization: 0.4, resetsAt: null, status: 'allowed' })).toBe(
      'reset time not reported',
    );
  });

  it('gives the reset time when known', () => {
    const at = new Date(2026, 0, 5, 17, 7).getTime();
    expect(resetNote({ utilization: 0.4, resetsAt: at, status: 'allowed' })).toMatch(/^resets /);
  });
});
