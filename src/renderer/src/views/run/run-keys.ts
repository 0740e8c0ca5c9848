// The run view's keyboard: a allows and d denies the run's oldest pending request (a question's
// a goes to its answer instead), then focus moves to the next one still waiting.
import { useEffect, useRef } from 'react';
import type { Approval } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { isTypingTarget } from '../inbox/inbox-keys';

export function useRunKeys(
  approvals: ReadonlyMap<string, Approval>,
  onError: (e: unknown) => void,
) {
  const api = useApi();
  const latest = useRef({ approvals, onError });
  useEffect(() => {
    latest.current = { approvals, onError };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || event.defaultPrevented) return;
      if (isTypingTarget(event.target) || (event.key !== 'a' && event.key !== 'd')) return;
      const pending = [...latest.current.approvals.values()]
        .filter((approval) => approval.status === 'pending')
        .sort((a, b) => a.createdAt - b.createdAt);
      const first = pending[0];
      if (!first) return;
      event.preventDefault();
      if (first.kind === 'question') {
        if (event.key === 'a') focusApproval(first.id);
        return;
      }
      const decision = event.key === 'a' ? 'allow' : 'deny';
      api.call('approvals.decide', { approvalId: first.id, decision }).then(
        () => {
          const next = pending[1];
          if (next) focusApproval(next.id);
        },
        (failure: unknown) => latest.current.onError(failure),
      );
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);
}

/** Focuses a request's answer (or its first button), wherever the transcript shows it. */
export function focusApproval(approvalId: string): void {
  const card = document.querySelector(`[data-approval-id="${approvalId}"]`);
  const target =
    card?.querySelector<HTMLElement>('[data-answer-focus]') ??
    card?.querySelector<HTMLElement>('button');
  target?.focus();
}
