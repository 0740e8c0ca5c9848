// Settings → Places, "Add a container place": the engine (podman or docker), a local image with
// Claude Code in it, extra folders it sees, its network, and whether it is sealed (the only kind
// of place where "Allow everything" runs as root). The task's folder is always mounted.
import { useState, type SyntheticEvent } from 'react';
import type { ContainerMount } from '../../../../shared/domain';
import { ApiError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { ErrorNote, stripFieldPrefix } from '../../components/error-note';
import { Field } from '../../components/field';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';

interface Values {
  name: string;
  engine: 'podman' | 'docker';
  image: string;
  claudePath: string;
  mounts: string;
  network: boolean;
  sealed: boolean;
}

const EMPTY: Values = {
  name: '',
  engine: 'podman',
  image: '',
  claudePath: 'claude',
  mounts: '',
  network: false,
  sealed: false,
};

/** One mount a line: `/here:/there` (read-only) or `/here:/there:rw`. */
export function parseMounts(text: string): ContainerMount[] | string {
  const mounts: ContainerMount[] = [];
  for (const line of text.split('\n').map((entry) => entry.trim())) {
    if (!line) continue;
    const [hostPath = '', containerPath = '', mode = 'ro', ...rest] = line.split(':');
    if (!hostPath || !containerPath || rest.length > 0 || !['ro', 'rw'].includes(mode)) {
      return `"${line}": write /folder/here:/folder/inside, with :rw to let runs write there`;
    }
    mounts.push({ hostPath, containerPath, readOnly: mode === 'ro' });
  }
  return mounts;
}

export function ContainerPlaceForm(props: { onAdded: () => void }) {
  const api = useApi();
  const [values, setValues] = useState(EMPTY);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const set =
    <K extends keyof Values>(field: K) =>
    (value: Values[K]) =>
      setValues((current) => ({ ...current, [field]: value }));
  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);

  const add = async (event: SyntheticEvent) => {
    event.preventDefault();
    setError(null);
    const mounts = parseMounts(values.mounts);
    if (typeof mounts === 'string') {
      setError({ field: 'mounts', message: mounts });
      return;
    }
    try {
      await api.call('places.create', {
        name: values.name,
        kind: 'container',
        container: {
          engine: values.engine,
          image: values.image,
          claudePath: values.claudePath,
          mounts,
          network: values.network,
          sealed: values.sealed,
        },
      });
      setValues(EMPTY);
      props.onAdded();
    } catch (failure) {
      const path = failure instanceof ApiError ? (failure.field?.split('.') ?? []) : [];
      const field = path.includes('mounts') ? 'mounts' : (path.pop() ?? null);
      const message =
        failure instanceof ApiError
          ? stripFieldPrefix(failure.message, failure.field)
          : String(failure);
      setError({ field, message });
    }
  };

  return (
    <form
      className="place-form"
      aria-label="Add a container place"
      onSubmit={(event) => void add(event)}
    >
      <div className="field-row">
        <TextField
          label="Name"
          value={values.name}
          onChange={set('name')}
          placeholder="Sealed box"
          error={fieldError('name')}
        />
        <SelectField
          label="Engine"
          value={values.engine}
          options={[
            { value: 'podman', label: 'Podman' },
            { value: 'docker', label: 'Docker' },
          ]}
          onChange={set('engine')}
        />
      </div>
      <div className="field-row">
        <TextField
          label="Image"
          mono
          value={values.image}
          onChange={set('image')}
          placeholder="localhost/claude-box:1"
          hint="An image on this machine: runs never pull it."
          error={fieldError('image')}
        />
        <TextField
          label="Claude Code in the image"
          mono
          value={values.claudePath}
          onChange={set('claudePath')}
          hint="Its path in the image, or a name on the image's PATH."
          error={fieldError('claudePath')}
        />
      </div>
      <Field
        label="Other folders it sees"
        hint="One a line, /folder/here:/folder/inside; read-only unless the line ends in :rw. The task's folder is always there, at the same path, writable."
        error={fieldError('mounts')}
      >
        {(control) => (
          <textarea
            id={control.id}
            className="mono"
            rows={2}
            value={values.mounts}
            aria-describedby={control.describedBy}
            aria-invalid={control.invalid || undefined}
            placeholder="/home/you/.cache/pip:/root/.cache/pip:rw"
            onChange={(event) => set('mounts')(event.target.value)}
          />
        )}
      </Field>
      <label className="switch">
        <input
          type="checkbox"
          checked={values.network}
          onChange={(event) => set('network')(event.target.checked)}
        />
        <span>Network: runs can reach the internet (off: only the API, through Switchboard)</span>
      </label>
      <label className="switch">
        <input
          type="checkbox"
          checked={values.sealed}
          onChange={(event) => set('sealed')(event.target.checked)}
        />
        <span>
          Sealed: this container is a throwaway box, so &ldquo;Allow everything&rdquo; may run in it
          as root
        </span>
      </label>
      <button type="submit" className="button">
        Add container place
      </button>
      {error && error.field === null && <ErrorNote error={error.message} />}
    </form>
  );
}
