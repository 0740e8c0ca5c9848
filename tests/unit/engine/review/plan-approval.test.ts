// A plan request shows its own plan: Claude Code may ask before the session has recorded the call
// that holds it, and after feedback an earlier plan is on record; that one is never shown instead.
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../../src/shared/domain';
import { PLAN_TOOL, withPlan } from '../../../../src/main/engine/review/plan-approval';

function planCall(seq: number, toolUseId: string, plan: string): RunEvent {
  return {
    runId: 'run_1',
    seq,
    ts: seq,
    type: 'tool_use',
    toolUseId,
    name: PLAN_TOOL,
    input: { plan },
  };
}

describe('withPlan', () => {
  it('keeps a plan Claude Code handed over, and leaves other tools alone', async () => {
    const none = () => [];
    expect(await withPlan(PLAN_TOOL, { plan: '# Given' }, 'tu_1', none)).toEqual({
      plan: '# Given',
    });
    expect(await withPlan('Bash', { command: 'ls' }, 'tu_1', none)).toEqual({ command: 'ls' });
  });

  it('waits for its own call to be recorded, rather than show the plan before it', async () => {
    const events = [planCall(1, 'tu_first', '# First plan')];
    setTimeout(() => events.push(planCall(2, 'tu_revised', '# Revised plan')), 100);
    const shown = await withPlan(PLAN_TOOL, {}, 'tu_revised', () => events);
    expect(shown).toEqual({ plan: '# Revised plan' });
  });

  it('shows no plan, never an earlier one, when its call is not recorded in time', async () => {
    const events = [planCall(1, 'tu_first', '# First plan')];
    const shown = await withPlan(PLAN_TOOL, {}, 'tu_revised', () => events, 100);
    expect(shown).toEqual({});
  });

  it('takes the latest call when Claude Code gives no tool use id', async () => {
    const events = [planCall(1, 'a', '# One'), planCall(2, 'b', '# Two')];
    expect(await withPlan(PLAN_TOOL, {}, undefined, () => events)).toEqual({ plan: '# Two' });
  });
});
