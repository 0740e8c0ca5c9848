// Delete on a task's page: a dialog that says what the delete does (runs stay, triggers stop,
// each unmerged worktree branch is kept unless the person ticks the box that names them all),
// then a toast with Undo; Tasks → Recently deleted brings it back later.
import { useRef, useState } from 'react';
import type { TaskDeletePreview, TaskDeleteResult } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { useDecisionUndo } from '../../approvals/decision-undo';
import { DialogActions } from '../../components/dialog-actions';
import { ErrorNote } from '../../components/error-note';
import { navigate } from '../../router/router';

export function TaskDeleteButton(props: { taskId: string; title: string }) {
  const api = useApi();
  const { offerUndo } = useDecisionUndo();
  const dialog = useRef<HTMLDialogElement>(null);
  const [preview, setPreview] = useState<TaskDeletePreview | null>(null);
  const [removeBranches, setRemoveBranches] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const open = async () => {
    setPreview(null);
    setRemoveBranches(false);
    setError(undefined);
    dialog.current?.showModal();
    try {
      setPreview(await api.call('tasks.deletePreview', { taskId: props.taskId }));
    } catch (failure) {
      setError(failure);
    }
  };
  const branches = preview?.unmergedBranches ?? [];
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.call('tasks.delete', {
        taskId: props.taskId,
        ...(removeBranches ? { deleteUnmergedBranches: branches.map((b) => b.branch) } : {}),
      });
      dialog.current?.close();
      offerUndo(deletedText(props.title, result), async () => {
        await api.call('tasks.undoDelete', { taskId: props.taskId });
        return `“${props.title}” is back, with its triggers, worktrees and branches.`;
      });
      navigate('/tasks');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const count = branches.length;
  const plural = count === 1 ? '' : 'es';
  return (
    <>
      <button type="button" className="button danger" onClick={() => void open()}>
        Delete
      </button>
      <dialog ref={dialog} className="dialog" aria-label="Delete this task?">
        <h2>Delete this task?</h2>
        <div className="dialog-body">
          {preview === null && !error && <p className="quiet">Looking at its worktrees…</p>}
          {preview && (
            <ul className="delete-effects">
              <li>“{preview.title}” leaves the task list. Its past runs stay in the history.</li>
              {preview.triggerCount > 0 && (
                <li>
                  Its {preview.triggerCount} trigger{preview.triggerCount === 1 ? '' : 's'} stop.
                </li>
              )}
              {preview.unfinishedRuns > 0 && (
                <li>
                  {preview.unfinishedRuns} run{preview.unfinishedRuns === 1 ? ' is' : 's are'} not
                  finished; {preview.unfinishedRuns === 1 ? 'it goes' : 'they go'} on.
                </li>
              )}
              <li>You can undo this for {preview.undoDays} days (Tasks → Recently deleted).</li>
            </ul>
          )}
          {count > 0 && (
            <section aria-labelledby="unmerged-heading" className="unmerged-branches">
              <h3 id="unmerged-heading">
                {count} unmerged branch{plural}{' '}
                {removeBranches ? 'will be deleted' : 'will be kept'}
              </h3>
              <ul>
                {branches.map((branch) => (
                  <li key={branch.branch}>
                    <span className="path">{branch.branch}</span>{' '}
                    <span className="quiet">
                      in {branch.repository}: {workWords(branch.commits, branch.uncommittedFiles)}
                    </span>
                  </li>
                ))}
              </ul>
              <p className="quiet">
                Kept branches stay in their repositories. Uncommitted files are committed to their
                branch when the worktree is removed, after the {preview?.undoDays ?? ''} days.
              </p>
              <label className="check-field danger-choice">
                <input
                  type="checkbox"
                  checked={removeBranches}
                  onChange={(event) => setRemoveBranches(event.target.checked)}
                />
                Delete {count} unmerged branch{plural}:{' '}
                {branches.map((branch) => branch.branch).join(', ')}
              </label>
            </section>
          )}
          <ErrorNote error={error} />
        </div>
        <DialogActions dialog={dialog}>
          <button
            type="button"
            className="button danger"
            disabled={busy || preview === null}
            onClick={() => void confirm()}
          >
            {removeBranches ? `Delete task and ${count} branch${plural}` : 'Delete task'}
          </button>
        </DialogActions>
      </dialog>
    </>
  );
}

function workWords(commits: number, files: string[]): string {
  const parts: string[] = [];
  if (commits > 0) parts.push(`${commits} commit${commits === 1 ? '' : 's'} on no other branch`);
  if (files.length > 0) {
    const shown = files.slice(0, 3).join(', ') + (files.length > 3 ? ', …' : '');
    parts.push(`${files.length} uncommitted file${files.length === 1 ? '' : 's'} (${shown})`);
  }
  return parts.join(', ');
}

function deletedText(title: string, result: TaskDeleteResult): string {
  const kept =
    result.keptBranches.length > 0 ? ` Kept its unmerged ${result.keptBranches.join(', ')}.` : '';
  const removed =
    result.removedBranches.length > 0 ? ` Deleted ${result.removedBranches.join(', ')}.` : '';
  return `Deleted “${title}”.${kept}${removed} Undo here, or later from Tasks → Recently deleted.`;
}
