// For tests: a new task and a run of it started at once, through the API the suite talks to (the
// served one or an in-process engine).
import type { MethodInput, MethodName, MethodResult } from '../../src/shared/contract';

interface ApiCaller {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
}

export async function startTask(api: ApiCaller, input: MethodInput<'tasks.create'>) {
  const task = await api.call('tasks.create', input);
  const run = await api.call('tasks.run', { taskId: task.id });
  return { task, run };
}
