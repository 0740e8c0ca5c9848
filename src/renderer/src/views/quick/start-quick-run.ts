// Starts a one-off run from a prompt and a folder: reuses the task with that same prompt and
// folder when there is one, else creates a task titled from the prompt's first words.
import type { ApiClient } from '../../../../shared/client';
import type { Run, TriggerKind } from '../../../../shared/domain';
import { firstWords } from '../../components/format';

export interface QuickRunRequest {
  prompt: string;
  cwd: string;
  files?: string[];
  trigger: Extract<TriggerKind, 'manual' | 'tray' | 'drop'>;
}

export async function startQuickRun(api: ApiClient, request: QuickRunRequest): Promise<Run> {
  const prompt = request.prompt.trim();
  const cwd = request.cwd.trim();
  const tasks = await api.call('tasks.list', {});
  const existing = tasks.find((task) => task.prompt.trim() === prompt && task.cwd === cwd);
  const task =
    existing ??
    (await api.call('tasks.create', { title: firstWords(prompt, 6) || 'Quick task', prompt, cwd }));
  return api.call('tasks.run', {
    taskId: task.id,
    trigger: request.trigger,
    ...(request.files && request.files.length > 0 ? { files: request.files } : {}),
  });
}
