// Keeps the machine from sleeping while runs are active (setting desktop.keepAwake), so a long
// session or a schedule is not cut off by system sleep. Display sleep is still allowed.
import { powerSaveBlocker } from 'electron';

export class KeepAwake {
  private blockerId: number | null = null;

  get active(): boolean {
    return this.blockerId !== null;
  }

  /** Blocks app suspension while `wanted`, releases it otherwise. */
  update(wanted: boolean): void {
    if (wanted && this.blockerId === null) {
      this.blockerId = powerSaveBlocker.start('prevent-app-suspension');
    } else if (!wanted && this.blockerId !== null) {
      powerSaveBlocker.stop(this.blockerId);
      this.blockerId = null;
    }
  }
}
