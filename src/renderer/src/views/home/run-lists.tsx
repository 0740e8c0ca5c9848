// Run rows for Home and the task page: the task (or, on the task page, what started the run), the
// words that tell it from the task's other runs, status, when, how long and what it cost, with a
// ticking elapsed time for runs still going.
import { useMemo } from 'react';
import { TableHead } from '../../components/table-head';
import { ACTIVE_STATUSES, type Run } from '../../../../shared/domain';
import { formatAgo, formatDuration, formatUsd, TRIGGER_LABELS } from '../../components/format';
import { StatusBadge } from '../../components/status-badge';
import { useNow } from '../../hooks/use-now';
import { Link } from '../../router/router';
import { runElapsed } from '../../components/run-time';
import { runState } from '../../../../shared/run-state';
import { StalledBadge } from '../run/stalled-badge';
import { runDifferences } from '../../components/run-naming';

/** The columns every run table has after its first (task, or task and prompt). */
export const RUN_COLUMNS = [
  { label: 'Status' },
  { label: 'Started' },
  { label: 'Time', numeric: true },
  { label: 'Cost', numeric: true },
];

/** Under the badge: why a run waits or when it carries on (queued, parked, retrying). */
export function StateDetail(props: { run: Run; now: number }) {
  const state = runState(props.run, props.now);
  if (!['queued', 'parked', 'retrying'].includes(state.kind) || state.detail === null) return null;
  return <span className="cell-sub held-reason">{state.detail}</span>;
}

export function RunTable(props: { runs: Run[]; showTask?: boolean; label: string }) {
  const anyActive = props.runs.some((run) => ACTIVE_STATUSES.includes(run.status));
  const now = useNow(1_000, anyActive);
  const differences = useMemo(() => runDifferences(props.runs), [props.runs]);
  const showTask = props.showTask !== false;
  return (
    <table className="table run-table" aria-label={props.label}>
      <TableHead
        columns={[showTask ? { label: 'Task' } : { label: 'Started by' }, ...RUN_COLUMNS]}
      />
      <tbody>
        {props.runs.map((run) => {
          const elapsed = runElapsed(run, now);
          const difference = differences.get(run.id) ?? '';
          return (
            <tr key={run.id} data-run-id={run.id}>
              {showTask ? (
                <td className="cell-task">
                  <Link to={`/runs/${run.id}`} className="task-name" title={run.taskTitle}>
                    {run.taskTitle}
                  </Link>
                  <span className="cell-sub">
                    {TRIGGER_LABELS[run.trigger.kind]}
                    {difference && <RunDifference words={difference} prompt={run.prompt} />}
                  </span>
                </td>
              ) : (
                <td className="cell-started-by">
                  {capitalise(TRIGGER_LABELS[run.trigger.kind])}
                  {difference && (
                    <span className="cell-sub block">
                      <RunDifference words={difference} prompt={run.prompt} lead="" />
                    </span>
                  )}
                </td>
              )}
              <td>
                {!showTask ? (
                  <Link
                    to={`/runs/${run.id}`}
                    aria-label={`Open run from ${formatAgo(run.createdAt, now)}`}
                  >
                    <StatusBadge run={run} now={now} />
                  </Link>
                ) : (
                  <StatusBadge run={run} now={now} />
                )}
                <StateDetail run={run} now={now} />
                <StalledBadge run={run} now={now} />
              </td>
              <td>{formatAgo(run.startedAt ?? run.createdAt, now)}</td>
              <td className="numeric">{elapsed === null ? '—' : formatDuration(elapsed)}</td>
              <td className="numeric">{formatUsd(run.costUsd)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The words that tell a run from its task's others, with the whole prompt on hover. */
function RunDifference(props: { words: string; prompt: string; lead?: string }) {
  return (
    <>
      {props.lead ?? ' · '}
      <span className="run-difference" title={props.prompt.slice(0, 2_000)}>
        {props.words}
      </span>
    </>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
