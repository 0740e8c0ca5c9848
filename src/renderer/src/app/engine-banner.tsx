// The desktop app's banner while its engine host is down or restarting: what happened, in the
// main process's words. Calls meanwhile fail with the same message; nothing waits on a dead host.
import { useState } from 'react';
import type { EngineStatus } from '../../../shared/domain';
import { usePushEvents } from '../api/api-context';

export function EngineBanner() {
  const [status, setStatus] = useState<EngineStatus | null>(null);
  usePushEvents((event) => {
    if (event.type === 'engine.status') setStatus(event.payload);
  });
  if (status === null || status.state === 'running' || status.state === 'stopped') return null;
  return (
    <div className={`engine-banner ${status.state}`} role="alert" data-testid="engine-banner">
      {status.message ?? 'The engine is starting…'}
    </div>
  );
}
