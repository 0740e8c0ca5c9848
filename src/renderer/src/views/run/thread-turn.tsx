// One earlier turn of a conversation: a line with its prompt, status, time and cost that opens to
// the turn's whole transcript in place (read once opened, not before: a long thread stays light).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Approval, Run } from '../../../../shared/domain';
import { formatDuration, formatUsd, oneLine } from '../../components/format';
import { runElapsed } from '../../components/run-time';
import { StatusBadge } from '../../components/status-badge';
import { useNow } from '../../hooks/use-now';
import { Link } from '../../router/router';
import { withLongTexts } from './long-text-rows';
import { toolCardState, useToolFolding } from './tool-folding';
import { buildTranscript } from './transcript-model';
import { TranscriptRow } from './transcript-row';
import { useRunApprovals, useRunEvents } from './use-run-data';

/** @param target the turn whose own address was opened: shown open, scrolled to and marked. */
export function EarlierTurn(props: { run: Run; turn: number; target: boolean }) {
  const { run, target } = props;
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (target) ref.current?.scrollIntoView({ block: 'start' });
  }, [target]);
  const now = useNow(60_000);
  const [open, setOpen] = useState(target);
  const elapsed = run.endedAt === null ? null : runElapsed(run, run.endedAt);
  return (
    <details
      ref={ref}
      className={target ? 'thread-turn thread-turn-target' : 'thread-turn'}
      data-run-id={run.id}
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      aria-current={target ? 'location' : undefined}
    >
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
      {open && (
        <div className="thread-turn-body">
          <TurnTranscript run={run} turn={props.turn} elapsedMs={elapsed} />
          <Link to={`/runs/${run.id}?alone=1`}>Open this turn alone →</Link>
        </div>
      )}
    </details>
  );
}

const NO_APPROVALS: ReadonlyMap<string, Approval> = new Map();

/** An ended turn's transcript as plain rows: it no longer grows, so no list window is needed. */
function TurnTranscript(props: { run: Run; turn: number; elapsedMs: number | null }) {
  const { run } = props;
  const transcript = useRunEvents(run.id);
  const approvals = useRunApprovals(run.id);
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
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const rows = useMemo(() => withLongTexts(items, expanded), [items, expanded]);
  const toggleLongText = useCallback((blockId: string) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(blockId)) next.add(blockId);
      return next;
    });
  }, []);
  const folding = useToolFolding(approvals.size > 0 ? approvals : NO_APPROVALS);
  if (!transcript.loaded) return <p className="quiet">Loading this turn…</p>;
  return (
    <div
      className="thread-turn-transcript"
      role="log"
      aria-label={`Transcript of turn ${props.turn}`}
    >
      {transcript.hasEarlier && (
        <button type="button" className="button small" onClick={transcript.loadEarlier}>
          Show earlier events
        </button>
      )}
      {rows.map((item) => (
        <div key={item.key} className="thread-turn-row">
          <TranscriptRow
            item={item}
            approvals={approvals}
            runActive={false}
            onToggleLongText={toggleLongText}
            toolOpen={
              item.kind === 'tool' && folding.isOpen(item, toolCardState(item, approvals, false))
            }
            onToggleTool={folding.toggle}
            elapsedMs={props.elapsedMs}
            costUsd={run.costUsd}
          />
        </div>
      ))}
    </div>
  );
}
