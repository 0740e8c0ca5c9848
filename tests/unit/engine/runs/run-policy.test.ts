// The retry and auto-resume policy's decisions.
import { describe, expect, it } from 'vitest';
import {
  autoResumes,
  isTransientFailure,
  retryDelayMs,
} from '../../../../src/main/engine/runs/run-policy';
import { DEFAULT_RUN_POLICY } from '../../../../src/shared/domain';
import { task } from '../../../support/records';

const failed = { status: 'failed' as const, apiErrorStatus: null, apiError: null };

describe('transient failures', () => {
  it('retries 429, 529, 5xx and dropped connections; never 401, 403 or a task failure', () => {
    for (const status of [429, 529, 500, 503]) {
      expect(isTransientFailure({ ...failed, apiErrorStatus: status }, null)).toBe(true);
    }
    for (const status of [401, 403, 400, 404]) {
      expect(isTransientFailure({ ...failed, apiErrorStatus: status }, null)).toBe(false);
    }
    expect(isTransientFailure({ ...failed, apiError: 'overloaded' }, null)).toBe(true);
    expect(isTransientFailure({ ...failed, apiError: 'authentication_failed' }, null)).toBe(false);
    expect(isTransientFailure(failed, 'API Error: Connection error.')).toBe(true);
    expect(isTransientFailure(failed, 'Stopped: the task reached its turn limit.')).toBe(false);
    expect(isTransientFailure({ ...failed, status: 'succeeded', apiErrorStatus: 529 }, null)).toBe(
      false,
    );
  });

  it('backs off exponentially with jitter', () => {
    expect(retryDelayMs(1, 10_000, () => 0.5)).toBe(10_000);
    expect(retryDelayMs(2, 10_000, () => 0.5)).toBe(20_000);
    expect(retryDelayMs(3, 10_000, () => 0)).toBe(20_000);
    expect(retryDelayMs(3, 10_000, () => 1)).toBe(60_000);
    expect(retryDelayMs(30, 10_000, () => 0.5)).toBe(15 * 60_000);
  });
});

describe('auto-resume after a restart', () => {
  it('is on for scheduled runs and off for manual ones unless the task says otherwise', () => {
    const plain = task();
    expect(autoResumes(plain, 'cron')).toBe(true);
    expect(autoResumes(plain, 'webhook')).toBe(true);
    expect(autoResumes(plain, 'manual')).toBe(false);
    const always = task({ runPolicy: { ...DEFAULT_RUN_POLICY, autoResume: true } });
    expect(autoResumes(always, 'manual')).toBe(true);
    const never = task({ runPolicy: { ...DEFAULT_RUN_POLICY, autoResume: false } });
    expect(autoResumes(never, 'cron')).toBe(false);
  });
});
