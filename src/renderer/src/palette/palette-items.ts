// What the command palette offers: the places, each task (open or run it), runs (recent ones and
// those whose prompt or result matches, each named by what tells it apart and its start time),
// every pending request (allow or deny), and commands (palette-actions). How a typed query picks
// among them is palette-filter's.
import type {
  Approval,
  OpenFolderApp,
  Run,
  RunReview,
  Settings,
  Task,
} from '../../../shared/domain';
import { commandItems, type CommandAction } from './palette-actions';
import { approvalHeadline } from '../approvals/approval-card';
import { oneLine, TRIGGER_LABELS } from '../components/format';
import { runDifferences } from '../components/run-naming';
import { runState } from '../../../shared/run-state';
import { naturalCompare } from '../components/natural-sort';
import { formatMoment } from '../../../shared/time-format';
import { toolSummary } from '../tools/input-fields';
import { EXPORT_CHOICES, type ExportFormat, type ExportScope } from '../views/run/run-export';
import { canOpenFolder, OPEN_FOLDER_LABELS } from '../views/run/open-folder-buttons';

export type PaletteAction =
  | { type: 'go'; path: string }
  | { type: 'run-task'; taskId: string }
  | { type: 'decide'; approvalId: string; decision: 'allow' | 'deny' }
  | { type: 'export'; run: Run; scope: ExportScope; format: ExportFormat }
  | CommandAction
  | { type: 'open-folder'; run: Run; app: OpenFolderApp };

export interface PaletteItem {
  id: string;
  group: 'Needs you' | 'Go to' | 'Tasks' | 'Runs' | 'Actions';
  label: string;
  detail?: string;
  action: PaletteAction;
}

const PLACES: [label: string, path: string][] = [
  ['Home', '/'],
  ['Inbox', '/inbox'],
  ['Tasks', '/tasks'],
  ['Runs', '/runs'],
  ['Search', '/search'],
  ['Costs', '/costs'],
  ['Settings', '/settings'],
  ['New task', '/tasks/new'],
];

export function paletteItems(sources: {
  approvals: readonly Approval[];
  tasks: readonly Task[];
  runs: readonly Run[];
  /** Reviews that need the person (approve is offered for those still open). */
  reviews?: readonly RunReview[];
  /** For the commands that change settings (pause triggers, theme); none until read. */
  settings?: Settings | null;
  /** What is typed: offered as a search over every event of every run. */
  query?: string;
  /** The run on screen, which can be exported, and its folder opened, from here. */
  shownRun?: Run | null;
  /** Places run times ("Mon 17:07") and their states. */
  now: number;
}): PaletteItem[] {
  const { now } = sources;
  const items: PaletteItem[] = [];
  if (sources.shownRun) items.push(...exportItems(sources.shownRun));
  if (sources.shownRun && canOpenFolder(sources.shownRun)) {
    items.push(...openFolderItems(sources.shownRun));
  }
  for (const approval of sources.approvals) {
    const what = approvalSubject(approval);
    const where = `in ${approval.taskTitle}`;
    if (approval.kind === 'folder_trust' || approval.kind === 'secret') {
      // Decided only on its card: what would load shown in full, or the secret's masked field.
      items.push({
        id: `trust:${approval.id}`,
        group: 'Needs you',
        label: `Decide: ${what}`,
        detail: where,
        action: { type: 'go', path: `/runs/${approval.runId}` },
      });
      continue;
    }
    if (approval.kind === 'question') {
      items.push({
        id: `answer:${approval.id}`,
        group: 'Needs you',
        label: `Answer: ${what}`,
        detail: where,
        action: { type: 'go', path: `/runs/${approval.runId}` },
      });
      continue;
    }
    items.push(
      {
        id: `allow:${approval.id}`,
        group: 'Needs you',
        label: `Allow: ${what}`,
        detail: where,
        action: { type: 'decide', approvalId: approval.id, decision: 'allow' },
      },
      {
        id: `deny:${approval.id}`,
        group: 'Needs you',
        label: `Deny: ${what}`,
        detail: where,
        action: { type: 'decide', approvalId: approval.id, decision: 'deny' },
      },
    );
  }
  for (const [label, path] of PLACES) {
    items.push({ id: `go:${path}`, group: 'Go to', label, action: { type: 'go', path } });
  }
  const tasks = [...sources.tasks].sort((a, b) => naturalCompare(a.title, b.title));
  for (const task of tasks) {
    items.push(
      {
        id: `task:${task.id}`,
        group: 'Tasks',
        label: `Open task: ${task.title}`,
        action: { type: 'go', path: `/tasks/${task.id}` },
      },
      {
        id: `run-task:${task.id}`,
        group: 'Tasks',
        label: `Run task: ${task.title}`,
        action: { type: 'run-task', taskId: task.id },
      },
    );
  }
  const seen = new Set<string>();
  const runs = sources.runs.filter((run) => !seen.has(run.id) && seen.add(run.id));
  // Runs of one task differ by what they were asked past the prompt they share, what started
  // them and when.
  const differences = runDifferences(runs, 60);
  for (const run of runs) {
    const difference = differences.get(run.id);
    items.push({
      id: `run:${run.id}`,
      group: 'Runs',
      label: `Open run: ${runName(run, difference, now)}`,
      detail: `${runState(run, now).label} · ${TRIGGER_LABELS[run.trigger.kind]}${difference ? '' : ` · ${oneLine(run.prompt, 80)}`}`,
      action: { type: 'go', path: `/runs/${run.id}` },
    });
  }
  items.push(
    ...commandItems({
      runs,
      reviews: sources.reviews ?? [],
      settings: sources.settings ?? null,
      runName: (run) => runName(run, differences.get(run.id), now),
    }),
  );
  // Last, so Enter on what the words name (a task, a run) stays first.
  const words = sources.query?.trim() ?? '';
  if (words) {
    items.push({
      id: 'search-all',
      group: 'Go to',
      label: `Search everything for “${oneLine(words, 60)}”`,
      detail: 'prompts, answers, tool output, file paths, errors',
      action: { type: 'go', path: `/search?${new URLSearchParams({ q: words }).toString()}` },
    });
  }
  return items;
}

/** A run as the palette names it: its task, what tells it apart, and when it started. */
function runName(run: Run, difference: string | undefined, now: number): string {
  const when = formatMoment(run.startedAt ?? run.createdAt, now);
  return difference ? `${run.taskTitle} · ${difference} · ${when}` : `${run.taskTitle} · ${when}`;
}

function approvalSubject(approval: Approval): string {
  if (approval.kind !== 'tool') return approvalHeadline(approval);
  const summary = toolSummary(approval.toolName, approval.input);
  return summary ? `${approval.toolName} ${oneLine(summary, 60)}` : approval.toolName;
}

function exportItems(run: Run): PaletteItem[] {
  const scopes: [ExportScope, string][] = [
    ['run', 'this run'],
    ['thread', 'the whole conversation'],
  ];
  return scopes.flatMap(([scope, what]) =>
    EXPORT_CHOICES.map((choice) => ({
      id: `export:${scope}:${choice.format}`,
      group: 'Go to' as const,
      label: `Export ${what} as ${choice.label}`,
      detail: run.taskTitle,
      action: { type: 'export' as const, run, scope, format: choice.format },
    })),
  );
}

function openFolderItems(run: Run): PaletteItem[] {
  return (['editor', 'terminal'] as const).map((app) => ({
    id: `open-folder:${app}`,
    group: 'Go to' as const,
    label: `${OPEN_FOLDER_LABELS[app]}: this run's folder`,
    detail: run.workdir ?? run.taskTitle,
    action: { type: 'open-folder' as const, run, app },
  }));
}
