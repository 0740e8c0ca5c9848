// Start latency per place: run request → the first API request, for a cold run on this machine,
// the same run on an SSH place (a real sshd for a local user, tests/support/test-sshd.ts; the
// fake API reached through ssh's reverse tunnel) and in a container place (podman, the test image
// of tests/support/test-image.ts, no network: the API through the relayed socket). Median of 5
// alternating rounds; no target: the figure says what a place costs at the start (the connection,
// the key exchange, the container's creation, the wrapper).
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../tests/fixtures/fake-anthropic/server';
import { tempDir } from '../tests/support/claude-env';
import { startEngine, type EngineHarness } from '../tests/support/engine-harness';
import { waitFor } from '../tests/support/serve-process';
import { ensureTestImage, testContainer, useTestContainersConf } from '../tests/support/test-image';
import { startTestSshd, type TestSshd } from '../tests/support/test-sshd';
import { median, report, sleep } from './support';

const PAIRS = 5;
let fake: FakeAnthropic;
let harness: EngineHarness;
let sshd: TestSshd;
const arrivals: number[] = [];
let image = '';

beforeAll(async () => {
  sshd = await startTestSshd();
  // Before the engine starts: it passes CONTAINERS_CONF on to podman.
  useTestContainersConf();
  image = ensureTestImage();
  fake = await startFakeAnthropic();
  const push = fake.requests.push.bind(fake.requests);
  fake.requests.push = (...items) => {
    arrivals.push(performance.now());
    return push(...items);
  };
  harness = await startEngine(fake.url);
  await harness.call('settings.update', {
    performance: { warmSpare: false, lowerClaudePriority: false },
  });
});

afterAll(async () => {
  await harness.stop();
  await fake.close();
  await sshd.stop();
});

async function timedRun(placeId: string | null): Promise<number> {
  const task = await harness.call('tasks.create', {
    title: 'bench',
    prompt: '[scenario:text say=ok]',
    cwd: tempDir('bench-place'),
    placeId,
  });
  const before = arrivals.length;
  const start = performance.now();
  const run = await harness.call('tasks.run', { taskId: task.id });
  const at = await waitFor('the first API request', () => arrivals[before], 60_000);
  await harness.waitForRun(run.id, ['succeeded', 'failed']);
  return at - start;
}

describe('start latency per place', () => {
  it('this machine (cold) vs an SSH place vs a container place', async () => {
    const place = await harness.call('places.create', {
      name: 'bench',
      ssh: sshd.config(sshd.newFolder()),
    });
    const first = await harness.call('places.test', { placeId: place.id });
    await harness.call('places.trustHostKey', {
      placeId: place.id,
      fingerprint: first.hostKey.fingerprint ?? '',
    });
    const box = await harness.call('places.create', {
      name: 'bench box',
      kind: 'container',
      container: testContainer(image),
    });
    const local: number[] = [];
    const ssh: number[] = [];
    const container: number[] = [];
    for (let i = 0; i < PAIRS; i++) {
      local.push(await timedRun(null));
      ssh.push(await timedRun(place.id));
      container.push(await timedRun(box.id));
      await sleep(200);
    }
    report(
      'start on this machine (cold): run request → first API request (median)',
      median(local),
      'ms',
    );
    report('start on an SSH place: run request → first API request (median)', median(ssh), 'ms');
    report(
      'start in a container place: run request → first API request (median)',
      median(container),
      'ms',
    );
  });
});
