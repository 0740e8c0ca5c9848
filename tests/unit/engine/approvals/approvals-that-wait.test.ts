// The approval broker against a real store: a request outlives the session that asked, its
// decision is applied once to the session that resumes, and a timeout only ever denies.
import { afterEach, describe, expect, it } from 'vitest';
import { ApprovalBroker } from '../../../../src/main/engine/approvals/approval-broker';
import { continuationPrompt } from '../../../../src/main/engine/approvals/continuation';
import { EventBus } from '../../../../src/main/engine/event-bus';
import { Store } from '../../../../src/main/engine/store';
import { DEFAULT_RUN_POLICY } from '../../../../src/shared/domain';
import { tempDir } from '../../../support/claude-env';
import { newRun, taskRecord } from '../../../support/records';

const opened: Store[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

function setup(approvalTimeoutMinutes: number | null = null) {
  const store = Store.open(tempDir('approvals'));
  opened.push(store);
  store.tasks.insert(
    taskRecord({ id: 'task_1', runPolicy: { ...DEFAULT_RUN_POLICY, approvalTimeoutMinutes } }),
  );
  store.runs.insert(newRun({ id: 'run_1', taskId: 'task_1', sessionStarted: true }));
  let now = 1_000_000;
  const continued: string[] = [];
  const events: string[] = [];
  const broker = new ApprovalBroker({
    store,
    bus: new EventBus(),
    clock: () => now,
    onPendingChange: () => undefined,
    recordEvent: (_runId, draft) => events.push(draft.type),
    onDecidedWithoutSession: (runId) => continued.push(runId),
  });
  const ask = (signal = new AbortController().signal) =>
    broker.request({
      runId: 'run_1',
      taskId: 'task_1',
      toolName: 'Bash',
      input: { command: 'make deploy' },
      toolUseId: 'toolu_1',
      title: null,
      description: null,
      signal,
    });
  return { store, broker, ask, continued, events, advance: (ms: number) => (now += ms) };
}

describe('approvals that wait', () => {
  it('keeps a request pending when its session goes away, and answers the resumed session from the decision', async () => {
    const { store, broker, ask, continued, events } = setup();
    const session = new AbortController();
    const first = ask(session.signal);
    session.abort();
    expect(await first).toMatchObject({ behavior: 'deny', interrupt: true });
    const [pending] = store.approvals.list({ status: 'pending' });
    expect(pending?.toolName).toBe('Bash');
    expect(broker.awaitsPerson('run_1')).toBe(true);

    broker.decide({ approvalId: pending?.id ?? '', decision: 'allow' });
    expect(continued).toEqual(['run_1']);
    expect(continuationPrompt(store.approvals.unapplied('run_1'))).toContain(
      'ALLOWED Bash `make deploy`',
    );

    // The resumed session asks the same thing: answered at once, no second request.
    expect(await ask()).toMatchObject({ behavior: 'allow' });
    expect(store.approvals.list({ runId: 'run_1' })).toHaveLength(1);
    expect(events.filter((e) => e === 'approval_decided')).toHaveLength(1);
    expect(broker.awaitsPerson('run_1')).toBe(false);
    // Applied once: a later identical call asks the person again.
    void ask();
    expect(store.approvals.list({ status: 'pending' })).toHaveLength(1);
  });

  it('denies (never allows) a request past the task approval timeout, and records when', async () => {
    const { store, broker, ask, advance } = setup(10);
    const answer = ask();
    const [pending] = store.approvals.list({ status: 'pending' });
    expect(pending?.expiresAt).toBe((pending?.createdAt ?? 0) + 10 * 60_000);
    advance(9 * 60_000);
    expect(broker.expireOverdue()).toEqual([]);
    advance(60_000);
    expect(broker.expireOverdue()).toEqual([pending?.id]);
    expect(await answer).toMatchObject({ behavior: 'deny' });
    expect(store.approvals.get(pending?.id ?? '')?.status).toBe('denied');
  });

  it("a person's cancel of the run withdraws its requests", async () => {
    const { store, broker, ask } = setup();
    const answer = ask();
    broker.cancelRun('run_1');
    expect(await answer).toMatchObject({ behavior: 'deny' });
    expect(store.approvals.list({ status: 'cancelled' })).toHaveLength(1);
  });
});
