// The check before a run in another place: the place is still there, its host key is accepted,
// and Claude Code there would not refuse the task's mode. What the far side lacks is said by
// "Test this place" and, at the start, by the wrapper.
import type { Task, TaskCheck } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import { BYPASS_AS_ROOT } from '../runs/root-bypass';
import type { RemoteSession } from './place-service';

export function checkPlacedTask(
  task: Pick<Task, 'placeId' | 'permissionMode'>,
  places: { sessionFor(task: Pick<Task, 'placeId'>): RemoteSession | null },
): TaskCheck {
  let session: RemoteSession | null;
  try {
    session = places.sessionFor(task);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const [message = error.message, fix = ''] = error.message.split(' — ');
    return { ok: false, problems: [{ code: 'place_unready', message, fix, place: 'settings' }] };
  }
  if (session?.runsAsRoot && task.permissionMode === 'bypassPermissions') {
    return { ok: false, problems: [{ code: 'bypass_as_root', ...BYPASS_AS_ROOT, place: 'task' }] };
  }
  return { ok: true, problems: [] };
}
