// A run's status as a coloured pill with words.
import type { RunStatus } from '../../../shared/domain';
import { STATUS_LABELS } from './format';
import { Pill, type Tone } from './pill';

const TONES: Record<RunStatus, Tone> = {
  queued: 'neutral',
  running: 'accent',
  waiting: 'warning',
  succeeded: 'success',
  failed: 'danger',
  cancelled: 'neutral',
  interrupted: 'neutral',
};

export function StatusBadge(props: { status: RunStatus }) {
  return (
    <Pill tone={TONES[props.status]} className="status-badge" data-status={props.status}>
      {STATUS_LABELS[props.status]}
    </Pill>
  );
}
