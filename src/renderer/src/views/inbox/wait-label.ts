// How long an inbox item has waited and, when its task sets an approval timeout, when it will be
// denied (a timeout only ever denies).
import type { Approval } from '../../../../shared/domain';
import { formatDuration } from '../../components/format';
import { formatRelative } from '../../../../shared/time-format';

export function waitLabel(
  approval: Pick<Approval, 'createdAt' | 'expiresAt'>,
  now: number,
): string {
  const waited = `Waiting ${formatDuration(now - approval.createdAt)}`;
  if (approval.expiresAt === null) return waited;
  if (approval.expiresAt <= now) return `${waited} · denied by timeout now`;
  return `${waited} · denied by timeout ${formatRelative(approval.expiresAt, now)}`;
}
