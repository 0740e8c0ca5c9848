// /tasks/new and /tasks/<id>/edit: the task form, then back to the task's page.
import { useApi } from '../../api/api-context';
import { ErrorNote, isGone } from '../../components/error-note';
import { useApiData } from '../../hooks/use-api-data';
import { navigate } from '../../router/router';
import { TaskForm } from './task-form';
import { emptyValues, valuesFromTask } from './task-form-model';

export function NewTaskView() {
  const api = useApi();
  const settings = useApiData(() => api.call('settings.get', {}), [api]);
  if (!settings.data && !settings.error) return <div className="page loading">Loading…</div>;
  return (
    <div className="page narrow">
      <h1>New task</h1>
      <TaskForm
        initial={emptyValues(settings.data?.defaultPermissionMode)}
        submitLabel="Create task"
        onSubmit={async (fields) => {
          const task = await api.call('tasks.create', fields);
          navigate(`/tasks/${task.id}`);
        }}
        onCancel={() => navigate('/tasks')}
      />
    </div>
  );
}

export function EditTaskView(props: { taskId: string }) {
  const api = useApi();
  const task = useApiData(() => api.call('tasks.get', { taskId: props.taskId }), [props.taskId]);
  // The form is not thrown away over a read that merely failed (a dropped connection).
  if (task.error && (!task.data || isGone(task.error)))
    return (
      <div className="page">
        <ErrorNote error={task.error} />
      </div>
    );
  if (!task.data) return <div className="page loading">Loading…</div>;
  return (
    <div className="page narrow">
      <h1>Edit task</h1>
      <TaskForm
        initial={valuesFromTask(task.data)}
        taskId={props.taskId}
        submitLabel="Save changes"
        onSubmit={async (fields) => {
          await api.call('tasks.update', { taskId: props.taskId, ...fields });
          navigate(`/tasks/${props.taskId}`);
        }}
        onCancel={() =>
          navigate(`/tasks/${props.taskId}`, { focus: `a[href="/tasks/${props.taskId}/edit"]` })
        }
      />
    </div>
  );
}
