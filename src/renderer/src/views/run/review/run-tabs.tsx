// The run view's two faces: the transcript, and the changes the run made (with its review).
// The tabs appear once there are changes; a run whose review waits for the person opens on them.
import { useState } from 'react';
import { useRunDiff, useRunReview } from './use-run-changes';

export type RunTab = 'transcript' | 'changes';

export function useRunChanges(runId: string, status: string) {
  const diff = useRunDiff(runId, status);
  const review = useRunReview(runId);
  const [chosen, setChosen] = useState<RunTab | null>(null);
  const pending = ['pending', 'conflict', 'blocked'].includes(review.data?.status ?? '');
  const hasChanges = (diff.data?.files.length ?? 0) > 0 || (review.data ?? null) !== null;
  const tab = hasChanges ? (chosen ?? (pending ? 'changes' : 'transcript')) : 'transcript';
  return { diff, review, hasChanges, tab, setTab: setChosen };
}

export function RunTabs(props: { tab: RunTab; onChange: (tab: RunTab) => void }) {
  const tabs: [RunTab, string][] = [
    ['transcript', 'Transcript'],
    ['changes', 'Changes'],
  ];
  return (
    <div className="run-tabs" role="tablist" aria-label="Run">
      {tabs.map(([tab, label]) => (
        <button
          key={tab}
          type="button"
          role="tab"
          aria-selected={props.tab === tab}
          className="run-tab"
          onClick={() => props.onChange(tab)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
