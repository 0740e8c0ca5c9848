// The run view's two faces: the transcript, and the changes the run made (with its review).
// A run whose review waits for the person opens on its changes.
import { useState } from 'react';
import { useRunReview } from './use-run-changes';

export type RunTab = 'transcript' | 'changes';

export function useRunTab(runId: string): [RunTab, (tab: RunTab) => void] {
  const review = useRunReview(runId);
  const [chosen, setChosen] = useState<RunTab | null>(null);
  const pending = review.data?.status === 'pending' || review.data?.status === 'conflict';
  return [chosen ?? (pending ? 'changes' : 'transcript'), setChosen];
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
