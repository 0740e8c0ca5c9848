// A run's status as a coloured pill with words (colour is never the only signal).
import type { RunStatus } from '../../../shared/domain';
import { STATUS_LABELS } from './format';

/** `parked`: waiting for a plan window to reset rather than for a person. */
export function StatusBadge(props: { status: RunStatus; parked?: boolean }) {
  const parked = props.parked === true && props.status === 'waiting';
  return (
    <span
      className={`status-badge status-${parked ? 'queued' : props.status}`}
      data-status={props.status}
      data-parked={parked || undefined}
    >
      {parked ? 'Waiting for plan' : STATUS_LABELS[props.status]}
    </span>
  );
}
