// Settings → Open in: the commands "Open in editor" and "Open in terminal" start on a run's
// folder. Empty: the first found on the machine running Switchboard.
import { useState, type SyntheticEvent } from 'react';
import type { OpenInSettings } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { Field } from '../../components/field';
import { useApiData } from '../../hooks/use-api-data';

export function OpenInSection() {
  const api = useApi();
  const settings = useApiData(() => api.call('settings.get', {}), [api]);
  const loaded = settings.data?.openIn;
  return (
    <fieldset className="form-section open-in-settings">
      <legend>Open in</legend>
      <p className="quiet">
        What the run page’s “Open in editor” and “Open in terminal” start, on the machine running
        Switchboard. <code>{'{folder}'}</code> stands for the run’s folder; without it an editor
        gets the folder as its last argument and a terminal opens in it.
      </p>
      <ErrorNote error={settings.error} onRetry={settings.reload} />
      {loaded && <OpenInForm initial={loaded} />}
    </fieldset>
  );
}

function OpenInForm(props: { initial: OpenInSettings }) {
  const api = useApi();
  const [editor, setEditor] = useState(props.initial.editor ?? '');
  const [terminal, setTerminal] = useState(props.initial.terminal ?? '');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const save = async (event: SyntheticEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const next = await api.call('settings.update', {
        openIn: {
          editor: editor.trim() === '' ? null : editor.trim(),
          terminal: terminal.trim() === '' ? null : terminal.trim(),
        },
      });
      setEditor(next.openIn.editor ?? '');
      setTerminal(next.openIn.terminal ?? '');
      setSaved(true);
    } catch (failure) {
      setError(failure);
    }
  };
  const field = (
    label: string,
    hint: string,
    value: string,
    placeholder: string,
    set: (value: string) => void,
  ) => (
    <Field label={label} hint={hint}>
      {(control) => (
        <input
          id={control.id}
          value={value}
          placeholder={placeholder}
          aria-describedby={control.describedBy}
          onChange={(event) => {
            set(event.target.value);
            setSaved(false);
          }}
        />
      )}
    </Field>
  );
  return (
    <form onSubmit={(event) => void save(event)}>
      {field(
        'Editor',
        'Empty: code, else cursor, else $VISUAL.',
        editor,
        'code --new-window',
        setEditor,
      )}
      {field(
        'Terminal',
        'Empty: the system’s terminal (x-terminal-emulator, gnome-terminal…; Terminal on macOS).',
        terminal,
        'kitty --directory {folder}',
        setTerminal,
      )}
      <p className="away-row">
        <button type="submit" className="button">
          Save open-in commands
        </button>
        {saved && <span className="quiet">Saved.</span>}
      </p>
      <ErrorNote error={error} what="The commands were not saved." />
    </form>
  );
}
