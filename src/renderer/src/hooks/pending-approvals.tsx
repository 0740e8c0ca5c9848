// Every pending approval and question across all runs, oldest first, kept live for the nav badge,
// Home's "needs you" list and the inbox. Decided ones drop out as their pushes arrive, and so do
// the ones whose deny waits for its Undo to run out (decision-undo). A decision pushed while the
// list loads is not undone by the list's answer (use-api-data).
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Approval } from '../../../shared/domain';
import { useApi, usePushEvents } from '../api/api-context';
import { useDecisionUndo } from '../approvals/decision-undo';
import { useApiData } from './use-api-data';

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
  const pending = useApiData(
    async () => [...(await api.call('approvals.list', { status: 'pending' }))].sort(oldestFirst),
    [api],
  );
  const { setData } = pending;
  usePushEvents((event) => {
    if (event.type !== 'approval.updated') return;
    const approval = event.payload;
    setData((current) => {
      const others = (current ?? []).filter((a) => a.id !== approval.id);
      return approval.status === 'pending' ? [...others, approval].sort(oldestFirst) : others;
    });
  });
  const approvals = pending.data;
  const loaded = approvals !== undefined && !pending.loading;

  const { queuedDenials } = useDecisionUndo();
  const shown = useMemo(
    () => (approvals ?? []).filter((approval) => !queuedDenials.has(approval.id)),
    [approvals, queuedDenials],
  );

  return (
    <PendingApprovalsContext
      value={{ approvals: shown, loaded, error: pending.error, reload: pending.reload }}
    >
      {props.children}
    </PendingApprovalsContext>
  );
}

export function usePendingApprovals(): PendingApprovals {
  return useContext(PendingApprovalsContext);
}
