// A failed run whose retry is counting down (a temporary API error, the task's retry policy):
// when it will be tried again, with "Retry now" and "Don't retry". The time is kept by the
// engine across a restart, so the note stays true after one.
import type { Run } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { navigate } from '../../router/router';
import { useRunAction } from './run-controls';
import { runState } from '../../../../shared/run-state';

export function RetryNote(props: { run: Run; now: number }) {
  const api = useApi();
  const { busy, error, act } = useRunAction();
  const { run } = props;
  const state = runState(run, props.now);
  if (state.kind !== 'retrying') return null;
  return (
    <div className="run-retry" role="status" data-testid="retry-note">
      <p>
        <strong>{state.label}.</strong> {state.detail} It continues the same session.
      </p>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() =>
          void act(async () => {
            const next = await api.call('runs.resume', { runId: run.id });
            navigate(`/runs/${next.id}`);
          })
        }
      >
        Retry now
      </button>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void act(() => api.call('runs.cancel', { runId: run.id }))}
      >
        Don’t retry
      </button>
      <ErrorNote error={error} />
    </div>
  );
}
