// The wait line above an inbox item (see wait-label).
import type { Approval } from '../../../../shared/domain';
import { waitLabel } from './wait-label';

export function InboxWait({ approval, now }: { approval: Approval; now: number }) {
  return (
    <p className="inbox-wait" data-testid="inbox-wait">
      {waitLabel(approval, now)}
    </p>
  );
}
