// Settings → Away, shared by each channel's part: how its queue stands (its last error, how many
// wait, when it last sent), and the way a part calls the API and shows the new state.
import type { AwayState, ChannelDeliveryState } from '../../../../shared/away';
import { formatDateTime } from '../../components/format';

/** Calls an away.* method; the section shows the state it returns, or its error. */
export type Act = (call: () => Promise<AwayState>) => Promise<void>;

/** A channel's queue: its last error, how many wait, when it last sent. */
export function DeliveryPart(props: { name: string; delivery: ChannelDeliveryState }) {
  const { queued, lastError, lastErrorAt, lastSentAt } = props.delivery;
  return (
    <div className="away-delivery" data-testid={`away-delivery-${props.name}`}>
      {lastError && (
        <p className="error-text" role="status">
          {props.name} failed{lastErrorAt !== null && <> at {formatDateTime(lastErrorAt)}</>}:{' '}
          {lastError}
          {queued > 0 && <> — {queued} waiting, retried by itself.</>}
        </p>
      )}
      {!lastError && queued > 0 && <p className="quiet">{queued} waiting to be sent.</p>}
      {lastSentAt !== null && <p className="quiet">Last sent {formatDateTime(lastSentAt)}.</p>}
    </div>
  );
}
