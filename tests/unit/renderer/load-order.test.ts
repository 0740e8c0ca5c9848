import { describe, expect, it } from 'vitest';
import { LoadOrder } from '../../../src/renderer/src/hooks/load-order';

describe('LoadOrder', () => {
  it('keeps a push that arrived while the load was on its way', () => {
    const order = new LoadOrder<string>();
    const ticket = order.begin();
    order.applied(() => 'succeeded');
    // The server read the run before it ended.
    expect(order.answered(ticket, 'running')).toEqual({ keep: true, value: 'succeeded' });
  });

  it('replays merges on top of the answer, in order', () => {
    const order = new LoadOrder<string[]>();
    const ticket = order.begin();
    order.applied((list) => [...(list ?? []), 'c']);
    order.applied((list) => (list ?? []).filter((item) => item !== 'a'));
    expect(order.answered(ticket, ['a', 'b'])).toEqual({ keep: true, value: ['b', 'c'] });
  });

  it('takes an answer as it is when nothing crossed it, and forgets pushes once answered', () => {
    const order = new LoadOrder<number>();
    const first = order.begin();
    expect(order.answered(first, 1)).toEqual({ keep: true, value: 1 });
    order.applied((n) => (n ?? 0) + 10);
    const second = order.begin();
    expect(order.answered(second, 2)).toEqual({ keep: true, value: 2 });
  });

  it('drops answers to loads that a later load or a cancel replaced', () => {
    const order = new LoadOrder<number>();
    const first = order.begin();
    const second = order.begin();
    expect(order.answered(first, 1)).toEqual({ keep: false });
    expect(order.failed(first)).toBe(false);
    order.cancel();
    expect(order.answered(second, 2)).toEqual({ keep: false });
    const third = order.begin();
    expect(order.failed(third)).toBe(true);
  });
});
