// The local API of `npm run serve` as a client sees it: a real serve process, real HTTP, the real
// Claude Code binary behind it. Covers auth, input errors, SSE, and crash recovery after kill -9.
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../../src/main/engine/lifecycle/process-group';
import { tempDir } from '../support/claude-env';
import { descendants, isClaudeCode } from '../support/process-tree';
import { sharedServe, startServe, waitFor } from '../support/serve-process';

const stack = sharedServe();

/** A call to /rpc/<method> with the token and this body, sent as it is (to send what is not JSON). */
const postRpc = (method: string, body: string) =>
  stack.serve.request(`/rpc/${method}`, { method: 'POST', body });

function rawGet(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local API', () => {
  it('answers /health without a token and refuses everything else without one', async () => {
    expect((await fetch(`${stack.serve.url}/health`)).status).toBe(200);
    const noToken = await fetch(`${stack.serve.url}/rpc/tasks.list`, {
      method: 'POST',
      body: '{}',
    });
    expect(noToken.status).toBe(401);
    const wrongToken = await fetch(`${stack.serve.url}/rpc/tasks.list`, {
      method: 'POST',
      body: '{}',
      headers: { Authorization: 'Bearer nope' },
    });
    expect(wrongToken.status).toBe(401);
    expect((await postRpc('tasks.list', '{}')).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const port = Number(new URL(stack.serve.url).port);
    expect(await rawGet(port, '/health', { Host: 'evil.example:80' })).toBe(403);
    expect(
      await rawGet(port, '/rpc/tasks.list', {
        Host: `localhost:${port}`,
        Authorization: `Bearer ${stack.serve.token}`,
      }),
    ).not.toBe(403);
  });

  it('signs a browser in from the ?token= link with a cookie', async () => {
    const response = await fetch(`${stack.serve.url}/?token=${stack.serve.token}`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    const withCookie = await fetch(`${stack.serve.url}/rpc/tasks.list`, {
      method: 'POST',
      body: '{}',
      headers: { Cookie: cookie.split(';')[0] ?? '', 'Content-Type': 'application/json' },
    });
    expect(withCookie.status).toBe(200);
  });

  it('answers bad input with 400 naming the field, unknown ids with 404', async () => {
    const missingTitle = await postRpc(
      'tasks.create',
      JSON.stringify({ prompt: 'x', cwd: tempDir('w') }),
    );
    expect(missingTitle.status).toBe(400);
    expect(await missingTitle.json()).toMatchObject({
      error: { code: 'bad_input', field: 'title' },
    });

    const badFolder = await postRpc(
      'tasks.create',
      JSON.stringify({ title: 't', prompt: 'x', cwd: '/definitely/not/here' }),
    );
    expect(badFolder.status).toBe(400);
    const badFolderBody = (await badFolder.json()) as { error: { field: string; message: string } };
    expect(badFolderBody.error.field).toBe('cwd');
    expect(badFolderBody.error.message).toMatch(/does not exist/);

    const badJson = await postRpc('tasks.create', '{nope');
    expect(badJson.status).toBe(400);

    const wrongType = await postRpc('runs.list', JSON.stringify({ limit: 'ten' }));
    expect(wrongType.status).toBe(400);
    expect(await wrongType.json()).toMatchObject({ error: { field: 'limit' } });

    const unknownRun = await postRpc('runs.get', JSON.stringify({ runId: 'run_nope' }));
    expect(unknownRun.status).toBe(404);
    const unknownMethod = await postRpc('tasks.explode', '{}');
    expect(unknownMethod.status).toBe(404);
    const unknownApproval = await postRpc(
      'approvals.decide',
      JSON.stringify({ approvalId: 'apr_nope', decision: 'allow' }),
    );
    expect(unknownApproval.status).toBe(404);
  });

  it('streams push events over SSE while a run goes', async () => {
    const task = await stack.serve.call('tasks.create', {
      title: 'sse',
      prompt: '[scenario:text say=streamed%20hello]',
      cwd: tempDir('w'),
    });
    const controller = new AbortController();
    const response = await stack.serve.request('/events', { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no SSE body');
    const run = await stack.serve.call('tasks.run', { taskId: task.id });
    let received = '';
    const decoder = new TextDecoder();
    await waitFor(
      'run.updated succeeded over SSE',
      async () => {
        const chunk = await reader.read();
        received += decoder.decode((chunk.value as Uint8Array | undefined) ?? new Uint8Array());
        return received.includes('"status":"succeeded"') && received.includes(run.id);
      },
      45_000,
    );
    controller.abort();
    // The stream says it is alive as it opens, and how often it will (SWITCHBOARD_HEARTBEAT_MS).
    expect(received).toMatch(/^retry: 2000\nevent: heartbeat\ndata: \{"everyMs":2000\}\n\n/);
    expect(received).toContain('event: run.event');
    expect(received).toContain('streamed hello');
  });
});

describe('crash recovery', () => {
  it('after kill -9: the Claude Code child is ended by the watchdog, the run is interrupted, and resume succeeds', async () => {
    const dataDir = tempDir('crash');
    const configDir = tempDir('claude-config');
    const env = { CLAUDE_CONFIG_DIR: configDir };
    const first = await startServe({ fakeUrl: stack.fake.url, dataDir, env });
    const task = await first.call('tasks.create', {
      title: 'long job',
      prompt: '[scenario:slow words=400 delay=100]',
      cwd: tempDir('w'),
    });
    const run = await first.call('tasks.run', { taskId: task.id });
    const events = await waitFor('streamed text', async () => {
      const list = await first.call('runs.events', { runId: run.id });
      return list.some((e) => e.type === 'text') ? list : undefined;
    });
    expect(events.some((e) => e.type === 'session')).toBe(true);
    const claude = descendants(first.child.pid ?? 0).find(isClaudeCode);
    expect(claude).toBeDefined();
    await first.stop('SIGKILL');
    // A SIGKILLed host cannot stop its child; the orphan watchdog does, without a restart.
    const orphanPid = claude?.pid ?? 0;
    await waitFor('the orphan to be gone', () => !isAlive(orphanPid), 10_000);

    const second = await startServe({ fakeUrl: stack.fake.url, dataDir, env });
    try {
      const interrupted = await second.call('runs.get', { runId: run.id });
      expect(interrupted.status).toBe('interrupted');
      expect(interrupted.sessionId).toBeTruthy();

      const resumed = await second.call('runs.resume', { runId: run.id });
      expect(resumed.trigger.kind).toBe('resume');
      expect(resumed.parentRunId).toBe(run.id);
      const done = await waitFor(
        'the resumed run to finish',
        async () => {
          const current = await second.call('runs.get', { runId: resumed.id });
          return ['succeeded', 'failed'].includes(current.status) ? current : undefined;
        },
        60_000,
      );
      expect(done.status).toBe('succeeded');
      expect(done.sessionId).toBe(interrupted.sessionId);
      expect(done.result).toContain('Picked up again');
    } finally {
      await second.stop();
    }
  });

  it('refuses a second engine on the same data folder, naming the holder', async () => {
    await expect(
      startServe({ fakeUrl: stack.fake.url, dataDir: stack.serve.dataDir }),
    ).rejects.toThrow(/Another Switchboard engine \(serve, pid \d+/);
  });
});
