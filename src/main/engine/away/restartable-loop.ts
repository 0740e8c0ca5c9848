// A channel's listening loop (Telegram's long poll, ntfy's reply stream) that a settings change
// restarts: the running one is aborted and the next starts only once it has ended, so two never
// listen at once; after stop() none starts again.
export class RestartableLoop {
  private loop: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private stopped = false;

  constructor(private readonly run: (signal: AbortSignal) => Promise<void>) {}

  restart(): void {
    this.abort?.abort();
    const previous = this.loop;
    this.abort = null;
    this.loop = null;
    if (this.stopped) return;
    const controller = new AbortController();
    this.abort = controller;
    this.loop = (previous ?? Promise.resolve()).then(() => this.run(controller.signal));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    await this.loop;
  }
}
