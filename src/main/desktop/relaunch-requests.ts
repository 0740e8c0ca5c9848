// A relaunch (the OS starts a second instance, which quits at once) asks the running app to come
// forward. It can arrive while the app still starts (the engine host may take up to a minute), so
// it is remembered until the shell is up to show its window.
export class RelaunchRequests {
  private pending = false;
  private show: (() => void) | null = null;

  request(): void {
    if (this.show) this.show();
    else this.pending = true;
  }

  /** From now on a relaunch calls `show`; at once for one that came before. */
  attach(show: () => void): void {
    this.show = show;
    if (!this.pending) return;
    this.pending = false;
    show();
  }
}
