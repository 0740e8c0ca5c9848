// /tasks: every task with its last run and what starts it next, in natural title order
// ("Fix bugs 2" before "Fix bugs 10"), narrowed by a search box.
import { useMemo, useState } from 'react';
import { useApi } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { formatAgo } from '../../components/format';
import { naturalCompare } from '../../components/natural-sort';
import { SearchFilter } from '../../components/search-filter';
import { StatusBadge } from '../../components/status-badge';
import { useApiData } from '../../hooks/use-api-data';
import { useNow } from '../../hooks/use-now';
import { Link } from '../../router/router';
import { NoTasksYet } from './no-tasks-yet';
import { RecentlyDeleted } from './recently-deleted';
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
  const [search, setSearch] = useState('');
  const shown = useMemo(() => {
    const words = search.toLowerCase().split(/\s+/).filter(Boolean);
    return [...(tasks.data ?? [])]
      .filter((task) => {
        const text = `${task.title} ${task.cwd} ${task.prompt.slice(0, 2_000)}`.toLowerCase();
        return words.every((word) => text.includes(word));
      })
      .sort((a, b) => naturalCompare(a.title, b.title));
  }, [tasks.data, search]);
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
        <NoTasksYet title="No tasks yet">
          A task is a prompt, a working folder and a few options. You can run it as often as you
          like.
        </NoTasksYet>
      )}
      {tasks.data && tasks.data.length > 0 && (
        <SearchFilter
          className="task-search"
          label="Search tasks"
          value={search}
          placeholder="Words in titles, folders and prompts"
          onChange={setSearch}
        />
      )}
      {tasks.data && tasks.data.length > 0 && shown.length === 0 && (
        <p className="quiet">No task matches “{search}”.</p>
      )}
      {shown.length > 0 && (
        <table className="table task-table" aria-label="Tasks">
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Last run</th>
              <th scope="col">Next</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((task) => (
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
                      <StatusBadge run={task.lastRun} now={now} />
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
      <RecentlyDeleted />
    </div>
  );
}
