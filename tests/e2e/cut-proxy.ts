// A TCP proxy in front of serve whose connections can be cut and held down, so a test can drop
// the panel's event stream the way a sleeping laptop or a restarted server would, or silence the
// event stream while it stays open (a half-dead connection: nothing arrives, nothing closes).
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface CutProxy {
  url: string;
  /** Cuts every open connection and refuses new ones until restore(). */
  cut(): void;
  restore(): void;
  /** Stops passing on what the server sends on open event streams, leaving them open. */
  silenceStreams(): void;
  close(): Promise<void>;
}

export async function startCutProxy(target: string): Promise<CutProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let down = false;
  /** The server's side of each open event stream (GET /events). */
  const streams = new Set<Socket>();
  const server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    // A request starts a chunk; an event stream may reuse a connection that served calls before.
    client.on('data', (chunk: Buffer) => {
      if (chunk.toString('latin1', 0, 12) === 'GET /events ') streams.add(upstream);
    });
    upstream.on('close', () => streams.delete(upstream));
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      down = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      down = false;
    },
    silenceStreams() {
      for (const upstream of streams) {
        upstream.unpipe();
        upstream.pause();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
