// Replaces the secret values a session was given with [redacted:NAME] in what is recorded about
// its run, including a value streamed across several text events (the tail that could begin one
// is held back until the next piece shows whether it does).
import type { EventDraft } from '../runs/transcript-normalizer';

/** Shorter values are not redacted: they would match ordinary text all over the transcript. */
export const MIN_REDACTED_LENGTH = 4;

type StreamedDraft = Extract<EventDraft, { type: 'text' | 'thinking' }>;

interface Secret {
  value: string;
  marker: string;
}

export class SecretRedactor {
  private readonly secrets: Secret[];
  private held: StreamedDraft | null = null;

  constructor(secretEnv: Readonly<Record<string, string>>) {
    this.secrets = Object.entries(secretEnv)
      .filter(([, value]) => value.length >= MIN_REDACTED_LENGTH)
      .map(([name, value]) => ({ value, marker: `[redacted:${name}]` }))
      // Longest first, so a value that contains another is replaced whole.
      .sort((a, b) => b.value.length - a.value.length);
  }

  get isEmpty(): boolean {
    return this.secrets.length === 0;
  }

  redactText(text: string): string {
    let result = text;
    for (const secret of this.secrets) {
      if (result.includes(secret.value)) result = result.split(secret.value).join(secret.marker);
    }
    return result;
  }

  /** A copy of `value` with every string in it redacted (plain objects and arrays, any depth). */
  redact<T>(value: T): T {
    return this.redactValue(value) as T;
  }

  /** The drafts to record for `draft`: held-back text first when it can no longer continue. */
  take(draft: EventDraft): EventDraft[] {
    if (draft.type === 'text' || draft.type === 'thinking') return this.takeStreamed(draft);
    // The end of a turn: any held text is complete.
    const before = draft.type === 'result' || draft.type === 'status' ? this.drain() : [];
    return [...before, this.redact(draft)];
  }

  /** Text still held back; the run is over, so it is recorded as it is. */
  drain(): EventDraft[] {
    const held = this.held;
    this.held = null;
    return held ? [held] : [];
  }

  private takeStreamed(draft: StreamedDraft): EventDraft[] {
    const continues = this.held?.blockId === draft.blockId && this.held.type === draft.type;
    const before = continues ? [] : this.drain();
    const text = this.redactText((continues && this.held ? this.held.text : '') + draft.text);
    const hold = this.heldTailLength(text);
    this.held = hold > 0 ? { ...draft, text: text.slice(text.length - hold) } : null;
    const ready = text.slice(0, text.length - hold);
    return ready ? [...before, { ...draft, text: ready }] : before;
  }

  /** The length of the longest end of `text` that is the start of a secret value. */
  private heldTailLength(text: string): number {
    let longest = 0;
    for (const { value } of this.secrets) {
      const from = Math.max(0, text.length - value.length + 1);
      for (let i = from; i < text.length && text.length - i > longest; i++) {
        if (text.charCodeAt(i) === value.charCodeAt(0) && value.startsWith(text.slice(i))) {
          longest = text.length - i;
          break;
        }
      }
    }
    return longest;
  }

  private redactValue(value: unknown): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item));
    if (isPlainObject(value)) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, this.redactValue(item)]),
      );
    }
    return value;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
