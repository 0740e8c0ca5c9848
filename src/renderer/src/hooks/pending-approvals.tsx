// Every pending approval and question across all runs, oldest first, kept live for the nav badge,
// Home's "needs you" list and the inbox. Decided ones drop out as their pushes arrive.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Approval } from '../../../shared/domain';
import { useApi, usePushEvents, useReconnect } from '../api/api-context';

interface PendingApprovals {
  approvals: Approval[];
  loaded: boolean;
  error: Error | undefined;
  reload: () => void;
}

const PendingApprovalsContext = createContext<PendingApprovals>({
  approvals: [],
  loaded: false,
  error: undefined,
  reload: () => undefined,
});

const oldestFirst = (a: Approval, b: Approval) => a.createdAt - b.createdAt;

export function PendingApprovalsProvider(props: { children: ReactNode }) {
  const api = useApi();
  const [approvals, setApprovals] = useState<Approval[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);

  const reload = useCallback(() => {
    api.call('approvals.list', { status: 'pending' }).then(
      (list) => {
        setApprovals([...list].sort(oldestFirst));
        setLoaded(true);
        setError(undefined);
      },
      (failure: unknown) =>
        setError(failure instanceof Error ? failure : new Error(String(failure))),
    );
  }, [api]);

  useEffect(reload, [reload]);
  useReconnect(reload);
  usePushEvents((event) => {
    if (event.type !== 'approval.updated') return;
    const approval = event.payload;
    setApprovals((current) => {
      const others = current.filter((a) => a.id !== approval.id);
      return approval.status === 'pending' ? [...others, approval].sort(oldestFirst) : others;
    });
  });

  return (
    <PendingApprovalsContext value={{ approvals, loaded, error, reload }}>
      {props.children}
    </PendingApprovalsContext>
  );
}

export function usePendingApprovals(): PendingApprovals {
  return useContext(PendingApprovalsContext);
}
