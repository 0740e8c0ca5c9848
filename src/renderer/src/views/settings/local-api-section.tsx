// Settings → "Open in a browser": where the local API answers, a copyable sign-in link and a
// button that opens it in the person's browser (the desktop app hands http links to the OS).
import { ErrorNote } from '../../components/error-note';
import { useLocalApi } from '../../hooks/use-local-api';
import { CopyButton } from '../triggers/webhook-secret';

export function LocalApiSection() {
  const localApi = useLocalApi();
  const state = localApi.data;
  return (
    <fieldset className="form-section local-api">
      <legend>Open in a browser</legend>
      <ErrorNote error={localApi.error} onRetry={localApi.reload} />
      {state && !state.enabled && (
        <p className="quiet">The local API is off: webhooks are not answered. Turn it on above.</p>
      )}
      {state?.error && <ErrorNote error={state.error} />}
      {state?.url && state.signInUrl && (
        <>
          <p>
            The panel and the API answer at{' '}
            <code className="path" data-testid="local-api-url">
              {state.url}
            </code>{' '}
            on this computer; webhook URLs start there.
          </p>
          <p className="url-line">
            <a className="button" href={state.signInUrl} target="_blank" rel="noreferrer">
              Open in browser
            </a>
            <CopyButton value={state.signInUrl} label="Copy sign-in link" />
          </p>
          <p className="quiet">
            The link carries the access token: anyone who has it can use Switchboard as you.
          </p>
        </>
      )}
    </fieldset>
  );
}
