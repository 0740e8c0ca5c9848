// Secrets (API keys and tokens) kept in the OS keychain: names only, add, and delete after asking.
// When the keychain cannot be reached, says why and keeps the form disabled.
import { useState, type SyntheticEvent } from 'react';
import { useApi } from '../../api/api-context';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNote, stripFieldPrefix } from '../../components/error-note';
import { Field } from '../../components/field';
import { TextField } from '../../components/text-field';
import { useApiData } from '../../hooks/use-api-data';
import { ApiError } from '../../../../shared/errors';

export function SecretsSection() {
  const api = useApi();
  const secrets = useApiData(() => api.call('secrets.list', {}), [api]);
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<{ field: 'name' | 'value' | null; message: string } | null>(
    null,
  );
  const state = secrets.data;
  const disabled = state?.available !== true;

  const add = async (event: SyntheticEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const next = await api.call('secrets.set', { name: name.trim(), value });
      secrets.setData(() => next);
      setName('');
      setValue('');
    } catch (failure) {
      const field =
        failure instanceof ApiError && (failure.field === 'name' || failure.field === 'value')
          ? failure.field
          : null;
      const message =
        failure instanceof ApiError
          ? stripFieldPrefix(failure.message, failure.field)
          : String(failure);
      setError({ field, message });
    }
  };
  const remove = async (secretName: string) => {
    try {
      const next = await api.call('secrets.delete', { name: secretName });
      secrets.setData(() => next);
    } catch (failure) {
      setError({ field: null, message: String(failure) });
      secrets.reload();
    }
  };

  return (
    // id: a failed run's "Fix the key in Settings → Secrets" lands here.
    <fieldset id="secrets" tabIndex={-1} className="form-section" aria-describedby="secrets-about">
      <legend>Secrets</legend>
      <p id="secrets-about" className="field-hint">
        API keys and tokens for tasks, kept in the system keychain. Tasks get them as environment
        variables; only names are shown.
      </p>
      <ErrorNote error={secrets.error} onRetry={secrets.reload} />
      {state && !state.available && (
        <div className="notice" role="note">
          <p>
            <strong>No keychain found</strong> — install GNOME Keyring or KWallet (on Linux; macOS
            and Windows have one built in), then restart Switchboard. Until then secrets cannot be
            stored.
          </p>
          {state.reason && (
            <details>
              <summary>Technical detail</summary>
              <p className="error-text">{state.reason}</p>
            </details>
          )}
        </div>
      )}
      {state && state.secrets.length > 0 && (
        <ul className="secret-list" aria-label="Stored secrets">
          {state.secrets.map((secret) => (
            <li key={secret.name}>
              <code>{secret.name}</code>
              <ConfirmButton
                label="Delete"
                title={`Delete ${secret.name}?`}
                confirmLabel="Delete secret"
                className="button small danger"
                disabled={disabled}
                onConfirm={() => remove(secret.name)}
              >
                <p>
                  The value leaves the keychain for good; Switchboard cannot show it again. Tasks
                  that use <code>{secret.name}</code> start without it until it is added again.
                </p>
              </ConfirmButton>
            </li>
          ))}
        </ul>
      )}
      {state?.available && state.secrets.length === 0 && (
        <p className="quiet">No secrets stored yet.</p>
      )}
      <form className="secret-form" onSubmit={(event) => void add(event)}>
        <fieldset disabled={disabled} className="plain">
          <div className="field-row">
            <TextField
              label="Name"
              error={error?.field === 'name' ? error.message : undefined}
              value={name}
              placeholder="GITHUB_TOKEN"
              onChange={setName}
            />
            <Field label="Value" error={error?.field === 'value' ? error.message : undefined}>
              {(control) => (
                <input
                  id={control.id}
                  type="password"
                  value={value}
                  autoComplete="off"
                  aria-describedby={control.describedBy}
                  onChange={(event) => setValue(event.target.value)}
                />
              )}
            </Field>
          </div>
          <button type="submit" className="button">
            Add secret
          </button>
        </fieldset>
        {error && error.field === null && <ErrorNote error={error.message} />}
      </form>
    </fieldset>
  );
}
