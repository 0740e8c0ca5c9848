// What a failed test prints about the live parts it used: each serve process's recent runs and
// their last events, each fake API's last requests, the busiest processes on the machine and the
// serve's last output. A test that waited in vain then says where things got to, in CI too.
import { execFileSync } from 'node:child_process';
import { afterEach } from 'vitest';
import type { FakeAnthropic } from '../fixtures/fake-anthropic/server';

type Reporter = () => Promise<string>;

const reporters = new Map<symbol, { name: string; report: Reporter }>();

/** Registers a part to report on when a test fails; call the result once the part is gone. */
export function reportOnFailure(name: string, report: Reporter): () => void {
  const key = Symbol(name);
  reporters.set(key, { name, report });
  return () => reporters.delete(key);
}

/** The busiest processes, for a test that may have been starved of CPU. */
function busiestProcesses(): string {
  try {
    const out = execFileSync('ps', ['-eo', 'pid,ppid,ni,pcpu,etime,args', '--sort=-pcpu'], {
      encoding: 'utf8',
    });
    return out
      .split('\n')
      .slice(0, 12)
      .map((line) => line.slice(0, 160))
      .join('\n');
  } catch (error) {
    return `(ps failed: ${String(error)})`;
  }
}

/** For a setup file: after each failed test, prints every registered part's report. */
export function printReportsAfterFailures(): void {
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    const sections = [`— what the parts looked like when "${context.task.name}" failed —`];
    for (const { name, report } of reporters.values()) {
      const text = await report().catch((error: unknown) => `(no report: ${String(error)})`);
      sections.push(`[${name}]\n${text}`);
    }
    sections.push(`[processes]\n${busiestProcesses()}`);
    const report = sections.join('\n\n');
    // On the error too: the summary at the end of the output is what a CI log keeps.
    const [error] = context.task.result.errors ?? [];
    if (error) error.message = `${error.message}\n\n${report}`;
    else console.error(report);
  });
}

/** Reports a fake API's last requests while it is open; call the result when it closes. */
export function reportFakeOnFailure(fake: FakeAnthropic): () => void {
  return reportOnFailure(`fake API ${fake.url}`, async () =>
    fake.requests
      .slice(-8)
      .map(
        (r) =>
          `  ${new Date(r.at).toISOString().slice(11, 23)} ${r.method} ${r.path} → ${r.status}` +
          ` ${r.scenario ?? '—'} turn ${r.turn ?? '—'} "${r.lastUserText.slice(0, 60)}"`,
      )
      .join('\n'),
  );
}
