// A run's status as a coloured pill with words (colour is never the only signal).
import type { RunStatus } from '../../../shared/domain';
import { STATUS_LABELS } from './format';

export function StatusBadge(props: { status: RunStatus }) {
  return (
    <span className={`status-badge status-${props.status}`} data-status={props.status}>
      {STATUS_LABELS[props.status]}
    </span>
  );
}
