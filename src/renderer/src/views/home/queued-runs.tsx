// Home's queue, folded to one line ("Queued (104)"): opened, each waiting run with its place in
// line, when it was queued and why it has not started.
import type { Run } from '../../../../shared/domain';
import { Link } from '../../router/router';
import { formatClock } from '../../../../shared/time-format';

export function QueuedRuns(props: { runs: Run[] }) {
  const runs = [...props.runs].sort((a, b) => a.createdAt - b.createdAt);
  if (runs.length === 0) return null;
  // One reason for all (a budget, the concurrency limit) is said once, not on every row.
  const reasons = new Set(runs.map((run) => run.heldReason));
  const shared = reasons.size === 1 ? runs[0]?.heldReason : null;
  return (
    <details className="queue">
      <summary>
        Queued ({runs.length.toLocaleString('en')})
        {shared && <span className="queue-reason"> · {shared}</span>}
      </summary>
      <ol className="queue-list" aria-label="Queued runs">
        {runs.map((run, index) => (
          <li key={run.id} data-run-id={run.id}>
            <span className="queue-position">#{index + 1}</span>
            <span className="queue-task">
              <Link to={`/runs/${run.id}`} title={run.taskTitle}>
                {run.taskTitle}
              </Link>
              {run.heldReason && !shared && <span className="cell-sub"> · {run.heldReason}</span>}
            </span>
            <span className="queue-when">
              queued {formatClock(run.createdAt, { seconds: true })}
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}
