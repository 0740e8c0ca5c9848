// GET /events: push events as Server-Sent Events, with a heartbeat the panel watches (a stream that
// goes silent is replaced; shared/event-stream). A client that stops reading is dropped once its
// unsent backlog passes a bound, instead of the server buffering for it without end; its
// EventSource reconnects and the panel reloads what it missed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PushEvent } from '../../shared/contract';
import { DEFAULT_HEARTBEAT_MS, HEARTBEAT_EVENT, type Heartbeat } from '../../shared/event-stream';
/** Unsent bytes a client may fall behind by before it is dropped. */
export const MAX_SSE_BACKLOG_BYTES = 8 * 1024 * 1024;

export function streamEvents(
  subscribe: (listener: (event: PushEvent) => void) => () => void,
  req: IncomingMessage,
  res: ServerResponse,
  heartbeatMs: number = DEFAULT_HEARTBEAT_MS,
): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  let unsubscribe = () => {};
  const send = (text: string) => {
    if (res.destroyed) return;
    if (res.writableLength > MAX_SSE_BACKLOG_BYTES) {
      // Too far behind: later events would only pile up in memory.
      stop();
      res.destroy();
      return;
    }
    res.write(text);
  };
  const beat: Heartbeat = { everyMs: heartbeatMs };
  const heartbeatText = `event: ${HEARTBEAT_EVENT}\ndata: ${JSON.stringify(beat)}\n\n`;
  const heartbeat = setInterval(() => send(heartbeatText), heartbeatMs);
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  send(`retry: 2000\n${heartbeatText}`);
  unsubscribe = subscribe((event) =>
    send(`event: ${event.type}\ndata: ${JSON.stringify(event.payload)}\n\n`),
  );
  req.on('close', stop);
  res.on('close', stop);
}
