// A pending tool request: exactly what would run or change, and Allow / Always allow / Deny.
// A plan (ExitPlanMode) is shown as the plan, with its own choices.
import { useState } from 'react';
import type { Approval } from '../../../shared/domain';
import { ErrorNote } from '../components/error-note';
import { ToolInput } from '../tools/tool-input';
import { PLAN_TOOL, PlanApproval } from './plan-approval';
import { useDecide } from './use-decide';

export function ToolApproval(props: { approval: Approval }) {
  if (props.approval.toolName === PLAN_TOOL) return <PlanApproval approval={props.approval} />;
  return <ToolRequest approval={props.approval} />;
}

function ToolRequest(props: { approval: Approval }) {
  const { approval } = props;
  const { decide, busy, error } = useDecide(approval.id);
  const [reason, setReason] = useState('');
  const deny = () =>
    decide({ decision: 'deny', ...(reason.trim() ? { message: reason.trim() } : {}) });
  return (
    <div className="tool-approval">
      <ToolInput name={approval.toolName} input={approval.input} />
      <div className="approval-actions">
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => void decide({ decision: 'allow' })}
        >
          Allow
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          title={`Don't ask again about ${approval.toolName} in this task's runs`}
          onClick={() => void decide({ decision: 'allow', always: true })}
        >
          Always allow for this task
        </button>
        <span className="deny-group">
          <input
            type="text"
            className="deny-reason"
            aria-label="Reason for denying (optional)"
            placeholder="Reason for denying (optional)"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void deny();
            }}
          />
          <button
            type="button"
            className="button danger"
            disabled={busy}
            onClick={() => void deny()}
          >
            Deny
          </button>
        </span>
      </div>
      <ErrorNote error={error} />
    </div>
  );
}
