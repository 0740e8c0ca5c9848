// When a view reloads after the pushes that touch it: once they pause for `quietMs`, or at the
// latest `maxWaitMs` after the first one still waiting. Without the bound, runs that stream (a push
// every half second each) would put a view's reload off for as long as they stream.
export interface ReloadDebounce {
  /** A push arrived that the view's data depends on: `reload` is called when the wait is over. */
  touch(reload: () => void): void;
  /** Nothing waits any more (the view went away or reloaded by itself). */
  cancel(): void;
}

export function reloadDebounce(
  options: { quietMs: number; maxWaitMs: number },
  clock: { now: () => number } = Date,
): ReloadDebounce {
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** When the first push still waiting arrived. */
  let firstAt: number | null = null;
  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    firstAt = null;
  };
  return {
    touch(reload) {
      const now = clock.now();
      firstAt ??= now;
      clearTimeout(timer);
      const delay = Math.max(0, Math.min(options.quietMs, firstAt + options.maxWaitMs - now));
      timer = setTimeout(() => {
        cancel();
        reload();
      }, delay);
    },
    cancel,
  };
}
