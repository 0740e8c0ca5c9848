// Finished runs whose changes wait for the person's review, listed in the inbox (oldest first),
// each opening the run on its changes. A review sent back stays listed until its follow-up has a
// review of its own (the shared needs-you definition), so sent-back work is never lost from view.
import type { RunReview } from '../../../../shared/domain';
import { itemProps } from '../../approvals/item-focus';
import { formatAgo } from '../../components/format';
import { useNow } from '../../hooks/use-now';
import { Link } from '../../router/router';
import { reviewItemId } from './inbox-items';

export function ReviewItems(props: {
  reviews: RunReview[];
  selectedId?: string;
  onSelect?: (itemId: string) => void;
}) {
  const now = useNow(30_000);
  if (props.reviews.length === 0) return null;
  return (
    <section className="review-items" aria-label="Changes to review">
      <h2>Changes to review</h2>
      <div className="card-list">
        {props.reviews.map((review) => {
          const id = reviewItemId(review.runId);
          const selected = id === props.selectedId;
          return (
            <article
              key={review.runId}
              className={
                selected ? 'approval-card review-item selected' : 'approval-card review-item'
              }
              data-review-run={review.runId}
              {...itemProps(id)}
              aria-current={selected || undefined}
              onFocusCapture={() => props.onSelect?.(id)}
              onMouseDown={() => props.onSelect?.(id)}
            >
              <header className="approval-head">
                <span className="approval-icon" aria-hidden="true">
                  ±
                </span>
                <h3 className="approval-title">{reviewTitle(review)}</h3>
                <span className="approval-age">{formatAgo(review.createdAt, now)}</span>
              </header>
              <p className="approval-run">
                in <span className="task-name">{review.taskTitle}</span>{' '}
                <Link to={`/runs/${review.runId}`} className="button small">
                  Review changes
                </Link>
                {review.status === 'changes_requested' && review.followUpRunId && (
                  <>
                    {' '}
                    <Link to={`/runs/${review.followUpRunId}`} className="button small">
                      Open the follow-up
                    </Link>
                  </>
                )}
              </p>
            </article>
          );
        })}
      </div>
    </section>
  );
}

function reviewTitle(review: RunReview): string {
  const files = `${review.fileCount} file${review.fileCount === 1 ? '' : 's'} changed`;
  if (review.status === 'changes_requested') {
    return `${files}, sent back: the follow-up has no changes of its own to review yet`;
  }
  const merge =
    review.mode === 'worktree' && review.baseBranch ? `, to merge into ${review.baseBranch}` : '';
  return files + merge;
}
