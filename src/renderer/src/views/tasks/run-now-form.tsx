// "Run now" on a task, with optional extra instructions for this one run.
import { useState, type SyntheticEvent } from 'react';
import { useApi } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { navigate } from '../../router/router';

/** @param blocked the task's check found a problem (shown above): a run could not start. */
export function RunNowForm(props: { taskId: string; blocked: boolean }) {
  const api = useApi();
  const [extra, setExtra] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const run = await api.call('tasks.run', {
        taskId: props.taskId,
        ...(extra.trim() ? { prompt: extra.trim() } : {}),
        trigger: 'manual',
      });
      navigate(`/runs/${run.id}`);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <form className="run-now" onSubmit={(event) => void submit(event)}>
      <label htmlFor="run-extra">Extra instructions for this run (optional)</label>
      <div className="run-now-row">
        <textarea
          id="run-extra"
          rows={2}
          value={extra}
          onChange={(event) => setExtra(event.target.value)}
        />
        <button
          type="submit"
          className="button primary"
          disabled={busy || props.blocked}
          aria-describedby={props.blocked ? 'run-blocked' : undefined}
        >
          Run now
        </button>
      </div>
      {props.blocked && (
        <p id="run-blocked" className="field-hint">
          Fix the problem above to run this task.
        </p>
      )}
      <ErrorNote error={error} />
    </form>
  );
}
