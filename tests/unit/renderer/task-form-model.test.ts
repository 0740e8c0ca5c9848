// The task form's run policy: loaded from a task, checked in plain words, sent as runPolicy, a
// server refusal shown at the field it names; and the policy summed up on the task's page.
import { describe, expect, it } from 'vitest';
import {
  emptyValues,
  formFieldOf,
  toTaskFields,
  validateTask,
  valuesFromTask,
} from '../../../src/renderer/src/views/tasks/task-form-model';
import { TaskCreateInput } from '../../../src/shared/schemas';
import { DEFAULT_RUN_POLICY } from '../../../src/shared/domain';
import { runPolicyWords } from '../../../src/renderer/src/views/tasks/task-options';
import { task } from '../../support/records';

const filled = { ...emptyValues(), title: 'T', prompt: 'Do it', cwd: '/home/me/project' };

describe('the run policy fields', () => {
  it('start at the engine defaults: resume by the run kind, 2 retries, no timeout', () => {
    const fields = toTaskFields(filled);
    expect(fields.runPolicy).toEqual(DEFAULT_RUN_POLICY);
    expect(TaskCreateInput.safeParse(fields).success).toBe(true);
  });

  it('round-trip a task’s policy', () => {
    const policy = { autoResume: false, transientRetries: 0, approvalTimeoutMinutes: 90 };
    const values = valuesFromTask(task({ runPolicy: policy }));
    expect([values.autoResume, values.transientRetries, values.approvalTimeoutMinutes]).toEqual([
      'off',
      '0',
      '90',
    ]);
    expect(toTaskFields({ ...values, autoResume: 'on' }).runPolicy).toEqual({
      ...policy,
      autoResume: true,
    });
  });

  it('refuse what the engine would, in plain words', () => {
    for (const bad of ['', '-1', '2.5', '11', 'twice']) {
      expect(validateTask({ ...filled, transientRetries: bad }).transientRetries).toBe(
        'Use a whole number from 0 (never retry) to 10.',
      );
    }
    for (const bad of ['0', '1.5', '43201', 'an hour']) {
      expect(
        validateTask({ ...filled, approvalTimeoutMinutes: bad }).approvalTimeoutMinutes,
      ).toMatch(/^Use a whole number of minutes from 1 to 43,200 \(30 days\), or leave it empty/);
    }
    const good = { ...filled, transientRetries: '10', approvalTimeoutMinutes: '43200' };
    expect(validateTask(good)).toEqual({});
    expect(TaskCreateInput.safeParse(toTaskFields(good)).success).toBe(true);
  });

  it('show a server refusal of a policy field at that field', () => {
    expect(formFieldOf('runPolicy.transientRetries')).toBe('transientRetries');
    expect(formFieldOf('runPolicy.approvalTimeoutMinutes')).toBe('approvalTimeoutMinutes');
    expect(formFieldOf('secretEnv.2')).toBe('secretEnv');
  });
});

describe('the run policy on the task’s page', () => {
  it('names what differs from the defaults, nothing else', () => {
    expect(runPolicyWords(DEFAULT_RUN_POLICY)).toEqual([]);
    expect(
      runPolicyWords({ autoResume: false, transientRetries: 1, approvalTimeoutMinutes: 30 }),
    ).toEqual([
      'never resumes interrupted runs by itself',
      '1 retry after API errors',
      'requests denied after 30 min',
    ]);
    expect(
      runPolicyWords({ ...DEFAULT_RUN_POLICY, autoResume: true, transientRetries: 0 }),
    ).toEqual(['resumes every interrupted run by itself', 'no retries after API errors']);
  });
});
