// A running run that has shown no sign of life for settings.runs.stallMinutes: a badge saying for
// how long, with Stop beside it, in run lists (Home, Runs), and a line on the run's page that
// points at the page's own Stop (one Stop per page).
import type { Run } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { Pill } from '../../components/pill';
import { formatClock } from '../../../../shared/time-format';
import { useRunAction } from './use-run-action';

/** Since when the run is quiet, while it is flagged and still running; else null. */
export function stalledSince(run: Run): number | null {
  return run.status === 'running' ? run.stalledAt : null;
}

export function quietFor(since: number, now: number): string {
  const minutes = Math.max(1, Math.floor((now - since) / 60_000));
  if (minutes < 120) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function lastSignTime(since: number): string {
  return formatClock(since);
}

/** In a list row: the badge and a small Stop. */
export function StalledBadge(props: { run: Run; now: number }) {
  const since = stalledSince(props.run);
  if (since === null) return null;
  return (
    <span className="stalled" data-testid="stalled-badge">
      <Pill
        tone="warning"
        title={`Nothing new from Claude Code, and no CPU used by its commands, since ${lastSignTime(since)}. It may be stuck on a command; Settings → Runs sets when a run is flagged.`}
      >
        No sign of life for {quietFor(since, props.now)}
      </Pill>
      <StopButton run={props.run} className="button small danger" />
    </span>
  );
}

/** The id of the run page's stalled note, which the page's Stop names as its description. */
export const STALLED_NOTE_ID = 'run-stalled-note';

/** On the run's page: what the flag means. The run's own Stop (run controls) ends it. */
export function StalledNote(props: { run: Run; now: number }) {
  const since = stalledSince(props.run);
  if (since === null) return null;
  return (
    <div className="run-stalled" role="status" data-testid="stalled-note">
      <p id={STALLED_NOTE_ID}>
        <strong>No sign of life for {quietFor(since, props.now)}.</strong> Claude Code has sent
        nothing, and its commands have used no CPU, since {lastSignTime(since)}; it may be stuck on
        a command or waiting on something that will not come. Stop it (above), or leave it be if you
        know it is busy.
      </p>
    </div>
  );
}

function StopButton(props: { run: Run; className: string }) {
  const api = useApi();
  const { busy, error, act } = useRunAction();
  return (
    <>
      <button
        type="button"
        className={props.className}
        disabled={busy}
        aria-label={`Stop the run of ${props.run.taskTitle} (no sign of life)`}
        onClick={() => void act(() => api.call('runs.cancel', { runId: props.run.id }))}
      >
        Stop
      </button>
      <ErrorNote error={error} />
    </>
  );
}
