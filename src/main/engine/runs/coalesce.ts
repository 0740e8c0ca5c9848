// A callback run once, a fixed delay after it is first asked for; asking again meanwhile changes
// nothing. Turns a burst (streamed text, token counts) into one write per interval.

export interface Coalesced {
  /** Runs the callback after the delay unless a run is already due. */
  request(): void;
  /** Drops a run that is due. */
  cancel(): void;
}

export function coalesce(delayMs: number, callback: () => void): Coalesced {
  let timer: NodeJS.Timeout | undefined;
  return {
    request() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        callback();
      }, delayMs);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
