// What a person can do with a run: Stop while it goes, Resume once it broke off, and a follow-up
// message once it ended (each new run opens in its place).
import { useRef, useState, type SyntheticEvent } from 'react';
import { ACTIVE_STATUSES, type Run } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { MessageBox } from '../../components/message-box';
import { useBottomBar } from '../../hooks/use-bottom-bar';
import { navigate } from '../../router/router';
import { STALLED_NOTE_ID, stalledSince } from './stalled-badge';
import { useRunAction } from './use-run-action';
import { canResume } from '../../../../shared/run-state';

// Other run views take the hook from here too.
export { useRunAction };

const RESUMABLE = new Set(['interrupted', 'failed', 'cancelled']);

/** @param canContinue false when the task's check found a problem: Resume could not start. */
export function RunButtons(props: { run: Run; canContinue: boolean }) {
  const api = useApi();
  const { run } = props;
  const { busy, error, act } = useRunAction();
  const stoppable = run.status === 'queued' || ACTIVE_STATUSES.includes(run.status);
  /** Starts the run that carries this one on, and opens it. */
  const continueWith = (start: () => Promise<Run>) =>
    void act(async () => navigate(`/runs/${(await start()).id}`));
  return (
    <>
      {stoppable && (
        <button
          type="button"
          className="button danger"
          disabled={busy}
          // While the run is flagged, Stop is the answer to the note under the header.
          aria-describedby={stalledSince(run) === null ? undefined : STALLED_NOTE_ID}
          onClick={() => void act(() => api.call('runs.cancel', { runId: run.id }))}
        >
          Stop
        </button>
      )}
      {(run.status === 'queued' || run.parkedUntil !== null) && (
        <button
          type="button"
          className="button"
          disabled={busy}
          title="Start it now, whatever holds it back (a plan window, a budget)"
          onClick={() => void act(() => api.call('runs.startNow', { runId: run.id }))}
        >
          Run anyway
        </button>
      )}
      {run.status === 'interrupted' && run.error?.includes('budget') && (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => continueWith(() => api.call('runs.startNow', { runId: run.id }))}
        >
          Continue anyway
        </button>
      )}
      {RESUMABLE.has(run.status) && canResume(run) && props.canContinue && (
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => continueWith(() => api.call('runs.resume', { runId: run.id }))}
        >
          Resume
        </button>
      )}
      <ErrorNote error={error} />
    </>
  );
}

/** @param note where the follow-up continues, when not in the run's own folder (it was merged). */
export function FollowUpBox(props: { run: Run; note?: string | null }) {
  const api = useApi();
  const [text, setText] = useState('');
  const { busy, error, act } = useRunAction();
  const form = useRef<HTMLFormElement>(null);
  useBottomBar(form);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    void act(async () => {
      const next = await api.call('runs.followUp', { runId: props.run.id, prompt: text });
      setText('');
      navigate(`/runs/${next.id}`);
    });
  };
  return (
    <form ref={form} className="follow-up" onSubmit={submit}>
      {props.note && <p className="follow-up-where">{props.note}</p>}
      <MessageBox
        label="Follow-up message"
        value={text}
        placeholder="Send a follow-up in the same session…"
        onChange={setText}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) submit(event);
        }}
      />
      <button type="submit" className="button primary" disabled={busy || !text.trim()}>
        Send follow-up
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
