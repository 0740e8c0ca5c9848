// What the panel's windows hold that is not saved yet (a settings form with edits, say), as each
// window last said through the bridge. Quitting asks before it drops any of it (quit-guard).
import type { WebContents } from 'electron';

export class UnsavedChanges {
  private readonly byContents = new Map<WebContents, string>();

  /** `contents` now holds `what` unsaved (a sentence for the person), or nothing (null). */
  set(contents: WebContents, what: string | null): void {
    if (what === null) {
      this.byContents.delete(contents);
      return;
    }
    if (!this.byContents.has(contents)) {
      // A window that goes away takes its unsaved changes with it.
      contents.once('destroyed', () => this.byContents.delete(contents));
    }
    this.byContents.set(contents, what);
  }

  /** Each window's unsaved changes, with the window's web contents. */
  list(): { contents: WebContents; what: string }[] {
    return [...this.byContents].map(([contents, what]) => ({ contents, what }));
  }
}
