// /tasks: every task with its last run and what starts it next.
import { useApi } from '../../api/api-context';
import { EmptyState } from '../../components/empty-state';
import { ErrorNote } from '../../components/error-note';
import { formatAgo } from '../../components/format';
import { StatusBadge } from '../../components/status-badge';
import { useApiData } from '../../hooks/use-api-data';
import { useNow } from '../../hooks/use-now';
import { Link } from '../../router/router';
import { NextScheduledCell } from './task-schedule-slot';

export function TaskListView() {
  const api = useApi();
  const now = useNow(30_000);
  const tasks = useApiData(
    () => api.call('tasks.list', {}),
    [api],
    (event) =>
      event.type === 'task.updated' ||
      event.type === 'task.deleted' ||
      event.type === 'run.updated',
  );
  return (
    <div className="page">
      <div className="page-head">
        <h1>Tasks</h1>
        <Link to="/tasks/new" className="button primary">
          New task
        </Link>
      </div>
      <ErrorNote error={tasks.error} onRetry={tasks.reload} />
      {tasks.data?.length === 0 && (
        <EmptyState
          title="No tasks yet"
          action={
            <Link to="/tasks/new" className="button primary">
              Create your first task
            </Link>
          }
        >
          A task is a prompt, a working folder and a few options. You can run it as often as you
          like.
        </EmptyState>
      )}
      {tasks.data && tasks.data.length > 0 && (
        <table className="table task-table" aria-label="Tasks">
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Last run</th>
              <th scope="col">Next</th>
            </tr>
          </thead>
          <tbody>
            {tasks.data.map((task) => (
              <tr key={task.id} data-task-id={task.id}>
                <td className="cell-task">
                  <Link to={`/tasks/${task.id}`} className="task-name" title={task.title}>
                    {task.title}
                  </Link>
                  <span className="cell-sub path" title={task.cwd}>
                    {task.cwd}
                  </span>
                </td>
                <td>
                  {task.lastRun ? (
                    <Link to={`/runs/${task.lastRun.id}`} className="last-run">
                      <StatusBadge status={task.lastRun.status} />
                      <span className="cell-sub">
                        {formatAgo(task.lastRun.startedAt ?? task.lastRun.createdAt, now)}
                      </span>
                    </Link>
                  ) : (
                    <span className="quiet">Never run</span>
                  )}
                </td>
                <td>
                  <NextScheduledCell task={task} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
