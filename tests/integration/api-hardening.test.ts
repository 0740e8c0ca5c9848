// The local API against hostile pages and broken input: a real serve process (out/main/serve.js),
// real HTTP, the real Claude Code binary behind it. Each attack gets a clear 4xx naming the fault,
// changes nothing, and leaves the server answering.
import { readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods } from '../../src/shared/contract';
import { LIMITS } from '../../src/shared/schemas';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { tempDir } from '../support/claude-env';
import { rawRequest, type RawRequest, type RawResponse } from '../support/raw-http';
import { startServe, untilRunStatus, waitFor, type ServeProcess } from '../support/serve-process';

/** Exported in serve's own environment; looks like nothing else in the test. */
const API_KEY = `Zq${Math.random().toString(36).slice(2)}-sk-ant-api03-Hardening9x`;
const SERVICE_TOKEN = `Yv${Math.random().toString(36).slice(2)}ServiceTok3n`;

let fake: FakeAnthropic;
let serve: ServeProcess;
let port: number;
let cookie: string;
let work: string;

beforeAll(async () => {
  fake = await startFakeAnthropic();
  serve = await startServe({
    fakeUrl: fake.url,
    env: { ANTHROPIC_API_KEY: API_KEY, DEPLOY_SERVICE_TOKEN: SERVICE_TOKEN },
  });
  port = Number(new URL(serve.url).port);
  const signIn = await rawRequest(serve.url, { path: `/?token=${serve.token}` });
  cookie = String(signIn.headers['set-cookie']).split(';')[0] ?? '';
  expect(cookie).toMatch(/^switchboard_token=/);
  work = tempDir('hardening-work');
});

afterAll(async () => {
  await serve.stop();
  await fake.close();
});

const bearer = () => ({
  Authorization: `Bearer ${serve.token}`,
  'Content-Type': 'application/json',
});
const send = (options: RawRequest) => rawRequest(serve.url, options);
const rpc = (method: string, body: unknown, headers: Record<string, string> = bearer()) =>
  send({
    method: 'POST',
    path: `/rpc/${method}`,
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** What an attack could change: settings, tasks, triggers, runs, approvals. */
async function state(): Promise<string> {
  const [settings, tasks, triggers, runs, approvals] = await Promise.all([
    serve.call('settings.get', {}),
    serve.call('tasks.list', {}),
    serve.call('triggers.list', {}),
    serve.call('runs.list', { limit: 1000 }),
    serve.call('approvals.list', {}),
  ]);
  return JSON.stringify({ settings, tasks, triggers, runs, approvals });
}

/** Runs `attack`, expects `status` and a message matching `message`, no change and a live server. */
async function refused(
  attack: () => Promise<RawResponse>,
  status: number,
  message: RegExp,
): Promise<RawResponse> {
  const before = await state();
  const response = await attack();
  expect(response.status, response.text.slice(0, 300)).toBe(status);
  expect(response.message).toMatch(message);
  expect(response.headers['access-control-allow-origin']).toBeUndefined();
  expect((await send({ path: '/health' })).status).toBe(200);
  expect(await state()).toBe(before);
  return response;
}

describe('cross-origin use of the cookie', () => {
  const settingsChange = JSON.stringify({ defaultPermissionMode: 'bypassPermissions' });

  it('refuses a page on another local port, even with the cookie', async () => {
    for (const origin of [
      `http://127.0.0.1:${port + 1}`,
      `http://localhost:${port + 1}`,
      `http://127.0.0.1`,
      'null',
      `https://127.0.0.1:${port}`,
    ]) {
      await refused(
        () =>
          rpc('settings.update', settingsChange, {
            Cookie: cookie,
            Origin: origin,
            'Content-Type': 'application/json',
          }),
        403,
        /Requests from .* are refused; only this server's own page/,
      );
    }
    await refused(
      () =>
        rpc('settings.update', settingsChange, {
          Cookie: cookie,
          'Sec-Fetch-Site': 'same-site',
          'Content-Type': 'application/json',
        }),
      403,
      /same-site request is refused/,
    );
    // Following a link from another site may open the panel, which gives the opener nothing.
    const opened = await send({
      path: '/runs/run_1',
      headers: { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'navigate' },
    });
    expect(opened.status).toBe(200);
    await refused(
      () =>
        send({
          path: '/events',
          headers: { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'cors' },
        }),
      403,
      /cross-site request is refused/,
    );
    // The bearer token does not excuse a foreign page either.
    await refused(
      () => rpc('settings.update', settingsChange, { ...bearer(), Origin: 'http://evil.test' }),
      403,
      /Requests from http:\/\/evil\.test are refused/,
    );
  });

  it('refuses cookie calls that are not JSON: forms and text/plain need no preflight', async () => {
    for (const type of [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      await refused(
        () =>
          rpc('settings.update', settingsChange, {
            Cookie: cookie,
            Origin: `http://127.0.0.1:${port}`,
            'Content-Type': type,
          }),
        415,
        /Content-Type: application\/json/,
      );
    }
    await refused(
      () => rpc('settings.update', settingsChange, { Cookie: cookie }),
      415,
      /application\/json/,
    );
  });

  it('refuses a foreign Host, and answers preflights without CORS headers', async () => {
    await refused(
      () => send({ path: '/health', headers: { Host: `evil.test:${port}` } }),
      403,
      /Host not allowed/,
    );
    // A local proxy forwards the loopback address it was reached by; the Origin must then match
    // that address, so a page on yet another port is still refused.
    expect(
      (await send({ path: '/health', headers: { Host: `127.0.0.1:${port + 1}` } })).status,
    ).toBe(200);
    await refused(
      () =>
        rpc('settings.update', JSON.stringify({ concurrency: 4 }), {
          Cookie: cookie,
          Host: `127.0.0.1:${port + 1}`,
          Origin: `http://127.0.0.1:${port + 2}`,
          'Content-Type': 'application/json',
        }),
      403,
      /Requests from .* are refused/,
    );
    await refused(
      () => send({ path: '/rpc/tasks.list', headers: { ...bearer(), Host: 'evil.test' } }),
      403,
      /Host not allowed/,
    );
    const preflight = await send({
      method: 'OPTIONS',
      path: '/rpc/settings.update',
      headers: {
        Origin: `http://127.0.0.1:${port + 1}`,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(403);
    expect(Object.keys(preflight.headers).filter((h) => h.startsWith('access-control-'))).toEqual(
      [],
    );
  });

  it('still serves the panel’s own calls: cookie, own origin, JSON', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const own = await rpc(
        'settings.update',
        { concurrency: 3 },
        {
          Cookie: cookie,
          Origin: `http://${host}`,
          Host: host,
          'Content-Type': 'application/json',
          'Sec-Fetch-Site': 'same-origin',
        },
      );
      expect(own.status, own.text).toBe(200);
    }
    expect((await serve.call('settings.get', {})).concurrency).toBe(3);
    await serve.call('settings.update', { concurrency: 2 });
  });
});

describe('ranges and limits', () => {
  it('answers costs.summary over any range at once, refusing spans over a year', async () => {
    const started = Date.now();
    await refused(
      () => rpc('costs.summary', { from: 0, to: 1e15 }),
      400,
      /from: the range spans more than 366 days/,
    );
    await refused(() => rpc('costs.summary', { from: 0 }), 400, /more than 366 days/);
    await refused(
      () => rpc('costs.summary', { from: Date.now(), to: Date.now() - 1 }),
      400,
      /to: the range ends before it starts/,
    );
    await refused(() => rpc('costs.summary', { to: 1e300 }), 400, /^to: /);
    // A hang guard, not a benchmark: the old per-day loop took minutes here.
    expect(Date.now() - started).toBeLessThan(20_000);
    const year = await serve.call('costs.summary', { from: Date.now() - 365 * 86_400_000 });
    expect(year.byDay.length).toBeGreaterThanOrEqual(365);
    expect(year.byDay.length).toBeLessThanOrEqual(367);
  });

  it('bounds every page and limit', async () => {
    await refused(() => rpc('runs.list', { limit: 1e6 }), 400, /^limit: /);
    await refused(() => rpc('runs.events', { runId: 'run_x', limit: 1e6 }), 400, /^limit: /);
    await refused(() => rpc('runs.events', { runId: 'run_x', afterSeq: -1 }), 400, /^afterSeq: /);
    await refused(() => rpc('triggers.firings', { triggerId: 't', limit: 1e6 }), 400, /^limit: /);
    await refused(
      () => rpc('triggers.preview', { cron: '* * * * *', count: 1e6 }),
      400,
      /^count: /,
    );
  });
});

describe('broken requests', () => {
  it('answers a bad % escape with 400 wherever it is', async () => {
    await refused(() => rpc('tasks.%E0%A4%A', {}), 400, /bad % escape/);
    await refused(
      () => send({ path: '/assets/%E0%A4%A.js', headers: bearer() }),
      400,
      /bad % escape/,
    );
    await refused(() => send({ path: '/runs/%zz', headers: bearer() }), 400, /bad % escape/);
    await refused(
      () => send({ method: 'POST', path: '/hooks/%E0%A4%A', body: '{}' }),
      400,
      /bad % escape/,
    );
    await refused(
      () =>
        send({
          path: '/rpc/tasks.list',
          method: 'POST',
          headers: { Cookie: 'switchboard_token=%E0%A4%A' },
        }),
      401,
      /Missing or wrong token/,
    );
  });

  it('answers bodies that are not JSON, too large or too deep with a 4xx', async () => {
    await refused(() => rpc('tasks.create', '{nope'), 400, /The body is not valid JSON/);
    await refused(
      () => rpc('tasks.create', 'x'.repeat(9 * 1024 * 1024)),
      413,
      /The body is larger than the limit of 8,388,608 bytes/,
    );
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    await refused(() => rpc('tasks.create', deep), 400, /^input: /);
    await refused(() => rpc('settings.update', `{"concurrency":${deep}}`), 400, /^concurrency: /);
    await refused(
      () =>
        rpc('tasks.create', '{"title":' + '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000) + '}'),
      400,
      /^title: /,
    );
    await refused(
      () => send({ path: '/rpc/tasks.list', headers: bearer() }),
      405,
      /Use POST for \/rpc methods/,
    );
    await refused(
      () => send({ path: 'http://evil.test/rpc/tasks.list', headers: bearer() }),
      400,
      /not a valid URL path/,
    );
  });

  it('names unknown fields instead of ignoring them', async () => {
    await refused(
      () => rpc('settings.update', { concurrencyy: 3 }),
      400,
      /^unknown field concurrencyy$/,
    );
    await refused(
      () => rpc('settings.update', { triggers: { pasued: true } }),
      400,
      /^unknown field triggers\.pasued$/,
    );
    await refused(
      () => rpc('tasks.create', { title: 't', prompt: 'p', cwd: work, isolaton: 'worktree' }),
      400,
      /^unknown field isolaton$/,
    );
  });

  it('refuses wrong types, missing fields and huge values on every method', async () => {
    const names = Object.keys(methods);
    const huge = 'x'.repeat(LIMITS.promptChars + 10);
    for (const name of names) {
      await refused(() => rpc(name, []), 400, /^input: /);
      await refused(() => rpc(name, '"text"'), 400, /^input: /);
      await refused(() => rpc(name, { [`surplus${name.length}`]: huge }), 400, /./);
      await refused(() => rpc(name, { runId: 1, taskId: [], triggerId: {}, name: 5 }), 400, /./);
    }
    for (const [name, field] of [
      ['tasks.get', 'taskId'],
      ['runs.get', 'runId'],
      ['triggers.get', 'triggerId'],
      ['approvals.decide', 'approvalId'],
    ] as const) {
      await refused(
        () => rpc(name, { [field]: 'x'.repeat(100_000), decision: 'allow' }),
        400,
        new RegExp(`^${field}: ${field} is too long`),
      );
    }
    await refused(
      () => rpc('tasks.run', { taskId: 't', files: Array.from({ length: 10_000 }, () => '/a') }),
      400,
      /^files: /,
    );
    await refused(() => rpc('tasks.create', { prompt: 'p', cwd: work }), 400, /^title: /);
    await refused(() => rpc('secrets.set', { name: 'A B', value: 'v' }), 400, /^name: /);
  });

  it('answers unknown ids and ids of other kinds with 404', async () => {
    const task = await serve.call('tasks.create', {
      title: 'ids',
      prompt: '[scenario:text]',
      cwd: work,
    });
    const run = await serve.call('tasks.run', { taskId: task.id });
    await untilRunStatus(serve, run.id);
    const calls: [string, Record<string, unknown>, RegExp][] = [
      ['tasks.get', { taskId: run.id }, /No task with id run_/],
      ['tasks.update', { taskId: 'task_nope', title: 'x' }, /No task with id task_nope/],
      ['tasks.delete', { taskId: run.id }, /No task/],
      ['tasks.run', { taskId: run.id }, /No task/],
      ['runs.get', { runId: task.id }, /No run with id task_/],
      ['runs.events', { runId: task.id }, /No run/],
      ['runs.cancel', { runId: 'run_nope' }, /No run/],
      ['runs.resume', { runId: task.id }, /No run/],
      ['runs.followUp', { runId: task.id, prompt: 'more' }, /No run/],
      ['approvals.decide', { approvalId: run.id, decision: 'deny' }, /No approval/],
      ['triggers.get', { triggerId: task.id }, /No trigger/],
      ['triggers.update', { triggerId: 'trg_nope', enabled: false }, /No trigger/],
      ['triggers.delete', { triggerId: run.id }, /No trigger/],
      ['triggers.firings', { triggerId: task.id }, /No trigger/],
      ['triggers.create', { taskId: run.id, kind: 'webhook' }, /No task/],
    ];
    for (const [name, input, message] of calls) await refused(() => rpc(name, input), 404, message);
  });

  it('answers methods in the wrong state with 409 naming the state', async () => {
    const quick = await serve.call('tasks.create', {
      title: 'done',
      prompt: '[scenario:text]',
      cwd: work,
    });
    const done = await untilRunStatus(
      serve,
      (await serve.call('tasks.run', { taskId: quick.id })).id,
    );
    expect(done.status).toBe('succeeded');
    await refused(
      () => rpc('runs.cancel', { runId: done.id }),
      409,
      /This run is already succeeded; there is nothing to cancel/,
    );
    await refused(() => rpc('runs.resume', { runId: done.id }), 409, /This run finished/);

    const slow = await serve.call('tasks.create', {
      title: 'slow',
      prompt: '[scenario:slow words=400 delay=100]',
      cwd: work,
    });
    const going = await serve.call('tasks.run', { taskId: slow.id });
    await waitFor(
      'the slow run to start',
      async () => (await serve.call('runs.get', { runId: going.id })).status === 'running',
    );
    await expect(
      rpc('runs.followUp', { runId: going.id, prompt: 'more' }).then((r) => [r.status, r.message]),
    ).resolves.toEqual([409, expect.stringMatching(/This run is still running/)]);
    await serve.call('runs.cancel', { runId: going.id });
    expect((await untilRunStatus(serve, going.id)).status).toBe('cancelled');
    await refused(() => rpc('runs.cancel', { runId: going.id }), 409, /already cancelled/);

    const asking = await serve.call('tasks.create', {
      title: 'asks',
      prompt: '[scenario:bash]',
      cwd: work,
    });
    const asked = await serve.call('tasks.run', { taskId: asking.id });
    const approval = await waitFor('the approval', async () =>
      (await serve.call('approvals.list', { status: 'pending' })).find((a) => a.runId === asked.id),
    );
    await serve.call('approvals.decide', { approvalId: approval.id, decision: 'allow' });
    await untilRunStatus(serve, asked.id);
    await refused(
      () => rpc('approvals.decide', { approvalId: approval.id, decision: 'deny' }),
      409,
      /This request was already allowed/,
    );
  });

  it('refuses working folders that are relative, missing, files or inside the data folder', async () => {
    const file = join(work, 'a-file.txt');
    writeFileSync(file, 'x');
    const inside = join(serve.dataDir, 'sub');
    mkdirSync(inside, { recursive: true });
    for (const [cwd, message] of [
      ['relative/folder', /^cwd: use an absolute path/],
      ['/definitely/not/here', /^cwd: the folder .* does not exist/],
      [file, /^cwd: .* is a file, not a folder/],
      [serve.dataDir, /^cwd: .* is inside Switchboard's data folder/],
      [inside, /^cwd: .* is inside Switchboard's data folder/],
      [`${serve.dataDir}/sub/..`, /^cwd: .* is inside Switchboard's data folder/],
      ['', /^cwd: choose a working folder/],
    ] as const) {
      await refused(() => rpc('tasks.create', { title: 't', prompt: 'p', cwd }), 400, message);
    }
    const task = await serve.call('tasks.create', { title: 'w', prompt: 'p', cwd: work });
    await refused(
      () => rpc('tasks.update', { taskId: task.id, cwd: serve.dataDir }),
      400,
      /^cwd: .* data folder/,
    );
    await refused(
      () => rpc('triggers.create', { taskId: task.id, kind: 'watch', path: serve.dataDir }),
      400,
      /^path: .* data folder/,
    );
    await serve.call('tasks.delete', { taskId: task.id });
  });
});

describe('prompts', () => {
  it('accepts 1 MiB of prompt text in tasks.create, tasks.run and runs.followUp', async () => {
    const mib = 'log line\n'.repeat(Math.floor(LIMITS.promptChars / 9));
    const task = await serve.call('tasks.create', {
      title: 'big prompt',
      prompt: `[scenario:followup]\n${mib}`.slice(0, LIMITS.promptChars),
      cwd: work,
    });
    expect(task.prompt.length).toBeGreaterThan(1_000_000);
    const run = await serve.call('tasks.run', { taskId: task.id, prompt: mib });
    expect((await untilRunStatus(serve, run.id, undefined, 120_000)).status).toBe('succeeded');
    const next = await serve.call('runs.followUp', { runId: run.id, prompt: mib });
    expect((await untilRunStatus(serve, next.id, undefined, 120_000)).status).toBe('succeeded');

    const over = 'x'.repeat(LIMITS.promptChars + 1);
    for (const [name, input] of [
      ['tasks.create', { title: 't', prompt: over, cwd: work }],
      ['tasks.run', { taskId: task.id, prompt: over }],
      ['runs.followUp', { runId: next.id, prompt: over }],
      ['tasks.update', { taskId: task.id, prompt: over }],
    ] as const) {
      await refused(
        () => rpc(name, input),
        400,
        /^prompt: the prompt is longer than 1,048,576 characters \(1 MiB\)/,
      );
    }
  });
});

describe('the panel’s files', () => {
  it('serves files and routes, 404 for a missing asset, never a file outside its folder', async () => {
    const page = await send({ path: '/runs/run_123', headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root">');
    await refused(
      () => send({ path: '/assets/missing-123.js', headers: { Cookie: cookie } }),
      404,
      /No panel file \/assets\/missing-123\.js/,
    );
    const serveJs = readFileSync(join(import.meta.dirname, '../../out/main/serve.js'), 'utf8');
    for (const path of [
      '/..%2fmain%2fserve.js',
      '/%2e%2e%2fmain%2fserve.js',
      '/assets/..%2f..%2fmain%2fserve.js',
      '/..%5cmain%5cserve.js',
      '/assets%5c..%5c..%5cmain%5cserve.js',
      '/index.html%00.js',
      '/%2e%2e/main/serve.js',
      '/../main/serve.js',
      '/..\\main\\serve.js',
      '//main/serve.js',
    ]) {
      const response = await send({ path, headers: { Cookie: cookie } });
      expect([400, 404], `${path} → ${response.status}`).toContain(response.status);
      expect(response.text).not.toContain(serveJs.slice(0, 200));
      expect(response.message, path).toMatch(
        /leaves the panel folder|null byte or a backslash|No panel file/,
      );
    }
    const head = await send({ method: 'HEAD', path: '/', headers: { Cookie: cookie } });
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });
});

describe('server-sent events', () => {
  it('drops a client that stops reading instead of buffering for it without end', async () => {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write(
      `GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${serve.token}\r\n\r\n`,
    );
    let received = 0;
    let closed = false;
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    socket.on('close', () => (closed = true));
    await waitFor('the stream to open', () => received > 0);
    socket.pause();

    // 40 task.updated events of 1 MiB each, far more than socket buffers and the backlog bound.
    const task = await serve.call('tasks.create', { title: 'sse', prompt: 'p', cwd: work });
    const prompt = 'y'.repeat(LIMITS.promptChars - 10);
    for (let i = 0; i < 40; i++)
      await serve.call('tasks.update', { taskId: task.id, prompt: `${i}${prompt}` });

    socket.resume();
    await waitFor('the server to drop the stalled stream', () => closed, 30_000);
    expect(received).toBeLessThan(30 * LIMITS.promptChars);
    expect((await send({ path: '/health' })).status).toBe(200);
    await serve.call('tasks.delete', { taskId: task.id });
  });
});

describe('secrets in serve’s environment', () => {
  it('are absent from SQLite (with its WAL), the settings file, the logs and the events', async () => {
    const task = await serve.call('tasks.create', {
      title: 'echo secrets',
      prompt: '[scenario:bash command=echo%20key=$ANTHROPIC_API_KEY%20token=$DEPLOY_SERVICE_TOKEN]',
      cwd: work,
      allowedTools: ['Bash'],
    });
    const run = await serve.call('tasks.run', { taskId: task.id });
    const approve = setInterval(() => {
      void serve
        .call('approvals.list', { status: 'pending' })
        .then(async (pending) => {
          for (const approval of pending.filter((a) => a.runId === run.id))
            await serve.call('approvals.decide', { approvalId: approval.id, decision: 'allow' });
        })
        .catch(() => undefined);
    }, 200);
    const done = await untilRunStatus(serve, run.id).finally(() => clearInterval(approve));
    expect(done.status).toBe('succeeded');
    const events = await serve.call('runs.events', { runId: run.id });
    const recorded = JSON.stringify(events);
    // The command really ran and printed both values, which were recorded by name only.
    expect(recorded).toContain('key=[redacted:ANTHROPIC_API_KEY]');
    expect(recorded).toContain('token=[redacted:DEPLOY_SERVICE_TOKEN]');
    expect(done.result).toContain('[redacted:ANTHROPIC_API_KEY]');

    const places: [string, string][] = [
      ['events', recorded],
      ['run', JSON.stringify(done)],
      ['serve output', serve.output()],
    ];
    for (const file of filesUnder(serve.dataDir))
      places.push([file, readFileSync(file).toString('latin1')]);
    expect(places.some(([where]) => where.endsWith('-wal'))).toBe(true);
    expect(places.some(([where]) => where.endsWith('settings.json'))).toBe(true);
    for (const secret of [API_KEY, SERVICE_TOKEN]) {
      for (let length = 10; length <= secret.length; length++) {
        const start = secret.slice(0, length);
        for (const [where, text] of places)
          expect(text.includes(start), `${where} holds ${start}`).toBe(false);
      }
    }
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'worktrees') return [];
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
