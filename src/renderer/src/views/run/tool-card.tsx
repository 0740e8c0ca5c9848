// One tool call in the transcript, folded to one line (tool, command or path, ok/error, how long)
// until opened; open, it shows what it asked (command, diff, path, checklist), the person's
// decision or the live request waiting for one, and its output. A waiting request is always open.
import { parseMcpToolName } from '../../../../shared/mcp-tool-name';
import type { Approval } from '../../../../shared/domain';
import { holdKeysWhileArriving, useJustArrived } from '../../approvals/arrival';
import { ArrivalCue } from '../../approvals/arrival-cue';
import { itemProps } from '../../approvals/item-focus';
import { QuestionForm } from '../../approvals/question-form';
import { ToolApproval } from '../../approvals/tool-approval';
import { formatShortDuration } from '../../components/format';
import { recordList, stringField, toolSummary } from '../../tools/input-fields';
import { ToolInput } from '../../tools/tool-input';
import { ApprovalOutcome } from './approval-outcome';
import { toolCardState, type ToolCardState, type ToolItem } from './tool-folding';
import { ToolResult } from './tool-result';

const TOOL_LABELS: Record<string, string> = {
  AskUserQuestion: 'Question',
  TodoWrite: 'Todo list',
};

const STATE_LABELS: Record<ToolCardState, string> = {
  waiting: 'Waiting for you',
  denied: 'Denied',
  working: 'Running…',
  done: 'ok',
  error: 'error',
  ended: 'No result',
};

export function ToolCard(props: {
  item: ToolItem;
  approvals: ReadonlyMap<string, Approval>;
  runActive: boolean;
  open: boolean;
  onToggle: (toolUseId: string, open: boolean) => void;
}) {
  const { item, approvals } = props;
  const linked = item.approvalIds.flatMap((id) => approvals.get(id) ?? []);
  const pending = linked.find((approval) => approval.status === 'pending');
  const isQuestion = item.name === 'AskUserQuestion';
  const state = toolCardState(item, approvals, props.runActive);
  const open = props.open || pending !== undefined;
  const summary = toolSummary(item.name, item.input);
  const duration = item.endedAt === null ? null : item.endedAt - item.startedAt;
  const line = (
    <>
      <span className="tool-chevron" aria-hidden="true">
        {open ? '▾' : '▸'}
      </span>
      <span className="tool-name">{toolLabel(item.name)}</span>
      {/* Open, the body shows the command or path in full: the line does not repeat it. */}
      {summary && !open ? (
        <code className="tool-summary" title={summary}>
          {summary}
        </code>
      ) : (
        <span className="tool-summary" />
      )}
      <span className="tool-state" data-state={state}>
        {STATE_LABELS[state]}
      </span>
      {duration !== null && (
        <span className="tool-duration" title="How long the tool took">
          {formatShortDuration(duration)}
        </span>
      )}
    </>
  );
  return (
    <article
      className={`tool-card tool-${state}${open ? ' tool-open' : ''}`}
      aria-label={`${item.name} tool call`}
      data-tool-use-id={item.toolUseId}
    >
      {pending ? (
        <div className="tool-head">{line}</div>
      ) : (
        <button
          type="button"
          className="tool-head"
          aria-expanded={open}
          onClick={() => props.onToggle(item.toolUseId, !open)}
        >
          {line}
        </button>
      )}
      {open && (
        <>
          {!isQuestion && !pending && <ToolInput name={item.name} input={item.input} />}
          {isQuestion && linked.length === 0 && (
            <ul className="question-preview">
              {recordList(item.input, 'questions').map((question, index) => (
                <li key={index}>{stringField(question, 'question')}</li>
              ))}
            </ul>
          )}
          {pending && <InlineApproval approval={pending} />}
          {linked
            .filter((approval) => approval.status !== 'pending')
            .map((approval) => (
              <ApprovalOutcome key={approval.id} approval={approval} />
            ))}
          {/* A denied call's "result" is only the denial, which the outcome line already says. */}
          {item.result && state !== 'denied' && (!isQuestion || item.result.isError) && (
            <ToolResult result={item.result} />
          )}
        </>
      )}
    </article>
  );
}

/** The request waiting in the card: focusable as a whole, and holding keys while just arrived. */
function InlineApproval(props: { approval: Approval }) {
  const { approval } = props;
  const fresh = useJustArrived(approval.id);
  return (
    <div
      className={fresh ? 'inline-approval just-arrived' : 'inline-approval'}
      role="group"
      aria-label="Waiting for your decision"
      data-approval-id={approval.id}
      {...itemProps(approval.id)}
      data-just-arrived={fresh || undefined}
      onKeyDownCapture={(event) => holdKeysWhileArriving(approval.id, event)}
      onKeyUpCapture={(event) => holdKeysWhileArriving(approval.id, event)}
    >
      {fresh && <ArrivalCue />}
      {approval.kind === 'question' ? (
        <QuestionForm approval={approval} />
      ) : (
        <ToolApproval approval={approval} />
      )}
    </div>
  );
}

/** A built-in tool's label, or an MCP tool as its name and its server's. */
function toolLabel(name: string): string {
  const mcp = parseMcpToolName(name);
  if (mcp) return `${mcp.tool} (MCP server ${mcp.server})`;
  return TOOL_LABELS[name] ?? name;
}
