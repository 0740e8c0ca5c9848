// The plan meter and a parked run in the panel (Chromium against serve, the real Claude Code
// binary on a plan login against the fake API's plan window).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, screenshotEach } from '../support/browser';
import { PLAN_LOGIN_ENV } from '../support/claude-env';
import { waitFor } from '../support/serve-process';
import { createTask, startStack, type Stack } from './stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ fake: { planWindow: true }, env: PLAN_LOGIN_ENV });
});

afterAll(async () => {
  await stack.stop();
});

describe('plan limits in the panel', () => {
  it('shows the meter on Home and a parked run that waits for the reset', async () => {
    stack.fake.plan.set({ fiveHour: 0.62, sevenDay: 0.18 });
    const warmUp = await createTask(stack, 'Morning check', '[scenario:text say=all%20good]');
    const first = await stack.serve.call('tasks.run', { taskId: warmUp });
    await waitFor(
      'the first run to finish',
      async () => {
        const run = await stack.serve.call('runs.get', { runId: first.id });
        return run.status === 'succeeded' ? run : undefined;
      },
      60_000,
    );

    const { page } = await stack.open({ path: '/' });
    const meter = page.getByTestId('plan-meter');
    await meter.waitFor();
    expect(await page.getByTestId('plan-five-hour').innerText()).toContain('62 %');
    expect(await page.getByTestId('plan-seven-day').innerText()).toContain('18 %');
    await screenshot(page, 'plan-meter');

    stack.fake.plan.exhaustFor(120_000);
    const nightly = await createTask(stack, 'Nightly refactor', '[scenario:text say=done]');
    const parkedRun = await stack.serve.call('tasks.run', { taskId: nightly });
    await waitFor(
      'the run to be parked',
      async () => {
        const run = await stack.serve.call('runs.get', { runId: parkedRun.id });
        return run.parkedUntil !== null ? run : undefined;
      },
      60_000,
    );

    const row = page.locator(`tr[data-run-id="${parkedRun.id}"]`);
    await row.locator('[data-parked="true"]').waitFor();
    expect(await row.locator('.status-badge').innerText()).toMatch(/^Parked until \S+/);
    await meter.getByText('Used up').waitFor();
    expect(await page.getByTestId('plan-five-hour').innerText()).toContain('100 %');
    await screenshot(page, 'plan-parked-home');

    await row.getByRole('link', { name: 'Nightly refactor' }).click();
    const parkedNote = page.getByTestId('run-parked');
    await parkedNote.waitFor();
    // The one time format: how far off, then the clock time.
    expect(await parkedNote.innerText()).toMatch(
      /5-hour limit is used up\. It carries on by itself in \d+ min · /,
    );
    expect(await page.getByTestId('run-plan-window').innerText()).toBe('5-hour');
    await page.getByRole('button', { name: 'Run anyway' }).waitFor();
    // The transcript reads as parked: the refusal that parked it is not a red error line, and
    // the session's end is not "Ended with an error".
    await page.getByText("You've hit your 5-hour limit").waitFor();
    expect(await page.locator('.entry-error').count()).toBe(0);
    expect(await page.locator('.entry-result-error').count()).toBe(0);
    expect(await page.getByText('rate limited', { exact: false }).count()).toBe(0);
    await screenshotEach(page, 'plan-parked-run');
  }, 180_000);
});
