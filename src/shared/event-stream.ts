// The push stream's own heartbeat, beside the contract's push events. The server sends one when a
// stream opens and every `everyMs` after; a panel that then hears nothing at all for
// MISSED_HEARTBEATS of them takes the stream for dead and opens a new one. A connection can go
// silent without closing (a laptop that slept, a proxy, a stream the server stopped feeding), and
// EventSource alone would wait on it for ever while the panel shows stale data.

export const HEARTBEAT_EVENT = 'heartbeat';

export interface Heartbeat {
  everyMs: number;
}

export const DEFAULT_HEARTBEAT_MS = 15_000;

/** Heartbeats that may go missing before the stream counts as dead. */
export const MISSED_HEARTBEATS = 3;

/** The cadence a heartbeat announces, if it is a sane one. */
export function heartbeatEvery(data: unknown): number | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = JSON.parse(data) as Partial<Heartbeat> | null;
    const everyMs = parsed?.everyMs;
    return typeof everyMs === 'number' && Number.isFinite(everyMs) && everyMs >= 100
      ? everyMs
      : null;
  } catch {
    return null;
  }
}
