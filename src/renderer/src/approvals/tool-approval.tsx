// A pending tool request: exactly what would run or change, and Allow / Deny / Always allow (as
// narrow as the request unless the person widens it).
// A plan (ExitPlanMode) is shown as the plan, with its own choices.
import { useState } from 'react';
import type { Approval } from '../../../shared/domain';
import { ErrorNote } from '../components/error-note';
import { ToolInput } from '../tools/tool-input';
import { PLAN_TOOL, PlanApproval } from './plan-approval';
import { useDecisionUndo } from './decision-undo';
import { AllowButton, DenyGroup } from './approval-buttons';
import { Countdown } from './toast-stack';
import { useDecide } from './use-decide';
import { AlwaysAllow } from './always-allow';
import type { AlwaysScope } from '../../../shared/permission-rules';

export function ToolApproval(props: { approval: Approval }) {
  if (props.approval.toolName === PLAN_TOOL) return <PlanApproval approval={props.approval} />;
  return <ToolRequest approval={props.approval} />;
}

function ToolRequest(props: { approval: Approval }) {
  const { approval } = props;
  const { decide, busy, error } = useDecide(approval.id);
  const undo = useDecisionUndo();
  const [reason, setReason] = useState('');
  const deny = () => undo.queueDeny(approval, reason.trim() || undefined);
  const allowAlways = async (scope: AlwaysScope) => {
    const decided = await decide({ decision: 'allow', always: true, alwaysScope: scope });
    if (decided) undo.alwaysAllowed(decided);
  };
  if (undo.queuedDenials.has(approval.id)) {
    return (
      <div className="tool-approval">
        <ToolInput name={approval.toolName} input={approval.input} />
        <p className="approval-queued" role="status">
          <span>
            Denying in <DenyCountdown approvalId={approval.id} />…
          </span>
          <button type="button" className="button small" onClick={() => undo.undoDeny(approval.id)}>
            Undo
          </button>
        </p>
      </div>
    );
  }
  return (
    <div className="tool-approval">
      <ToolInput name={approval.toolName} input={approval.input} />
      <div className="approval-actions">
        <AllowButton label="Allow" busy={busy} onAllow={() => void decide({ decision: 'allow' })} />
        <DenyGroup
          label="Reason for denying (optional)"
          value={reason}
          onChange={setReason}
          busy={busy}
          button="Deny"
          danger
          enterDenies
          onDeny={deny}
        />
      </div>
      <AlwaysAllow approval={approval} busy={busy} onAlways={(scope) => void allowAlways(scope)} />
      <ErrorNote error={error} />
    </div>
  );
}

/** The seconds a queued deny still waits (the same clock as its toast). */
function DenyCountdown(props: { approvalId: string }) {
  const clock = useDecisionUndo().denyClock(props.approvalId);
  return clock ? <Countdown clock={clock} /> : <span>a few seconds</span>;
}
