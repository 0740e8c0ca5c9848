// One tool call in the transcript: what it asked (command, diff, path, checklist), the person's
// decision or the live request waiting for one, and its result once it came back.
import type { Approval } from '../../../../shared/domain';
import { QuestionForm } from '../../approvals/question-form';
import { ToolApproval } from '../../approvals/tool-approval';
import { recordList, stringField, toolSummary } from '../../tools/input-fields';
import { ToolInput } from '../../tools/tool-input';
import { ApprovalOutcome } from './approval-outcome';
import { ToolResult } from './tool-result';
import type { TranscriptItem } from './transcript-model';

type ToolItem = Extract<TranscriptItem, { kind: 'tool' }>;

const TOOL_LABELS: Record<string, string> = {
  AskUserQuestion: 'Question',
  TodoWrite: 'Todo list',
};

export function ToolCard(props: {
  item: ToolItem;
  approvals: ReadonlyMap<string, Approval>;
  runActive: boolean;
}) {
  const { item, approvals } = props;
  const linked = item.approvalIds.flatMap((id) => approvals.get(id) ?? []);
  const pending = linked.find((approval) => approval.status === 'pending');
  const isQuestion = item.name === 'AskUserQuestion';
  // A denied call's "result" is only the denial, which the outcome line already says.
  const denied = linked.some((approval) => approval.status === 'denied');
  const state = pending
    ? 'waiting'
    : denied
      ? 'denied'
      : item.result
        ? item.result.isError
          ? 'error'
          : 'done'
        : props.runActive
          ? 'working'
          : 'ended';
  const summary = toolSummary(item.name, item.input);
  return (
    <article className={`tool-card tool-${state}`} aria-label={`${item.name} tool call`}>
      <header className="tool-head">
        <span className="tool-name">{TOOL_LABELS[item.name] ?? item.name}</span>
        {summary && (
          <code className="tool-summary" title={summary}>
            {summary}
          </code>
        )}
        <span className="tool-state">{STATE_LABELS[state]}</span>
      </header>
      {!isQuestion && !pending && <ToolInput name={item.name} input={item.input} />}
      {isQuestion && linked.length === 0 && (
        <ul className="question-preview">
          {recordList(item.input, 'questions').map((question, index) => (
            <li key={index}>{stringField(question, 'question')}</li>
          ))}
        </ul>
      )}
      {pending && (
        <div
          className="inline-approval"
          role="group"
          aria-label="Waiting for your decision"
          data-approval-id={pending.id}
        >
          {pending.kind === 'question' ? (
            <QuestionForm approval={pending} />
          ) : (
            <ToolApproval approval={pending} />
          )}
        </div>
      )}
      {linked
        .filter((approval) => approval.status !== 'pending')
        .map((approval) => (
          <ApprovalOutcome key={approval.id} approval={approval} />
        ))}
      {item.result && !denied && (!isQuestion || item.result.isError) && (
        <ToolResult name={item.name} result={item.result} />
      )}
    </article>
  );
}

const STATE_LABELS = {
  waiting: 'Waiting for you',
  denied: 'Denied',
  working: 'Running…',
  done: 'Done',
  error: 'Failed',
  ended: 'No result',
} as const;
