// Whether a task's run could start now (its folder, the conversation's folder, Claude Code), asked
// of the engine again when the task or the settings change.
import type { TaskCheck } from '../../../shared/domain';
import { useApi } from '../api/api-context';
import { useApiData } from './use-api-data';

export function useTaskCheck(taskId: string | undefined, runId?: string): TaskCheck | undefined {
  const api = useApi();
  const check = useApiData(
    async () =>
      taskId ? api.call('tasks.check', { taskId, ...(runId ? { runId } : {}) }) : undefined,
    [api, taskId, runId],
    (event) =>
      (event.type === 'task.updated' && event.payload.id === taskId) ||
      event.type === 'settings.updated' ||
      // A merge moves where the run's conversation continues.
      (runId !== undefined && event.type === 'review.updated' && event.payload.runId === runId),
  );
  return check.data;
}
