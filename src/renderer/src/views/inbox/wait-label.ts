// How long an inbox item has waited and, when its task sets an approval timeout, when it will be
// denied (a timeout only ever denies).
import type { Approval } from '../../../../shared/domain';
import { formatDuration } from '../../components/format';

export function waitLabel(
  approval: Pick<Approval, 'createdAt' | 'expiresAt'>,
  now: number,
): string {
  const waited = `Waiting ${formatDuration(now - approval.createdAt)}`;
  if (approval.expiresAt === null) return waited;
  const when = new Date(approval.expiresAt).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
  });
  const left = approval.expiresAt - now;
  const within = left <= 0 ? 'now' : `in ${formatDuration(left)}`;
  return `${waited} · denied by timeout ${within} (${when})`;
}
