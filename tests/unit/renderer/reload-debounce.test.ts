import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reloadDebounce } from '../../../src/renderer/src/hooks/reload-debounce';

describe('reloadDebounce', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const start = () => {
    const reload = vi.fn();
    const debounce = reloadDebounce({ quietMs: 150, maxWaitMs: 1_000 }, Date);
    return { reload, debounce };
  };

  it('reloads once the pushes pause', () => {
    const { reload, debounce } = start();
    debounce.touch(reload);
    vi.advanceTimersByTime(100);
    debounce.touch(reload);
    vi.advanceTimersByTime(149);
    expect(reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('reloads at least once a second while pushes never pause', () => {
    const { reload, debounce } = start();
    // A push every 100 ms for 3.5 s: a plain trailing debounce would never fire.
    for (let elapsed = 0; elapsed < 3_500; elapsed += 100) {
      debounce.touch(reload);
      vi.advanceTimersByTime(100);
    }
    expect(reload).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(150);
    expect(reload).toHaveBeenCalledTimes(4);
  });

  it('does nothing once cancelled', () => {
    const { reload, debounce } = start();
    debounce.touch(reload);
    debounce.cancel();
    vi.advanceTimersByTime(5_000);
    expect(reload).not.toHaveBeenCalled();
  });
});
