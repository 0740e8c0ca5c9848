// The check before a run in another place: the place is still there, its host key is accepted,
// and Claude Code there would not refuse the task's mode. What the far side lacks is said by
// "Test this place" and, at the start, by the wrapper.
import type { Task, TaskCheck } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import { BYPASS_AS_ROOT } from '../runs/root-bypass';
import type { RemoteSession } from './place-service';

/** A container's user is root: Claude Code skips permissions there only in a sealed place. */
export const BYPASS_IN_OPEN_CONTAINER = {
  message:
    'Claude Code refuses "Allow everything without asking" as root, and a container runs it as ' +
    'root unless the place is marked sealed.',
  fix:
    'Choose another permission mode, or mark the place sealed in Settings → Places if the ' +
    'container is a throwaway box that reaches only what its mounts and network allow.',
};

export function checkPlacedTask(
  task: Pick<Task, 'placeId' | 'permissionMode'> & Partial<Pick<Task, 'sandbox'>>,
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
  if (task.sandbox) {
    // Claude Code's sandbox is this machine's (its bubblewrap); a place is sealed by its own means.
    const problem = {
      code: 'sandbox_unavailable' as const,
      message: "Claude Code's sandbox for shell commands is for runs on this machine.",
      fix: 'Edit the task and turn the sandbox off: a container place keeps runs apart itself.',
      place: 'task' as const,
    };
    return { ok: false, problems: [problem] };
  }
  if (session?.runsAsRoot && task.permissionMode === 'bypassPermissions') {
    const said = session.place.kind === 'container' ? BYPASS_IN_OPEN_CONTAINER : BYPASS_AS_ROOT;
    return { ok: false, problems: [{ code: 'bypass_as_root', ...said, place: 'task' }] };
  }
  return { ok: true, problems: [] };
}
