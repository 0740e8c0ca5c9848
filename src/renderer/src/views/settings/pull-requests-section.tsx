// Settings → Pull requests: which GitHub API "Open pull request" talks to (github.com, or a GitHub
// Enterprise server), and where its token comes from.
import { useState, type SyntheticEvent } from 'react';
import { useApi } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { Field } from '../../components/field';
import { useApiData } from '../../hooks/use-api-data';

export function PullRequestsSection() {
  const api = useApi();
  const settings = useApiData(() => api.call('settings.get', {}), [api]);
  const loaded = settings.data?.pullRequests.apiUrl;
  return (
    <fieldset className="form-section pull-requests-settings">
      <legend>Pull requests</legend>
      <p className="quiet">
        “Open pull request” on a worktree run pushes its branch to the repository’s remote with your
        own git login, then opens the pull request with the token kept as the secret{' '}
        <code>GITHUB_TOKEN</code> (add it under Secrets), or, without one, the token of a signed-in{' '}
        <code>gh</code>.
      </p>
      <ErrorNote error={settings.error} onRetry={settings.reload} />
      {loaded !== undefined && <ApiUrlForm initial={loaded} />}
    </fieldset>
  );
}

function ApiUrlForm(props: { initial: string }) {
  const api = useApi();
  const [apiUrl, setApiUrl] = useState(props.initial);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const save = async (event: SyntheticEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const next = await api.call('settings.update', { pullRequests: { apiUrl: apiUrl.trim() } });
      setApiUrl(next.pullRequests.apiUrl);
      setSaved(true);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form onSubmit={(event) => void save(event)}>
      <Field
        label="GitHub API"
        hint="https://api.github.com for github.com; for GitHub Enterprise, https://<your server>/api/v3."
      >
        {(control) => (
          <input
            id={control.id}
            type="url"
            value={apiUrl}
            aria-describedby={control.describedBy}
            onChange={(event) => {
              setApiUrl(event.target.value);
              setSaved(false);
            }}
          />
        )}
      </Field>
      <p className="away-row">
        <button type="submit" className="button">
          Save GitHub API
        </button>
        {saved && <span className="quiet">Saved.</span>}
      </p>
      <ErrorNote error={error} what="The GitHub API address was not saved." />
    </form>
  );
}
