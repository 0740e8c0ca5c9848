// Search over a real engine and a real SQLite file: a word from one tool's output, among 10,000
// stored runs, is found through the local API, and the hit names the event that holds it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/main/engine/store';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { tempDir } from '../support/claude-env';
import { seedHistory } from '../support/search-seed';
import { startServe, type ServeProcess } from '../support/serve-process';

const RUNS = 10_000;
const NEEDLE_RUN = 4_321;
const NEEDLE = 'xylophone7';

let fake: FakeAnthropic;
let serve: ServeProcess;

beforeAll(async () => {
  const dataDir = tempDir('data-search');
  const store = Store.open(dataDir);
  seedHistory(store, {
    runs: RUNS,
    now: Date.now(),
    extra: (index) =>
      index === NEEDLE_RUN
        ? [
            { type: 'tool_use', toolUseId: 'needle', name: 'Bash', input: { command: 'make' } },
            {
              type: 'tool_result',
              toolUseId: 'needle',
              content: `compiling…\nwarning: ${NEEDLE} is deprecated\ndone`,
              isError: false,
            },
          ]
        : [],
  });
  store.close();
  fake = await startFakeAnthropic();
  serve = await startServe({ fakeUrl: fake.url, dataDir });
}, 120_000);

afterAll(async () => {
  await serve.stop();
  await fake.close();
});

describe('search through the local API', () => {
  it('finds a word from one tool output among 10,000 runs and names its event', async () => {
    const page = await serve.call('search.query', { text: NEEDLE });
    expect(page.indexing).toBe(false);
    expect(page.hits).toHaveLength(1);
    const [hit] = page.hits;
    expect(hit).toMatchObject({
      runId: `run_00${NEEDLE_RUN}`,
      type: 'tool_result',
      taskTitle: 'Nightly parser',
      status: 'succeeded',
    });
    expect(hit?.snippet.filter((part) => part.match).map((part) => part.text)).toEqual([NEEDLE]);
    // Opening the hit: the run's event at that seq is the tool output that holds the word.
    const [event] = await serve.call('runs.events', {
      runId: hit?.runId ?? '',
      afterSeq: (hit?.seq ?? 1) - 1,
      limit: 1,
    });
    expect(event?.type).toBe('tool_result');
    expect(event?.type === 'tool_result' && event.content).toContain(NEEDLE);
  });

  it('filters and pages over the whole history', async () => {
    // "build" is in one run of eight, and one run of ten failed.
    const failed = await serve.call('search.query', {
      text: 'build',
      statuses: ['failed'],
      limit: 200,
    });
    expect(failed.hits.length).toBeGreaterThan(0);
    expect(failed.hits.every((hit) => hit.status === 'failed')).toBe(true);
    const first = await serve.call('search.query', { text: 'npm run deploy', limit: 10 });
    expect(first.hits).toHaveLength(10);
    expect(first.next).not.toBeNull();
    const second = await serve.call('search.query', {
      text: 'npm run deploy',
      limit: 10,
      before: first.next ?? 1,
    });
    const ids = (hits: { eventId: number }[]) => hits.map((hit) => hit.eventId);
    expect(Math.max(...ids(second.hits))).toBeLessThan(Math.min(...ids(first.hits)));
    const bad = await serve.request('/rpc/search.query', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${serve.token}` },
      body: JSON.stringify({ text: 'x', limit: 0 }),
    });
    expect(bad.status).toBe(400);
  });
});
