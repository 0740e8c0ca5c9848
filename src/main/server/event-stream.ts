// GET /events: push events as Server-Sent Events. A client that stops reading is dropped once its
// unsent backlog passes a bound, instead of the server buffering for it without end; its
// EventSource reconnects and the panel reloads what it missed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PushEvent } from '../../shared/contract';

const HEARTBEAT_MS = 15_000;
/** Unsent bytes a client may fall behind by before it is dropped. */
export const MAX_SSE_BACKLOG_BYTES = 8 * 1024 * 1024;

export function streamEvents(
  subscribe: (listener: (event: PushEvent) => void) => () => void,
  req: IncomingMessage,
  res: ServerResponse,
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
  const heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  send('retry: 2000\n: connected\n\n');
  unsubscribe = subscribe((event) =>
    send(`event: ${event.type}\ndata: ${JSON.stringify(event.payload)}\n\n`),
  );
  req.on('close', stop);
  res.on('close', stop);
}
