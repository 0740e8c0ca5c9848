// The "new run" draft for dropped files: run an existing task with them attached, or start a new
// one (a single dropped folder becomes its working folder). Trigger 'drop'. Escape closes it,
// asking first once instructions were typed.
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { useApi } from '../../api/api-context';
import { DialogActions } from '../../components/dialog-actions';
import { useDiscardQuestion } from '../../components/discard-dialog';
import { ErrorNote } from '../../components/error-note';
import { Field } from '../../components/field';
import { FolderInput } from '../../components/folder-field';
import { useApiData } from '../../hooks/use-api-data';
import { navigate } from '../../router/router';
import { startQuickRun } from '../quick/start-quick-run';
import type { DroppedPath } from './use-file-drop';

function parentFolder(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut > 0 ? path.slice(0, cut) : path;
}

export function DropDialog(props: { dropped: DroppedPath[]; onClose: () => void }) {
  const api = useApi();
  const dialog = useRef<HTMLDialogElement>(null);
  const tasks = useApiData(() => api.call('tasks.list', {}), [api]);
  const single = props.dropped.length === 1 ? props.dropped[0] : undefined;
  const folderOnly = single?.isFolder === true;
  const [mode, setMode] = useState<'existing' | 'new'>('new');
  const [chosenTaskId, setTaskId] = useState('');
  const [prompt, setPrompt] = useState('');
  const [cwd, setCwd] = useState(() =>
    single?.isFolder ? single.path : parentFolder(props.dropped[0]?.path ?? ''),
  );
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const discard = useDiscardQuestion('The instructions you typed for this run have not been used.');

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const taskId = chosenTaskId || (tasks.data?.[0]?.id ?? '');
  const files = props.dropped.map((item) => item.path);
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const run =
        mode === 'existing'
          ? await api.call('tasks.run', {
              taskId,
              files,
              trigger: 'drop',
              ...(prompt.trim() ? { prompt } : {}),
            })
          : await startQuickRun(api, {
              prompt,
              cwd,
              files: folderOnly ? [] : files,
              trigger: 'drop',
            });
      props.onClose();
      navigate(`/runs/${run.id}`);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="dialog drop-dialog"
      aria-label="New run with dropped files"
      onClose={props.onClose}
      onCancel={(event) => {
        // Only the dialog's own Escape: the discard question inside it cancels on its own.
        if (event.target !== event.currentTarget || !prompt.trim()) return;
        event.preventDefault();
        void discard.confirmDiscard().then((leave) => {
          if (leave) dialog.current?.close();
        });
      }}
    >
      {discard.dialog}
      <h2>New run</h2>
      <ul className="dropped-list" aria-label="Dropped">
        {props.dropped.map((item) => (
          <li key={item.path} className="path">
            {item.isFolder ? '📁 ' : ''}
            {item.path}
          </li>
        ))}
      </ul>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <div className="radio-group" role="radiogroup" aria-label="Which task">
          <label className="switch">
            <input type="radio" checked={mode === 'new'} onChange={() => setMode('new')} />
            <span>A new task</span>
          </label>
          <label className="switch">
            <input
              type="radio"
              checked={mode === 'existing'}
              disabled={!tasks.data?.length}
              onChange={() => setMode('existing')}
            />
            <span>An existing task</span>
          </label>
        </div>
        {mode === 'existing' && (
          <Field label="Task">
            {(control) => (
              <select
                id={control.id}
                value={taskId}
                onChange={(event) => setTaskId(event.target.value)}
              >
                {(tasks.data ?? []).map((task) => (
                  <option key={task.id} value={task.id}>
                    {task.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field
          label={
            mode === 'new' ? 'What should Claude do with them?' : 'Extra instructions (optional)'
          }
        >
          {(control) => (
            <textarea
              id={control.id}
              rows={3}
              value={prompt}
              onChange={(event) => setPrompt(event.target.value)}
            />
          )}
        </Field>
        {mode === 'new' && (
          <Field label="Working folder">
            {(control) => <FolderInput id={control.id} value={cwd} onChange={setCwd} />}
          </Field>
        )}
        <ErrorNote error={error} />
        <DialogActions dialog={dialog}>
          <button
            type="submit"
            className="button primary"
            disabled={busy || (mode === 'new' && !prompt.trim())}
          >
            Start run
          </button>
        </DialogActions>
      </form>
    </dialog>
  );
}
