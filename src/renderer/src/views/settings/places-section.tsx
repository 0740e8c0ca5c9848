// Settings → Places: where tasks' runs can happen besides this machine (an SSH host or a
// container). Add a place, test it (for a host, the first test shows the key to accept), delete it.
import { useState, type SyntheticEvent } from 'react';
import type { Place } from '../../../../shared/domain';
import { ApiError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNote, stripFieldPrefix } from '../../components/error-note';
import { TextField } from '../../components/text-field';
import { useApiData } from '../../hooks/use-api-data';
import { ContainerPlaceForm } from './container-place-form';
import { PlaceTest } from './place-test';
import { SelectField } from '../../components/select-field';

interface PlaceFormValues {
  name: string;
  host: string;
  user: string;
  port: string;
  keyPath: string;
  claudePath: string;
  folder: string;
}

const EMPTY: PlaceFormValues = {
  name: '',
  host: '',
  user: '',
  port: '22',
  keyPath: '',
  claudePath: 'claude',
  folder: '',
};

export function PlacesSection() {
  const api = useApi();
  const places = useApiData(() => api.call('places.list', {}), [api]);
  const [values, setValues] = useState(EMPTY);
  const [adding, setAdding] = useState<'ssh' | 'container'>('ssh');
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const set = (field: keyof PlaceFormValues) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }));
  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);

  const add = async (event: SyntheticEvent) => {
    event.preventDefault();
    setError(null);
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65_535) {
      setError({ field: 'port', message: 'use a port number from 1 to 65535' });
      return;
    }
    try {
      const keyPath = values.keyPath.trim();
      await api.call('places.create', {
        name: values.name,
        ssh: {
          host: values.host,
          user: values.user,
          port,
          auth: keyPath ? 'key' : 'agent',
          keyPath: keyPath || null,
          claudePath: values.claudePath,
          folder: values.folder,
        },
      });
      setValues(EMPTY);
      places.reload();
    } catch (failure) {
      const field = failure instanceof ApiError ? (failure.field?.split('.').pop() ?? null) : null;
      const message =
        failure instanceof ApiError
          ? stripFieldPrefix(failure.message, failure.field)
          : String(failure);
      setError({ field, message });
    }
  };
  const remove = async (place: Place) => {
    setError(null);
    try {
      await api.call('places.delete', { placeId: place.id });
    } catch (failure) {
      setError({
        field: null,
        message: failure instanceof Error ? failure.message : String(failure),
      });
    }
    places.reload();
  };

  return (
    <fieldset className="form-section" aria-describedby="places-about">
      <legend>Places</legend>
      <p id="places-about" className="field-hint">
        Where a task&apos;s runs can happen besides this machine: an SSH host with Claude Code
        installed (runs work in the place&apos;s folder there), or a container on this machine (runs
        work in the task&apos;s folder, mounted at the same path). Approvals, questions, cancel and
        costs work as they do here. Choose the place in the task.
      </p>
      <ErrorNote error={places.error} onRetry={places.reload} />
      {places.data && places.data.length > 0 && (
        <ul className="place-list" aria-label="Places">
          {places.data.map((place) => (
            <li key={place.id} aria-label={place.name}>
              <div className="place-head">
                <strong>{place.name}</strong>
                <code>{placeSummary(place)}</code>
                <ConfirmButton
                  label="Delete"
                  title={`Delete the place ${place.name}?`}
                  confirmLabel="Delete place"
                  className="button small danger"
                  onConfirm={() => remove(place)}
                >
                  <p>
                    Its settings and accepted host key are forgotten; runs that ran there keep
                    saying so. A place a task still uses cannot be deleted.
                  </p>
                </ConfirmButton>
              </div>
              <PlaceTest place={place} onChanged={places.reload} />
            </li>
          ))}
        </ul>
      )}
      {places.data?.length === 0 && <p className="quiet">No places yet: runs happen here.</p>}
      <SelectField
        label="Add"
        value={adding}
        options={[
          { value: 'ssh', label: 'An SSH host' },
          { value: 'container', label: 'A container on this machine' },
        ]}
        onChange={setAdding}
      />
      {adding === 'container' && <ContainerPlaceForm onAdded={places.reload} />}
      {adding === 'ssh' && (
        <form className="place-form" aria-label="Add a place" onSubmit={(event) => void add(event)}>
          <div className="field-row">
            <TextField
              label="Name"
              value={values.name}
              onChange={set('name')}
              placeholder="Build server"
              error={fieldError('name')}
            />
            <TextField
              label="Host"
              mono
              value={values.host}
              onChange={set('host')}
              placeholder="build.example.com"
              error={fieldError('host')}
            />
          </div>
          <div className="field-row">
            <TextField
              label="User"
              mono
              value={values.user}
              onChange={set('user')}
              placeholder="alice"
              error={fieldError('user')}
            />
            <TextField
              label="Port"
              mono
              inputMode="numeric"
              value={values.port}
              onChange={set('port')}
              error={fieldError('port')}
            />
          </div>
          <TextField
            label="Private key file"
            mono
            value={values.keyPath}
            onChange={set('keyPath')}
            placeholder="/home/you/.ssh/id_ed25519"
            hint="Leave empty to use the keys of your running ssh-agent."
            error={fieldError('keyPath')}
          />
          <div className="field-row">
            <TextField
              label="Claude Code there"
              mono
              value={values.claudePath}
              onChange={set('claudePath')}
              hint="Its path on the host, or a name on the login PATH."
              error={fieldError('claudePath')}
            />
            <TextField
              label="Folder there"
              mono
              value={values.folder}
              onChange={set('folder')}
              placeholder="/srv/project"
              hint="Runs work in this folder on the host."
              error={fieldError('folder')}
            />
          </div>
          <button type="submit" className="button">
            Add place
          </button>
          {error && error.field === null && <ErrorNote error={error.message} />}
        </form>
      )}
    </fieldset>
  );
}

/** The place in one line: user@host:folder, or the container's engine, image and reach. */
function placeSummary(place: Place): string {
  const { container, ssh } = place;
  if (container) {
    const mounts = container.mounts
      .map((m) => ` ${m.hostPath}→${m.containerPath}${m.readOnly ? ' (read-only)' : ''}`)
      .join(',');
    return `${container.engine} ${container.image}, ${container.network ? 'network' : 'no network'}${container.sealed ? ', sealed' : ''}${mounts ? `;${mounts}` : ''}`;
  }
  return `${ssh.user}@${ssh.host}${ssh.port === 22 ? '' : `:${ssh.port}`}:${ssh.folder}`;
}
