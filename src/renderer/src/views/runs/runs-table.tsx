// One page of runs: a whole row opens its run (the task link inside still opens new tabs), and the
// row chosen with j/k is marked and kept in view.
import { TableHead } from '../../components/table-head';
import { RUN_COLUMNS, StateDetail } from '../home/run-lists';
import { useEffect, useMemo, useRef } from 'react';
import { runDifferences } from '../../components/run-naming';
import { ACTIVE_STATUSES, type Run } from '../../../../shared/domain';
import {
  formatDateTime,
  formatDuration,
  formatUsd,
  oneLine,
  TRIGGER_LABELS,
} from '../../components/format';
import { StatusBadge } from '../../components/status-badge';
import { useNow } from '../../hooks/use-now';
import { Link, navigate } from '../../router/router';
import { runElapsed } from '../../components/run-time';
import { StalledBadge } from '../run/stalled-badge';

export function RunsTable(props: {
  runs: Run[];
  selected: number;
  onSelect: (index: number) => void;
}) {
  const anyActive = props.runs.some((run) => ACTIVE_STATUSES.includes(run.status));
  const now = useNow(1_000, anyActive);
  // The prompt from where it differs from the task's other runs here, not its shared start.
  const differences = useMemo(() => runDifferences(props.runs, 160), [props.runs]);
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    body.current?.children[props.selected]?.scrollIntoView({ block: 'nearest' });
  }, [props.selected]);
  return (
    <table className="table run-table runs-table" aria-label="Runs">
      <TableHead columns={[{ label: 'Task and prompt' }, ...RUN_COLUMNS]} />
      <tbody ref={body}>
        {props.runs.map((run, index) => {
          const elapsed = runElapsed(run, now);
          return (
            <tr
              key={run.id}
              data-run-id={run.id}
              className={index === props.selected ? 'row-link selected' : 'row-link'}
              aria-selected={index === props.selected}
              onClick={(event) => {
                if (event.target instanceof Element && event.target.closest('a, button')) return;
                props.onSelect(index);
                navigate(`/runs/${run.id}`);
              }}
            >
              <td className="cell-task">
                <Link to={`/runs/${run.id}`} className="task-name" title={run.taskTitle}>
                  {run.taskTitle}
                </Link>
                <span className="cell-sub" title={run.prompt.slice(0, 2_000)}>
                  {differences.get(run.id) || oneLine(run.prompt, 160)}
                </span>
              </td>
              <td>
                <StatusBadge run={run} now={now} />
                <StateDetail run={run} now={now} />
                <span className="cell-sub block">
                  {TRIGGER_LABELS[run.trigger.kind]}
                  {run.place && <span title={run.place.where}> · on {run.place.name}</span>}
                </span>
                <StalledBadge run={run} now={now} />
              </td>
              <td>{formatDateTime(run.createdAt)}</td>
              <td className="numeric">{elapsed === null ? '—' : formatDuration(elapsed)}</td>
              <td className="numeric">{formatUsd(run.costUsd)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
