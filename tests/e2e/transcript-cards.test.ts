// Transcripts that scan, with the real Claude Code binary: tool calls fold to one line (tool,
// command once, ok/error, duration) and open by click, keyboard or "Expand all"; outputs and code
// blocks copy (with and without the Clipboard API); "Jump to latest" sits below a live run's list,
// never over it; and after Stop the header keeps the tokens it showed, next to the cost.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { createTask, startStack, waitForRunStatus, type Stack } from './stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack.stop();
});

async function startRun(taskId: string): Promise<string> {
  const run = await stack.serve.call('tasks.run', { taskId });
  return run.id;
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

async function box(page: Page, selector: string) {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} has no box`);
  return found;
}

describe('tool cards', () => {
  it('fold to one line, open by click, Enter/Space and Expand all, and show the command once', async () => {
    const taskId = await createTask(
      stack,
      'Three steps',
      'Go [scenario:chain turns=3 command=echo%20step-{n}]',
      { allowedTools: ['Bash'] },
    );
    const runId = await startRun(taskId);
    const { page } = await stack.open({ path: `/runs/${runId}` });
    await waitForRunStatus(page, 'succeeded');
    const cards = page.locator('.tool-card');
    await page.getByText('Finished 3 steps.').waitFor();
    expect(await cards.count()).toBe(3);

    for (let step = 1; step <= 3; step++) {
      const card = cards.nth(step - 1);
      const head = card.locator('button.tool-head');
      expect(await head.getAttribute('aria-expanded')).toBe('false');
      const line = await head.innerText();
      expect(line).toContain('Bash');
      expect(line).toContain(`echo step-${step}`);
      expect(line).toContain('ok');
      expect(line).toMatch(/\d+\.\d s/);
      expect((await card.boundingBox())?.height).toBeLessThan(48);
      expect(occurrences(await card.innerText(), `echo step-${step}`)).toBe(1);
    }
    await screenshot(page, 'run-tool-cards-collapsed');

    // A click opens one: the command is in the body now, not in the line as well.
    const first = cards.nth(0);
    await first.locator('button.tool-head').click();
    await first.locator('.output', { hasText: 'step-1' }).waitFor();
    expect(await first.locator('.command').innerText()).toContain('echo step-1');
    expect(occurrences(await first.innerText(), 'echo step-1')).toBe(1);

    // Enter and Space on the line open and close it.
    const second = cards.nth(1).locator('button.tool-head');
    await second.focus();
    await page.keyboard.press('Enter');
    expect(await second.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Space');
    expect(await second.getAttribute('aria-expanded')).toBe('false');

    await page.getByRole('button', { name: 'Expand all' }).click();
    for (let i = 0; i < 3; i++)
      expect(await cards.nth(i).locator('button.tool-head').getAttribute('aria-expanded')).toBe(
        'true',
      );
    expect(await page.locator('.tool-card .output').count()).toBe(3);
    await screenshot(page, 'run-tool-cards-expanded');
    await page.getByRole('button', { name: 'Collapse all' }).click();
    expect(await page.locator('.tool-card .output').count()).toBe(0);

    // The header's elapsed time and the closing line's are one figure.
    const elapsed = await page.getByTestId('run-elapsed').innerText();
    const closing = await page.locator('.entry-result').innerText();
    expect(closing).toContain(` · ${elapsed} · `);
  });

  it('opens a failed call by itself and says error', async () => {
    const taskId = await createTask(
      stack,
      'A failing command',
      'Go [scenario:bash command=ls%20%2Fno-such-folder-here]',
      { allowedTools: ['Bash'] },
    );
    const runId = await startRun(taskId);
    const { page } = await stack.open({ path: `/runs/${runId}` });
    await waitForRunStatus(page, 'succeeded');
    const card = page.locator('.tool-card.tool-error');
    await card.waitFor();
    expect(await card.locator('button.tool-head').getAttribute('aria-expanded')).toBe('true');
    expect(await card.locator('.tool-state').innerText()).toBe('error');
    await card.locator('.tool-result-error .output').waitFor();
  });
});

describe('copy', () => {
  it('copies a tool output and a code block to the clipboard', async () => {
    const taskId = await createTask(
      stack,
      'Echo to copy',
      'Go [scenario:bash command=echo%20copy-me-123]',
      {
        allowedTools: ['Bash'],
      },
    );
    const runId = await startRun(taskId);
    const { page, context } = await stack.open({ path: `/runs/${runId}` });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: stack.serve.url,
    });
    await waitForRunStatus(page, 'succeeded');
    const card = page.locator('.tool-card');
    await card.locator('button.tool-head').click();
    const copy = card.locator('.tool-result').getByRole('button', { name: 'Copy' });
    await copy.click();
    await card.locator('.tool-result').getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('copy-me-123');
    await screenshot(page, 'run-output-copied');

    const markdownTask = await createTask(stack, 'Code to copy', 'Report [scenario:markdown]');
    const markdownRun = await startRun(markdownTask);
    await page.goto(`${stack.serve.url}/runs/${markdownRun}`);
    await waitForRunStatus(page, 'succeeded');
    const code = page.locator('.markdown .code-block');
    await code.hover();
    await code.getByRole('button', { name: 'Copy' }).click();
    await code.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      "export const greeting = 'hello';\n",
    );
    await screenshot(page, 'run-code-copied');
  });

  it('falls back to the copy command where the Clipboard API is missing', async () => {
    const taskId = await createTask(
      stack,
      'Echo without API',
      'Go [scenario:bash command=echo%20no-api-456]',
      {
        allowedTools: ['Bash'],
      },
    );
    const runId = await startRun(taskId);
    const { page } = await stack.open({
      path: `/runs/${runId}`,
      // As on a page the browser does not trust with the API: navigator.clipboard is not there.
      initScript: `
        delete Navigator.prototype.clipboard;
        document.addEventListener('copy', (event) => {
          const target = event.target;
          window.__copied = target instanceof HTMLTextAreaElement
            ? target.value.slice(target.selectionStart, target.selectionEnd)
            : String(getSelection());
        }, true);`,
    });
    await waitForRunStatus(page, 'succeeded');
    expect(await page.evaluate(() => 'clipboard' in navigator)).toBe(false);
    const card = page.locator('.tool-card');
    await card.locator('button.tool-head').click();
    await card.locator('.tool-result').getByRole('button', { name: 'Copy' }).click();
    await card.locator('.tool-result').getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __copied?: string }).__copied)).toBe(
      'no-api-456',
    );
  });
});

describe('a live run', () => {
  it('offers "Jump to latest" below the list once scrolled up, and keeps its tokens after Stop', async () => {
    const taskId = await createTask(
      stack,
      'A long live answer',
      // Long enough (about a minute) to still be going on a loaded machine when Stop is pressed.
      'Go [scenario:slow words=8000 delay=8]',
    );
    const runId = await startRun(taskId);
    const { page } = await stack.open({ path: `/runs/${runId}`, height: 700 });
    await waitForRunStatus(page, 'running');
    const scroller = page.getByRole('log', { name: 'Transcript' });
    await page.waitForFunction(() => {
      const element = document.querySelector('.transcript-scroll');
      return element !== null && element.scrollHeight > element.clientHeight + 400;
    });
    // Following the end: nothing offered.
    expect(await page.locator('.jump-latest').count()).toBe(0);

    await scroller.hover();
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -400);
    const jump = page.getByRole('button', { name: '↓ Jump to latest' });
    await jump.waitFor();
    // Below the list, not over it: the list's last pixel is above the button.
    const list = await box(page, '.transcript-scroll');
    const button = await box(page, '.jump-latest');
    expect(button.y).toBeGreaterThanOrEqual(list.y + list.height);
    await screenshot(page, 'run-jump-latest');

    await jump.click();
    await jump.waitFor({ state: 'detached' });
    await page.waitForFunction(() => {
      const element = document.querySelector('.transcript-scroll');
      return (
        element !== null && element.scrollHeight - element.scrollTop - element.clientHeight < 48
      );
    });

    // Live token counts, then Stop: the figures stay (no fall to 0 / 0), next to the cost.
    const tokens = page.locator('.run-stats div', { hasText: 'Tokens in / out' }).locator('dd');
    await page.waitForFunction(
      () => {
        const cells = [...document.querySelectorAll('.run-stats div')];
        const cell = cells.find((element) => element.textContent.includes('Tokens in / out'));
        const text = cell?.querySelector('dd')?.textContent ?? '';
        return /^\S+ \/ \S+$/.test(text) && !text.startsWith('0 ');
      },
      undefined,
      { timeout: 60_000 },
    );
    const liveIn = (await tokens.innerText()).split(' / ')[0];
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await waitForRunStatus(page, 'cancelled');
    const [stoppedIn, stoppedOut] = (await tokens.innerText()).split(' / ');
    expect(stoppedIn).toBe(liveIn);
    expect(stoppedOut).not.toBe('0');
    expect(await page.getByTestId('run-cost').innerText()).not.toBe('$0.00');
    const stored = await stack.serve.call('runs.get', { runId });
    expect(stored.usage.inputTokens).toBeGreaterThan(0);
    expect(stored.usage.outputTokens).toBeGreaterThan(0);
    // The run has ended: no strip, no button.
    expect(await page.locator('.transcript-foot').count()).toBe(0);
    await screenshot(page, 'run-stopped-keeps-tokens');
  }, 180_000);
});
