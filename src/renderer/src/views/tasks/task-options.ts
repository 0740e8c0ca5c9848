// Words for the task options a person chooses from.
import {
  DEFAULT_RUN_POLICY,
  type Isolation,
  type OverlapPolicy,
  type PermissionMode,
  type RunPolicy,
} from '../../../../shared/domain';
import type { AutoChoice, ReviewChoice } from './task-form-model';

export const PERMISSION_MODE_LABELS: Record<PermissionMode, string> = {
  default: 'Ask before every change and every shell command',
  acceptEdits: 'Allow file edits in the folder, ask for the rest',
  plan: 'Plan only (no changes until you approve the plan)',
  dontAsk: 'Never ask: refuse what is not allowed below',
  bypassPermissions: 'Allow everything without asking (risky)',
};

/** Exactly what each mode lets through, as Switchboard enforces it (docs/permissions.md). */
export const PERMISSION_MODE_RULES: Record<PermissionMode, string> = {
  default:
    'Reading and searching go through. Every shell command, every file change and every other tool asks you, unless the allowed tools below or an "Always allow" rule cover it.',
  acceptEdits:
    'Reading and searching go through, and so do file edits (Write, Edit, NotebookEdit) inside the task’s folder. Every shell command asks, even one that only moves or deletes files; so do edits outside the folder and other tools, unless a rule covers them.',
  plan: 'The agent may only read and search until you approve its plan; file changes, shell commands and other tools are refused, and it is told it is planning. Once approved it works in the default mode from Settings.',
  dontAsk:
    'Reading and searching go through. Anything else runs only when the allowed tools below cover it, and is refused otherwise; nothing asks.',
  bypassPermissions:
    'Everything runs without asking, shell commands included. Claude Code refuses this mode when Switchboard runs as root.',
};

export const ISOLATION_LABELS: Record<Isolation, string> = {
  none: 'Work in the folder itself',
  worktree: 'Work in a separate git worktree',
};

export const OVERLAP_LABELS: Record<OverlapPolicy, string> = {
  skip: 'Skip the new run',
  queue: 'Queue it until the earlier run ends',
  parallel: 'Run both at once',
};

/** Model aliases Claude Code understands; any full model id works too. */
export const MODEL_SUGGESTIONS = ['sonnet', 'opus', 'haiku'];

export const REVIEW_LABELS: Record<ReviewChoice, string> = {
  auto: 'For worktree tasks and scheduled, watched or webhook runs',
  on: 'After every run',
  off: 'Never',
};

export const AUTO_RESUME_LABELS: Record<AutoChoice, string> = {
  auto: 'Only runs started by a schedule, a watch or a webhook',
  on: 'Every run of this task',
  off: 'Never: I resume them myself',
};

/** The run policy in a few words for the task's page; the defaults go unsaid. */
export function runPolicyWords(policy: RunPolicy): string[] {
  const words: string[] = [];
  if (policy.autoResume === true) words.push('resumes every interrupted run by itself');
  if (policy.autoResume === false) words.push('never resumes interrupted runs by itself');
  if (policy.transientRetries !== DEFAULT_RUN_POLICY.transientRetries) {
    const times = policy.transientRetries;
    words.push(
      times === 0
        ? 'no retries after API errors'
        : `${times} ${times === 1 ? 'retry' : 'retries'} after API errors`,
    );
  }
  if (policy.approvalTimeoutMinutes !== null) {
    words.push(`requests denied after ${policy.approvalTimeoutMinutes} min`);
  }
  return words;
}
