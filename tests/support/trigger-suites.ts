// For the trigger suites against `serve`: a task for a trigger to start (in a folder of its own)
// and a trigger as its kind, failing loudly when it is another.
import type { OverlapPolicy, Trigger } from '../../src/shared/domain';
import { tempDir } from './claude-env';
import type { ServeProcess } from './serve-process';

export function newTriggerTask(
  serve: ServeProcess,
  kind: Trigger['kind'],
  prompt: string,
  overlapPolicy: OverlapPolicy,
) {
  return serve.call('tasks.create', {
    title: `${kind} ${prompt.slice(0, 20)}`,
    prompt,
    cwd: tempDir(`${kind}-work`),
    overlapPolicy,
  });
}

export function triggerOfKind<K extends Trigger['kind']>(
  trigger: Trigger,
  kind: K,
): Extract<Trigger, { kind: K }> {
  const isKind = (t: Trigger): t is Extract<Trigger, { kind: K }> => t.kind === kind;
  if (!isKind(trigger)) throw new Error(`expected a ${kind} trigger, got ${trigger.kind}`);
  return trigger;
}
