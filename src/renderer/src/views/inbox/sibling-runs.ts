// Two inbox items from the same task must be told apart: for those, which run each belongs to
// (when it started and what started it), read once per run.
import { useEffect, useMemo, useState } from 'react';
import type { Approval, Run } from '../../../../shared/domain';
import { useApi } from '../../api/api-context';
import { TRIGGER_LABELS } from '../../components/format';
import { formatClock } from '../../../../shared/time-format';

export function runNote(run: Pick<Run, 'startedAt' | 'createdAt' | 'trigger'>): string {
  const at = formatClock(run.startedAt ?? run.createdAt, { seconds: true });
  return `run started ${at}, ${TRIGGER_LABELS[run.trigger.kind]}`;
}

/** A note per approval id, only for items that share their task with another pending item. */
export function useSiblingRunNotes(approvals: readonly Approval[]): ReadonlyMap<string, string> {
  const api = useApi();
  const [runs, setRuns] = useState<ReadonlyMap<string, Run>>(new Map());
  const shared = useMemo(() => {
    const perTask = new Map<string, number>();
    for (const approval of approvals)
      perTask.set(approval.taskId, (perTask.get(approval.taskId) ?? 0) + 1);
    return approvals.filter((approval) => (perTask.get(approval.taskId) ?? 0) > 1);
  }, [approvals]);
  const missing = [...new Set(shared.map((a) => a.runId))].filter((id) => !runs.has(id));
  const missingKey = missing.join(' ');

  useEffect(() => {
    if (missingKey === '') return;
    let current = true;
    void Promise.all(
      missingKey.split(' ').map((runId) => api.call('runs.get', { runId }).catch(() => null)),
    ).then((found) => {
      if (!current) return;
      setRuns((known) => {
        const next = new Map(known);
        for (const run of found) if (run) next.set(run.id, run);
        return next;
      });
    });
    return () => {
      current = false;
    };
  }, [api, missingKey]);

  return useMemo(() => {
    const notes = new Map<string, string>();
    for (const approval of shared) {
      const run = runs.get(approval.runId);
      if (run) notes.set(approval.id, runNote(run));
    }
    return notes;
  }, [shared, runs]);
}
