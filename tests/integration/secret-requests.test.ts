// Secrets an agent asks for mid-run, with the real Claude Code binary against the fake API: the
// agent's request_secret call reaches the inbox as a secret request with its reason; the person
// gives the value (kept for the task too); the run's next Bash command sees $NAME; the value is
// nowhere in the stored events, the approvals, the push events (the SSE stream's content) or
// the fake API's request log. "Never for this task" takes the tool away from the task's runs. A
// request outlives the engine: given after a restart, the resumed run's shell has the value.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECRET_REQUEST_TOOL, type Approval } from '../../src/shared/domain';
import { tempDir } from '../support/claude-env';
import { startEngine } from '../support/engine-harness';
import { sharedEngineStack } from '../support/engine-stack';
import { MemorySecretStore } from '../fakes/memory-secret-store';
import { waitFor } from '../support/serve-process';
import { startTask } from '../support/start-task';

// One test is about a warm process: the engine keeps one, as the app does.
const stack = sharedEngineStack({ warmSpare: true });
/** Claude Code runs at a lower priority: on a loaded machine a session takes its time to start. */
const SLOW_MS = 150_000;
const VALUE = `tok-${Date.now()}-only-for-the-shell`;

function pendingApproval(runId: string): Promise<Approval> {
  return waitFor(
    `a pending approval for ${runId}`,
    async () =>
      (await stack.harness.call('approvals.list', { status: 'pending' })).find(
        (a) => a.runId === runId,
      ),
    SLOW_MS,
  );
}

describe('secrets asked for mid-run', () => {
  it(
    'gives the value to the next shell command only, and never records it',
    async () => {
      const { harness, fake } = stack;
      const call = harness.call.bind(harness);
      const { task, run } = await startTask(harness, {
        title: 'Publish',
        prompt: '[scenario:secret name=DEPLOY_TOKEN]',
        cwd: tempDir('secret-ask'),
        allowedTools: ['Bash'],
      });
      const asked = await pendingApproval(run.id);
      expect(asked.kind).toBe('secret');
      expect(asked.toolName).toBe(SECRET_REQUEST_TOOL);
      expect(asked.input).toEqual({
        name: 'DEPLOY_TOKEN',
        why: 'To publish the package I need DEPLOY_TOKEN.',
      });
      // An allow without a value (as a phone's button would send) gives nothing: refused.
      await expect(
        call('approvals.decide', { approvalId: asked.id, decision: 'allow' }),
      ).rejects.toThrow(/secretValue: type the value/);

      await call('approvals.decide', {
        approvalId: asked.id,
        decision: 'allow',
        secretValue: VALUE,
        saveForTask: true,
      });
      const done = await harness.waitForRun(run.id, ['succeeded', 'failed'], SLOW_MS);
      expect(done.error).toBeNull();
      const digest = createHash('sha256').update(VALUE).digest('hex');
      expect(done.result).toContain(digest);

      const events = await call('runs.events', { runId: run.id });
      const answer = events.find(
        (event) =>
          event.type === 'tool_result' && event.content.includes('$DEPLOY_TOKEN is now set'),
      );
      expect(answer).toBeDefined();
      expect(JSON.stringify(events)).not.toContain(VALUE);
      expect(JSON.stringify(await call('approvals.list', { runId: run.id }))).not.toContain(VALUE);
      expect(JSON.stringify(harness.events)).not.toContain(VALUE);
      expect(fake.bodies.join('\n')).not.toContain(VALUE);
      expect(fake.bodies.join('\n')).toContain(digest);

      // Kept for the task: in the keychain by name, and given to its later runs at start.
      expect((await call('tasks.get', { taskId: task.id })).secretEnv).toEqual(['DEPLOY_TOKEN']);
      expect((await call('secrets.list', {})).secrets).toContainEqual({ name: 'DEPLOY_TOKEN' });
      // The run is over: its session's file of given values is gone.
      const left = readdirSync(join(harness.dataDir, 'session-env'));
      expect(left).toEqual(['source.sh']);
    },
    3 * SLOW_MS,
  );

  it(
    "asks from a warm process too; refused for good, the task's later runs lack the tool",
    async () => {
      const { harness } = stack;
      const call = harness.call.bind(harness);
      // A run that may use the warm process is given the tool right after its claim.
      await waitFor(
        'a parked warm spare',
        async () => harness.engine.services.spare?.isReady || undefined,
        SLOW_MS,
      );
      const { task, run } = await startTask(harness, {
        title: 'No secrets here',
        prompt: '[scenario:secret name=OTHER_TOKEN]',
        cwd: tempDir('secret-never'),
      });
      const asked = await pendingApproval(run.id);
      const started = (await call('runs.events', { runId: run.id })).find(
        (event) => event.type === 'status' && event.message?.startsWith('Started'),
      );
      expect(started?.type === 'status' ? started.message : undefined).toMatch(
        /^Started on the warm/,
      );
      await call('approvals.decide', {
        approvalId: asked.id,
        decision: 'deny',
        neverForTask: true,
      });
      const done = await harness.waitForRun(run.id, ['succeeded', 'failed'], SLOW_MS);
      expect(done.result).toContain('No secret');
      expect(done.result).toContain('gives no secrets to this task');
      expect((await call('tasks.get', { taskId: task.id })).disallowedTools).toEqual([
        SECRET_REQUEST_TOOL,
      ]);

      const again = await call('tasks.run', { taskId: task.id });
      const second = await harness.waitForRun(again.id, ['succeeded', 'failed'], SLOW_MS);
      expect(second.result).toContain(`No ${SECRET_REQUEST_TOOL} here`);
      expect(await call('approvals.list', { runId: again.id })).toEqual([]);
    },
    3 * SLOW_MS,
  );

  it(
    'outlives an engine restart: given afterwards, the resumed run has the value',
    async () => {
      const dataDir = tempDir('secret-restart');
      const env = { CLAUDE_CONFIG_DIR: tempDir('secret-restart-config') };
      const secrets = new MemorySecretStore();
      const first = await startEngine(stack.fake.url, { dataDir, env, secrets });
      let second: Awaited<ReturnType<typeof startEngine>> | undefined;
      try {
        const { run } = await startTask(first, {
          title: 'Publish after a restart',
          prompt: '[scenario:secret name=LATE_TOKEN]',
          cwd: tempDir('secret-restart-work'),
          allowedTools: ['Bash'],
        });
        await waitFor(
          'the secret request',
          async () =>
            (await first.call('approvals.list', { status: 'pending' })).find(
              (a) => a.runId === run.id,
            ),
          SLOW_MS,
        );
        await first.stop();
        second = await startEngine(stack.fake.url, { dataDir, env, secrets });
        const [asked] = await second.call('approvals.list', { status: 'pending' });
        expect(asked?.kind).toBe('secret');
        await second.call('approvals.decide', {
          approvalId: asked?.id ?? '',
          decision: 'allow',
          secretValue: VALUE,
        });
        const done = await second.waitForRun(run.id, ['succeeded', 'failed'], SLOW_MS);
        expect(done.result).toContain(createHash('sha256').update(VALUE).digest('hex'));
        const events = await second.call('runs.events', { runId: run.id });
        expect(JSON.stringify(events)).not.toContain(VALUE);
        expect(JSON.stringify(second.events)).not.toContain(VALUE);
      } finally {
        await second?.stop();
        await first.stop().catch(() => undefined);
      }
    },
    3 * SLOW_MS,
  );
});
