// A container without a network still reaches the API: a Unix socket in a folder mounted into
// it, relayed here to the API's host and port. Claude Code talks to it through
// ANTHROPIC_UNIX_SOCKET. Only this one endpoint is reachable that way.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ApiRelay {
  /** The folder to mount; it holds api.sock. */
  folder: string;
  close(): void;
}

/** The API's host and port from its URL; null when the URL does not parse. */
export function apiEndpoint(baseUrl: string | undefined): { host: string; port: number } | null {
  let url: URL;
  try {
    url = new URL(baseUrl ?? 'https://api.anthropic.com');
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)) };
}

/** Starts relaying at once (the socket exists when this returns); close() ends every link. */
export function startApiRelay(target: { host: string; port: number }): ApiRelay {
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-api-'));
  const socketPath = join(folder, 'api.sock');
  const links = new Set<Socket>();
  const server: Server = createServer((inside) => {
    const outside = createConnection(target.port, target.host);
    for (const socket of [inside, outside]) {
      links.add(socket);
      socket.on('close', () => links.delete(socket));
    }
    inside.pipe(outside).on('error', () => inside.destroy());
    outside.pipe(inside).on('error', () => outside.destroy());
    inside.on('error', () => outside.destroy());
    outside.on('error', () => inside.destroy());
  });
  server.listen(socketPath);
  // The container's user may not be this one (a user namespace, an image's own user).
  server.once('listening', () => chmodSync(socketPath, 0o777));
  chmodSync(folder, 0o755);
  let closed = false;
  return {
    folder,
    close() {
      if (closed) return;
      closed = true;
      server.close();
      for (const socket of links) socket.destroy();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
