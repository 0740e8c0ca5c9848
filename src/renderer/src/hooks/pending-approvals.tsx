// Every pending approval and question across all runs, oldest first, kept live for the nav badge,
// Home's "needs you" list and the inbox. Decided ones drop out as their pushes arrive, and so do
// the ones whose deny waits for its Undo to run out (decision-undo). A decision pushed while the
// list loads is not undone by the list's answer (use-api-data). The reviews that need the person
// are kept here too, so every count of what needs you is the same one (shared/needs-you).
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Approval, RunReview } from '../../../shared/domain';
import { needsYouCount } from '../../../shared/needs-you';
import { useApi, usePushEvents } from '../api/api-context';
import { useDecisionUndo } from '../approvals/decision-undo';
import { useApiData } from './use-api-data';

interface PendingApprovals {
  approvals: Approval[];
  /** Reviews that need the person: pending, or sent back with no review of the follow-up yet. */
  reviews: RunReview[];
  /** Everything that needs the person, counted once (Home, the inbox, its badge). */
  needsYou: number;
  loaded: boolean;
  error: Error | undefined;
  reload: () => void;
}

const PendingApprovalsContext = createContext<PendingApprovals>({
  approvals: [],
  reviews: [],
  needsYou: 0,
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
  const reviewData = useApiData<RunReview[]>(
    () => api.call('reviews.list', { needsYou: true }),
    [api],
    // A follow-up's start or end can change whether a sent-back review still needs you.
    (event) => event.type === 'review.updated' || event.type === 'run.updated',
  );
  const reviews = useMemo(() => reviewData.data ?? [], [reviewData.data]);
  const approvals = pending.data;
  const loaded = approvals !== undefined && !pending.loading;

  const { queuedDenials } = useDecisionUndo();
  const shown = useMemo(
    () => (approvals ?? []).filter((approval) => !queuedDenials.has(approval.id)),
    [approvals, queuedDenials],
  );

  return (
    <PendingApprovalsContext
      value={{
        approvals: shown,
        reviews,
        needsYou: needsYouCount({ approvals: shown.length, reviews: reviews.length }),
        loaded,
        error: pending.error,
        reload: pending.reload,
      }}
    >
      {props.children}
    </PendingApprovalsContext>
  );
}

export function usePendingApprovals(): PendingApprovals {
  return useContext(PendingApprovalsContext);
}
