// The global shortcut that opens Quick task (settings.desktop.quickTaskShortcut). Re-registered
// when the setting changes; a shortcut that cannot be registered is reported, not thrown.
import { globalShortcut } from 'electron';

export type ShortcutResult =
  { ok: true; accelerator: string | null } | { ok: false; accelerator: string; reason: string };

export class QuickTaskShortcut {
  private registered: string | null = null;

  constructor(private readonly onPress: () => void) {}

  get accelerator(): string | null {
    return this.registered;
  }

  /** Registers `accelerator` in place of the current one; an empty string means none. */
  apply(accelerator: string): ShortcutResult {
    const wanted = accelerator.trim();
    if (wanted === this.registered) return { ok: true, accelerator: wanted || null };
    this.release();
    if (wanted === '') return { ok: true, accelerator: null };
    try {
      if (!globalShortcut.register(wanted, this.onPress)) {
        return { ok: false, accelerator: wanted, reason: 'another application already uses it' };
      }
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        accelerator: wanted,
        reason: `it is not a shortcut Electron understands (${detail})`,
      };
    }
    this.registered = wanted;
    return { ok: true, accelerator: wanted };
  }

  release(): void {
    if (this.registered !== null) globalShortcut.unregister(this.registered);
    this.registered = null;
  }
}
