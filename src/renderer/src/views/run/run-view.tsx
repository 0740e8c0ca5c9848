// /runs/<id>: one run, live. Header with numbers and actions, the conversation's earlier turns, the
// streaming transcript, and the follow-up box once the run has ended. An earlier turn's address
// opens its conversation at the latest turn with that turn shown (`?turn=`), unless asked alone.
import { useEffect, useMemo, useRef, useState } from 'react';
import { ACTIVE_STATUSES, FINISHED_STATUSES } from '../../../../shared/domain';
import { EmptyState } from '../../components/empty-state';
import { runElapsed } from '../../components/run-time';
import { ErrorNote, isGone } from '../../components/error-note';
import { TaskProblems } from '../../components/task-problems';
import { useTaskCheck } from '../../hooks/use-task-check';
import { Link, navigate, useLocation } from '../../router/router';
import { ExportMenu } from './export-menu';
import {
  canOpenPullRequest,
  OpenPullRequestButton,
  PullRequestCard,
  usePullRequest,
} from './pull-request-card';
import { canOpenFolder, OpenFolderButtons } from './open-folder-buttons';
import { FollowUpBox, RunButtons } from './run-controls';
import { RunChanges } from './review/run-changes';
import { RunTabs, useRunChanges } from './review/run-tabs';
import { RunHeader } from './run-header';
import { useRunKeys } from './run-keys';
import { ThreadSummary, threadAddress, threadTotals, useThread } from './run-thread';
import { TranscriptList } from './transcript-list';
import { buildTranscript } from './transcript-model';
import { useRun, useRunApprovals, useRunEvents } from './use-run-data';

export function RunView(props: { runId: string }) {
  const { runId } = props;
  const run = useRun(runId);
  const { findAt, turn, alone } = useRunAddress();
  const approvals = useRunApprovals(runId);
  const [keyError, setKeyError] = useState<unknown>(undefined);
  useRunKeys(approvals, setKeyError);
  const transcript = useRunEvents(runId);
  const changes = useRunChanges(runId, run.data?.status ?? 'queued');
  const { tab } = changes;
  const thread = useThread(run.data);
  const pullRequest = usePullRequest(runId);
  const continuations = useMemo(
    () => (thread.data ?? []).filter((r) => r.parentRunId === runId),
    [thread.data, runId],
  );
  // A search hit and "Open this turn alone" stay on the turn, and so does a turn whose own review
  // waits (the inbox opens it there); any other way here shows the thread at the latest turn.
  const latestId = thread.data?.at(-1)?.id;
  const inThread = thread.data?.some((r) => r.id === runId) ?? false;
  const reviewRead = changes.review.data !== undefined;
  const reviewOpen = ['pending', 'conflict', 'blocked'].includes(changes.review.data?.status ?? '');
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current || !inThread || !reviewRead) return;
    // Decided once, for the address the page was opened at: a turn started later does not move it.
    moved.current = true;
    if (alone || findAt || reviewOpen || !latestId || latestId === runId) return;
    navigate(threadAddress(latestId, runId), { replace: true });
  }, [inThread, reviewRead, reviewOpen, alone, findAt, latestId, runId]);
  // Resume and follow-up are offered only when they could start.
  const check = useTaskCheck(run.data?.taskId, runId);
  const canContinue = check?.ok !== false;

  const approvalToolUse = useMemo(
    () => new Map([...approvals.values()].map((a) => [a.id, a.toolUseId])),
    [approvals],
  );
  const { events, version } = transcript;
  const items = useMemo(
    () => buildTranscript(events, approvalToolUse),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `events` is one array filled in place; `version` says when it changed
    [events, version, approvalToolUse],
  );

  // A read that fails once the run is shown (a dropped connection) keeps the page as it is, with
  // the error above it: the transcript keeps its place and which cards are open.
  if (run.error && (!run.data || isGone(run.error))) {
    return (
      <div className="page">
        <EmptyState title="This run could not be opened" action={<Link to="/">Back to Home</Link>}>
          {run.error.message}
        </EmptyState>
      </div>
    );
  }
  if (!run.data) return <div className="page loading">Loading run…</div>;
  const current = run.data;
  const active = current.status === 'queued' || ACTIVE_STATUSES.includes(current.status);
  return (
    <div className="run-view">
      <RunHeader
        run={current}
        continuations={continuations}
        thread={threadTotals(thread.data ?? [], runId)}
        actions={
          <>
            <RunButtons run={current} canContinue={canContinue} />
            <ExportMenu run={current} turns={thread.data?.length ?? 1} />
            {canOpenFolder(current) && <OpenFolderButtons run={current} />}
            {pullRequest.data === null && canOpenPullRequest(current, changes.review.data) && (
              <OpenPullRequestButton
                run={current}
                onOpened={(pr) => pullRequest.setData(() => pr)}
              />
            )}
          </>
        }
      />
      {pullRequest.data && (
        <PullRequestCard
          runId={runId}
          pullRequest={pullRequest.data}
          onPushed={(pr) => pullRequest.setData(() => pr)}
        />
      )}
      {changes.hasChanges && <RunTabs tab={tab} onChange={changes.setTab} />}
      {FINISHED_STATUSES.includes(current.status) && (
        <TaskProblems check={check} taskId={current.taskId} />
      )}
      <ThreadSummary thread={thread.data ?? []} runId={runId} target={turn} />
      <ErrorNote error={run.error} what="The run could not be updated." onRetry={run.reload} />
      <ErrorNote
        error={transcript.error}
        what="The transcript could not be updated."
        onRetry={transcript.retry}
      />
      <ErrorNote error={keyError} />
      {tab === 'changes' ? (
        <RunChanges run={current} diff={changes.diff} review={changes.review} />
      ) : transcript.loaded && items.length === 0 ? (
        <div className="transcript-empty">Nothing in the transcript yet.</div>
      ) : !transcript.loaded ? (
        <div className="transcript-empty">Loading transcript…</div>
      ) : (
        <TranscriptList
          items={items}
          approvals={approvals}
          runActive={active}
          hasEarlier={transcript.hasEarlier}
          onNearTop={transcript.loadEarlier}
          elapsedMs={current.endedAt === null ? null : runElapsed(current, current.endedAt)}
          costUsd={current.costUsd}
          findAt={findAt}
        />
      )}
      {tab === 'transcript' && FINISHED_STATUSES.includes(current.status) && canContinue && (
        <FollowUpBox run={current} note={check?.continuesIn?.note ?? null} />
      )}
    </div>
  );
}

interface RunAddress {
  /** `?event=<seq>&find=<words>`: a search hit opened here (views/search). */
  findAt: { query: string; seq: number } | null;
  /** `?turn=<runId>`: the earlier turn to show (its own address was opened, or a link to it). */
  turn: string | null;
  /** `?alone=1`: this turn on its own, not moved on to its conversation's latest turn. */
  alone: boolean;
}

/** The address's query: what the run was opened with (read once), and the turn shown now. */
function useRunAddress(): RunAddress {
  const location = useLocation();
  const params = new URLSearchParams(location.slice(location.indexOf('?') + 1 || location.length));
  const [opened] = useState(() => {
    const seq = Number(params.get('event'));
    const query = params.get('find') ?? '';
    return {
      findAt: Number.isInteger(seq) && seq > 0 && query ? { query, seq } : null,
      alone: params.has('alone'),
    };
  });
  // A link to another turn of the thread on this page changes only the query.
  return { ...opened, turn: params.get('turn') };
}
