// Where each inbox item was sent away from the desk (Telegram, ntfy, the webhook), and when:
// "Sent to Telegram at 14:02", "Waiting to go to ntfy", or why it was not sent; one note per
// channel. Kept fresh by away.updated.
import { useMemo } from 'react';
import type { AwayDelivery } from '../../../../shared/away';
import type { Approval } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { useApiData } from '../../hooks/use-api-data';

const CHANNEL_NAMES: Record<AwayDelivery['channel'], string> = {
  telegram: 'Telegram',
  ntfy: 'ntfy',
  webhook: 'the webhook',
};

export function awayNote(delivery: AwayDelivery): string {
  const name = CHANNEL_NAMES[delivery.channel];
  if (delivery.decidedAt !== null) return `Decided from ${name} at ${clock(delivery.decidedAt)}`;
  if (delivery.sentAt !== null) return `Sent to ${name} at ${clock(delivery.sentAt)}`;
  if (delivery.queued) return `Waiting to go to ${name}`;
  return `Not sent to ${name}: ${delivery.notSent ?? 'unknown reason'}`;
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
  return useMemo(() => {
    const notes = new Map<string, string>();
    for (const delivery of deliveries.data ?? []) {
      const before = notes.get(delivery.approvalId);
      const note = awayNote(delivery);
      notes.set(delivery.approvalId, before ? `${before} · ${note}` : note);
    }
    return notes;
  }, [deliveries.data]);
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
