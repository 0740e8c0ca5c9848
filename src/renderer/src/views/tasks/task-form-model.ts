// The task form's values as strings (what inputs hold), their checks before sending, and the
// conversion to and from the API's task fields.
import type { MethodInput } from '../../../../shared/contract';
import {
  DEFAULT_RUN_POLICY,
  type Isolation,
  type OverlapPolicy,
  type PermissionMode,
  type Task,
} from '../../../../shared/domain';

export interface TaskFormValues {
  title: string;
  prompt: string;
  cwd: string;
  model: string;
  permissionMode: PermissionMode;
  allowedTools: string;
  disallowedTools: string;
  maxTurns: string;
  maxBudgetUsd: string;
  appendSystemPrompt: string;
  secretEnv: string;
  /** Let the session reach the OS keychain (off: only the secrets listed above reach it). */
  keychainAccess: boolean;
  /** Shell commands in Claude Code's sandbox (bubblewrap and socat on Linux). */
  sandbox: boolean;
  /** Library MCP servers this task's runs get. */
  mcpServerIds: string[];
  skills: string[];
  isolation: Isolation;
  overlapPolicy: OverlapPolicy;
  /** auto: on for worktree tasks and scheduled, watched or webhook runs. */
  reviewEachRun: ReviewChoice;
  /** The run policy: auto resumes only scheduled, watched and webhook runs after a restart. */
  autoResume: AutoChoice;
  transientRetries: string;
  /** Empty: a request waits for the person however long. */
  approvalTimeoutMinutes: string;
  /** Where runs happen: a place's id, or empty for this machine. */
  placeId: string;
}

/** A yes/no option whose third choice leaves it to the engine's rule for the run's kind. */
export type AutoChoice = 'auto' | 'on' | 'off';
export type ReviewChoice = AutoChoice;

export type TaskField = keyof TaskFormValues;
export type TaskFormErrors = Partial<Record<TaskField, string>>;
export type TaskFields = MethodInput<'tasks.create'>;

const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

export function emptyValues(defaultPermissionMode: PermissionMode = 'default'): TaskFormValues {
  return {
    title: '',
    prompt: '',
    cwd: '',
    model: '',
    permissionMode: defaultPermissionMode,
    allowedTools: '',
    disallowedTools: '',
    maxTurns: '',
    maxBudgetUsd: '',
    appendSystemPrompt: '',
    secretEnv: '',
    keychainAccess: false,
    sandbox: false,
    mcpServerIds: [],
    skills: [],
    isolation: 'none',
    overlapPolicy: 'skip',
    reviewEachRun: 'auto',
    autoResume: 'auto',
    transientRetries: String(DEFAULT_RUN_POLICY.transientRetries),
    approvalTimeoutMinutes: '',
    placeId: '',
  };
}

export function valuesFromTask(task: Task): TaskFormValues {
  return {
    title: task.title,
    prompt: task.prompt,
    cwd: task.cwd,
    model: task.model ?? '',
    permissionMode: task.permissionMode,
    allowedTools: task.allowedTools.join(', '),
    disallowedTools: task.disallowedTools.join(', '),
    maxTurns: task.maxTurns === null ? '' : String(task.maxTurns),
    maxBudgetUsd: task.maxBudgetUsd === null ? '' : String(task.maxBudgetUsd),
    appendSystemPrompt: task.appendSystemPrompt ?? '',
    secretEnv: task.secretEnv.join(', '),
    keychainAccess: task.keychainAccess,
    sandbox: task.sandbox,
    mcpServerIds: task.mcpServerIds,
    skills: task.skills,
    isolation: task.isolation,
    overlapPolicy: task.overlapPolicy,
    reviewEachRun: choiceOf(task.reviewEachRun),
    autoResume: choiceOf(task.runPolicy.autoResume),
    transientRetries: String(task.runPolicy.transientRetries),
    approvalTimeoutMinutes:
      task.runPolicy.approvalTimeoutMinutes === null
        ? ''
        : String(task.runPolicy.approvalTimeoutMinutes),
    placeId: task.placeId ?? '',
  };
}

function choiceOf(value: boolean | null): AutoChoice {
  return value === null ? 'auto' : value ? 'on' : 'off';
}

function valueOf(choice: AutoChoice): boolean | null {
  return choice === 'auto' ? null : choice === 'on';
}

/** The engine's limits on the run policy (schemas.ts), said in words before they bite. */
export const MAX_RETRIES = 10;
export const MAX_APPROVAL_TIMEOUT_MINUTES = 60 * 24 * 30;

/** Tool lists and secret names: separated by commas or new lines. */
export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

export function validateTask(values: TaskFormValues): TaskFormErrors {
  const errors: TaskFormErrors = {};
  if (!values.title.trim()) errors.title = 'Give the task a title.';
  if (!values.prompt.trim()) errors.prompt = 'Write what the agent should do.';
  if (!values.cwd.trim()) errors.cwd = 'Choose a working folder.';
  else if (!ABSOLUTE_PATH.test(values.cwd.trim()))
    errors.cwd = 'Use an absolute path, such as /home/me/project.';
  if (values.maxTurns.trim()) {
    const turns = Number(values.maxTurns);
    if (!Number.isInteger(turns) || turns < 1 || turns > 1000)
      errors.maxTurns = 'Use a whole number from 1 to 1000.';
  }
  if (values.maxBudgetUsd.trim()) {
    const usd = Number(values.maxBudgetUsd);
    if (!Number.isFinite(usd) || usd <= 0 || usd > 10_000)
      errors.maxBudgetUsd = 'Use an amount above 0 and up to 10,000.';
  }
  const retries = values.transientRetries.trim();
  if (!isWholeIn(retries, 0, MAX_RETRIES)) {
    errors.transientRetries = `Use a whole number from 0 (never retry) to ${MAX_RETRIES}.`;
  }
  const timeout = values.approvalTimeoutMinutes.trim();
  if (timeout && !isWholeIn(timeout, 1, MAX_APPROVAL_TIMEOUT_MINUTES)) {
    errors.approvalTimeoutMinutes = `Use a whole number of minutes from 1 to ${MAX_APPROVAL_TIMEOUT_MINUTES.toLocaleString('en')} (30 days), or leave it empty to wait for you however long.`;
  }
  const badName = splitList(values.secretEnv).find((name) => !SECRET_NAME.test(name));
  if (badName !== undefined) {
    errors.secretEnv = `“${badName}” is not an environment variable name (letters, digits and _).`;
  }
  return errors;
}

export function toTaskFields(values: TaskFormValues): TaskFields {
  const optionalNumber = (text: string) => (text.trim() ? Number(text) : null);
  return {
    title: values.title.trim(),
    prompt: values.prompt,
    cwd: values.cwd.trim(),
    model: values.model.trim() || null,
    permissionMode: values.permissionMode,
    allowedTools: splitList(values.allowedTools),
    disallowedTools: splitList(values.disallowedTools),
    maxTurns: optionalNumber(values.maxTurns),
    maxBudgetUsd: optionalNumber(values.maxBudgetUsd),
    appendSystemPrompt: values.appendSystemPrompt.trim() || null,
    secretEnv: splitList(values.secretEnv),
    keychainAccess: values.keychainAccess,
    sandbox: values.sandbox,
    mcpServerIds: values.mcpServerIds,
    skills: values.skills,
    isolation: values.isolation,
    overlapPolicy: values.overlapPolicy,
    reviewEachRun: valueOf(values.reviewEachRun),
    placeId: values.placeId || null,
    runPolicy: {
      autoResume: valueOf(values.autoResume),
      transientRetries: Number(values.transientRetries.trim()),
      approvalTimeoutMinutes: optionalNumber(values.approvalTimeoutMinutes),
    },
  };
}

function isWholeIn(text: string, min: number, max: number): boolean {
  const value = Number(text);
  return text !== '' && Number.isInteger(value) && value >= min && value <= max;
}

const FIELDS: readonly TaskField[] = Object.keys(emptyValues()) as TaskField[];

/**
 * The server names a field like `secretEnv.2`; the form shows it at `secretEnv`. The run
 * policy's fields (`runPolicy.transientRetries`) are the form's own fields.
 */
export function formFieldOf(serverField: string | undefined): TaskField | undefined {
  const parts = serverField?.split('.') ?? [];
  const head = parts[0] === 'runPolicy' ? parts[1] : parts[0];
  return FIELDS.find((field) => field === head);
}
