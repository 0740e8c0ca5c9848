// A run's live data for the run view: the run itself, its transcript events (loaded from the end
// and kept current by TranscriptSync) and its approvals, updated from pushes and after a reconnect.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Approval, RunEvent } from '../../../../shared/domain';
import { useApi, usePushEvents, useReconnect } from '../../api/api-context';
import { useApiData } from '../../hooks/use-api-data';
import { TranscriptSync } from './transcript-sync';

/** Streaming text arrives many times a second; the view redraws at most this often. */
const REDRAW_MS = 60;

export function useRun(runId: string) {
  const api = useApi();
  const run = useApiData(() => api.call('runs.get', { runId }), [runId]);
  usePushEvents((event) => {
    if (event.type === 'run.updated' && event.payload.id === runId)
      run.setData(() => event.payload);
  });
  return run;
}

export function useRunApprovals(runId: string): Map<string, Approval> {
  const api = useApi();
  const approvals = useApiData(() => api.call('approvals.list', { runId }), [runId]);
  const { setData } = approvals;
  usePushEvents((event) => {
    if (event.type !== 'approval.updated' || event.payload.runId !== runId) return;
    const updated = event.payload;
    setData((current) => [...(current ?? []).filter((a) => a.id !== updated.id), updated]);
  });
  const list = approvals.data;
  return useMemo(() => new Map((list ?? []).map((a) => [a.id, a])), [list]);
}

export interface RunEventsState {
  events: readonly RunEvent[];
  version: number;
  loaded: boolean;
  /** Earlier events exist that are not loaded yet: `loadEarlier` fetches the page before. */
  hasEarlier: boolean;
  loadEarlier: () => void;
  /** Why the last catch-up failed; cleared once one succeeds. */
  error: unknown;
  /** Catches up again (after a failed read). */
  retry: () => void;
}

const NOTHING = () => undefined;

export function useRunEvents(runId: string): RunEventsState {
  const api = useApi();
  const [state, setState] = useState<RunEventsState>({
    events: [],
    version: 0,
    loaded: false,
    hasEarlier: false,
    loadEarlier: NOTHING,
    error: undefined,
    retry: NOTHING,
  });
  const syncRef = useRef<TranscriptSync | null>(null);
  /** Catches up from the last event held; a failure shows until a catch-up succeeds. */
  const catchUpRef = useRef<() => void>(NOTHING);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let published = false;
    const publish = () => {
      timer = undefined;
      published = true;
      setState({
        events: sync.shown(),
        version: sync.version,
        loaded: true,
        hasEarlier: sync.hasEarlier,
        loadEarlier,
        error: undefined,
        retry: catchUp,
      });
    };
    const sync = new TranscriptSync(
      {
        after: (afterSeq, limit) => api.call('runs.events', { runId, afterSeq, limit }),
        before: (beforeSeq, limit) =>
          api.call(
            'runs.events',
            beforeSeq ? { runId, beforeSeq, limit } : { runId, tail: true, limit },
          ),
      },
      () => {
        timer ??= setTimeout(publish, published ? REDRAW_MS : 0);
      },
    );
    const loadEarlier = () =>
      void sync
        .loadEarlier()
        .catch((error: unknown) => setState((current) => ({ ...current, error })));
    // A read that failed (a dropped connection) says so until a later catch-up gets through: the
    // one after the stream comes back, or the person's Try again.
    let live = true;
    const catchUp = () =>
      void sync.catchUp().then(
        () => {
          if (live)
            setState((current) => (current.error ? { ...current, error: undefined } : current));
        },
        (error: unknown) => {
          if (live) setState((current) => ({ ...current, loaded: true, error, retry: catchUp }));
        },
      );
    syncRef.current = sync;
    catchUpRef.current = catchUp;
    catchUp();
    return () => {
      live = false;
      sync.stop();
      clearTimeout(timer);
      syncRef.current = null;
      catchUpRef.current = NOTHING;
    };
  }, [api, runId]);

  usePushEvents((event) => {
    if (event.type === 'run.event' && event.payload.runId === runId)
      syncRef.current?.push(event.payload);
  });
  useReconnect(() => catchUpRef.current());

  return state;
}
