// How a failed send to a channel's server is said: the server by its host, the failure by its
// cause (fetch wraps the network's own error), so Settings → Away shows "connect ECONNREFUSED …
// at ntfy.example" rather than "fetch failed".

/** The host of `url`, or `fallback` (how the person knows that server) when it is not a URL. */
export function hostOf(url: string, fallback: string): string {
  try {
    return new URL(url).host;
  } catch {
    return fallback;
  }
}

export function failureReason(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause instanceof Error && cause.message) return cause.message;
    return error.name === 'TimeoutError' ? 'no answer in time' : error.message;
  }
  return String(error);
}
