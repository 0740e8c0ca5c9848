// Each permission mode's rules, enforced by Switchboard rather than left to Claude Code's
// defaults: a PreToolUse hook (asks for every shell command, refuses changes in plan mode) and
// the answer canUseTool gives before a request reaches the person (allow rules, file edits in the
// folder). docs/permissions.md lists the same rules in words.
import type { HookCallbackMatcher, HookJSONOutput } from '@anthropic-ai/claude-agent-sdk';
import type { PermissionMode, Task } from '../../../shared/domain';
import {
  BASH_TOOL,
  FILE_EDIT_TOOLS,
  relativeInside,
  resolvePath,
  rulesCover,
} from '../../../shared/permission-rules';
import { FILE_CHANGING_MATCHER, READ_ONLY_TOOLS } from '../review/file-changing-tools';
import { PLAN_TOOL } from '../review/plan-approval';

export const PLAN_MODE_REFUSAL =
  'Refused by Switchboard: this task is in plan mode. Until the person approves your plan you may ' +
  'only read and search (Read, Grep, Glob, web fetch and search); shell commands, file changes ' +
  'and other tools are refused. Finish the plan and present it with ExitPlanMode.';

const DONT_ASK_REFUSAL =
  'Refused by Switchboard: this task never asks, and none of its allowed-tools rules covers this ' +
  'shell command.';

/** Tools that read or look but change nothing: every mode lets them through. */
const PLAN_SAFE = new Set<string>([...READ_ONLY_TOOLS, 'Task', 'Agent']);

/** The state of one session's permissions: the mode it works in now (plan until approved). */
export interface SessionPermissions {
  mode: PermissionMode;
  /** The task's allowed tools and its always-allow rules, read fresh on each request. */
  rules: () => string[];
  /** The folder the session works in; relative path rules and "the folder" mean this one. */
  workdir: string;
}

/**
 * The mode Claude Code itself is started in. "Allow file edits" runs as Claude Code's default
 * mode: Switchboard allows the edits itself (Claude Code's acceptEdits also lets common
 * filesystem commands through without asking).
 */
export function claudeCodeMode(mode: PermissionMode): PermissionMode {
  return mode === 'acceptEdits' ? 'default' : mode;
}

export function taskRules(task: Pick<Task, 'allowedTools' | 'alwaysAllowedTools'>): string[] {
  return [...task.allowedTools, ...task.alwaysAllowedTools];
}

export type PolicyAnswer =
  { behavior: 'allow' } | { behavior: 'deny'; message: string } | { behavior: 'ask' };

/** What canUseTool answers before asking the person; 'ask' sends the request on to them. */
export function answerByPolicy(
  session: SessionPermissions,
  toolName: string,
  input: Record<string, unknown>,
): PolicyAnswer {
  if (session.mode === 'plan' && !PLAN_SAFE.has(toolName)) {
    return { behavior: 'deny', message: PLAN_MODE_REFUSAL };
  }
  if (rulesCover(session.rules(), toolName, input, session.workdir)) return { behavior: 'allow' };
  if (session.mode === 'acceptEdits' && editsInside(session.workdir, toolName, input)) {
    return { behavior: 'allow' };
  }
  return { behavior: 'ask' };
}

/** A file edit whose path lies inside the working folder. */
function editsInside(workdir: string, toolName: string, input: Record<string, unknown>): boolean {
  if (!FILE_EDIT_TOOLS.includes(toolName)) return false;
  const path = input.file_path ?? input.notebook_path;
  if (typeof path !== 'string' || path === '') return false;
  return relativeInside(workdir, resolvePath(workdir, path)) !== null;
}

/**
 * The hook Claude Code runs before every tool that may change something. It answers before
 * Claude Code's own rules: plan mode refuses, a shell command always goes to canUseTool (where
 * the task's rules and the person decide), and in "never ask" an uncovered command is refused.
 */
export function permissionHook(session: SessionPermissions): HookCallbackMatcher {
  return {
    matcher: FILE_CHANGING_MATCHER,
    hooks: [
      (input) => {
        if (input.hook_event_name !== 'PreToolUse') return Promise.resolve({});
        // Claude Code's own mode counts too: a model that entered plan mode stays read-only.
        const plan = session.mode === 'plan' || input.permission_mode === 'plan';
        return Promise.resolve(hookAnswer(session, plan, input.tool_name, input.tool_input));
      },
    ],
  };
}

function hookAnswer(
  session: SessionPermissions,
  plan: boolean,
  toolName: string,
  toolInput: unknown,
): HookJSONOutput {
  if (plan && !PLAN_SAFE.has(toolName) && toolName !== PLAN_TOOL) {
    return decision('deny', PLAN_MODE_REFUSAL);
  }
  if (session.mode === 'dontAsk') {
    // Claude Code's own "never ask" knows only the allowed tools it was started with: the
    // task's always-allow rules, read now, let a call through explicitly.
    const input = isRecord(toolInput) ? toolInput : {};
    if (rulesCover(session.rules(), toolName, input, session.workdir)) {
      return decision('allow', "Allowed by the task's rules.");
    }
    return toolName === BASH_TOOL ? decision('deny', DONT_ASK_REFUSAL) : {};
  }
  if (toolName !== BASH_TOOL) return {};
  switch (session.mode) {
    case 'default':
    case 'acceptEdits':
      return decision('ask', 'Switchboard asks before every shell command in this mode.');
    default:
      return {};
  }
}

function decision(permissionDecision: 'allow' | 'ask' | 'deny', reason: string): HookJSONOutput {
  return {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision,
      permissionDecisionReason: reason,
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
