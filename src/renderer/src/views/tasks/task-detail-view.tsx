// /tasks/<id>: the task's settings at a glance, Run now, edit and delete, what triggers it, the
// rules it always allows (each removable), and its runs.
import { useApi } from '../../api/api-context';
import { EmptyState } from '../../components/empty-state';
import { ErrorNote, isGone } from '../../components/error-note';
import { formatUsd } from '../../components/format';
import { TaskProblems } from '../../components/task-problems';
import { useApiData } from '../../hooks/use-api-data';
import { useTaskCheck } from '../../hooks/use-task-check';
import { Link } from '../../router/router';
import { RunTable } from '../home/run-lists';
import { RunNowForm } from './run-now-form';
import { TaskDeleteButton } from './task-delete';
import { PERMISSION_MODE_LABELS, runPolicyWords } from './task-options';
import { TaskTriggersSection } from './task-schedule-slot';
import { describeRule } from '../../../../shared/permission-rules';

export function TaskDetailView(props: { taskId: string }) {
  const { taskId } = props;
  const api = useApi();
  const task = useApiData(
    () => api.call('tasks.get', { taskId }),
    [taskId],
    (event) => event.type === 'task.updated' && event.payload.id === taskId,
  );
  const runs = useApiData(
    () => api.call('runs.list', { taskId, limit: 50 }),
    [taskId],
    (event) => event.type === 'run.updated' && event.payload.taskId === taskId,
  );
  const check = useTaskCheck(taskId);

  // A read that merely failed (a dropped connection) keeps the task on screen, the error above it.
  if (task.error && (!task.data || isGone(task.error))) {
    return (
      <div className="page">
        <EmptyState
          title="This task could not be opened"
          action={<Link to="/tasks">All tasks</Link>}
        >
          {task.error.message}
        </EmptyState>
      </div>
    );
  }
  if (!task.data) return <div className="page loading">Loading task…</div>;
  const current = task.data;
  const removeAlways = (rule: string) =>
    api.call('tasks.update', {
      taskId,
      alwaysAllowedTools: current.alwaysAllowedTools.filter((held) => held !== rule),
    });
  const options = [
    current.model ? `model ${current.model}` : 'default model',
    PERMISSION_MODE_LABELS[current.permissionMode].toLowerCase(),
    current.maxTurns === null ? null : `at most ${current.maxTurns} turns`,
    current.maxBudgetUsd === null ? null : `at most ${formatUsd(current.maxBudgetUsd)} a run`,
    current.isolation === 'worktree' ? 'in a git worktree' : null,
    current.allowedTools.length > 0 ? `allows ${current.allowedTools.join(', ')}` : null,
    current.secretEnv.length > 0 ? `secrets ${current.secretEnv.join(', ')}` : null,
    current.mcpServerIds.length > 0
      ? `${current.mcpServerIds.length} MCP server${current.mcpServerIds.length > 1 ? 's' : ''}`
      : null,
    current.skills.length > 0 ? `skills ${current.skills.join(', ')}` : null,
    ...runPolicyWords(current.runPolicy),
  ].filter(Boolean);

  return (
    <div className="page task-detail">
      <div className="page-head">
        <h1 className="task-name clamp-2" title={current.title}>
          {current.title}
        </h1>
        <div className="head-actions">
          <Link to={`/tasks/${taskId}/edit`} className="button">
            Edit
          </Link>
          <TaskDeleteButton taskId={taskId} title={current.title} />
        </div>
      </div>
      <ErrorNote error={task.error} what="The task could not be updated." onRetry={task.reload} />
      <TaskProblems check={check} taskId={taskId} />
      <dl className="task-facts">
        <div>
          <dt>Folder</dt>
          <dd className="path">{current.cwd}</dd>
        </div>
        <div>
          <dt>Options</dt>
          <dd>{options.join(' · ')}</dd>
        </div>
        <div className="task-prompt">
          <dt>Prompt</dt>
          <dd>
            <pre className="prompt-text">{current.prompt}</pre>
          </dd>
        </div>
      </dl>

      <RunNowForm taskId={taskId} blocked={check?.ok === false} />
      <TaskTriggersSection task={current} />

      {current.alwaysAllowedTools.length > 0 && (
        <section aria-labelledby="always-allowed">
          <h2 id="always-allowed">Always allowed</h2>
          <p className="quiet">
            What these rules cover runs without asking in this task&rsquo;s runs. Remove one and it
            asks again.
          </p>
          <ul className="rule-list">
            {current.alwaysAllowedTools.map((rule) => (
              <li key={rule} className="rule">
                <span className="rule-words">{describeRule(rule)}</span>
                <code className="rule-text">{rule}</code>
                <button
                  type="button"
                  className="button small"
                  aria-label={`Remove: ${describeRule(rule)}`}
                  onClick={() => void removeAlways(rule)}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="task-runs">
        <div className="section-head">
          <h2 id="task-runs">Runs</h2>
          <Link to={`/runs?task=${encodeURIComponent(taskId)}`}>All runs of this task →</Link>
        </div>
        <ErrorNote error={runs.error} what="Its runs could not be loaded." onRetry={runs.reload} />
        {runs.data?.length === 0 && (
          <p className="quiet">No runs yet. Press Run now to start one.</p>
        )}
        {runs.data && runs.data.length > 0 && (
          <RunTable runs={runs.data} showTask={false} label="Runs of this task" />
        )}
      </section>
    </div>
  );
}
