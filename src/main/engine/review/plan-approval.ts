// Plan mode: the agent's ExitPlanMode request becomes an approval that shows the plan. Approved,
// the session continues in the task's normal mode (the default permission mode from Settings);
// denied with feedback, Claude Code stays in plan mode and gets the feedback as the answer.
import type { PermissionResult } from '@anthropic-ai/claude-agent-sdk';
import type { PermissionMode, RunEvent, Settings } from '../../../shared/domain';

export const PLAN_TOOL = 'ExitPlanMode';

/**
 * The request as shown: Claude Code may hand over the plan itself, or (when the model wrote it
 * into the call) only in the tool call recorded in the transcript.
 */
export function withPlan(
  toolName: string,
  input: Record<string, unknown>,
  toolUseId: string | undefined,
  events: () => RunEvent[],
): Record<string, unknown> {
  if (toolName !== PLAN_TOOL || typeof input.plan === 'string') return input;
  const calls = events().filter(
    (event): event is Extract<RunEvent, { type: 'tool_use' }> =>
      event.type === 'tool_use' && event.name === PLAN_TOOL,
  );
  const call = calls.find((event) => event.toolUseId === toolUseId) ?? calls[calls.length - 1];
  const plan = call?.input.plan;
  return typeof plan === 'string' ? { ...input, plan } : input;
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
      { type: 'setMode', mode, destination: 'session' },
    ],
  };
}
