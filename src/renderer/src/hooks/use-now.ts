// A clock that re-renders its user every interval, for elapsed times and "5 min ago" labels.
import { useEffect, useState } from 'react';

/**
 * `active` may be a test of the clock as last shown: it then keeps ticking until that shown time
 * itself says stop, so a label drawn from it never stays stale (a test of the real time could stop
 * the clock one tick before the label changes).
 */
export function useNow(
  intervalMs = 1_000,
  activeWhen: boolean | ((now: number) => boolean) = true,
): number {
  const [now, setNow] = useState(() => Date.now());
  const active = typeof activeWhen === 'function' ? activeWhen(now) : activeWhen;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}
