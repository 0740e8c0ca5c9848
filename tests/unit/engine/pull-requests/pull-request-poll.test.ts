// The poll: open pull requests are asked for their state and checks every pollMs (fake timers),
// a failure is kept in words and the poll goes on, closed ones are left alone, stop() ends it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PushEvent } from '../../../../src/shared/contract';
import { EventBus } from '../../../../src/main/engine/event-bus';
import { PullRequestService } from '../../../../src/main/engine/pull-requests/pull-request-service';
import type { Store } from '../../../../src/main/engine/store';
import type { PullRequestRecord } from '../../../../src/main/engine/store/pull-request-store';
import { tempDir } from '../../../support/claude-env';
import { openStore, seed } from '../../../support/store-fixtures';

const POLL_MS = 5_000;

function record(runId: string, patch: Partial<PullRequestRecord> = {}): PullRequestRecord {
  return {
    // Not a repository: nothing local is left to push, so only GitHub's answers matter here.
    repoRoot: tempDir('not-a-repo'),
    branch: `switchboard/${runId}`,
    runId,
    apiUrl: 'https://ghe.example.com/api/v3',
    repository: 'octo/widgets',
    remote: 'origin',
    number: 7,
    url: 'https://ghe.example.com/octo/widgets/pull/7',
    title: 'Fix it',
    baseBranch: 'main',
    state: 'open',
    draft: false,
    headSha: 'abc123',
    checks: [],
    openedAt: 1,
    pushedAt: 1,
    refreshedAt: null,
    refreshError: null,
    ...patch,
  };
}

function gitHub(answers: { checks?: unknown[]; state?: string; fail?: boolean }) {
  const calls: string[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer tok');
    if (answers.fail) throw new Error('connect ECONNREFUSED');
    const body = url.includes('/check-runs')
      ? { total_count: answers.checks?.length ?? 0, check_runs: answers.checks ?? [] }
      : {
          number: 7,
          html_url: 'https://ghe.example.com/octo/widgets/pull/7',
          title: 'Fix it',
          state: answers.state ?? 'open',
          merged: answers.state === 'merged',
          head: { sha: 'abc123' },
        };
    return Promise.resolve(new Response(JSON.stringify(body), { status: 200 }));
  });
  return { fetch, calls };
}

describe('the pull request poll', () => {
  let store: Store;
  let bus: EventBus;
  let events: PushEvent[];
  let service: PullRequestService | undefined;
  let runId: string;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    store = openStore();
    bus = new EventBus();
    events = [];
    bus.subscribe((event) => events.push(event));
    runId = seed(store, 1_000, 0.1);
  });

  afterEach(() => {
    service?.stop();
    vi.useRealTimers();
  });

  const start = (fetch: typeof globalThis.fetch) => {
    service = new PullRequestService({
      store,
      bus,
      clock: () => Date.now(),
      apiUrl: () => 'https://api.github.com',
      keychainToken: () => Promise.resolve('tok'),
      secretValues: () => Promise.resolve({}),
      fetch,
      pollMs: POLL_MS,
    });
    service.start();
  };
  /** The next pullRequest.updated push: the poll's work is done when it is heard. */
  const nextUpdate = () =>
    new Promise<PushEvent>((resolve) => {
      const stop = bus.subscribe((event) => {
        if (event.type !== 'pullRequest.updated') return;
        stop();
        resolve(event);
      });
    });

  it('asks nothing before pollMs, then brings the state and checks and says so', async () => {
    const pr = record(runId);
    store.pullRequests.insert(pr);
    const github = gitHub({
      checks: [{ name: 'build', status: 'completed', conclusion: 'success', html_url: 'u' }],
    });
    start(github.fetch);
    await vi.advanceTimersByTimeAsync(POLL_MS - 1);
    expect(github.calls).toEqual([]);
    const heard = nextUpdate();
    await vi.advanceTimersByTimeAsync(1);
    const event = await heard;
    // The API it was opened through, not today's setting.
    expect(github.calls).toEqual([
      'GET https://ghe.example.com/api/v3/repos/octo/widgets/pulls/7',
      'GET https://ghe.example.com/api/v3/repos/octo/widgets/commits/abc123/check-runs?per_page=100',
    ]);
    expect(event.payload).toMatchObject({
      number: 7,
      state: 'open',
      unpushed: false,
      checks: [{ name: 'build', status: 'completed', conclusion: 'success', url: 'u' }],
      refreshError: null,
    });
    expect(store.pullRequests.get(pr.repoRoot, pr.branch)?.checks).toHaveLength(1);
  });

  it('keeps a failure in words, and asks again at the next tick', async () => {
    const pr = record(runId);
    store.pullRequests.insert(pr);
    const github = gitHub({ fail: true });
    start(github.fetch);
    const heard = nextUpdate();
    await vi.advanceTimersByTimeAsync(POLL_MS);
    await heard;
    const kept = store.pullRequests.get(pr.repoRoot, pr.branch);
    expect(kept?.refreshError).toMatch(/could not be reached.*ECONNREFUSED/);
    expect(kept?.state).toBe('open');
    const before = github.calls.length;
    await vi.advanceTimersByTimeAsync(POLL_MS);
    await vi.waitFor(() => expect(github.calls.length).toBeGreaterThan(before));
  });

  it('leaves merged and closed pull requests alone, and stops when stopped', async () => {
    store.pullRequests.insert(record(runId, { state: 'merged' }));
    const open = record(runId, { branch: 'switchboard/other', number: 8 });
    store.pullRequests.insert(open);
    const github = gitHub({ state: 'closed' });
    start(github.fetch);
    const heard = nextUpdate();
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect((await heard).payload).toMatchObject({ state: 'closed', unpushed: false });
    expect(github.calls.filter((c) => c.includes('/pulls/'))).toHaveLength(1);
    // Closed now: the next tick asks about nothing.
    const after = github.calls.length;
    await vi.advanceTimersByTimeAsync(POLL_MS * 3);
    expect(github.calls).toHaveLength(after);
    store.pullRequests.update(open.repoRoot, open.branch, { state: 'open' });
    service?.stop();
    await vi.advanceTimersByTimeAsync(POLL_MS * 3);
    expect(github.calls).toHaveLength(after);
    expect(events.filter((e) => e.type === 'pullRequest.updated')).toHaveLength(1);
  });
});
