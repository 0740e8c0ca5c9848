// Requests and questions: allow a Bash call in the run view (the file really gets written), deny
// one with a reason, "always allow", answer from the inbox by keyboard, and answer a question.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPanel, screenshot } from '../support/browser';
import { untilRunStatus, waitFor } from '../support/serve-process';
import { startCutProxy, type CutProxy } from './cut-proxy';
import {
  createTask,
  settled,
  startStack,
  usd,
  waitForFile,
  waitForRunStatus,
  type Stack,
} from './stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack.stop();
});

/** A fresh folder and a task whose run asks to run `command` there. */
async function bashTask(title: string, command: string): Promise<{ taskId: string; dir: string }> {
  const dir = join(stack.workDir, title.replace(/\W+/g, '-'));
  mkdirSync(dir);
  const taskId = await createTask(
    stack,
    title,
    `Run it [scenario:bash command=${encodeURIComponent(command)}]`,
    {
      cwd: dir,
    },
  );
  return { taskId, dir };
}

async function startRun(taskId: string): Promise<string> {
  return (await stack.serve.call('tasks.run', { taskId })).id;
}

async function waitForPending(runId: string): Promise<void> {
  await waitFor(`a pending approval in ${runId}`, async () => {
    const pending = await stack.serve.call('approvals.list', { status: 'pending', runId });
    return pending.length > 0;
  }).catch(async (error: unknown) => {
    // Where the run got to instead (it cannot be waiting: that is what timed out).
    await untilRunStatus(stack.serve, runId, ['waiting'], 1);
    throw error;
  });
}

/** Allows the run's pending request through the API, as another panel would. */
async function allowPending(runId: string): Promise<void> {
  const [pending] = await stack.serve.call('approvals.list', { status: 'pending', runId });
  if (!pending) throw new Error(`no pending approval in ${runId}`);
  await stack.serve.call('approvals.decide', { approvalId: pending.id, decision: 'allow' });
}

/** A promise a test opens when it chooses: what a held route waits for. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** A run waiting on a Bash request, its page opened through a proxy the test can cut or silence. */
async function waitingRunBehindProxy(
  title: string,
  command: string,
  body: (parts: {
    runId: string;
    dir: string;
    proxy: CutProxy;
    page: Page;
    context: BrowserContext;
  }) => Promise<void>,
): Promise<void> {
  const { taskId, dir } = await bashTask(title, command);
  const runId = await startRun(taskId);
  await waitForPending(runId);
  const proxy = await startCutProxy(stack.serve.url);
  try {
    const { page, context } = await openPanel(
      stack.browser,
      { url: proxy.url, token: stack.serve.token },
      { path: `/runs/${runId}` },
    );
    await page.locator('.tool-card.tool-waiting').waitFor();
    await body({ runId, dir, proxy, page, context });
  } finally {
    await proxy.close();
  }
}

/** Drops the page's connections until the panel says so, then lets them back. */
async function dropAndRestore(page: Page, proxy: CutProxy): Promise<void> {
  proxy.cut();
  await page.getByText('Connection lost; reconnecting…').waitFor();
  proxy.restore();
}

const approvalCards = (page: Page) => page.locator('article.approval-card');

describe('approvals', () => {
  it('catches up on a run that moved on before the push stream first opened', async () => {
    const { taskId, dir } = await bashTask('Decided meanwhile', 'echo decided > marker.txt');
    const runId = await startRun(taskId);
    await waitForPending(runId);
    // The page loads and reads the run, but its push stream waits until we let it through.
    const stream = gate();
    const { page } = await stack.open({
      path: `/runs/${runId}`,
      prepare: (context) =>
        context.route('**/events', async (route) => {
          await stream.opened;
          await route.continue();
        }),
    });
    await waitForRunStatus(page, 'waiting');
    await allowPending(runId);
    await untilRunStatus(stack.serve, runId, ['succeeded']);
    expect(await waitForFile(join(dir, 'marker.txt'))).toBe('decided\n');
    // Every push of that already went out; the page learns it by reading again once connected.
    stream.open();
    await waitForRunStatus(page, 'succeeded', 15_000);
  });

  it("keeps a run's end that was pushed while its first read was on the way", async () => {
    const { taskId } = await bashTask('Crossed read', 'echo crossed > crossed.txt');
    const runId = await startRun(taskId);
    await waitForPending(runId);
    // The server reads the run (waiting) at once; the page gets that answer only when let through.
    const read = gate();
    const answer = gate();
    const { page } = await stack.open({
      path: `/runs/${runId}`,
      prepare: (context) =>
        context.route('**/rpc/runs.get', async (route) => {
          const response = await route.fetch();
          read.open();
          await answer.opened;
          await route.fulfill({ response });
        }),
    });
    await read.opened;
    await allowPending(runId);
    await untilRunStatus(stack.serve, runId, ['succeeded']);
    // The push says so before the read's answer arrives…
    await waitForRunStatus(page, 'succeeded', 15_000);
    const answered = page.waitForResponse('**/rpc/runs.get');
    answer.open();
    await answered;
    // …and the older answer does not take it back.
    await page.evaluate(
      () => new Promise((resolve) => setTimeout(() => requestAnimationFrame(resolve), 100)),
    );
    expect(await page.locator('.run-header .status-badge').getAttribute('data-status')).toBe(
      'succeeded',
    );
  });

  it("counts a waiting run's cost so far in Home's spend, as the budgets do", async () => {
    const { taskId } = await bashTask('Costs while waiting', 'echo paid > paid.txt');
    const runId = await startRun(taskId);
    await waitForPending(runId);
    const waiting = await waitFor('the live cost', async () => {
      const run = await stack.serve.call('runs.get', { runId });
      return run.costUsd > 0 ? run : undefined;
    });
    // Nothing of it is recorded by model yet: costs.summary leaves it out.
    expect(waiting.modelUsage).toEqual([]);
    const now = new Date();
    const from = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
    const recorded = (await stack.serve.call('costs.summary', { from })).totalUsd;
    const { page } = await stack.open();
    await page.getByTestId('spend-today').waitFor();
    expect(await page.getByTestId('spend-today').innerText()).toBe(usd(recorded + waiting.costUsd));
    // The costs page keeps it beside its total until the run's result records it.
    const costs = await stack.open({ path: '/costs' });
    await costs.page.getByTestId('costs-going').waitFor();
    expect(await costs.page.getByTestId('costs-going').innerText()).toBe(
      `+ ${usd(waiting.costUsd)} so far in runs going now`,
    );
    await screenshot(costs.page, 'costs-run-going');

    await allowPending(runId);
    const done = await untilRunStatus(stack.serve, runId, ['succeeded']);
    const after = (await stack.serve.call('costs.summary', { from })).totalUsd;
    expect(after).toBeCloseTo(recorded + done.costUsd, 9);
    await expect.poll(() => page.getByTestId('spend-today').innerText()).toBe(usd(after));
    await costs.page.getByTestId('costs-going').waitFor({ state: 'detached' });
    const month = (await stack.serve.call('costs.summary', {})).totalUsd;
    expect(await costs.page.getByTestId('costs-total').innerText()).toBe(usd(month));
  });

  it("keeps open a card decided while its page watched, whatever the browser's clock says", async () => {
    const { taskId } = await bashTask('Skewed clock', 'echo skewed > skewed.txt');
    const runId = await startRun(taskId);
    await waitForPending(runId);
    // A panel on another machine whose clock runs an hour ahead of the server's.
    const { page } = await stack.open({
      path: `/runs/${runId}`,
      prepare: (context) => context.clock.install({ time: Date.now() + 3_600_000 }),
    });
    await page.locator('.tool-card.tool-waiting').waitFor();
    await allowPending(runId);
    await waitForRunStatus(page, 'succeeded');
    await page.getByText('Allowed by you.').waitFor();
  });

  it('allows a Bash call from the run view, and the command really runs', async () => {
    const { taskId, dir } = await bashTask(
      'Write a marker',
      'echo approved-from-run-view > marker.txt',
    );
    const { page } = await stack.open({ path: '/tasks' });
    await page.getByRole('link', { name: 'Write a marker' }).click();
    await page.getByRole('button', { name: 'Run now' }).click();
    await waitForRunStatus(page, 'waiting');
    const card = page.locator('.tool-card.tool-waiting');
    expect(await card.locator('.command').innerText()).toContain(
      'echo approved-from-run-view > marker.txt',
    );
    expect(
      await page
        .getByRole('link', { name: /^Inbox/ })
        .locator('.nav-badge')
        .innerText(),
    ).toBe('1');
    await screenshot(page, 'run-waiting-for-approval');

    await card.getByRole('button', { name: 'Allow', exact: true }).click();
    await waitForRunStatus(page, 'succeeded');
    expect(await waitForFile(join(dir, 'marker.txt'))).toBe('approved-from-run-view\n');
    await page.getByText('Allowed by you.').waitFor();
    await page.locator('.entry-text', { hasText: 'Command output:' }).waitFor();
    expect(await page.locator('.nav-badge').count()).toBe(0);
    const runs = await stack.serve.call('runs.list', { taskId });
    expect(runs[0]?.status).toBe('succeeded');
  });

  it('denies a Bash call with a reason, and nothing runs', async () => {
    const { taskId, dir } = await bashTask('Refused command', 'echo should-not-run > refused.txt');
    const runId = await startRun(taskId);
    const { page } = await stack.open({ path: `/runs/${runId}` });
    const card = page.locator('.tool-card.tool-waiting');
    await card.waitFor();
    await card.getByLabel('Reason for denying (optional)').fill('Not on a Friday');
    await card.getByRole('button', { name: 'Deny' }).click();
    await page.getByText('Denied by you: “Not on a Friday”').waitFor();
    await waitForRunStatus(page, 'succeeded');
    await page.locator('.entry-text', { hasText: 'The command was denied' }).waitFor();
    expect(existsSync(join(dir, 'refused.txt'))).toBe(false);
    const [approval] = await stack.serve.call('approvals.list', { runId });
    expect(approval?.status).toBe('denied');
    expect(approval?.message).toBe('Not on a Friday');
    await screenshot(page, 'run-denied');
  });

  it('"always allow" stops asking for that command in the task', async () => {
    const { taskId, dir } = await bashTask('Trusted command', 'echo trusted > trusted.txt');
    const runId = await startRun(taskId);
    const { page } = await stack.open({ path: `/runs/${runId}` });
    await page.getByRole('button', { name: 'Always allow', exact: true }).click();
    await waitForRunStatus(page, 'succeeded');
    await page
      .getByText(
        'Allowed, and always allowed for this task from now on: The Bash command “echo trusted > trusted.txt”.',
      )
      .waitFor();
    expect((await stack.serve.call('tasks.get', { taskId })).alwaysAllowedTools).toEqual([
      'Bash(echo trusted > trusted.txt)',
    ]);

    await page.locator('a.breadcrumb-task', { hasText: 'Trusted command' }).click();
    await page.getByRole('heading', { name: 'Always allowed' }).waitFor();
    await page.getByRole('button', { name: 'Run now' }).click();
    await waitForRunStatus(page, 'succeeded');
    expect(await page.locator('.approval-outcome').count()).toBe(0);
    expect(await waitForFile(join(dir, 'trusted.txt'))).toBe('trusted\n');
  });

  it('answers requests from the inbox with the keyboard', async () => {
    const first = await bashTask('Inbox first', 'echo first > first.txt');
    const second = await bashTask('Inbox second', 'echo second > second.txt');
    const firstRun = await startRun(first.taskId);
    await waitForPending(firstRun);
    const secondRun = await startRun(second.taskId);
    await waitForPending(secondRun);

    const { page } = await stack.open({ path: '/inbox' });
    await approvalCards(page).nth(1).waitFor();
    expect(await approvalCards(page).count()).toBe(2);
    // Oldest first, and the first one is selected.
    expect(await approvalCards(page).nth(0).innerText()).toContain('echo first > first.txt');
    expect(await page.locator('.approval-card.selected').innerText()).toContain('Inbox first');
    await screenshot(page, 'inbox');
    const narrowDark = await stack.open({ path: '/inbox', width: 900, colorScheme: 'dark' });
    await approvalCards(narrowDark.page).nth(1).waitFor();
    await screenshot(narrowDark.page, 'inbox-900-dark');
    await narrowDark.context.close();

    await page.keyboard.press('j');
    expect(await page.locator('.approval-card.selected').innerText()).toContain('Inbox second');
    // Typing in a field is text, not a shortcut.
    const reason = page
      .locator('.approval-card.selected')
      .getByLabel('Reason for denying (optional)');
    await reason.fill('');
    await reason.pressSequentially('ad');
    expect(await reason.inputValue()).toBe('ad');
    expect(await approvalCards(page).count()).toBe(2);
    await reason.blur();

    await page.keyboard.press('k');
    expect(await page.locator('.approval-card.selected').innerText()).toContain('Inbox first');
    await page.keyboard.press('a');
    expect(await waitForFile(join(first.dir, 'first.txt'))).toBe('first\n');
    await waitFor('one card left', async () => (await approvalCards(page).count()) === 1);
    expect(await page.locator('.approval-card.selected').innerText()).toContain('Inbox second');
    await page.keyboard.press('d');
    await page.getByText('Nothing needs you').waitFor();

    // The deny reaches the session once its Undo has run out (decisions.test covers the undo).
    const statusOf = async (runId: string) =>
      (await stack.serve.call('approvals.list', { runId }))[0]?.status;
    await waitFor('the deny to be sent', async () => (await statusOf(secondRun)) === 'denied');
    expect(await statusOf(firstRun)).toBe('allowed');
    await waitFor(
      'second run ends',
      async () => (await stack.serve.call('runs.get', { runId: secondRun })).status === 'succeeded',
    );
    expect(existsSync(join(second.dir, 'second.txt'))).toBe(false);
  });

  it('answers a question, and the answer reaches Claude', async () => {
    const taskId = await createTask(stack, 'Pick a colour', 'Ask me [scenario:question]');
    const runId = await startRun(taskId);
    await waitForPending(runId);

    const { page } = await stack.open();
    const card = approvalCards(page).first();
    await card.getByText('Which colour should the button be?').waitFor();
    await screenshot(page, 'home-needs-you');

    await navLink(page, 'Inbox').click();
    await page.getByText('Which colour should the button be?').waitFor();
    // Enter goes to the answer (once the question is past its first moment, when keys wait); the
    // first option takes the focus.
    await settled(page);
    await page.keyboard.press('Enter');
    expect(
      await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value),
    ).toBe('Blue');
    await page.getByRole('radio', { name: /Green/ }).check();
    await screenshot(page, 'inbox-question');
    await page.getByRole('button', { name: 'Send answer' }).click();
    await page.getByText('Nothing needs you').waitFor();

    await page.goto(`${stack.serve.url}/runs/${runId}`);
    await waitForRunStatus(page, 'succeeded');
    await page.locator('.entry-text', { hasText: 'You chose: Green' }).waitFor();
    await page.getByText('You answered:').waitFor();
    const [approval] = await stack.serve.call('approvals.list', { runId });
    expect(approval?.answers).toEqual({ 'Which colour should the button be?': 'Green' });
    await screenshot(page, 'run-question-answered');
  });
});

describe('a dropped event stream', () => {
  it('catches up on what happened while it was down', async () => {
    const { taskId, dir } = await bashTask('Decided elsewhere', 'echo elsewhere > elsewhere.txt');
    const proxy = await startCutProxy(stack.serve.url);
    try {
      const { page } = await openPanel(
        stack.browser,
        { url: proxy.url, token: stack.serve.token },
        { path: '/inbox' },
      );
      await page.getByText('Nothing needs you').waitFor();
      const runId = await startRun(taskId);
      // The request arrives as a push.
      await approvalCards(page).first().getByText('echo elsewhere > elsewhere.txt').waitFor();
      const runPanel = await openPanel(
        stack.browser,
        { url: proxy.url, token: stack.serve.token },
        { path: `/runs/${runId}` },
      );
      await runPanel.page.locator('.tool-card.tool-waiting').waitFor();

      proxy.cut();
      await page.getByText('Connection lost; reconnecting…').waitFor();
      const [approval] = await stack.serve.call('approvals.list', { status: 'pending', runId });
      if (!approval) throw new Error('no pending approval');
      await stack.serve.call('approvals.decide', { approvalId: approval.id, decision: 'allow' });
      expect(await waitForFile(join(dir, 'elsewhere.txt'))).toBe('elsewhere\n');
      // While cut off, the panel cannot have heard about it.
      expect(await approvalCards(page).count()).toBe(1);

      proxy.restore();
      await page.getByText('Nothing needs you').waitFor({ timeout: 30_000 });
      expect(await page.getByText('Connection lost; reconnecting…').count()).toBe(0);
      expect(await page.locator('.nav-badge').count()).toBe(0);
      // The run view fetched the events it missed and the run's new state.
      await waitForRunStatus(runPanel.page, 'succeeded');
      await runPanel.page.locator('.entry-text', { hasText: 'Command output:' }).waitFor();
      await runPanel.page.getByText('Allowed by you.').waitFor();
      await runPanel.context.close();
      await page.context().close();
    } finally {
      await proxy.close();
    }
  });
});

describe('an event stream that goes silent without closing', () => {
  it('is replaced after three missed heartbeats, and the panel catches up', async () => {
    await waitingRunBehindProxy(
      'Silent stream',
      'echo silent > silent.txt',
      async ({ runId, dir, proxy, page, context }) => {
        const streamsOpened = () =>
          page.evaluate(
            () =>
              (globalThis as unknown as { __pushLog: string[] }).__pushLog.filter((line) =>
                line.endsWith('stream open'),
              ).length,
          );
        const before = await streamsOpened();

        // Nothing the server sends reaches the page any more, and EventSource sees no error.
        proxy.silenceStreams();
        await allowPending(runId);
        expect(await waitForFile(join(dir, 'silent.txt'))).toBe('silent\n');
        await untilRunStatus(stack.serve, runId, ['succeeded']);
        // The serve's heartbeat is 2 s in tests: 6 s of silence and the panel opens a new stream,
        // then reads again what it shows.
        await waitForRunStatus(page, 'succeeded');
        expect(await streamsOpened()).toBeGreaterThan(before);
        await page.getByText('Command output: (Bash completed with no output)').waitFor();
        expect(await page.getByText('Connection lost; reconnecting…').count()).toBe(0);
        await context.close();
      },
    );
  });
});

describe('a read that fails after a dropped stream', () => {
  it('keeps the run on its page, says so, and tries again', async () => {
    await waitingRunBehindProxy(
      'Read fails',
      'echo read > read.txt',
      async ({ runId, proxy, page, context }) => {
        try {
          // Once the stream is back, the run's page reads the run again: that read fails.
          await context.route('**/rpc/runs.get', (route) => route.abort());
          const failed = page.waitForEvent('requestfailed', (r) =>
            r.url().endsWith('/rpc/runs.get'),
          );
          await dropAndRestore(page, proxy);
          await failed;
          const note = page.getByRole('alert').filter({ hasText: 'The run could not be updated.' });
          await note.filter({ hasText: 'Switchboard is not reachable' }).waitFor();
          // The transcript's own reads got through once the stream was back (one in flight at
          // the cut may have failed: that says so only until the next catch-up succeeds).
          await expect.poll(() => page.getByRole('alert').count()).toBe(1);
          await screenshot(page, 'run-read-failed');
          expect(await page.getByText('This run could not be opened').count()).toBe(0);
          expect(await page.locator('.tool-card.tool-waiting').count()).toBe(1);

          await context.unroute('**/rpc/runs.get');
          await note.getByRole('button', { name: 'Try again' }).click();
          await note.waitFor({ state: 'detached' });
          await waitForRunStatus(page, 'waiting');
          await context.close();
        } finally {
          await stack.serve.call('runs.cancel', { runId });
        }
      },
    );
  });
});

describe('a transcript read that fails after a dropped stream', () => {
  it('says so above the transcript until a catch-up gets through, and new output still shows', async () => {
    await waitingRunBehindProxy(
      'Transcript read fails',
      'echo later > later.txt',
      async ({ runId, proxy, page, context }) => {
        // Once the stream is back, the transcript catches up on what it missed: that read fails.
        await context.route('**/rpc/runs.events', (route) => route.abort());
        await dropAndRestore(page, proxy);
        const note = page
          .getByRole('alert')
          .filter({ hasText: 'The transcript could not be updated.' });
        await note.filter({ hasText: 'Switchboard is not reachable' }).waitFor();
        await screenshot(page, 'transcript-read-failed');
        expect(await page.locator('.tool-card.tool-waiting').count()).toBe(1);

        await context.unroute('**/rpc/runs.events');
        await note.getByRole('button', { name: 'Try again' }).click();
        await note.waitFor({ state: 'detached' });
        // The transcript is live again: the allowed command's output arrives as pushes.
        await allowPending(runId);
        await waitForRunStatus(page, 'succeeded');
        await page.getByText('Command output: (Bash completed with no output)').waitFor();
        expect(await page.getByRole('alert').count()).toBe(0);
        await context.close();
      },
    );
  });
});

function navLink(page: Page, name: string) {
  return page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: new RegExp(`^${name}`) });
}
