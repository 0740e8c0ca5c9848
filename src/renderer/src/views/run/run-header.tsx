// The top of the run view: task, status, what started it, and live numbers (elapsed, turns,
// tokens, cost), plus links to the run it continues and the runs that continue it.
import type { ReactNode } from 'react';
import { ACTIVE_STATUSES, type Run } from '../../../../shared/domain';
import {
  formatDateTime,
  formatDuration,
  formatTokens,
  formatUsd,
  TRIGGER_LABELS,
} from '../../components/format';
import { runElapsed } from '../../components/run-time';
import { StatusBadge } from '../../components/status-badge';
import { useNow } from '../../hooks/use-now';
import { Link } from '../../router/router';
import { RetryNote } from './retry-note';
import { StalledNote } from './stalled-badge';
import { RunStateNote } from './run-state-note';
import { planWindowName } from '../../../../shared/run-state';
import { threadAddress, type ThreadTotals } from './run-thread';

/** @param thread the conversation's totals when the run is one turn of several. */
export function RunHeader(props: {
  run: Run;
  continuations: Run[];
  thread: ThreadTotals | null;
  actions: ReactNode;
}) {
  const { thread } = props;
  const { run } = props;
  const ticking = ACTIVE_STATUSES.includes(run.status);
  // Parked and retrying runs show "in 12 min": a slower clock keeps that true.
  const now = useNow(ticking ? 1_000 : 15_000);
  const elapsed = runElapsed(run, now);
  const tokens =
    run.usage.inputTokens + run.usage.cacheReadInputTokens + run.usage.cacheCreationInputTokens;
  return (
    <header className="run-header">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/tasks">Tasks</Link>
        <span aria-hidden="true"> › </span>
        <Link to={`/tasks/${run.taskId}`} className="breadcrumb-task" title={run.taskTitle}>
          {run.taskTitle}
        </Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">Run of {formatDateTime(run.createdAt)}</span>
      </nav>
      <div className="run-title-row">
        <div className="run-title">
          {/* The breadcrumb above links to the task; the title itself is plain. */}
          <h1 className="clamp-2 task-name" title={run.taskTitle}>
            {run.taskTitle}
          </h1>
          <p className="run-prompt clamp-2" title={run.prompt.slice(0, 4_000)}>
            {run.prompt.slice(0, 1_000)}
          </p>
          <div className="run-meta">
            <StatusBadge run={run} now={now} />
            <span>{TRIGGER_LABELS[run.trigger.kind]}</span>
            {run.place && (
              <span className="run-place" title={run.place.where}>
                on {run.place.name}
              </span>
            )}
            <span>{formatDateTime(run.createdAt)}</span>
            {run.parentRunId && (
              // In a thread the earlier turn is on this page: the link opens it there.
              <Link
                to={
                  thread
                    ? threadAddress(thread.latestRunId, run.parentRunId)
                    : `/runs/${run.parentRunId}`
                }
              >
                ← continues an earlier run
              </Link>
            )}
            {props.continuations.map((child) => (
              <Link key={child.id} to={`/runs/${child.id}`}>
                {child.trigger.kind === 'resume' ? 'resumed in' : 'continued in'} a later run →
              </Link>
            ))}
          </div>
        </div>
        <div className="run-actions">{props.actions}</div>
      </div>
      <dl className="run-stats">
        <div>
          <dt>Elapsed</dt>
          <dd data-testid="run-elapsed">{elapsed === null ? '—' : formatDuration(elapsed)}</dd>
        </div>
        {thread && (
          <div>
            <dt>Turns</dt>
            <dd data-testid="thread-turns">{thread.turns}</dd>
          </div>
        )}
        <div>
          {/* Claude Code's own "turns": the model's steps within this one turn of the person's. */}
          <dt>Steps</dt>
          <dd data-testid="run-turns">{run.numTurns}</dd>
        </div>
        <div>
          <dt>Tokens in / out</dt>
          <dd>
            {formatTokens(tokens)} / {formatTokens(run.usage.outputTokens)}
          </dd>
        </div>
        {thread ? (
          <div>
            <dt>Cost in all</dt>
            <dd data-testid="thread-cost">
              {formatUsd(thread.totalUsd)}{' '}
              <span className="stat-note" data-testid="run-cost">
                {formatUsd(run.costUsd)} this turn
              </span>
            </dd>
          </div>
        ) : (
          <div>
            <dt>Cost</dt>
            <dd data-testid="run-cost">{formatUsd(run.costUsd)}</dd>
          </div>
        )}
        <div>
          <dt>Model</dt>
          <dd className="run-model">{run.model ?? 'default'}</dd>
        </div>
        {run.planWindow && (
          <div>
            <dt>Plan window</dt>
            <dd data-testid="run-plan-window">{planWindowName(run.planWindow)}</dd>
          </div>
        )}
      </dl>
      <StalledNote run={run} now={now} />
      <RetryNote run={run} now={now} />
      <RunStateNote run={run} now={now} />
    </header>
  );
}
