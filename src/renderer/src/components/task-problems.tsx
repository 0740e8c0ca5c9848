// Why a task cannot start, in plain words with the fix and a link to where it is made.
import type { TaskCheck } from '../../../shared/domain';
import { Link } from '../router/router';

export function TaskProblems(props: { check: TaskCheck | undefined; taskId: string }) {
  const problems = props.check?.problems ?? [];
  if (problems.length === 0) return null;
  return (
    <div className="task-problems" role="alert">
      {problems.map((problem) => (
        <p key={problem.code}>
          <strong>{problem.message}</strong> {problem.fix}{' '}
          {problem.place === 'task' ? (
            <Link to={`/tasks/${props.taskId}/edit`} className="button small">
              Edit task
            </Link>
          ) : (
            <Link to="/settings" className="button small">
              Open Settings
            </Link>
          )}
        </p>
      ))}
    </div>
  );
}
