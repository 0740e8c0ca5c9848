// The inbox's items of every kind (changes to review, requests, questions, plans; more kinds
// plug in here) in the order shown, and what each key does on each kind. Enter never allows: it
// opens the item's run, or goes to a question's answer. A request takes these keys only once it
// has been on screen long enough (arrival).
import type { Approval, RunReview } from '../../../../shared/domain';
import { justArrived } from '../../approvals/arrival';
import { focusAnswer } from '../../approvals/item-focus';
import { navigate } from '../../router/router';

export type InboxItem =
  | { id: string; kind: 'review'; review: RunReview }
  | { id: string; kind: 'approval'; approval: Approval };

export const reviewItemId = (runId: string) => `review:${runId}`;

export function inboxItems(reviews: readonly RunReview[], approvals: readonly Approval[]) {
  return [
    ...reviews.map((review): InboxItem => ({
      id: reviewItemId(review.runId),
      kind: 'review',
      review,
    })),
    ...approvals.map((approval): InboxItem => ({ id: approval.id, kind: 'approval', approval })),
  ];
}

export interface ItemDecisions {
  allow: (approval: Approval) => void;
  deny: (approval: Approval) => void;
}

/** What a, d and Enter do on an item; undefined: the key does nothing there. */
export function itemKeys(item: InboxItem, decisions: ItemDecisions) {
  if (item.kind === 'review') {
    const open = () => navigate(`/runs/${item.review.runId}`);
    return { allow: undefined, deny: undefined, enter: open };
  }
  const { approval } = item;
  // Just arrived, a request takes no key at all: each was meant for what was there before.
  const ready = (act: () => void) => () => {
    if (!justArrived(approval.id)) act();
  };
  const answer = ready(() => focusAnswer(approval.id));
  // A question and a secret request are answered in their own fields: a goes there.
  if (approval.kind === 'question' || approval.kind === 'secret')
    return { allow: answer, deny: undefined, enter: answer };
  // A folder's settings are trusted only with the card's own buttons, never by a key.
  if (approval.kind === 'folder_trust') return { allow: undefined, deny: undefined, enter: answer };
  return {
    allow: ready(() => decisions.allow(approval)),
    deny: ready(() => decisions.deny(approval)),
    enter: ready(() => navigate(`/runs/${approval.runId}`)),
  };
}
