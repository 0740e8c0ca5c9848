// In-process publish/subscribe of the contract's push events, in the order they were emitted.
import type { PushEvent, PushEventName, PushEvents } from '../../shared/contract';

export type PushListener = (event: PushEvent) => void;

export class EventBus {
  private readonly listeners = new Set<PushListener>();

  emit<E extends PushEventName>(type: E, payload: PushEvents[E]): void {
    // The mapped union cannot be narrowed from a generic key; the pair is correct by construction.
    const event = { type, payload } as PushEvent;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(`[switchboard] a ${type} listener failed:`, error);
      }
    }
  }

  subscribe(listener: PushListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
