// Shared by the benchmarks that drive the panel in Chromium: building the app when out/ is missing,
// collecting long tasks (PerformanceObserver 'longtask') and printing a figure under its target.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { SERVE_ENTRY } from '../tests/support/serve-process';

/** Builds the app once when there is no build; a stale build is used as it is (npm run build). */
export function ensureBuilt(): void {
  if (existsSync(SERVE_ENTRY)) return;
  const root = resolve(import.meta.dirname, '..');
  execFileSync(
    process.execPath,
    [resolve(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    { cwd: root, stdio: 'inherit' },
  );
}

/** An init script: every long task's duration goes to window.__longTasks. */
export const OBSERVE_LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
`;

/** The long tasks seen since the last call, and forgets them. */
export const takeLongTasks = (page: Page) =>
  page.evaluate(() => {
    const holder = globalThis as unknown as { __longTasks: number[] };
    const tasks = holder.__longTasks;
    holder.__longTasks = [];
    return tasks;
  });

export function reportUnder(name: string, value: number, target: number, unit = 'ms'): void {
  const verdict = value < target ? 'within target' : 'OVER TARGET';
  console.log(
    `[bench] ${name}: ${value.toFixed(0)} ${unit} (target < ${target} ${unit}) — ${verdict}`,
  );
}
