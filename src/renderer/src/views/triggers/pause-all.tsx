// While every trigger of every task is paused (settings.triggers.paused): a banner on the task
// page with Resume and a link to Settings, where pausing lives. Follows settings.updated.
import { useState } from 'react';
import { useApi, usePushEvents } from '../../api/api-context';
import { ErrorNote } from '../../components/error-note';
import { useApiData } from '../../hooks/use-api-data';
import { Link } from '../../router/router';

export function useTriggersPaused(): {
  paused: boolean | undefined;
  setPaused: (paused: boolean) => Promise<void>;
  error: unknown;
} {
  const api = useApi();
  const settings = useApiData(() => api.call('settings.get', {}), [api]);
  const [error, setError] = useState<unknown>(undefined);
  usePushEvents((event) => {
    if (event.type === 'settings.updated') settings.setData(() => event.payload);
  });
  const setPaused = async (paused: boolean) => {
    setError(undefined);
    try {
      const next = await api.call('settings.update', { triggers: { paused } });
      settings.setData(() => next);
    } catch (failure) {
      setError(failure);
    }
  };
  return { paused: settings.data?.triggers.paused, setPaused, error: error ?? settings.error };
}

export function PausedBanner(props: {
  paused: boolean | undefined;
  onResume: () => void;
  error: unknown;
}) {
  return (
    <>
      {props.paused === true && (
        <div className="triggers-paused" role="status">
          <div>
            <strong>All triggers paused</strong>
            <span>
              No schedule, folder watch or webhook starts a run, for any task. Slots that pass now
              are not made up later. Pause and resume them in <Link to="/settings">Settings</Link>{' '}
              or from the tray.
            </span>
          </div>
          <button type="button" className="button primary" onClick={props.onResume}>
            Resume
          </button>
        </div>
      )}
      <ErrorNote error={props.error} />
    </>
  );
}
