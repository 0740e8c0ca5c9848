// One pending approval or question as a card: who asks, in which run, and the way to answer it.
import type { Approval } from '../../../shared/domain';
import { formatAgo } from '../components/format';
import { useNow } from '../hooks/use-now';
import { Link } from '../router/router';
import { QuestionForm } from './question-form';
import { ToolApproval } from './tool-approval';
import { FolderTrustRequest } from './folder-trust-request';

export interface ApprovalCardProps {
  approval: Approval;
  /** Show which task and run it belongs to (off inside the run view itself). */
  showRun?: boolean;
  selected?: boolean;
  onSelect?: () => void;
  /** Which run it came from, when another item of the same task is listed too. */
  runNote?: string;
}

export function approvalHeadline(approval: Approval): string {
  if (approval.kind === 'question') return 'Claude asks a question';
  if (approval.kind === 'folder_trust') return "Load this folder's own Claude Code settings?";
  if (approval.toolName === 'ExitPlanMode') return 'Claude proposes a plan';
  return approval.title ?? `Claude wants to use ${approval.toolName}`;
}

export function ApprovalCard(props: ApprovalCardProps) {
  const { approval } = props;
  const now = useNow(30_000);
  const classes = ['approval-card', `approval-${approval.kind}`, props.selected ? 'selected' : ''];
  return (
    <article
      className={classes.filter(Boolean).join(' ')}
      data-approval-id={approval.id}
      aria-label={approvalHeadline(approval)}
      aria-current={props.selected || undefined}
      onFocusCapture={props.onSelect}
      onMouseDown={props.onSelect}
    >
      <header className="approval-head">
        <span className="approval-icon" aria-hidden="true">
          {approval.kind === 'question' ? '?' : '!'}
        </span>
        <h3 className="approval-title">{approvalHeadline(approval)}</h3>
        <span className="approval-age">{formatAgo(approval.createdAt, now)}</span>
      </header>
      {props.showRun && (
        <p className="approval-run">
          in{' '}
          <Link to={`/runs/${approval.runId}`} className="task-name">
            {approval.taskTitle}
          </Link>
          {props.runNote && <span className="approval-run-note"> · {props.runNote}</span>}
        </p>
      )}
      {approval.kind === 'question' ? (
        <QuestionForm approval={approval} />
      ) : approval.kind === 'folder_trust' ? (
        <FolderTrustRequest approval={approval} />
      ) : (
        <ToolApproval approval={approval} />
      )}
    </article>
  );
}
