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

/** `parked`: waiting for a plan window to reset rather than for a person. */
export function StatusBadge(props: { status: RunStatus; parked?: boolean }) {
  const parked = props.parked === true && props.status === 'waiting';
  return (
    <Pill
      tone={parked ? 'neutral' : TONES[props.status]}
      className="status-badge"
      data-status={props.status}
      data-parked={parked || undefined}
    >
      {parked ? 'Waiting for plan' : STATUS_LABELS[props.status]}
    </Pill>
  );
}
