// Stopping with a deadline: SIGTERM/SIGINT (serve) and quitting (the app) give the engine a few
// seconds to end its sessions and close the store, then exit regardless. Whatever a forced exit
// leaves running, the orphan watchdog ends.
export const STOP_DEADLINE_MS = 9_000;

/** Runs `stop`; resolves true when it finished in time, false when the deadline came first. */
export async function stopWithDeadline(
  stop: () => Promise<void>,
  deadlineMs = STOP_DEADLINE_MS,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), deadlineMs);
  });
  try {
    return await Promise.race([stop().then(() => true as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** SIGTERM and SIGINT stop cleanly and exit; exit code 0 when the stop finished in time. */
export function exitOnSignals(
  stop: () => Promise<void>,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  let stopping = false;
  const onSignal = () => {
    // Libraries that watch signals (signal-exit) re-raise them: repeats are ignored, the
    // deadline bounds the stop.
    if (stopping) return;
    stopping = true;
    stopWithDeadline(stop).then(
      (inTime) => {
        if (!inTime) console.error('switchboard: the stop took too long; exiting anyway');
        exit(inTime ? 0 : 1);
      },
      (error: unknown) => {
        console.error('switchboard: stop failed:', error);
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
