// What "needs you" means, once for every place that counts it (Home's Needs you, the inbox and
// its badge, the tray, the notifications): each pending request (a tool, a plan) or question, and
// each review waiting for a decision — pending, or sent back while its follow-up has no review
// of its own yet (sent-back work stays in view until there is something new to look at).
import type { Approval, RunReview } from './domain';

export function approvalNeedsYou(approval: Pick<Approval, 'status'>): boolean {
  return approval.status === 'pending';
}

/** `reviewOf` finds another run's review (the follow-up's), if it has one. */
export function reviewNeedsYou(
  review: Pick<RunReview, 'status' | 'followUpRunId'>,
  reviewOf: (runId: string) => Pick<RunReview, 'status'> | undefined,
): boolean {
  if (review.status === 'pending') return true;
  if (review.status !== 'changes_requested' || review.followUpRunId === null) return false;
  return reviewOf(review.followUpRunId) === undefined;
}

/** The one count: requests and questions plus reviews, each already known to need the person. */
export function needsYouCount(items: { approvals: number; reviews: number }): number {
  return items.approvals + items.reviews;
}
