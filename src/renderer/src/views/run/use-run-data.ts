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
  error: unknown;
}

const NOTHING_EARLIER = () => undefined;

export function useRunEvents(runId: string): RunEventsState {
  const api = useApi();
  const [state, setState] = useState<RunEventsState>({
    events: [],
    version: 0,
    loaded: false,
    hasEarlier: false,
    loadEarlier: NOTHING_EARLIER,
    error: undefined,
  });
  const syncRef = useRef<TranscriptSync | null>(null);

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
    syncRef.current = sync;
    sync
      .catchUp()
      .catch((error: unknown) => setState((current) => ({ ...current, loaded: true, error })));
    return () => {
      sync.stop();
      clearTimeout(timer);
      syncRef.current = null;
    };
  }, [api, runId]);

  usePushEvents((event) => {
    if (event.type === 'run.event' && event.payload.runId === runId)
      syncRef.current?.push(event.payload);
  });
  useReconnect(() => void syncRef.current?.catchUp().catch(() => undefined));

  return state;
}
