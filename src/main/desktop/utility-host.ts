// Starts the engine host as an Electron utility process (Node, no window, its own crash domain)
// and presents it as the HostChild the supervisor drives.
import { utilityProcess } from 'electron';
import type { HostChild } from './engine-host-supervisor';

export function forkUtilityHost(entry: string, env: NodeJS.ProcessEnv): HostChild {
  const child = utilityProcess.fork(entry, [], {
    serviceName: 'Switchboard engine',
    env,
    stdio: 'inherit',
  });
  return {
    get pid() {
      return child.pid;
    },
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', listener),
    kill: () => void child.kill(),
  };
}
