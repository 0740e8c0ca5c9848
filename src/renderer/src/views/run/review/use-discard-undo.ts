// Discards said in a toast with Undo: the review's own message says what the discard did, and
// Undo (runs.undoDiscard) says what it put back. The review bar and "Take back this change" on a
// hunk header (a discard of that hunk alone) both offer it this way.
import type { Run } from '../../../../../shared/domain';
import { useApi } from '../../../api/api-context';
import { useDecisionUndo } from '../../../approvals/decision-undo';
import { useRunAction } from '../use-run-action';

export function useDiscardUndo(runId: string, afterUndo: () => void = () => undefined) {
  const api = useApi();
  const { offerUndo } = useDecisionUndo();
  const messageNow = async (fallback: string) =>
    (await api.call('reviews.list', { runId }))[0]?.message ?? fallback;
  const undo = async () => {
    await api.call('runs.undoDiscard', { runId });
    afterUndo();
    return messageNow('The discard was undone.');
  };
  /** After a discard: its message in a toast, with Undo. */
  const offer = async (fallback: string) => offerUndo(await messageNow(fallback), undo);
  return { undo, offer };
}

export function useTakeBack(run: Run, reload: () => void) {
  const api = useApi();
  const discardUndo = useDiscardUndo(run.id, reload);
  const { busy, error, act } = useRunAction();
  const takeBack = (path: string, hunk: number) =>
    act(async () => {
      await api.call('runs.review', {
        runId: run.id,
        decision: 'discard',
        files: [path],
        hunks: [{ path, hunks: [hunk] }],
      });
      reload();
      await discardUndo.offer('Took back the change.');
    });
  return { takeBack, busy, error };
}
