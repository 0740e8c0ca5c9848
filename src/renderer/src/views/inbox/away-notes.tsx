// Where each inbox item was sent away from the desk (Telegram), and when: "Sent to Telegram at
// 14:02", "Waiting to go to Telegram", or why it was not sent. Kept fresh by away.updated.
import { useMemo } from 'react';
import type { AwayDelivery } from '../../../../shared/away';
import type { Approval } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { useApiData } from '../../hooks/use-api-data';

export function awayNote(delivery: AwayDelivery): string {
  if (delivery.decidedAt !== null) return `Decided from Telegram at ${clock(delivery.decidedAt)}`;
  if (delivery.sentAt !== null) return `Sent to Telegram at ${clock(delivery.sentAt)}`;
  if (delivery.queued) return 'Waiting to go to Telegram';
  return `Not sent to Telegram: ${delivery.notSent ?? 'unknown reason'}`;
}

export function useAwayNotes(approvals: readonly Approval[]): ReadonlyMap<string, string> {
  const api = useApi();
  const ids = useMemo(() => approvals.map((approval) => approval.id), [approvals]);
  const key = ids.join(' ');
  const deliveries = useApiData(
    () =>
      ids.length === 0
        ? Promise.resolve([])
        : api.call('away.deliveries', { approvalIds: ids.slice(0, 500) }),
    // The ids' text, not the array: a new array with the same items loads nothing again.
    [api, key],
    (event) => event.type === 'away.updated',
  );
  return useMemo(
    () =>
      new Map((deliveries.data ?? []).map((delivery) => [delivery.approvalId, awayNote(delivery)])),
    [deliveries.data],
  );
}

export function AwayNote({ note }: { note: string | undefined }) {
  return note ? (
    <p className="away-sent" data-testid="away-note">
      {note}
    </p>
  ) : null;
}

function clock(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
