// Loads data through the API and keeps it fresh: reloads (debounced) on the push events that
// touch it and after the event stream reconnects, ignoring answers that arrive out of order and
// keeping the pushes that cross a load (load-order).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PushEvent } from '../../../shared/contract';
import { usePushEvents, useReconnect } from '../api/api-context';
import { LoadOrder, type Update } from './load-order';

export interface ApiData<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
  /** Local change ahead of the next reload (a push applied in place). */
  setData: (update: Update<T>) => void;
}

const RELOAD_DEBOUNCE_MS = 150;

export function useApiData<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  refreshOn?: (event: PushEvent) => boolean,
): ApiData<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [order] = useState(() => new LoadOrder<T>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
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

  useEffect(() => {
    reload();
    return () => {
      // Answers to requests made before the query changed are dropped.
      order.cancel();
      clearTimeout(timer.current);
    };
    // The caller's deps decide when the query itself changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  usePushEvents((event) => {
    if (!refreshOn?.(event)) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(reload, RELOAD_DEBOUNCE_MS);
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
