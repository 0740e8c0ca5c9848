// Writes a run's changes and transcript events to the store and announces them on the bus.
// While a session holds secret values, what it records shows them as [redacted:NAME].
import type { ModelUsage, Run, RunEvent } from '../../../shared/domain';
import type { EventBus } from '../event-bus';
import { SecretRedactor } from '../secrets/secret-redaction';
import { toPublicRun, type RunPatch, type RunRecord, type Store } from '../store';
import type { SessionSpend } from './session-spend';
import { limitToolResult, type EventDraft } from './transcript-normalizer';

export class RunRecorder {
  private readonly redactors = new Map<string, SecretRedactor>();
  /** The values each run's redactor knows, so more can be added while it runs. */
  private readonly protectedValues = new Map<string, Record<string, string>>();
  /** The run as last announced, so a live-usage tick sends what changed without a re-read. */
  private readonly announced = new Map<string, Run>();

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: () => number,
  ) {}

  /** The recorded event; undefined when streamed text was held back (it may begin a secret). */
  event(runId: string, draft: EventDraft): RunEvent | undefined {
    const redactor = this.redactors.get(runId);
    if (!redactor) return this.append(runId, draft);
    let last: RunEvent | undefined;
    for (const ready of redactor.take(draft)) last = this.append(runId, ready);
    return last;
  }

  /** From now on, the run's events, result and error show these secret values as [redacted:NAME]. */
  protectSecrets(runId: string, secretEnv: Readonly<Record<string, string>>): void {
    const redactor = new SecretRedactor(secretEnv);
    this.protectedValues.set(runId, { ...secretEnv });
    if (!redactor.isEmpty) this.redactors.set(runId, redactor);
  }

  /** A value given while the run goes on (a secret request): redacted from now on as well. */
  protectMore(runId: string, secretEnv: Readonly<Record<string, string>>): void {
    const values = { ...this.protectedValues.get(runId), ...secretEnv };
    const held = this.redactors.get(runId)?.drain() ?? [];
    this.protectSecrets(runId, values);
    for (const draft of held) this.event(runId, draft);
  }

  /** The session is over: records any text still held back and forgets the values. */
  releaseSecrets(runId: string): void {
    this.protectedValues.delete(runId);
    const redactor = this.redactors.get(runId);
    if (!redactor) return;
    for (const held of redactor.drain()) this.append(runId, held);
    this.redactors.delete(runId);
  }

  redact<T>(runId: string, value: T): T {
    return this.redactors.get(runId)?.redact(value) ?? value;
  }

  update(runId: string, patch: RunPatch): RunRecord | undefined {
    this.store.runs.update(runId, this.redact(runId, patch));
    const run = this.announce(runId);
    if (run?.endedAt != null) this.announced.delete(runId);
    return run;
  }

  /** Live token counts: written, and announced on top of the last announced run. */
  updateLive(runId: string, patch: Pick<RunPatch, 'usage' | 'numTurns' | 'costUsd'>): void {
    this.store.runs.update(runId, patch);
    const last = this.announced.get(runId);
    if (!last) {
      this.announce(runId);
      return;
    }
    const next = { ...last, ...patch };
    this.announced.set(runId, next);
    this.bus.emit('run.updated', next);
  }

  modelUsage(runId: string, usage: ModelUsage[]): void {
    this.store.runs.setModelUsage(runId, usage);
    this.announce(runId);
  }

  /** What the session's runs have recorded so far (a resumed session restores its totals). */
  sessionSpend(sessionId: string): SessionSpend {
    return this.store.costs.sessionSpend(sessionId);
  }

  announce(runId: string): RunRecord | undefined {
    const run = this.store.runs.get(runId);
    if (run) {
      const value = toPublicRun(run);
      this.announced.set(runId, value);
      this.bus.emit('run.updated', value);
    }
    return run;
  }

  /** Stores a draft that is already redacted; long tool output is cut only now, after that. */
  private append(runId: string, draft: EventDraft): RunEvent {
    const kept =
      draft.type === 'tool_result' ? { ...draft, content: limitToolResult(draft.content) } : draft;
    const event = this.store.runs.appendEvent({ ...kept, runId, ts: this.clock() });
    this.bus.emit('run.event', event);
    return event;
  }
}
