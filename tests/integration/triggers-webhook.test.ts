// Webhook triggers through the built server: real HTTP requests to /hooks/<id>, real Claude Code
// runs against the fake API. Secret checks, body in the prompt, size and rate limits, rotation.
import { describe, expect, it } from 'vitest';
import type { OverlapPolicy } from '../../src/shared/domain';
import { cancelIfGoing, sharedServe, untilRunStatus } from '../support/serve-process';
import { newTriggerTask, triggerOfKind } from '../support/trigger-suites';

const stack = sharedServe();
const newTask = (prompt: string, overlapPolicy: OverlapPolicy) =>
  newTriggerTask(stack.serve, 'webhook', prompt, overlapPolicy);

/** A plain request as an outside caller makes it: no API token. */
function hook(
  id: string,
  init: { secret?: string; body?: string; contentType?: string; method?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (init.secret !== undefined) headers['X-Switchboard-Secret'] = init.secret;
  if (init.contentType !== undefined) headers['Content-Type'] = init.contentType;
  return fetch(`${stack.serve.url}/hooks/${id}`, {
    method: init.method ?? 'POST',
    headers,
    body: init.body,
  });
}

async function runCount(taskId: string): Promise<number> {
  return (await stack.serve.call('runs.list', { taskId })).length;
}

describe('webhook triggers', () => {
  it('starts a run with the JSON or text body appended, only with the right secret', async () => {
    const task = await newTask('[scenario:text say=hook-done]', 'parallel');
    const trigger = triggerOfKind(
      await stack.serve.call('triggers.create', { taskId: task.id, kind: 'webhook' }),
      'webhook',
    );
    expect(trigger.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(trigger.hookPath).toBe(`/hooks/${trigger.id}`);
    const secret = trigger.secret ?? '';
    // The secret is shown once; listing does not repeat it.
    const listed = await stack.serve.call('triggers.list', { taskId: task.id });
    expect(listed.map((t) => [t.id, t.kind === 'webhook' ? t.secret : 'n/a'])).toEqual([
      [trigger.id, null],
    ]);

    const missing = await hook(trigger.id, { body: '{}', contentType: 'application/json' });
    expect(missing.status).toBe(401);
    const wrong = await hook(trigger.id, {
      secret: `${secret.slice(0, -2)}xx`,
      body: '{}',
      contentType: 'application/json',
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect((await hook('trg_does_not_exist', { secret })).status).toBe(404);
    expect((await hook(trigger.id, { secret, method: 'GET' })).status).toBe(405);
    expect(await runCount(task.id)).toBe(0);

    const payload = {
      ref: 'refs/heads/main',
      commits: [{ id: 'abc123', message: 'Fix the build' }],
    };
    const accepted = await hook(trigger.id, {
      secret,
      body: JSON.stringify(payload),
      contentType: 'application/json',
    });
    expect(accepted.status).toBe(202);
    const body = (await accepted.json()) as { runId: string; requestId: string; outcome: string };
    expect(body.outcome).toBe('started');
    expect(body.requestId).toMatch(/^whr_/);
    const run = await stack.serve.call('runs.get', { runId: body.runId });
    expect(run.trigger).toMatchObject({
      kind: 'webhook',
      triggerId: trigger.id,
      detail: { requestId: body.requestId, body: 'json' },
    });
    expect(run.prompt).toContain('[scenario:text say=hook-done]');
    expect(run.prompt).toContain('"message": "Fix the build"');
    expect(run.prompt).toContain(body.requestId);

    const text = await hook(trigger.id, {
      secret,
      body: 'Deploy finished on staging-2',
      contentType: 'text/plain',
    });
    expect(text.status).toBe(202);
    const textRun = await stack.serve.call('runs.get', {
      runId: ((await text.json()) as { runId: string }).runId,
    });
    expect(textRun.prompt).toContain('Deploy finished on staging-2');

    const done = await untilRunStatus(stack.serve, body.runId);
    expect(done.status).toBe('succeeded');
    expect(done.result).toContain('hook-done');
    await untilRunStatus(stack.serve, textRun.id);
    expect(await runCount(task.id)).toBe(2);
    const view = await stack.serve.call('triggers.get', { triggerId: trigger.id });
    expect(view).toMatchObject({ firedCount: 2, lastRunId: textRun.id });
  });

  it('refuses oversized and malformed bodies, and rotating the secret retires the old one', async () => {
    const task = await newTask('[scenario:text]', 'parallel');
    const trigger = triggerOfKind(
      await stack.serve.call('triggers.create', { taskId: task.id, kind: 'webhook' }),
      'webhook',
    );
    const secret = trigger.secret ?? '';

    const tooBig = await hook(trigger.id, {
      secret,
      body: 'x'.repeat(70 * 1024),
      contentType: 'text/plain',
    });
    expect(tooBig.status).toBe(413);
    const notJson = await hook(trigger.id, {
      secret,
      body: '{"unclosed": ',
      contentType: 'application/json',
    });
    expect(notJson.status).toBe(400);
    expect(await runCount(task.id)).toBe(0);

    const rotated = triggerOfKind(
      await stack.serve.call('triggers.update', { triggerId: trigger.id, rotateSecret: true }),
      'webhook',
    );
    expect(rotated.secret).not.toBe(secret);
    expect((await hook(trigger.id, { secret })).status).toBe(401);
    const fresh = await hook(trigger.id, { secret: rotated.secret ?? '' });
    expect(fresh.status).toBe(202);
    const runId = ((await fresh.json()) as { runId: string }).runId;
    expect((await stack.serve.call('runs.get', { runId })).prompt).toContain('(no body)');

    await stack.serve.call('settings.update', { triggers: { paused: true } });
    try {
      expect((await hook(trigger.id, { secret: rotated.secret ?? '' })).status).toBe(503);
    } finally {
      await stack.serve.call('settings.update', { triggers: { paused: false } });
    }
    await untilRunStatus(stack.serve, runId);
    expect(await runCount(task.id)).toBe(1);
  });

  it('rate-limits each webhook (429 with Retry-After) and reports skipped firings', async () => {
    const task = await newTask('[scenario:slow words=60 delay=200]', 'skip');
    const trigger = triggerOfKind(
      await stack.serve.call('triggers.create', { taskId: task.id, kind: 'webhook' }),
      'webhook',
    );
    const secret = trigger.secret ?? '';

    const first = await hook(trigger.id, { secret, body: 'first' });
    expect(first.status).toBe(202);
    const { runId } = (await first.json()) as { runId: string };
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++)
      statuses.push((await hook(trigger.id, { secret, body: `again ${i}` })).status);
    // The slow run is still going, so the task's overlap policy (skip) turns these away.
    expect(statuses).toEqual(Array(9).fill(409));
    const limited = await hook(trigger.id, { secret, body: 'one too many' });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    const view = await stack.serve.call('triggers.get', { triggerId: trigger.id });
    expect(view).toMatchObject({ firedCount: 1, skippedCount: 9 });
    const firings = await stack.serve.call('triggers.firings', { triggerId: trigger.id });
    expect(firings).toHaveLength(10);
    expect(firings.filter((f) => f.outcome === 'skipped')).toHaveLength(9);
    expect(await runCount(task.id)).toBe(1);
    await cancelIfGoing(stack.serve, runId);
    await untilRunStatus(stack.serve, runId);
  });
});
