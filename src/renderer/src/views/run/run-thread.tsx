// A conversation as one thread on one page: the turns before this run above its transcript (each
// folded to its prompt, status and cost, opening to its whole transcript), one total for them all,
// and, where an earlier turn's own address was opened, that turn open, scrolled to and marked.
import type { Run } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { formatUsd } from '../../components/format';
import { useApiData } from '../../hooks/use-api-data';
import { Link } from '../../router/router';
import { EarlierTurn } from './thread-turn';

export function useThread(run: Run | undefined) {
  const api = useApi();
  const sessionId = run?.sessionId ?? null;
  const runId = run?.id;
  return useApiData(
    async () => (runId ? api.call('runs.thread', { runId }) : []),
    [api, runId],
    (event) => event.type === 'run.updated' && event.payload.sessionId === sessionId,
  );
}

/** What a conversation adds up to, so the header, the thread and the end line say one thing. */
export interface ThreadTotals {
  turn: number;
  turns: number;
  totalUsd: number;
  latestRunId: string;
}

export function threadTotals(thread: readonly Run[], runId: string): ThreadTotals | null {
  const index = thread.findIndex((run) => run.id === runId);
  if (thread.length < 2 || index === -1) return null;
  const totalUsd = thread.reduce((sum, run) => sum + run.costUsd, 0);
  const latestRunId = thread[thread.length - 1]?.id ?? runId;
  return { turn: index + 1, turns: thread.length, totalUsd, latestRunId };
}

/** The turn to show a conversation at when an earlier turn's address was opened. */
export function threadAddress(latestRunId: string, turnRunId: string): string {
  return `/runs/${latestRunId}?turn=${encodeURIComponent(turnRunId)}`;
}

/** @param target an earlier turn to open, scroll to and mark (its own address was opened). */
export function ThreadSummary(props: { thread: Run[]; runId: string; target: string | null }) {
  const totals = threadTotals(props.thread, props.runId);
  if (!totals) return null;
  const earlier = props.thread.slice(0, totals.turn - 1);
  const latest = props.thread[props.thread.length - 1];
  return (
    <section className="thread" aria-label="Conversation">
      <p className="thread-head">
        Turn {totals.turn} of {totals.turns} in this conversation · {formatUsd(totals.totalUsd)} in
        all
        {latest && latest.id !== props.runId && (
          <>
            {' · '}
            <Link to={threadAddress(latest.id, props.runId)}>Go to the latest turn →</Link>
          </>
        )}
      </p>
      {earlier.length > 0 && (
        <div className="thread-turns">
          {earlier.map((run, turn) => (
            <EarlierTurn
              // Made afresh when it becomes the turn to show, so it opens.
              key={run.id === props.target ? `${run.id}:shown` : run.id}
              run={run}
              turn={turn + 1}
              target={run.id === props.target}
            />
          ))}
        </div>
      )}
    </section>
  );
}
