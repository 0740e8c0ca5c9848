// A plan-mode task's plan (ExitPlanMode), rendered as Markdown: approve it and the agent goes on
// in the task's normal mode, or send feedback and it keeps planning (held a few seconds for Undo,
// as a deny is).
import { useState } from 'react';
import type { Approval } from '../../../shared/domain';
import { ErrorNote } from '../components/error-note';
import { Markdown } from '../components/markdown';
import { AllowButton, DenyGroup } from './approval-buttons';
import { useDecide } from './use-decide';
import { useDecisionUndo } from './decision-undo';

export const PLAN_TOOL = 'ExitPlanMode';

export function PlanApproval(props: { approval: Approval }) {
  const { approval } = props;
  const { decide, busy, error } = useDecide(approval.id);
  const undo = useDecisionUndo();
  const [feedback, setFeedback] = useState('');
  const plan = typeof approval.input.plan === 'string' ? approval.input.plan : null;
  if (undo.queuedDenials.has(approval.id)) {
    return (
      <div className="plan-approval">
        <p className="approval-queued" role="status">
          Sending your feedback in a few seconds; Claude keeps planning.{' '}
          <button type="button" className="button small" onClick={() => undo.undoDeny(approval.id)}>
            Undo
          </button>
        </p>
      </div>
    );
  }
  return (
    <div className="plan-approval">
      {plan ? (
        <div className="plan-text">
          <Markdown text={plan} />
        </div>
      ) : (
        <p className="quiet">
          The agent is ready to leave plan mode; its plan is in the transcript.
        </p>
      )}
      <div className="approval-actions">
        <AllowButton
          label="Approve plan"
          busy={busy}
          onAllow={() => void decide({ decision: 'allow' })}
        />
        <DenyGroup
          label="Feedback on the plan"
          placeholder="What should the plan change?"
          value={feedback}
          onChange={setFeedback}
          busy={busy}
          button="Keep planning"
          onDeny={() =>
            undo.queueDeny(approval, feedback.trim() || 'Keep planning; the plan is not ready yet.')
          }
        />
      </div>
      <ErrorNote error={error} />
    </div>
  );
}
