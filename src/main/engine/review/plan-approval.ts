// Plan mode: the agent's ExitPlanMode request becomes an approval that shows the plan. Approved,
// the session continues in the task's normal mode (the default permission mode from Settings);
// denied with feedback, Claude Code stays in plan mode and gets the feedback as the answer.
import type { PermissionResult } from '@anthropic-ai/claude-agent-sdk';
import type { PermissionMode, RunEvent, Settings } from '../../../shared/domain';
import { claudeCodeMode } from '../approvals/permission-policy';

export const PLAN_TOOL = 'ExitPlanMode';

/** How long a plan request waits for its own tool call to be recorded before it is shown. */
export const PLAN_CALL_WAIT_MS = 3_000;
const PLAN_CALL_POLL_MS = 25;

/**
 * The request as shown: Claude Code may hand over the plan itself, or (when the model wrote it
 * into the call) only in the tool call recorded in the transcript. Claude Code can ask before the
 * session's message loop has recorded that call, so the request waits for its own call (by tool
 * use id) a moment; it never shows an earlier plan in its place (after feedback, the plan before).
 */
export async function withPlan(
  toolName: string,
  input: Record<string, unknown>,
  toolUseId: string | undefined,
  events: () => RunEvent[],
  waitMs: number = PLAN_CALL_WAIT_MS,
): Promise<Record<string, unknown>> {
  if (toolName !== PLAN_TOOL || typeof input.plan === 'string') return input;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const calls = events().filter(
      (event): event is Extract<RunEvent, { type: 'tool_use' }> =>
        event.type === 'tool_use' && event.name === PLAN_TOOL,
    );
    const call =
      toolUseId === undefined
        ? calls[calls.length - 1]
        : calls.find((event) => event.toolUseId === toolUseId);
    const plan = call?.input.plan;
    if (typeof plan === 'string') return { ...input, plan };
    if (call || Date.now() >= deadline) return input;
    await new Promise((resolve) => setTimeout(resolve, PLAN_CALL_POLL_MS));
  }
}

/** The mode a plan-mode task works in once its plan is approved. */
export function modeAfterPlan(settings: Pick<Settings, 'defaultPermissionMode'>): PermissionMode {
  return settings.defaultPermissionMode === 'plan' ? 'default' : settings.defaultPermissionMode;
}

/** Adds the switch out of plan mode to an approved plan; hands Claude Code its own input back. */
export function afterPlanDecision(
  toolName: string,
  originalInput: Record<string, unknown>,
  result: PermissionResult,
  mode: PermissionMode,
): PermissionResult {
  if (toolName !== PLAN_TOOL || result.behavior !== 'allow') return result;
  return {
    ...result,
    updatedInput: originalInput,
    updatedPermissions: [
      ...(result.updatedPermissions ?? []),
      { type: 'setMode', mode: claudeCodeMode(mode), destination: 'session' },
    ],
  };
}
