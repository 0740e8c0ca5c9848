// What the command palette offers: the places, each task (open or run it), runs (recent ones and
// those whose prompt or result matches, each with its start time), and every pending request
// (allow or deny). How a typed query picks among them is palette-filter's.
import type { Approval, Run, Task } from '../../../shared/domain';
import { approvalHeadline } from '../approvals/approval-card';
import { oneLine } from '../components/format';
import { runState } from '../../../shared/run-state';
import { naturalCompare } from '../components/natural-sort';
import { formatMoment } from '../../../shared/time-format';
import { toolSummary } from '../tools/input-fields';
import { EXPORT_CHOICES, type ExportFormat, type ExportScope } from '../views/run/run-export';

export type PaletteAction =
  | { type: 'go'; path: string }
  | { type: 'run-task'; taskId: string }
  | { type: 'decide'; approvalId: string; decision: 'allow' | 'deny' }
  | { type: 'export'; run: Run; scope: ExportScope; format: ExportFormat };

export interface PaletteItem {
  id: string;
  group: 'Needs you' | 'Go to' | 'Tasks' | 'Runs';
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
  /** What is typed: offered as a search over every event of every run. */
  query?: string;
  /** The run on screen, which can be exported from here. */
  shownRun?: Run | null;
  /** Places run times ("Mon 17:07") and their states. */
  now: number;
}): PaletteItem[] {
  const { now } = sources;
  const items: PaletteItem[] = [];
  if (sources.shownRun) items.push(...exportItems(sources.shownRun));
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
  for (const run of sources.runs) {
    if (seen.has(run.id)) continue;
    seen.add(run.id);
    items.push({
      id: `run:${run.id}`,
      group: 'Runs',
      // Runs of one task differ by when they started and what they were asked.
      label: `Open run: ${run.taskTitle} · ${formatMoment(run.startedAt ?? run.createdAt, now)}`,
      detail: `${runState(run, now).label} · ${oneLine(run.prompt, 80)}`,
      action: { type: 'go', path: `/runs/${run.id}` },
    });
  }
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
