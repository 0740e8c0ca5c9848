// The palette's commands beyond going somewhere: stop a run that is going, pause or resume every
// trigger, approve a review that waits, and choose the theme. Each label says what Enter does;
// palette-items lists them with the rest, command-palette does them.
import {
  ACTIVE_STATUSES,
  THEME_CHOICES,
  type Run,
  type RunReview,
  type Settings,
} from '../../../shared/domain';
import type { SettingsPatch } from '../../../shared/schemas';
import { THEME_LABELS } from '../app/theme';

export type CommandAction =
  | { type: 'stop'; runId: string }
  | { type: 'settings'; patch: SettingsPatch }
  | { type: 'approve'; review: RunReview };

export interface CommandItem {
  id: string;
  group: 'Actions';
  label: string;
  detail?: string;
  action: CommandAction;
}

/** @param runName how the palette names a run (task, what tells it apart, when). */
export function commandItems(sources: {
  runs: readonly Run[];
  reviews: readonly RunReview[];
  settings: Settings | null;
  runName: (run: Run) => string;
}): CommandItem[] {
  const items: CommandItem[] = [];
  for (const run of sources.runs) {
    if (run.status !== 'queued' && !ACTIVE_STATUSES.includes(run.status)) continue;
    items.push({
      id: `stop:${run.id}`,
      group: 'Actions',
      label: `Stop run: ${sources.runName(run)}`,
      action: { type: 'stop', runId: run.id },
    });
  }
  for (const review of sources.reviews) {
    // Only what the review bar would offer: a review still open, with the run's changes to keep.
    if (review.status !== 'pending' || review.fileCount === 0) continue;
    const files = `${review.fileCount} ${review.fileCount === 1 ? 'file' : 'files'}`;
    items.push({
      id: `approve:${review.runId}`,
      group: 'Actions',
      label:
        review.mode === 'worktree'
          ? `Approve and merge${review.baseBranch ? ` into ${review.baseBranch}` : ''}: ${review.taskTitle}`
          : `Approve changes: ${review.taskTitle}`,
      detail: review.mode === 'worktree' ? `${files} · with Undo` : `${files} · kept as they are`,
      action: { type: 'approve', review },
    });
  }
  const settings = sources.settings;
  if (settings) {
    const paused = settings.triggers.paused;
    items.push({
      id: 'triggers:pause',
      group: 'Actions',
      label: paused ? 'Resume all triggers' : 'Pause all triggers',
      detail: 'schedules, folder watches and webhooks of every task',
      action: { type: 'settings', patch: { triggers: { paused: !paused } } },
    });
    for (const theme of THEME_CHOICES) {
      if (theme === settings.appearance.theme) continue;
      items.push({
        id: `theme:${theme}`,
        group: 'Actions',
        label: `Theme: ${THEME_LABELS[theme]}`,
        detail: 'Settings → Appearance',
        action: { type: 'settings', patch: { appearance: { theme } } },
      });
    }
  }
  return items;
}
