// Under the run's header: the sentence of its state (parked until when, queued behind what, why
// it failed) and, for a failure, the one action that mends it when that is somewhere else (the
// key in Settings → Secrets, the task's folder). Buttons that act on the run itself (Run anyway,
// Resume) are the run controls'. Words come from the run-state model.
import type { Run } from '../../../../shared/domain';
import { runState } from '../../../../shared/run-state';
import { Link, navigate } from '../../router/router';

export function RunStateNote(props: { run: Run; now: number }) {
  const { run } = props;
  const state = runState(run, props.now);
  switch (state.kind) {
    case 'parked':
      return (
        <p className="run-held" role="status" data-testid="run-parked">
          {state.detail}
        </p>
      );
    case 'queued':
      return (
        <p className="run-held" role="status">
          {run.heldReason ? `Not started yet: ${run.heldReason}` : 'Starting…'}
        </p>
      );
    case 'failed':
    case 'interrupted':
    case 'stopped':
      if (!run.error) return null;
      return (
        <div
          className="run-error"
          role="alert"
          data-testid="run-failure"
          data-cause={state.cause ?? undefined}
        >
          <p>
            {state.kind === 'failed' && <strong>{state.label}. </strong>}
            <span className="error-text">{run.error}</span>
          </p>
          <FixLink run={run} fix={state.fix} label={state.fixLabel} />
        </div>
      );
    default:
      return null;
  }
}

function FixLink(props: { run: Run; fix: string | null; label: string | null }) {
  const go = (path: string, focus: string) => (event: { preventDefault(): void }) => {
    event.preventDefault();
    navigate(path, { focus });
  };
  if (props.label === null) return null;
  if (props.fix === 'secrets') {
    return (
      <Link to="/settings" className="button" onClick={go('/settings', '#secrets')}>
        {props.label}
      </Link>
    );
  }
  if (props.fix === 'choose_folder') {
    const path = `/tasks/${props.run.taskId}/edit`;
    return (
      <Link to={path} className="button" onClick={go(path, '.folder-input input')}>
        {props.label}
      </Link>
    );
  }
  return null;
}
