// The engine host process's entry: an Electron utility process (messages on process.parentPort)
// or a Node child forked with an IPC channel (process.send), as `npm run serve`'s tests do.
// Never imports electron. No stdin: a utility process has none.
import { ENGINE_HOST_PRIORITY, setProcessPriority } from '../engine/lifecycle/process-priority';
import { serveHostProtocol, type HostPort } from './host-channel';
import type { FromHost } from './host-protocol';

// Below the window's thread, before the engine starts threads of its own: a transcript of
// 50,000 events or a cost summary must never make the window wait.
setProcessPriority(process.pid, ENGINE_HOST_PRIORITY);

/** The part of Electron's process.parentPort the host uses (typed here to keep electron out). */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

function parentChannel(): HostPort | null {
  const parentPort = (process as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      post: (message: FromHost) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
    };
  }
  const send = process.send?.bind(process);
  if (send) {
    return {
      post: (message: FromHost) => {
        if (process.connected) send(message);
      },
      onMessage: (listener) => process.on('message', listener),
    };
  }
  return null;
}

const channel = parentChannel();
if (!channel) {
  console.error('engine-host: start me from Switchboard (utilityProcess) or with an IPC channel.');
  process.exit(2);
}
const served = serveHostProtocol(channel, {
  // A moment for the last message (stopped, failed) to leave before the process ends.
  exit: (code) => setTimeout(() => process.exit(code), 100),
});
// A Node parent that goes away takes its host down cleanly with it; so does a plain SIGTERM.
process.on('disconnect', () => void served.stop());
process.on('SIGTERM', () => void served.stop());
