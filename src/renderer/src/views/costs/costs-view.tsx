// /costs: spend over the last 7, 30 or 90 days (`?days=`) by day and model, and tables by task and
// by model; beside the total, what the runs going now have spent so far (theirs counts once they
// finish); above it, today's and this month's spend against the budgets set.
import type { ReactNode } from 'react';
import { TableHead, type Column } from '../../components/table-head';
import { useApi } from '../../api/api-context';
import { EmptyState } from '../../components/empty-state';
import { ErrorNote } from '../../components/error-note';
import { formatTokens, formatUsd } from '../../components/format';
import { useApiData } from '../../hooks/use-api-data';
import { Link, navigate, useLocation } from '../../router/router';
import { BudgetStatus } from './budget-status';
import { CostChart } from './cost-chart';

const DAY_MS = 24 * 60 * 60 * 1000;

const RANGES = [7, 30, 90] as const;
type Range = (typeof RANGES)[number];

/** The start of the day `days - 1` days ago: the range ends with today. */
function daysAgo(days: Range): number {
  const start = new Date(Date.now() - (days - 1) * DAY_MS);
  return new Date(start.getFullYear(), start.getMonth(), start.getDate()).getTime();
}

function useRange(): Range {
  const location = useLocation();
  const days = Number(new URLSearchParams(location.split('?')[1] ?? '').get('days'));
  return RANGES.find((range) => range === days) ?? 30;
}

function RangeChoice(props: { days: Range }) {
  return (
    <div className="segmented" role="group" aria-label="Period">
      {RANGES.map((days) => (
        <button
          key={days}
          type="button"
          aria-pressed={days === props.days}
          // In the address, so Back and a copied link keep the period.
          onClick={() =>
            navigate(days === 30 ? '/costs' : `/costs?days=${days}`, { replace: true })
          }
        >
          {days} days
        </button>
      ))}
    </div>
  );
}

const TASK_COLUMNS = [
  { label: 'Task' },
  { label: 'Runs', numeric: true },
  { label: 'Spend', numeric: true },
];
const MODEL_COLUMNS = [
  { label: 'Model' },
  { label: 'Tokens in / out', numeric: true, className: 'tokens' },
  { label: 'Spend', numeric: true },
];

/** One of the spend tables under its heading; `label` names the table for screen readers. */
function SpendTable(props: {
  id: string;
  title: string;
  label: string;
  columns: readonly Column[];
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <table className="table" aria-label={props.label}>
        <TableHead columns={props.columns} />
        <tbody>{props.children}</tbody>
      </table>
    </section>
  );
}

export function CostsView() {
  const api = useApi();
  const days = useRange();
  const summary = useApiData(
    () => api.call('costs.summary', { from: daysAgo(days) }),
    [api, days],
    // Every run update: an ended run's spend moves into the totals, a going run's live cost rises.
    (event) => event.type === 'run.updated',
  );
  const data = summary.data;
  return (
    <div className="page costs">
      <div className="page-head">
        <h1>Costs</h1>
        <RangeChoice days={days} />
        {data && (
          <p className="total">
            Last {days} days: <strong data-testid="costs-total">{formatUsd(data.totalUsd)}</strong>
            {data.goingUsd > 0 && (
              <>
                {' '}
                <span className="going" data-testid="costs-going">
                  + {formatUsd(data.goingUsd)} so far in runs going now
                </span>
              </>
            )}
          </p>
        )}
      </div>
      <BudgetStatus />
      <ErrorNote error={summary.error} onRetry={summary.reload} />
      {data && data.byTask.length === 0 && (
        <EmptyState
          title={
            data.goingUsd > 0
              ? `Nothing recorded in the last ${days} days yet`
              : `No spend in the last ${days} days`
          }
        >
          {data.goingUsd > 0
            ? 'The runs going now count here once they finish.'
            : 'What each run costs shows up here once runs finish.'}
        </EmptyState>
      )}
      {data && data.byTask.length > 0 && (
        <>
          <CostChart summary={data} days={days} />
          <div className="two-columns">
            <SpendTable id="by-task" title="By task" label="Spend by task" columns={TASK_COLUMNS}>
              {data.byTask.map((row) => (
                <tr key={row.taskId}>
                  <td className="cell-task">
                    <Link to={`/tasks/${row.taskId}`} className="task-name" title={row.taskTitle}>
                      {row.taskTitle}
                    </Link>
                  </td>
                  <td className="numeric">{row.runs}</td>
                  <td className="numeric">{formatUsd(row.totalUsd)}</td>
                </tr>
              ))}
            </SpendTable>
            <SpendTable
              id="by-model"
              title="By model"
              label="Spend by model"
              columns={MODEL_COLUMNS}
            >
              {data.byModel.map((row) => (
                <tr key={row.model}>
                  <td className="cell-task">{row.model}</td>
                  <td className="numeric">
                    {formatTokens(
                      row.inputTokens + row.cacheReadInputTokens + row.cacheCreationInputTokens,
                    )}{' '}
                    / {formatTokens(row.outputTokens)}
                  </td>
                  <td className="numeric">{formatUsd(row.totalUsd)}</td>
                </tr>
              ))}
            </SpendTable>
          </div>
        </>
      )}
    </div>
  );
}
