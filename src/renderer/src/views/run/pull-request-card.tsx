// A worktree run's pull request on the run page: "Open pull request" (pushes the run's branch and
// opens one on GitHub), then a card with its state and checks as last polled, and "Push to pull
// request" when a follow-up left work the pull request does not have yet.
import type { PullRequest, PullRequestCheck, Run, RunReview } from '../../../../shared/domain';
import { FINISHED_STATUSES } from '../../../../shared/domain';
import { useApi, usePushEvents } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { formatAgo } from '../../components/format';
import { Pill, type Tone } from '../../components/pill';
import { useApiData } from '../../hooks/use-api-data';
import { useNow } from '../../hooks/use-now';
import { useRunAction } from './use-run-action';

/** The pull request of the run's branch, kept current by the engine's poll (pullRequest.updated). */
export function usePullRequest(runId: string) {
  const api = useApi();
  const data = useApiData(
    async () => (await api.call('runs.pullRequest', { runId })).pullRequest,
    [runId],
    // A follow-up's end (new work to push) or a review decision change what the card says; the
    // many updates of a run that is still going do not.
    (event) =>
      (event.type === 'run.updated' &&
        event.payload.id === runId &&
        FINISHED_STATUSES.includes(event.payload.status)) ||
      (event.type === 'review.updated' && event.payload.runId === runId),
  );
  const { setData } = data;
  usePushEvents((event) => {
    if (event.type !== 'pullRequest.updated') return;
    const updated = event.payload;
    setData((current) =>
      current && current.repository === updated.repository && current.number === updated.number
        ? updated
        : current,
    );
  });
  return data;
}

/** Offered for a finished worktree run whose branch is still there to push. */
export function canOpenPullRequest(run: Run, review: RunReview | null | undefined): boolean {
  return (
    FINISHED_STATUSES.includes(run.status) &&
    review?.mode === 'worktree' &&
    review.status !== 'approved' &&
    review.status !== 'discarded'
  );
}

export function OpenPullRequestButton(props: { run: Run; onOpened: (pr: PullRequest) => void }) {
  const api = useApi();
  const { busy, error, act } = useRunAction();
  return (
    <div className="pr-open">
      <button
        type="button"
        className="button"
        disabled={busy}
        title="Pushes this run's branch to the repository's remote and opens a pull request on GitHub"
        onClick={() =>
          void act(async () =>
            props.onOpened(await api.call('runs.openPullRequest', { runId: props.run.id })),
          )
        }
      >
        {busy ? 'Opening pull request…' : 'Open pull request'}
      </button>
      <ErrorNote error={error} what="No pull request was opened." />
    </div>
  );
}

export function PullRequestCard(props: {
  runId: string;
  pullRequest: PullRequest;
  onPushed: (pr: PullRequest) => void;
}) {
  const api = useApi();
  const pr = props.pullRequest;
  const now = useNow(30_000);
  const { busy, error, act } = useRunAction();
  const state = stateWords(pr);
  return (
    <section className="pr-card" aria-label="Pull request" data-testid="pull-request-card">
      <div className="pr-card-head">
        <Pill tone={state.tone} data-state={pr.state}>
          {state.label}
        </Pill>
        <a href={pr.url} target="_blank" rel="noreferrer noopener" className="pr-card-title">
          #{pr.number} {pr.title}
        </a>
      </div>
      <div className="pr-card-where">
        {pr.repository} · <code>{pr.branch}</code> → <code>{pr.baseBranch}</code>
      </div>
      {pr.checks.length === 0 ? (
        <p className="pr-card-note">No checks reported for the last push yet.</p>
      ) : (
        <ul className="pr-checks" aria-label="Checks">
          {pr.checks.map((check, index) => {
            const words = checkWords(check);
            return (
              <li key={`${check.name}-${index}`}>
                <Pill tone={words.tone}>{words.label}</Pill>{' '}
                {check.url ? (
                  <a href={check.url} target="_blank" rel="noreferrer noopener">
                    {check.name}
                  </a>
                ) : (
                  check.name
                )}
              </li>
            );
          })}
        </ul>
      )}
      {pr.unpushed && (
        <div className="pr-card-push">
          <span>This conversation has work the pull request does not have yet.</span>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() =>
              void act(async () =>
                props.onPushed(await api.call('runs.openPullRequest', { runId: props.runId })),
              )
            }
          >
            {busy ? 'Pushing…' : 'Push to pull request'}
          </button>
        </div>
      )}
      <ErrorNote error={error} what="Nothing was pushed." />
      {pr.refreshError && (
        <p className="callout tone-warning">GitHub could not be checked: {pr.refreshError}</p>
      )}
      <p className="pr-card-note">
        {pr.refreshedAt === null
          ? 'Not checked on GitHub yet.'
          : `Checked on GitHub ${formatAgo(pr.refreshedAt, now)}; pushed ${formatAgo(pr.pushedAt, now)}.`}
      </p>
    </section>
  );
}

function stateWords(pr: PullRequest): { label: string; tone: Tone } {
  if (pr.state === 'merged') return { label: 'Merged', tone: 'accent' };
  if (pr.state === 'closed') return { label: 'Closed', tone: 'neutral' };
  if (pr.draft) return { label: 'Draft', tone: 'neutral' };
  return { label: 'Open', tone: 'success' };
}

function checkWords(check: PullRequestCheck): { label: string; tone: Tone } {
  if (check.status === 'queued') return { label: 'queued', tone: 'neutral' };
  if (check.status === 'in_progress') return { label: 'running', tone: 'warning' };
  switch (check.conclusion) {
    case 'success':
      return { label: 'passed', tone: 'success' };
    case 'failure':
    case 'timed_out':
      return { label: check.conclusion === 'failure' ? 'failed' : 'timed out', tone: 'danger' };
    case 'action_required':
      return { label: 'needs action', tone: 'warning' };
    case 'cancelled':
      return { label: 'cancelled', tone: 'neutral' };
    case 'skipped':
      return { label: 'skipped', tone: 'neutral' };
    default:
      return { label: check.conclusion ?? 'done', tone: 'neutral' };
  }
}
