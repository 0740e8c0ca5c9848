// A trigger's recent firings, folded away until asked for: when, what happened, the run it
// started and what fired it (or why it was skipped).
import { useState } from 'react';
import type { Trigger } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { Pill } from '../../components/pill';
import { useApiData } from '../../hooks/use-api-data';
import { Link } from '../../router/router';
import { describeFiring, formatMoment, OUTCOME_LABELS, OUTCOME_TONES } from './trigger-format';

const SHOWN = 20;

export function TriggerFirings(props: { trigger: Trigger }) {
  const [open, setOpen] = useState(false);
  const total = props.trigger.firedCount + props.trigger.skippedCount;
  return (
    <details
      className="trigger-firings"
      onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}
    >
      <summary>Recent firings{total > 0 ? ` (${total})` : ''}</summary>
      {open && <FiringList trigger={props.trigger} />}
    </details>
  );
}

function FiringList(props: { trigger: Trigger }) {
  const api = useApi();
  const { id: triggerId, kind, firedCount, skippedCount, queuedSince, lastRunId } = props.trigger;
  // A changed counter means a new firing: load again.
  const firings = useApiData(
    () => api.call('triggers.firings', { triggerId, limit: SHOWN }),
    [triggerId, firedCount, skippedCount, queuedSince, lastRunId],
  );
  if (firings.error) return <ErrorNote error={firings.error} onRetry={firings.reload} />;
  if (!firings.data) return <p className="quiet">Loading…</p>;
  if (firings.data.length === 0) return <p className="quiet">It has not fired yet.</p>;
  return (
    <ol className="firing-list">
      {firings.data.map((firing) => (
        <li key={firing.id} data-outcome={firing.outcome}>
          <time dateTime={new Date(firing.at).toISOString()}>{formatMoment(firing.at)}</time>
          <Pill tone={OUTCOME_TONES[firing.outcome]}>{OUTCOME_LABELS[firing.outcome]}</Pill>
          <span className="firing-detail">{describeFiring(kind, firing)}</span>
          {firing.runId && <Link to={`/runs/${firing.runId}`}>View run</Link>}
        </li>
      ))}
    </ol>
  );
}
