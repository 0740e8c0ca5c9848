// A conversation as one thread: the turns before this run folded above its transcript (each with
// its prompt, status, cost and answer), and links on to later turns.
import type { Run } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { formatDuration, formatUsd, oneLine } from '../../components/format';
import { Markdown } from '../../components/markdown';
import { runElapsed } from '../../components/run-time';
import { countLines } from '../../components/text-lines';
import { StatusBadge } from '../../components/status-badge';
import { useApiData } from '../../hooks/use-api-data';
import { useNow } from '../../hooks/use-now';
import { Link } from '../../router/router';
import { isLongText } from './long-text-rows';
import { LongTextHead } from './long-text';

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

export function ThreadSummary(props: { thread: Run[]; runId: string }) {
  const index = props.thread.findIndex((run) => run.id === props.runId);
  if (props.thread.length < 2 || index === -1) return null;
  const earlier = props.thread.slice(0, index);
  const later = props.thread.slice(index + 1);
  const totalUsd = props.thread.reduce((sum, run) => sum + run.costUsd, 0);
  return (
    <section className="thread" aria-label="Conversation">
      <p className="thread-head">
        Turn {index + 1} of {props.thread.length} in this conversation · {formatUsd(totalUsd)} in
        all
        {later.length > 0 && (
          <>
            {' · '}
            <Link to={`/runs/${later[later.length - 1]?.id ?? ''}`}>Go to the latest turn →</Link>
          </>
        )}
      </p>
      {earlier.length > 0 && (
        <div className="thread-turns">
          {earlier.map((run, turn) => (
            <EarlierTurn key={run.id} run={run} turn={turn + 1} />
          ))}
        </div>
      )}
    </section>
  );
}

function EarlierTurn(props: { run: Run; turn: number }) {
  const { run } = props;
  const now = useNow(60_000);
  const elapsed = run.endedAt === null ? null : runElapsed(run, run.endedAt);
  return (
    <details className="thread-turn" data-run-id={run.id}>
      <summary>
        <span className="thread-turn-number">Turn {props.turn}</span>
        <span className="thread-turn-prompt" title={run.prompt.slice(0, 2_000)}>
          {oneLine(run.prompt, 200)}
        </span>
        <StatusBadge run={run} now={now} />
        <span className="thread-turn-numbers">
          {elapsed === null ? '' : `${formatDuration(elapsed)} · `}
          {formatUsd(run.costUsd)}
        </span>
      </summary>
      <div className="thread-turn-body">
        <TurnAnswer run={run} />
        <Link to={`/runs/${run.id}`}>Open this turn's transcript →</Link>
      </div>
    </details>
  );
}

function TurnAnswer(props: { run: Run }) {
  const { result, error } = props.run;
  if (error) return <p className="run-error">{error}</p>;
  if (!result) return <p className="quiet">No answer recorded.</p>;
  if (isLongText(result)) return <FoldedAnswer text={result} />;
  return <Markdown text={result} />;
}

/** Showing all of an earlier turn's long answer happens in its own transcript. */
function FoldedAnswer(props: { text: string }) {
  return <LongTextHead text={props.text} lineCount={countLines(props.text)} expanded={false} />;
}
