// Loads data through the API and keeps it fresh: reloads (debounced, with a maximum wait) on the
// push events that touch it and after the event stream reconnects, ignoring answers that arrive out of order and
// keeping the pushes that cross a load (load-order).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PushEvent } from '../../../shared/contract';
import { usePushEvents, useReconnect } from '../api/api-context';
import { LoadOrder, type Update } from './load-order';
import { reloadDebounce } from './reload-debounce';

export interface ApiData<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
  /** Local change ahead of the next reload (a push applied in place). */
  setData: (update: Update<T>) => void;
}

/** A reload waits for pushes to pause this long… */
const RELOAD_QUIET_MS = 150;
/** …but never longer than this after the first push it waits for. */
const RELOAD_MAX_WAIT_MS = 1_000;

export function useApiData<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  refreshOn?: (event: PushEvent) => boolean,
): ApiData<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [order] = useState(() => new LoadOrder<T>());
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  const reload = useCallback(() => {
    const ticket = order.begin();
    loadRef.current().then(
      (value) => {
        const answer = order.answered(ticket, value);
        if (!answer.keep) return;
        setDataState(answer.value);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!order.failed(ticket)) return;
        setError(failure instanceof Error ? failure : new Error(String(failure)));
        setLoading(false);
      },
    );
  }, [order]);
  const [debounce] = useState(() =>
    reloadDebounce({ quietMs: RELOAD_QUIET_MS, maxWaitMs: RELOAD_MAX_WAIT_MS }),
  );

  useEffect(() => {
    reload();
    return () => {
      // Answers to requests made before the query changed are dropped.
      order.cancel();
      debounce.cancel();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps decide when the query itself changed
  }, deps);

  usePushEvents((event) => {
    if (refreshOn?.(event)) debounce.touch(reload);
  });
  useReconnect(reload);

  const setData = useCallback(
    (update: Update<T>) => {
      order.applied(update);
      setDataState(update);
    },
    [order],
  );

  return { data, error, loading, reload, setData };
}
