// runs.startNow, "run anyway": a held run starts now, a parked run stops waiting, and a run a
// budget stopped continues its session once, in each case without the holds that stopped it.
import { ApiError, notFound } from '../../../shared/errors';
import type { Run } from '../../../shared/domain';
import type { RunQueue } from '../runs/run-queue';
import type { RunService } from '../runs/run-service';
import type { Store } from '../store';
import type { LimitsService } from './limits-service';

interface StartNowDeps {
  store: Store;
  runs: RunService;
  queue: RunQueue;
  limits: LimitsService;
}

export function startNow(deps: StartNowDeps, runId: string): Run {
  const { store, runs, queue, limits } = deps;
  const run = store.runs.get(runId);
  if (!run) throw notFound('run', runId);
  if (run.status === 'queued') {
    limits.allow(runId);
    queue.pump();
    return runs.get(runId);
  }
  if (run.status === 'waiting' && run.parkedUntil !== null) {
    limits.allow(runId);
    limits.parking.release(runId);
    return runs.get(runId);
  }
  if (run.status === 'interrupted' || run.status === 'failed' || run.status === 'cancelled') {
    const next = runs.resume(runId);
    limits.allow(next.id);
    queue.pump();
    return runs.get(next.id);
  }
  throw new ApiError('conflict', `This run is ${run.status}; there is nothing to start.`);
}
