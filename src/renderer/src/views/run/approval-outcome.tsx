// How a decided approval reads in the transcript: allowed, always allowed, denied (and why),
// the answers given, or withdrawn because the run stopped.
import type { Approval } from '../../../../shared/domain';
import { describeRule } from '../../../../shared/permission-rules';

export function ApprovalOutcome(props: { approval: Approval }) {
  const { approval } = props;
  if (approval.status === 'pending') return null;
  if (approval.status === 'cancelled') {
    return (
      <p className="approval-outcome outcome-cancelled">Request withdrawn: the run stopped.</p>
    );
  }
  if (approval.kind === 'folder_trust') {
    return approval.status === 'allowed' ? (
      <p className="approval-outcome outcome-allowed">
        You trusted this folder: its Claude Code settings load.
      </p>
    ) : (
      <p className="approval-outcome outcome-denied">
        You chose to run without this folder&apos;s Claude Code settings.
      </p>
    );
  }
  if (approval.kind === 'secret') {
    const name = typeof approval.input.name === 'string' ? approval.input.name : 'the secret';
    return approval.status === 'allowed' ? (
      <p className="approval-outcome outcome-allowed">
        You gave ${name} to this run&apos;s shell commands.
      </p>
    ) : (
      <p className="approval-outcome outcome-denied">
        You did not give ${name}
        {approval.message ? `: “${approval.message}”` : '.'}
      </p>
    );
  }
  if (approval.kind === 'question') {
    if (approval.status === 'denied') {
      return <p className="approval-outcome outcome-denied">You chose not to answer.</p>;
    }
    return (
      <div className="approval-outcome outcome-allowed">
        <span>You answered:</span>
        <ul>
          {Object.entries(approval.answers ?? {}).map(([question, answer]) => (
            <li key={question}>
              <span className="answer-question">{question}</span> <strong>{answer}</strong>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (approval.status === 'denied') {
    return (
      <p className="approval-outcome outcome-denied">
        Denied by you{approval.message ? `: “${approval.message}”` : '.'}
      </p>
    );
  }
  return (
    <p className="approval-outcome outcome-allowed">
      {approval.always
        ? `Allowed, and always allowed for this task from now on${alwaysWords(approval.alwaysRules)}.`
        : 'Allowed by you.'}
    </p>
  );
}

/** What the always-allow remembered, in words; nothing when its rules were already there. */
function alwaysWords(rules: string[]): string {
  return rules.length === 0 ? '' : `: ${rules.map(describeRule).join('; ')}`;
}
