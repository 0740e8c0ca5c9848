import { describe, expect, it } from 'vitest';
import { heartbeatEvery } from '../../../src/shared/event-stream';

describe('heartbeatEvery', () => {
  it('takes the cadence a heartbeat announces, and nothing unreasonable', () => {
    expect(heartbeatEvery('{"everyMs":2000}')).toBe(2000);
    for (const bad of [
      '{"everyMs":0}',
      '{"everyMs":-5}',
      '{"everyMs":"2000"}',
      '{}',
      'null',
      '{',
      7,
    ])
      expect(heartbeatEvery(bad)).toBeNull();
  });
});
