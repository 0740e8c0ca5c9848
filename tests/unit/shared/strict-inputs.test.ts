// Every method input refuses what it does not know and what is too big, with a message naming it.
import { describe, expect, it } from 'vitest';
import { methods, type ApiHandlers } from '../../../src/shared/contract';
import { dispatch } from '../../../src/shared/dispatch';
import { LIMITS } from '../../../src/shared/schemas';

/** Handlers that echo their params: only validation can refuse. */
const echo = new Proxy({} as ApiHandlers, {
  get: () => (params: unknown) => Promise.resolve(params),
});

async function refusal(method: string, input: unknown) {
  const result = await dispatch(echo, method, input);
  if (result.ok) throw new Error(`${method} accepted ${JSON.stringify(input).slice(0, 200)}`);
  return result.error;
}

describe('strict method inputs', () => {
  it('names an unknown field, also a nested one', async () => {
    expect(await refusal('settings.update', { concurrencyy: 3 })).toMatchObject({
      code: 'bad_input',
      message: 'unknown field concurrencyy',
      field: 'concurrencyy',
    });
    expect((await refusal('settings.update', { budgets: { daily: 1 } })).message).toBe(
      'unknown field budgets.daily',
    );
    expect((await refusal('tasks.update', { taskId: 't', foo: 1, bar: 2 })).message).toBe(
      'unknown fields foo, bar',
    );
    expect(
      (
        await refusal('triggers.create', {
          kind: 'cron',
          taskId: 't',
          cron: '* * * * *',
          path: '/',
        })
      ).message,
    ).toBe('unknown field path');
  });

  it('refuses an unknown field on every method', async () => {
    for (const name of Object.keys(methods)) {
      const error = await refusal(name, { surplusField: 1 });
      // Methods with required fields may first report a missing one; none may accept the input.
      expect(error.code, name).toBe('bad_input');
    }
    for (const name of [
      'tasks.list',
      'settings.get',
      'secrets.list',
      'runs.list',
      'costs.summary',
    ]) {
      expect((await refusal(name, { surplusField: 1 })).message, name).toBe(
        'unknown field surplusField',
      );
    }
  });

  it('accepts a 1 MiB prompt and refuses a longer one naming the limit', async () => {
    const prompt = 'x'.repeat(LIMITS.promptChars);
    const ok = await dispatch(echo, 'tasks.create', { title: 't', prompt, cwd: '/' });
    expect(ok.ok).toBe(true);
    const tooLong = await refusal('runs.followUp', { runId: 'r', prompt: prompt + 'x' });
    expect(tooLong.field).toBe('prompt');
    expect(tooLong.message).toMatch(/longer than 1,048,576 characters/);
    expect((await refusal('tasks.run', { taskId: 't', prompt: prompt + 'x' })).field).toBe(
      'prompt',
    );
  });

  it('bounds ids, paths, pages and ranges', async () => {
    expect((await refusal('runs.get', { runId: 'r'.repeat(10_000) })).message).toMatch(
      /runId is too long/,
    );
    expect(
      (await refusal('tasks.create', { title: 't', prompt: 'p', cwd: '/'.repeat(5000) })).field,
    ).toBe('cwd');
    expect((await refusal('runs.list', { limit: 1e9 })).field).toBe('limit');
    expect((await refusal('runs.events', { runId: 'r', limit: 1e9 })).field).toBe('limit');
    expect((await refusal('costs.summary', { to: 1e300 })).field).toBe('to');
    const answers = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`q${i}`, 'a']));
    expect(
      (await refusal('approvals.decide', { approvalId: 'a', decision: 'allow', answers })).field,
    ).toBe('answers');
  });

  it('refuses deeply nested JSON without overflowing the stack', async () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect((await refusal('runs.get', { runId: deep })).field).toBe('runId');
    expect((await refusal('settings.update', deep)).code).toBe('bad_input');
  });
});
