import { describe, expect, it } from 'vitest';
import { failureCause, runState, type RunStateInput } from '../../../src/shared/run-state';

const NOW = Date.UTC(2026, 11, 7, 16, 55);
const OPTIONS = { timeZone: 'UTC', locale: 'en-GB' };

function run(patch: Partial<RunStateInput>): RunStateInput {
  return {
    status: 'running',
    error: null,
    heldReason: null,
    parkedUntil: null,
    stalledAt: null,
    retryAt: null,
    retryLimit: 2,
    trigger: { kind: 'manual' },
    taskId: 't1',
    planWindow: null,
    ...patch,
  };
}

describe('run state', () => {
  it('reads a parked run as parked until its time, never as an error', () => {
    const state = runState(
      run({
        status: 'waiting',
        parkedUntil: NOW + 12 * 60_000,
        planWindow: 'five_hour',
        error: 'rate limited by the API',
      }),
      NOW,
      OPTIONS,
    );
    expect(state.kind).toBe('parked');
    expect(state.label).toBe('Parked until 17:07');
    expect(state.detail).toBe(
      "The plan's 5-hour limit is used up. It carries on by itself in 12 min · 17:07.",
    );
    expect(state.tone).not.toBe('danger');
    expect(state.fix).toBe('run_anyway');
  });

  it('tells waiting for a person from running and stalled', () => {
    expect(runState(run({ status: 'waiting' }), NOW).label).toBe('Waiting for you');
    expect(runState(run({}), NOW).kind).toBe('running');
    expect(runState(run({ stalledAt: NOW - 600_000 }), NOW, OPTIONS).kind).toBe('stalled');
  });

  it('counts retries: n of m and when', () => {
    const state = runState(
      run({
        status: 'failed',
        retryAt: NOW + 60_000,
        trigger: { kind: 'manual', detail: { retry: 1 } },
        error: 'the API is overloaded (HTTP 529)',
      }),
      NOW,
      OPTIONS,
    );
    expect(state.kind).toBe('retrying');
    expect(state.label).toBe('Retrying (2 of 2)');
    expect(state.detail).toContain('in 1 min · 16:56');
  });

  it('fails a rejected key with the Settings link and without Resume', () => {
    const state = runState(
      run({
        status: 'failed',
        error:
          'Authentication failed: the API key or login was rejected (HTTP 401). Check ANTHROPIC_API_KEY in Settings → Secrets.',
      }),
      NOW,
    );
    expect(state.label).toBe('Failed · sign-in rejected');
    expect(state.cause).toBe('authentication');
    expect(state.fix).toBe('secrets');
    expect(state.resumable).toBe(false);
  });

  it('names each cause class and its one fix', () => {
    expect(failureCause('The folder /tmp/x is gone.')).toBe('folder_gone');
    expect(failureCause('The folder this session worked in, /w, no longer exists.')).toBe(
      'folder_gone',
    );
    expect(failureCause('Stopped: the task reached its budget.')).toBe('budget');
    expect(failureCause('Claude Code ended without a result.')).toBe('crashed');
    expect(failureCause('Invalid API key · Fix external API key')).toBe('authentication');
    expect(failureCause('something odd')).toBe('other');
    const gone = runState(run({ status: 'failed', error: 'The folder /tmp/x is gone.' }), NOW);
    expect([gone.fix, gone.fixLabel]).toEqual(['choose_folder', 'Choose folder…']);
    const crashed = runState(
      run({ status: 'failed', error: 'Claude Code ended without a result.' }),
      NOW,
    );
    expect([crashed.label, crashed.fix]).toEqual(['Failed · Claude Code crashed', 'resume']);
  });
});
