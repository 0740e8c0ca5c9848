// Taking back one change (a hunk) of a file only the run changed, from its header in the diff:
// a discard of that hunk alone, said in a toast with Undo like any other discard.
import type { Run } from '../../../../../shared/domain';
import { useApi } from '../../../api/api-context';
import { useDecisionUndo } from '../../../approvals/decision-undo';
import { useRunAction } from '../use-run-action';

export function useTakeBack(run: Run, reload: () => void) {
  const api = useApi();
  const { offerUndo } = useDecisionUndo();
  const { busy, error, act } = useRunAction();
  const messageNow = async (fallback: string) =>
    (await api.call('reviews.list', { runId: run.id }))[0]?.message ?? fallback;
  const undo = async () => {
    await api.call('runs.undoDiscard', { runId: run.id });
    reload();
    return messageNow('The discard was undone.');
  };
  const takeBack = (path: string, hunk: number) =>
    act(async () => {
      await api.call('runs.review', {
        runId: run.id,
        decision: 'discard',
        files: [path],
        hunks: [{ path, hunks: [hunk] }],
      });
      reload();
      offerUndo(await messageNow('Took back the change.'), undo);
    });
  return { takeBack, busy, error };
}
