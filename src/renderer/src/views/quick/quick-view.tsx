// /quick: the tray's "Quick task…" window. A prompt, a folder, Run; then a link to the run.
import { useState, type SyntheticEvent } from 'react';
import type { Run } from '../../../../shared/domain';
import { ApiError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { errorMessage, stripFieldPrefix } from '../../components/error-note';
import { Field } from '../../components/field';
import { FolderInput } from '../../components/folder-field';
import { Link } from '../../router/router';
import { startQuickRun } from './start-quick-run';

const LAST_FOLDER_KEY = 'switchboard.quick.lastFolder';

export function QuickView() {
  const api = useApi();
  const [prompt, setPrompt] = useState('');
  const [cwd, setCwd] = useState(() => localStorage.getItem(LAST_FOLDER_KEY) ?? '');
  const [errors, setErrors] = useState<{ prompt?: string; cwd?: string; other?: string }>({});
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState<Run | null>(null);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const found = {
      ...(prompt.trim() ? {} : { prompt: 'Write what the agent should do.' }),
      ...(cwd.trim() ? {} : { cwd: 'Choose a working folder.' }),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const run = await startQuickRun(api, { prompt, cwd, trigger: 'tray' });
      localStorage.setItem(LAST_FOLDER_KEY, cwd.trim());
      setStarted(run);
      setPrompt('');
    } catch (error) {
      if (error instanceof ApiError && error.field === 'cwd')
        setErrors({ cwd: stripFieldPrefix(error.message, 'cwd') });
      else setErrors({ other: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="quick">
      <h1>Quick task</h1>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <Field label="What should Claude do?" error={errors.prompt}>
          {(control) => (
            <textarea
              id={control.id}
              rows={4}
              value={prompt}
              autoFocus
              aria-describedby={control.describedBy}
              aria-invalid={control.invalid || undefined}
              onChange={(event) => setPrompt(event.target.value)}
            />
          )}
        </Field>
        <Field label="In folder" error={errors.cwd}>
          {(control) => (
            <FolderInput
              id={control.id}
              value={cwd}
              onChange={setCwd}
              describedBy={control.describedBy}
              invalid={control.invalid}
            />
          )}
        </Field>
        {errors.other && (
          <p className="field-error" role="alert">
            {errors.other}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            Run
          </button>
          {started && (
            <p role="status" className="quick-started">
              Started “{started.taskTitle}”. <Link to={`/runs/${started.id}`}>Open the run →</Link>
            </p>
          )}
        </div>
      </form>
    </main>
  );
}
