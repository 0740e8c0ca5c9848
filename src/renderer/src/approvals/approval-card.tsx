// One pending approval or question as a card: who asks, in which run, and the way to answer it.
// The card itself takes the focus after a decision elsewhere (item-focus); just arrived, it says
// so and ignores decision keys for a moment (arrival).
import type { Approval } from '../../../shared/domain';
import { parseMcpToolName } from '../../../shared/mcp-tool-name';
import { formatAgo } from '../components/format';
import { useNow } from '../hooks/use-now';
import { Link } from '../router/router';
import { holdKeysWhileArriving, useJustArrived } from './arrival';
import { ArrivalCue } from './arrival-cue';
import { itemProps } from './item-focus';
import { QuestionForm } from './question-form';
import { ToolApproval } from './tool-approval';
import { FolderTrustRequest } from './folder-trust-request';
import { SecretRequest, secretRequestInput } from './secret-request';

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
  if (approval.kind === 'secret')
    return `Claude asks for the secret ${secretRequestInput(approval.input).name}`;
  if (approval.toolName === 'ExitPlanMode') return 'Claude proposes a plan';
  const mcp = parseMcpToolName(approval.toolName);
  // Whose tool it is matters more than Claude Code's sentence about it.
  if (mcp) return `Claude wants to use ${mcp.tool} from the MCP server ${mcp.server}`;
  return approval.title ?? `Claude wants to use ${approval.toolName}`;
}

export function ApprovalCard(props: ApprovalCardProps) {
  const { approval } = props;
  const now = useNow(30_000);
  const fresh = useJustArrived(approval.id);
  const classes = [
    'approval-card',
    `approval-${approval.kind}`,
    props.selected ? 'selected' : '',
    fresh ? 'just-arrived' : '',
  ];
  return (
    <article
      className={classes.filter(Boolean).join(' ')}
      data-approval-id={approval.id}
      {...itemProps(approval.id)}
      data-just-arrived={fresh || undefined}
      onKeyDownCapture={(event) => holdKeysWhileArriving(approval.id, event)}
      onKeyUpCapture={(event) => holdKeysWhileArriving(approval.id, event)}
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
        {fresh && <ArrivalCue />}
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
      ) : approval.kind === 'secret' ? (
        <SecretRequest approval={approval} />
      ) : (
        <ToolApproval approval={approval} />
      )}
    </article>
  );
}
