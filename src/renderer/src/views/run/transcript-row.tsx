// One row of the transcript, by kind: the prompt, Markdown text, folded thinking, a tool card, a
// standalone request, and short plain-words lines for the session, retries, errors and the result.
import { memo } from 'react';
import type { Approval, RunStatus } from '../../../../shared/domain';
import { ApprovalCard } from '../../approvals/approval-card';
import { formatDuration, formatUsd } from '../../components/format';
import { Markdown } from '../../components/markdown';
import { ApprovalOutcome } from './approval-outcome';
import { LongTextHead, TextChunk } from './long-text';
import { McpServersNote } from './mcp-servers-note';
import type { TranscriptRowItem } from './long-text-rows';
import { ToolCard } from './tool-card';
import { failedLabel } from '../../../../shared/run-state';
import { stalledText, type TranscriptItem } from './transcript-model';

const STATUS_NOTES: Partial<Record<RunStatus, string>> = {
  cancelled: 'The run was stopped.',
  interrupted:
    'The run was interrupted (Switchboard closed while it was going). You can resume it.',
};

export interface TranscriptRowProps {
  item: TranscriptRowItem;
  approvals: ReadonlyMap<string, Approval>;
  runActive: boolean;
  /** Shows a long text in full, or folds it again. */
  onToggleLongText: (blockId: string) => void;
  /** Whether this row, when a tool card, is open. */
  toolOpen: boolean;
  onToggleTool: (toolUseId: string, open: boolean) => void;
  /** The run's elapsed time once it ended: the closing line says the same as the header. */
  elapsedMs: number | null;
  /** What the run itself cost: Claude Code's result counts the whole session, earlier turns too. */
  costUsd: number;
}

export const TranscriptRow = memo(function TranscriptRow(props: TranscriptRowProps) {
  const { item } = props;
  switch (item.kind) {
    case 'prompt':
      return (
        <div className="entry entry-prompt">
          <div className="entry-label" data-find-skip>
            Prompt
          </div>
          <div className="prompt-text">{item.text}</div>
          {item.files.length > 0 && (
            <ul className="prompt-files" aria-label="Files">
              {item.files.map((file) => (
                <li key={file}>{file}</li>
              ))}
            </ul>
          )}
        </div>
      );
    case 'text':
      return (
        <div className="entry entry-text">
          <Markdown text={item.text} />
        </div>
      );
    case 'long-text':
      return (
        <LongTextHead
          text={item.text}
          lineCount={item.lineCount}
          expanded={item.expanded}
          onToggle={() => props.onToggleLongText(item.blockId)}
        />
      );
    case 'text-chunk':
      return <TextChunk text={item.text} last={item.last} />;
    case 'thinking':
      return (
        <details className="entry entry-thinking">
          <summary>Thinking</summary>
          <div className="thinking-text">{item.text}</div>
        </details>
      );
    case 'tool':
      return (
        <ToolCard
          item={item}
          approvals={props.approvals}
          runActive={props.runActive}
          open={props.toolOpen}
          onToggle={props.onToggleTool}
        />
      );
    case 'approval': {
      const approval = props.approvals.get(item.approvalId);
      if (!approval)
        return <p className="entry entry-note">Waiting for a decision on {item.toolName}…</p>;
      if (approval.status === 'pending') return <ApprovalCard approval={approval} />;
      return (
        <div className="entry entry-note">
          {approval.kind === 'folder_trust'
            ? 'Folder settings'
            : approval.kind === 'secret'
              ? 'Secret request'
              : item.toolName}
          : <ApprovalOutcome approval={approval} />
        </div>
      );
    }
    case 'session':
      return (
        <p className="entry entry-note">
          Claude Code {item.version} started with {item.model} in <code>{item.cwd}</code>
        </p>
      );
    case 'mcp':
      return <McpServersNote servers={item.servers} />;
    case 'retry':
      return (
        <p className="entry entry-warning callout tone-warning">
          The API call failed ({item.error}). Trying again in {formatDuration(item.delayMs)}{' '}
          (attempt {item.attempt} of {item.maxRetries}).
        </p>
      );
    case 'result':
      return (
        <p
          className={item.isError ? 'entry entry-result entry-result-error' : 'entry entry-result'}
        >
          {resultLabel(item)} · {item.numTurns} {item.numTurns === 1 ? 'step' : 'steps'} ·{' '}
          {formatDuration(props.elapsedMs ?? item.durationMs)} · {formatUsd(props.costUsd)}
        </p>
      );
    case 'stalled':
      return (
        <p className="entry entry-warning callout tone-warning">{stalledText(item.minutes)}</p>
      );
    case 'error':
      return (
        <div className="entry entry-error callout tone-danger" role="alert">
          <strong>Error:</strong> <span className="error-text">{item.message}</span>
        </div>
      );
    case 'status':
      return (
        <p className={`entry entry-status entry-status-${item.status}`}>
          {item.status === 'failed'
            ? `${failedLabel(item.message ?? null)}.`
            : (STATUS_NOTES[item.status] ?? item.status)}
          {item.message && <span className="error-text"> {item.message}</span>}
        </p>
      );
  }
});

function resultLabel(item: Extract<TranscriptItem, { kind: 'result' }>): string {
  if (item.stopped) return 'Stopped by you';
  // A failed API call ends with subtype "success" and isError: the subtype says nothing then.
  if (item.isError && item.subtype === 'success') return 'Ended with an error';
  if (item.isError) return `Ended with an error (${item.subtype.replaceAll('_', ' ')})`;
  return 'Finished';
}
