// The overlap policy decision a firing makes while the task has unfinished runs.
import { describe, expect, it } from 'vitest';
import { decideOverlap } from '../../../../src/main/engine/triggers/overlap';

const running = { status: 'running' as const };
const queued = { status: 'queued' as const };

describe('decideOverlap', () => {
  it('starts whenever the task is idle, whatever the policy', () => {
    for (const policy of ['skip', 'queue', 'parallel'] as const) {
      expect(decideOverlap(policy, [], false)).toEqual({ action: 'start' });
    }
  });

  it('skip: drops a firing while any run is unfinished, saying why', () => {
    const decision = decideOverlap('skip', [running], false);
    expect(decision.action).toBe('skip');
    expect(decision.action === 'skip' && decision.reason).toContain(
      '1 run of this task still unfinished',
    );
  });

  it('queue: holds one firing behind a running run, and skips any further one', () => {
    expect(decideOverlap('queue', [running], false)).toEqual({ action: 'queue' });
    expect(decideOverlap('queue', [running], true).action).toBe('skip');
    expect(decideOverlap('queue', [running, queued], false).action).toBe('skip');
  });

  it('parallel: always starts', () => {
    expect(decideOverlap('parallel', [running, queued], true)).toEqual({ action: 'start' });
  });
});
