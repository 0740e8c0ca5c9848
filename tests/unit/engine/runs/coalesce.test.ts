// Coalescing: one run per delay however often it is asked for, and none after cancel.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesce } from '../../../../src/main/engine/runs/coalesce';

describe('coalesce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once, the delay after the first request, however many came meanwhile', () => {
    const callback = vi.fn();
    const flush = coalesce(50, callback);
    flush.request();
    vi.advanceTimersByTime(30);
    flush.request();
    flush.request();
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(callback).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(500);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('can be asked again once it has run', () => {
    const callback = vi.fn();
    const flush = coalesce(50, callback);
    flush.request();
    vi.advanceTimersByTime(50);
    flush.request();
    vi.advanceTimersByTime(50);
    expect(callback).toHaveBeenCalledTimes(2);
  });

  it('drops a due run on cancel, and can be asked again after', () => {
    const callback = vi.fn();
    const flush = coalesce(50, callback);
    flush.request();
    flush.cancel();
    vi.advanceTimersByTime(100);
    expect(callback).not.toHaveBeenCalled();
    flush.request();
    vi.advanceTimersByTime(50);
    expect(callback).toHaveBeenCalledTimes(1);
  });
});
