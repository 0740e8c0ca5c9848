// Tasks → Recently deleted: tasks whose delete can still be undone, with what it kept, and Undo.
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { formatAgo } from '../../components/format';
import { useApiData } from '../../hooks/use-api-data';
import { useNow } from '../../hooks/use-now';
import { navigate } from '../../router/router';

export function RecentlyDeleted() {
  const api = useApi();
  const now = useNow(60_000);
  const deleted = useApiData(
    () => api.call('tasks.listDeleted', {}),
    [api],
    (event) => event.type === 'task.deleted' || event.type === 'task.updated',
  );
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState<string | null>(null);
  if (!deleted.data || deleted.data.length === 0) return null;
  const undo = async (taskId: string) => {
    setBusy(taskId);
    setError(undefined);
    try {
      await api.call('tasks.undoDelete', { taskId });
      navigate(`/tasks/${taskId}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section aria-labelledby="recently-deleted" className="recently-deleted">
      <h2 id="recently-deleted">Recently deleted</h2>
      <ErrorNote error={error ?? deleted.error} />
      <ul className="deleted-list">
        {deleted.data.map((entry) => (
          <li key={entry.task.id} data-task-id={entry.task.id}>
            <div>
              <strong>{entry.task.title}</strong>{' '}
              <span className="quiet">
                deleted {formatAgo(entry.deletedAt, now)}; can be undone until{' '}
                {new Date(entry.undoUntil).toLocaleDateString()}
              </span>
              {entry.keptBranches.length > 0 && (
                <div className="cell-sub">Kept: {entry.keptBranches.join(', ')}</div>
              )}
              {entry.removedBranches.length > 0 && (
                <div className="cell-sub">
                  Deleted, back with undo: {entry.removedBranches.join(', ')}
                </div>
              )}
            </div>
            <button
              type="button"
              className="button small"
              disabled={busy !== null}
              onClick={() => void undo(entry.task.id)}
            >
              Undo delete
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
