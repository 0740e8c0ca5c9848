// Home: what needs the person now, what is running, what ran lately, and what it all cost.
import type { Run } from '../../../../shared/domain';
import { useApi, usePushEvents } from '../../api/api-context';
import { ApprovalCard } from '../../approvals/approval-card';
import { useFocusNextPending } from '../../approvals/focus-next';
import { ErrorNote } from '../../components/error-note';
import { formatUsd } from '../../components/format';
import { useApiData } from '../../hooks/use-api-data';
import { usePendingApprovals } from '../../hooks/pending-approvals';
import { Link } from '../../router/router';
import { applyRunUpdate, loadHome, spendNow } from './home-data';
import { QueuedRuns } from './queued-runs';
import { RunTable } from './run-lists';
import { PlanMeter, usePlanLimits } from '../limits/plan-meter';
import { ReviewItems } from '../inbox/review-items';
import { NoTasksYet } from '../tasks/no-tasks-yet';

/** Home shows this many requests in full; the inbox has the rest. */
const NEEDS_YOU_SHOWN = 3;

export function HomeView() {
  const api = useApi();
  const home = useApiData(
    () => loadHome(api),
    [api],
    (event) =>
      event.type === 'task.updated' ||
      event.type === 'task.deleted' ||
      (event.type === 'run.updated' &&
        ['queued', 'succeeded', 'failed', 'cancelled', 'interrupted'].includes(
          event.payload.status,
        )),
  );
  const { setData } = home;
  usePushEvents((event) => {
    if (event.type === 'run.updated')
      setData((current) => current && applyRunUpdate(current, event.payload));
  });
  const pending = usePendingApprovals();
  const limits = usePlanLimits();
  const shown = pending.approvals.slice(0, NEEDS_YOU_SHOWN);
  // A decision on Home moves the focus to the next request shown, as in the inbox.
  useFocusNextPending(shown.map((approval) => approval.id));

  // A reload that fails keeps what Home showed, with the error above it.
  if (home.error && !home.data)
    return (
      <div className="page">
        <ErrorNote error={home.error} onRetry={home.reload} />
      </div>
    );
  if (!home.data) return <div className="page loading">Loading…</div>;
  const data = home.data;
  if (data.taskCount === 0 && data.recent.length === 0) {
    return (
      <div className="page">
        <h1>Home</h1>
        <NoTasksYet title="Create your first task">
          A task is a prompt, a folder and a few options. Start it by hand, and watch Claude Code
          work on it here.
        </NoTasksYet>
      </div>
    );
  }
  const spend = spendNow(data);
  return (
    <div className="page home">
      <div className="page-head">
        <h1>Home</h1>
        <dl className="spend" aria-label="Spend">
          <div>
            <dt>Today</dt>
            <dd data-testid="spend-today">{formatUsd(spend.todayUsd)}</dd>
          </div>
          <div>
            <dt>This month</dt>
            <dd data-testid="spend-month">{formatUsd(spend.monthUsd)}</dd>
          </div>
        </dl>
      </div>
      <ErrorNote error={home.error} onRetry={home.reload} />
      <PlanMeter limits={limits} />

      <section aria-labelledby="needs-you">
        <h2 id="needs-you">
          Needs you{' '}
          {pending.needsYou > 0 && (
            <span className="count" data-testid="needs-you-count">
              {pending.needsYou}
            </span>
          )}
        </h2>
        {pending.needsYou === 0 ? (
          <p className="quiet">Nothing is waiting for you.</p>
        ) : (
          <div className="card-list">
            {shown.map((approval) => (
              <ApprovalCard key={approval.id} approval={approval} showRun />
            ))}
            {pending.approvals.length > shown.length && (
              <Link to="/inbox" className="more-link">
                {pending.approvals.length - shown.length} more in the inbox →
              </Link>
            )}
          </div>
        )}
        <ReviewItems reviews={pending.reviews} />
      </section>

      <section aria-labelledby="running-now">
        <h2 id="running-now">Running now</h2>
        <RunningNow runs={data.active} />
      </section>

      <section aria-labelledby="recent-runs">
        <div className="section-head">
          <h2 id="recent-runs">Recent runs</h2>
          <Link to="/runs">All runs →</Link>
        </div>
        {data.recent.length === 0 ? (
          <p className="quiet">
            {data.active.length > 0
              ? 'No run has finished yet.'
              : 'No runs yet. Open a task and press Run now.'}
          </p>
        ) : (
          <RunTable runs={data.recent} label="Recent runs" />
        )}
      </section>
    </div>
  );
}

/** Going runs in full; the queue folded below them. */
function RunningNow(props: { runs: Run[] }) {
  const going = props.runs.filter((run) => run.status !== 'queued');
  const queued = props.runs.filter((run) => run.status === 'queued');
  if (props.runs.length === 0) {
    return (
      <p className="quiet">
        Nothing is running. Start a task from <Link to="/tasks">Tasks</Link>.
      </p>
    );
  }
  return (
    <>
      {going.length > 0 && <RunTable runs={going} label="Running now" />}
      <QueuedRuns runs={queued} />
    </>
  );
}
