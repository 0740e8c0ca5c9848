// Every pending approval and question across all runs, oldest first, kept live for the nav badge,
// Home's "needs you" list and the inbox. Decided ones drop out as their pushes arrive, and so do
// the ones whose deny waits for its Undo to run out (decision-undo).
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { Approval } from '../../../shared/domain';
import { useApi, usePushEvents, useReconnect } from '../api/api-context';
import { useDecisionUndo } from '../approvals/decision-undo';

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

  const { queuedDenials } = useDecisionUndo();
  const shown = useMemo(
    () => approvals.filter((approval) => !queuedDenials.has(approval.id)),
    [approvals, queuedDenials],
  );

  return (
    <PendingApprovalsContext value={{ approvals: shown, loaded, error, reload }}>
      {props.children}
    </PendingApprovalsContext>
  );
}

export function usePendingApprovals(): PendingApprovals {
  return useContext(PendingApprovalsContext);
}
