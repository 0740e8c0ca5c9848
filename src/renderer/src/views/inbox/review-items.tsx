// Finished runs whose changes wait for the person's review, listed in the inbox (oldest first),
// each opening the run on its changes.
import type { RunReview } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { formatAgo } from '../../components/format';
import { useApiData } from '../../hooks/use-api-data';
import { useNow } from '../../hooks/use-now';
import { Link } from '../../router/router';

export function usePendingReviews() {
  const api = useApi();
  return useApiData<RunReview[]>(
    () => api.call('reviews.list', { status: 'pending' }),
    [],
    (event) => event.type === 'review.updated',
  );
}

export function ReviewItems(props: { reviews: RunReview[] }) {
  const now = useNow(30_000);
  if (props.reviews.length === 0) return null;
  return (
    <section className="review-items" aria-label="Changes to review">
      <h2>Changes to review</h2>
      <div className="card-list">
        {props.reviews.map((review) => (
          <article
            key={review.runId}
            className="approval-card review-item"
            data-review-run={review.runId}
          >
            <header className="approval-head">
              <span className="approval-icon" aria-hidden="true">
                ±
              </span>
              <h3 className="approval-title">
                {review.fileCount} file{review.fileCount === 1 ? '' : 's'} changed
                {review.mode === 'worktree' && review.baseBranch
                  ? `, to merge into ${review.baseBranch}`
                  : ''}
              </h3>
              <span className="approval-age">{formatAgo(review.createdAt, now)}</span>
            </header>
            <p className="approval-run">
              in <span className="task-name">{review.taskTitle}</span>{' '}
              <Link to={`/runs/${review.runId}`} className="button small">
                Review changes
              </Link>
            </p>
          </article>
        ))}
      </div>
    </section>
  );
}
