// A run's diff and review, loaded through the API and kept current from pushes.
import type { RunDiff, RunReview } from '../../../../../shared/domain';
import { useApi, usePushEvents } from '../../../api/api-context';
import { useApiData } from '../../../hooks/use-api-data';

export function useRunDiff(runId: string, status: string) {
  const api = useApi();
  return useApiData<RunDiff>(
    () => api.call('runs.diff', { runId }),
    // A run's diff is complete once it ends; a decision (discard) may also change what is there.
    [runId, status],
    (event) => event.type === 'review.updated' && event.payload.runId === runId,
  );
}

export function useRunReview(runId: string) {
  const api = useApi();
  const review = useApiData<RunReview | null>(
    async () => (await api.call('reviews.list', { runId }))[0] ?? null,
    [runId],
  );
  const { setData } = review;
  // Pushes carry the whole review, so no reload is needed.
  usePushEvents((event) => {
    if (event.type === 'review.updated' && event.payload.runId === runId) {
      setData(() => event.payload);
    }
  });
  return review;
}
