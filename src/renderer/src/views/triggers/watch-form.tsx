// Adding a folder watch: the folder (Browse… in the desktop app), which files count, which to
// ignore, and which kinds of change start a run.
import { useState, type SyntheticEvent } from 'react';
import { WATCH_EVENTS, type Trigger, type WatchEvent } from '../../../../shared/domain';
import { ApiError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { stripFieldPrefix } from '../../components/error-note';
import { Field } from '../../components/field';
import { FolderInput } from '../../components/folder-field';
import { TextField } from '../../components/text-field';
import { FormActions } from './form-actions';
import { TriggerFormFrame } from './trigger-form-frame';
import { WATCH_EVENT_LABELS } from './trigger-format';

type WatchField = 'path' | 'glob' | 'ignore' | 'events';
type WatchErrors = Partial<Record<WatchField, string>>;

const isWatchField = (field: string | undefined): field is WatchField =>
  field === 'path' || field === 'glob' || field === 'ignore' || field === 'events';

/** `taskFolder`: the task's own folder, offered in one click (the usual thing to watch). */
export function WatchForm(props: {
  taskId: string;
  taskFolder: string;
  onDone: (created?: Trigger) => void;
}) {
  const api = useApi();
  const [path, setPath] = useState('');
  const [glob, setGlob] = useState('');
  const [ignore, setIgnore] = useState('');
  const [events, setEvents] = useState<WatchEvent[]>(['add', 'change']);
  const [errors, setErrors] = useState<WatchErrors>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const dirty =
    path.trim() !== '' ||
    glob.trim() !== '' ||
    ignore.trim() !== '' ||
    events.join() !== ['add', 'change'].join();

  const toggleEvent = (event: WatchEvent, on: boolean) => {
    setEvents((current) =>
      WATCH_EVENTS.filter((name) => (name === event ? on : current.includes(name))),
    );
    setErrors((current) => ({ ...current, events: undefined }));
  };

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const found: WatchErrors = {};
    if (!path.trim()) found.path = 'Choose a folder to watch.';
    if (events.length === 0) found.events = 'Choose at least one kind of change.';
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const ignorePatterns = ignore
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    try {
      const created = await api.call('triggers.create', {
        taskId: props.taskId,
        kind: 'watch',
        path: path.trim(),
        ...(glob.trim() ? { glob: glob.trim() } : {}),
        ...(ignorePatterns.length > 0 ? { ignore: ignorePatterns } : {}),
        events,
      });
      props.onDone(created);
    } catch (failure) {
      // The server names fields like "ignore.0"; the first part is the form's field.
      const field = failure instanceof ApiError ? failure.field?.split('.')[0] : undefined;
      if (failure instanceof ApiError && isWatchField(field))
        setErrors({ [field]: stripFieldPrefix(failure.message, failure.field) });
      else setFormError(failure);
      setBusy(false);
    }
  };

  return (
    <TriggerFormFrame
      title="New folder watch"
      unsaved="The folder watch you set up has not been added."
      dirty={dirty}
      onSubmit={submit}
      onClose={() => props.onDone()}
    >
      <Field
        label="Folder to watch"
        error={errors.path}
        hint="Watched with everything inside it. .git and node_modules are always left out."
      >
        {(control) => (
          <>
            <FolderInput
              id={control.id}
              value={path}
              describedBy={control.describedBy}
              invalid={control.invalid}
              onChange={(value) => {
                setPath(value);
                setErrors((current) => ({ ...current, path: undefined }));
              }}
            />
            {path.trim() !== props.taskFolder && (
              <button
                type="button"
                className="button small use-task-folder"
                onClick={() => {
                  setPath(props.taskFolder);
                  setErrors((current) => ({ ...current, path: undefined }));
                }}
              >
                Use the task’s folder <code>{props.taskFolder}</code>
              </button>
            )}
          </>
        )}
      </Field>
      <div className="field-row">
        <TextField
          label="Only files matching (optional)"
          error={errors.glob}
          hint={
            <>
              A pattern such as <code>*.md</code> (any depth) or <code>docs/**/*.md</code>. Empty:
              every file.
            </>
          }
          mono
          value={glob}
          placeholder="*.md"
          onChange={setGlob}
        />
        <Field
          label="Ignore (optional)"
          error={errors.ignore}
          hint="One pattern a line, e.g. *.tmp or build/**"
        >
          {(control) => (
            <textarea
              id={control.id}
              className="mono"
              rows={2}
              value={ignore}
              spellCheck={false}
              aria-describedby={control.describedBy}
              aria-invalid={control.invalid || undefined}
              onChange={(event) => setIgnore(event.target.value)}
            />
          )}
        </Field>
      </div>
      <fieldset className="plain watch-events" aria-describedby="watch-events-error">
        <legend>Start a run when</legend>
        {WATCH_EVENTS.map((name) => (
          <label key={name} className="switch">
            <input
              type="checkbox"
              checked={events.includes(name)}
              onChange={(event) => toggleEvent(name, event.target.checked)}
            />
            <span>{WATCH_EVENT_LABELS[name]}</span>
          </label>
        ))}
        {errors.events && (
          <p className="field-error" id="watch-events-error" role="alert">
            {errors.events}
          </p>
        )}
      </fieldset>
      <p className="field-hint">
        Changes are gathered until the folder has been quiet for a moment; then one run starts with
        the changed files listed in its prompt. What the task’s own run changes is not counted.
      </p>
      <FormActions
        label="Add folder watch"
        busy={busy}
        error={formError}
        onCancel={() => props.onDone()}
      />
    </TriggerFormFrame>
  );
}
