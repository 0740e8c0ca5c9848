// Which answer a view keeps when a load and pushes cross. Only the latest load counts; a push
// applied while it was on its way is applied again on top of its answer, because the server may
// have read the data before the change the push carries (a run read as "running" whose "succeeded"
// push arrived first must stay succeeded).

export type Update<T> = (current: T | undefined) => T | undefined;

export class LoadOrder<T> {
  private latest = 0;
  /** The pushes applied since the latest load started, while it is on its way. */
  private crossed: Update<T>[] | null = null;

  /** A load starts: answers to earlier ones no longer count. */
  begin(): number {
    this.crossed = [];
    return ++this.latest;
  }

  /** Whatever is on its way no longer counts (the query changed, or the view went away). */
  cancel(): void {
    this.latest++;
    this.crossed = null;
  }

  /** A push applied in place. */
  applied(update: Update<T>): void {
    this.crossed?.push(update);
  }

  /** Load `ticket` failed: whether that still counts. */
  failed(ticket: number): boolean {
    if (ticket !== this.latest) return false;
    this.crossed = null;
    return true;
  }

  /** Load `ticket` answered `value`: what to show, or `{ keep: false }` if a later load counts. */
  answered(ticket: number, value: T): { keep: true; value: T | undefined } | { keep: false } {
    if (ticket !== this.latest) return { keep: false };
    const crossed = this.crossed ?? [];
    this.crossed = null;
    return {
      keep: true,
      value: crossed.reduce<T | undefined>((data, update) => update(data), value),
    };
  }
}
