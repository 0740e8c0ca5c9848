// How long an inbox item has waited and, when its task sets an approval timeout, when it will be
// denied (a timeout only ever denies).
import type { Approval } from '../../../../shared/domain';
import { formatDuration } from '../../components/format';
import { formatClock, formatIn } from '../triggers/trigger-format';

export function waitLabel(
  approval: Pick<Approval, 'createdAt' | 'expiresAt'>,
  now: number,
): string {
  const waited = `Waiting ${formatDuration(now - approval.createdAt)}`;
  if (approval.expiresAt === null) return waited;
  const when = formatClock(approval.expiresAt, false);
  return `${waited} · denied by timeout ${formatIn(approval.expiresAt, now)} (${when})`;
}
